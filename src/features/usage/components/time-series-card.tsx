import { useMemo } from 'react';
import { CURRENCY_DECIMALS, type Currency, type Granularity, type ResourceTypeId } from '../../../contract/billing';
import { ChartCard } from '../../../components/chart-card';
import type { DataColumn } from '../../../components/data-table';
import { EmptyState } from '../../../components/states/empty-state';
import { resourceLabel, resourceColor } from '../../../lib/colors';
import { formatBucketLong, formatMoney, formatNumber, resourceUnit } from '../../../lib/format';
import { GRANULARITY_LABELS } from '../../../lib/labels';
import { formatExactQuantity, quantityDecimals, unitTitle } from '../usage-format';
import type { SeriesPoint } from '../usage-transforms';
import { TimeSeriesChart } from './time-series-chart';
import type { Period } from '../../../contract/billing';
import { useApiClock } from '../../../api/api-clock';
import { useAnomalyMarkers } from '../../../api/anomalies';
import { useOpenAnomaly } from '../../../components/anomaly-param';
import { markerSpan, type ChartMarker } from '../../../lib/chart-markers';
import { formatMoneyCompact } from '../../../lib/format';

const HEIGHT = 320;

/** A type's quantity and cost per bucket, as two aligned panels, with every bucket in the table and CSV. */
export function TimeSeriesCard({
  resourceType,
  points,
  granularity,
  currency,
  loading,
  period,
}: {
  /** The answer's period, for the unusual-spend markers (none while unknown). */
  period?: Pick<Period, 'startDate' | 'endDate'>;
  resourceType: ResourceTypeId;
  points: readonly SeriesPoint[] | undefined;
  granularity: Granularity;
  currency: Currency;
  loading: boolean;
}) {
  const unit = resourceUnit(resourceType);
  const columns = useMemo<DataColumn<SeriesPoint>[]>(
    () => [
      { id: 'time', header: 'Time (UTC)', value: (p) => p.timestamp, cell: (p) => formatBucketLong(p.timestamp, granularity) },
      {
        id: 'quantity',
        header: unitTitle(unit.unit),
        numeric: true,
        decimals: quantityDecimals(unit.unit),
        value: (p) => p.value,
        cell: (p) => formatExactQuantity(p.value, unit.unit),
      },
      {
        id: 'cost',
        header: `Cost (${currency})`,
        numeric: true,
        decimals: CURRENCY_DECIMALS[currency],
        value: (p) => p.cost,
        cell: (p) => formatMoney(p.cost, currency),
      },
    ],
    [granularity, currency, unit.unit],
  );
  const rows = points ?? [];
  const { clock } = useApiClock();
  const anomalies = useAnomalyMarkers({ period, today: clock?.today, types: [resourceType], currency });
  const [openAnomaly] = useOpenAnomaly();
  const markers: ChartMarker[] = (anomalies.markers ?? []).map((m) => ({
    id: m.id,
    ...markerSpan(m, granularity),
    label: `+${formatMoneyCompact(m.excess, currency)}`,
    selected: m.id === openAnomaly,
  }));
  const nothing = rows.every((p) => p.value === 0 && p.cost === 0);
  const label = resourceLabel(resourceType);

  return (
    <ChartCard
      title="Usage and cost over time"
      description={
        <span className="tabular-nums">
          {GRANULARITY_LABELS[granularity]}
          {points && ` · ${formatNumber(rows.length)} ${rows.length === 1 ? 'bucket' : 'buckets'}`} · {unit.long} and cost in {currency}
        </span>
      }
      table={{ columns, rows, caption: `${label}: ${unit.long} and cost per ${granularity} bucket`, getRowId: (p) => p.timestamp }}
      loading={loading}
      empty={nothing && <EmptyState title={`No ${label} usage in this period`} description="Pick another time range." />}
      height={HEIGHT}
      exportFileName={`usage-${resourceType}-${granularity}`}
      footer={
        <p className="flex flex-wrap gap-x-4 gap-y-1 text-2xs text-muted">
          <span className="flex items-center gap-1.5">
            <span aria-hidden="true" className="h-2 w-3 rounded-sm" style={{ background: resourceColor(resourceType) }} />
            {unitTitle(unit.unit)}
          </span>
          <span className="flex items-center gap-1.5">
            <span aria-hidden="true" className="h-0.5 w-3 rounded-full bg-accent" />
            Cost ({currency})
          </span>
          {markers.length > 0 && (
            <span className="flex items-center gap-1.5">
              <span aria-hidden="true" className="inline-block size-2.5 rounded-sm border border-warning bg-warning-soft" />
              Shaded: unusual spend ({markers.length}), explained under “Unusual spend”
            </span>
          )}
          <span>Hover for a bucket’s exact figures; the table lists every bucket.</span>
        </p>
      }
    >
      <div
        role="img"
        aria-label={`${label}: ${unit.long} (top) and cost in ${currency} (bottom) per ${granularity} bucket. Use “Show as table” for the figures.`}
        className="h-full"
      >
        <TimeSeriesChart points={rows} resourceType={resourceType} granularity={granularity} currency={currency} height={HEIGHT} markers={markers} />
      </div>
    </ChartCard>
  );
}
