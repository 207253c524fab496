import { useMemo } from 'react';
import { useLocation } from 'react-router';
import { CURRENCY_DECIMALS, type Currency, type Granularity, type Period, type ResourceTypeId } from '../../../contract/billing';
import { useApiClock } from '../../../api/api-clock';
import { partialBucket } from '../../../lib/partial-buckets';
import { ChartCard } from '../../../components/chart-card';
import type { DataColumn } from '../../../components/data-table';
import { EmptyState } from '../../../components/states/empty-state';
import { resourceLabel, resourceColor } from '../../../lib/colors';
import { formatBucketLong, formatMoney, formatMoneyCompact, formatNumber, resourceUnit } from '../../../lib/format';
import { GRANULARITY_LABELS } from '../../../lib/labels';
import { formatExactQuantity, quantityDecimals, unitTitle } from '../usage-format';
import type { SeriesPoint } from '../usage-transforms';
import { TimeSeriesChart } from './time-series-chart';
import { useAnomalyMarkers } from '../../../api/anomalies';
import { useOpenAnomaly } from '../../../components/anomaly-param';
import { markerSpan, type ChartMarker } from '../../../lib/chart-markers';
import type { DashboardFilters } from '../../../url-state/filter-schema';
import { stretchesOf, stretchKindsIn, useUtilization } from '../api/get-utilization';
import { KIND_COLOR, stretchAreas } from './stretch-areas';
import { STRETCH_PARAM } from './utilization-card';

const HEIGHT = 320;
const BUCKET_MS: Record<Granularity, number> = { hourly: 3_600_000, daily: 86_400_000, weekly: 7 * 86_400_000, monthly: 31 * 86_400_000 };

/** A type's quantity and cost per bucket, as two aligned panels, with every bucket in the table and CSV. */
export function TimeSeriesCard({
  resourceType,
  points,
  granularity,
  currency,
  period,
  markerPeriod,
  loading,
  cluster,
}: {
  resourceType: ResourceTypeId;
  points: readonly SeriesPoint[] | undefined;
  granularity: Granularity;
  currency: Currency;
  /** The answer's period: weeks or months it cuts short are partial. */
  period?: Pick<Period, 'startDate' | 'endDate'>;
  /** The period to find unusual spend in (no markers while unknown, or for a narrowed view). */
  markerPeriod?: Pick<Period, 'startDate' | 'endDate'>;
  loading: boolean;
  /** A GPU cluster's view where the API sends extensions: its idle and oversized stretches are shaded on the cost panel and listed in the table. */
  cluster?: { filters: DashboardFilters; resourceId: string };
}) {
  const unit = resourceUnit(resourceType);
  // Partial buckets by the API's clock (today, this week, this month) and the period: hatched, and "partial" in the table.
  const { clock } = useApiClock();
  const partialOf = (p: SeriesPoint) => partialBucket(p.t, granularity, { now: clock?.now, period });
  const firstPartial = (points ?? []).find((p) => partialOf(p) !== undefined)?.t;
  const utilization = useUtilization(cluster?.filters ?? ({} as DashboardFilters), cluster?.resourceId ?? '', cluster !== undefined);
  const util = cluster ? utilization.data : undefined;
  const stretches = util ? stretchesOf(util) : undefined;
  const focus = new URLSearchParams(useLocation().search).get(STRETCH_PARAM);
  const bucketEnd = (p: SeriesPoint, i: number, all: readonly SeriesPoint[]) => all[i + 1]?.t ?? p.t + BUCKET_MS[granularity];
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
      { id: 'complete', header: 'Bucket', value: (p) => partialOf(p) ?? 'complete', cell: (p) => (partialOf(p) ? `partial (${partialOf(p)})` : 'complete') },
      ...(stretches && util
        ? [
            {
              id: 'stretch',
              header: `${util.name}: idle or oversized`,
              value: (p: SeriesPoint) => stretchOf(p),
              cell: (p: SeriesPoint) => stretchOf(p) || '—',
            },
          ]
        : []),
    ],
    // eslint-disable-next-line react-hooks/exhaustive-deps -- partialOf follows clock and period
    [granularity, currency, unit.unit, clock?.now, period?.startDate, period?.endDate, stretches, util?.name],
  );
  const rows = points ?? [];
  const index = new Map(rows.map((p, i) => [p.t, i]));
  function stretchOf(p: SeriesPoint): string {
    const i = index.get(p.t) ?? 0;
    return stretches ? stretchKindsIn(stretches, p.t, bucketEnd(p, i, rows)) : '';
  }
  const anomalies = useAnomalyMarkers({ period: markerPeriod, today: clock?.today, types: [resourceType], currency });
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
          {stretches && util && (
            <span className="flex items-center gap-1.5" data-testid="stretch-legend">
              <span aria-hidden="true" className="inline-block size-2.5 rounded-sm" style={{ background: KIND_COLOR.idle, opacity: 0.6 }} />
              <span aria-hidden="true" className="-ml-1 inline-block size-2.5 rounded-sm" style={{ background: KIND_COLOR.oversized, opacity: 0.6 }} />
              {stretches.length > 0
                ? `Shaded on the cost: ${util.name} idle (${stretches.filter((s) => s.kind === 'idle').length}) and oversized (${stretches.filter((s) => s.kind === 'oversized').length}), from its GPU utilisation below`
                : `${util.name} had no idle or oversized stretch in this period`}
            </span>
          )}
          {firstPartial !== undefined && (
            <span className="flex items-center gap-1.5">
              <span aria-hidden="true" className="h-2 w-3 rounded-sm border border-border-strong bg-[repeating-linear-gradient(45deg,var(--muted)_0_2px,transparent_2px_5px)]" />
              Hatched: up to a partial bucket (still filling, or cut by the range)
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
        <TimeSeriesChart
          points={rows}
          resourceType={resourceType}
          granularity={granularity}
          currency={currency}
          height={HEIGHT}
          markers={markers}
          partialFrom={firstPartial}
          costAreas={stretches && stretchAreas(stretches, granularity, focus === 'idle' || focus === 'oversized' ? focus : undefined)}
        />
      </div>
    </ChartCard>
  );
}
