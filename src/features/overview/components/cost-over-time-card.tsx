import { memo, useCallback, useMemo, useState } from 'react';
import type { Currency, Granularity, ResourceTypeId, UnitId, UsageResponse } from '../../../contract/billing';
import { ChartCard } from '../../../components/chart-card';
import type { DataColumn } from '../../../components/data-table';
import { EmptyState } from '../../../components/states/empty-state';
import { CURRENCY_DECIMALS } from '../../../contract/billing';
import { resourceLabel } from '../../../lib/colors';
import { moneyAxis, numberAxis } from '../../../lib/chart-ticks';
import { formatBucketLong, formatDateLocale, formatDateRange, formatMoney, formatNumber, formatQuantity, unitLabels } from '../../../lib/format';
import { GRANULARITY_LABELS } from '../../../lib/labels';
import { useUrlState } from '../../../url-state/use-url-state';
import { costChartView } from '../cost-chart-view';
import {
  downsampleRows,
  hasAnyData,
  rowCost,
  rowQuantity,
  seriesTypes,
  stackTimeSeries,
  unitGroups,
  breakdownUnits,
  type SeriesRow,
  type UnitGroup,
} from '../cost-series';
import { SeriesLegend, type LegendItem } from './series-legend';
import { drawnPoints, StackedSeriesChart } from './stacked-series-chart';
import { CutBucketsNote } from './cut-buckets-note';
import type { ValueAxis } from '../../../lib/chart-ticks';
import { useElementWidth } from '../../../lib/use-element-width';
import { useApiClock } from '../../../api/api-clock';
import { useAnomalyMarkers } from '../../../api/anomalies';
import { useOpenAnomaly } from '../../../components/anomaly-param';
import { markerSpan, type ChartMarker } from '../../../lib/chart-markers';
import { formatMoneyCompact } from '../../../lib/format';


const PROVISIONAL_NOTE: Record<Granularity, string> = {
  hourly: 'Today’s hours are provisional',
  daily: 'Today is provisional',
  weekly: 'This week includes today and is provisional',
  monthly: 'This month includes today and is provisional',
};

/**
 * The chart redrawn only when what it draws changes: the card re-renders
 * whenever one of the unusual-spend answers changes state, and redrawing a
 * quarter of hours was a long task each time.
 */
const Chart = memo(StackedSeriesChart);
const costOf = (row: SeriesRow, type: ResourceTypeId) => row.cost[type] ?? 0;
const quantityOf = (row: SeriesRow, type: ResourceTypeId) => row.quantity[type] ?? 0;
const quantityAxis = (max: number, count: number): ValueAxis => numberAxis(0, max, count);

const CHART_HEIGHT = 300;
const PANEL_HEIGHT = 170;
const PANEL_GAP = 16;

function dateValue(row: SeriesRow, granularity: Granularity): string {
  return granularity === 'hourly' ? row.timestamp : row.timestamp.slice(0, 10);
}

function dateColumn(granularity: Granularity, withStatus: boolean): DataColumn<SeriesRow>[] {
  const date: DataColumn<SeriesRow> = {
    id: 'date',
    header: granularity === 'hourly' ? 'Hour (UTC)' : granularity === 'daily' ? 'Date' : 'Starting',
    value: (row) => dateValue(row, granularity),
    // A day without its weekday keeps the column narrow, so the table fits its card.
    cell: (row) => (
      <span className="whitespace-nowrap">{granularity === 'daily' ? formatDateLocale(row.timestamp.slice(0, 10)) : formatBucketLong(row.t, granularity)}</span>
    ),
  };
  if (!withStatus) return [date];
  return [
    date,
    {
      id: 'status',
      header: 'Status',
      value: (row) => (row.provisional ? 'provisional' : row.partial ? `partial (${row.partial})` : 'final'),
      cell: (row) =>
        row.provisional ? (
          <span className="rounded bg-warning-soft px-1.5 py-px text-2xs font-medium text-warning">Provisional</span>
        ) : row.partial ? (
          <span className="text-foreground">Partial ({row.partial})</span>
        ) : (
          <span className="text-muted">Final</span>
        ),
    },
  ];
}

/** Table (and CSV) of the cost view: each type's cost per bucket and the total. */
function costColumns(
  types: readonly ResourceTypeId[],
  currency: Currency,
  granularity: Granularity,
  withStatus: boolean,
): DataColumn<SeriesRow>[] {
  const decimals = CURRENCY_DECIMALS[currency];
  return [
    ...dateColumn(granularity, withStatus),
    ...types.map(
      (type): DataColumn<SeriesRow> => ({
        id: type,
        header: `${resourceLabel(type)} (${currency})`,
        value: (row) => row.cost[type] ?? 0,
        cell: (row) => formatMoney(row.cost[type] ?? 0, currency),
        numeric: true,
        decimals,
      }),
    ),
    {
      id: 'total',
      header: `Total (${currency})`,
      value: (row) => row.totalCost,
      cell: (row) => <span className="font-medium">{formatMoney(row.totalCost, currency)}</span>,
      numeric: true,
      decimals,
    },
  ];
}

/** Table (and CSV) of the usage view: each type's quantity per bucket, in its own unit. */
function usageColumns(
  types: readonly ResourceTypeId[],
  unitOf: (type: ResourceTypeId) => UnitId,
  granularity: Granularity,
  withStatus: boolean,
): DataColumn<SeriesRow>[] {
  return [
    ...dateColumn(granularity, withStatus),
    ...unitGroups(types, unitOf).flatMap(({ unit, types: group }) =>
      group.map(
        (type): DataColumn<SeriesRow> => ({
          id: type,
          header: `${resourceLabel(type)} (${unitLabels(unit).short})`,
          value: (row) => row.quantity[type] ?? 0,
          cell: (row) => formatNumber(row.quantity[type] ?? 0, unitLabels(unit).decimals),
          numeric: true,
          decimals: unitLabels(unit).decimals,
        }),
      ),
    ),
  ];
}

function ViewToggle({ value, onChange }: { value: 'cost' | 'usage'; onChange: (v: 'cost' | 'usage') => void }) {
  const option = (v: 'cost' | 'usage', label: string) => (
    <button
      type="button"
      aria-pressed={value === v}
      onClick={() => onChange(v)}
      className="h-6 rounded px-2 text-xs font-medium text-muted hover:text-foreground aria-pressed:bg-surface aria-pressed:text-foreground aria-pressed:shadow-card aria-pressed:ring-1 aria-pressed:ring-border-strong"
    >
      {label}
    </button>
  );
  return (
    <div role="group" aria-label="Chart shows" className="inline-flex items-center gap-0.5 rounded-md border border-border bg-surface-muted p-0.5">
      {option('cost', 'Cost')}
      {option('usage', 'Usage')}
    </div>
  );
}

/** One small chart per unit: GPU hours (GPU types stacked), requests, GB-hours, GB. */
function UsagePanels({
  rows,
  groups,
  hidden,
  width,
  granularity,
  currency,
  panelHeight,
  columns,
}: {
  rows: readonly SeriesRow[];
  groups: readonly UnitGroup[];
  hidden: ReadonlySet<ResourceTypeId>;
  width: number;
  granularity: Granularity;
  currency: Currency;
  panelHeight: number;
  columns: number;
}) {
  const panelWidth = Math.floor((width - (columns - 1) * PANEL_GAP) / columns);
  return (
    <div className="grid h-full" style={{ gridTemplateColumns: `repeat(${columns}, minmax(0, 1fr))`, gap: PANEL_GAP }}>
      {groups.map(({ unit, types }) => {
        const shown = types.filter((t) => !hidden.has(t));
        const { rows: drawn, total } = downsampleRows(rows, drawnPoints(panelWidth), (r) => rowQuantity(r, shown));
        const u = unitLabels(unit);
        return (
          <div key={unit} className="min-w-0">
            <h3 className="mb-1 truncate text-xs font-medium text-muted" title={types.map((t) => resourceLabel(t)).join(', ')}>
              {u.long.charAt(0).toUpperCase() + u.long.slice(1)}
              <span className="text-subtle"> · {types.map((t) => resourceLabel(t)).join(', ')}</span>
            </h3>
            {shown.length === 0 ? (
              <p className="flex items-center justify-center text-xs text-muted" style={{ height: panelHeight - 20 }}>
                All series of this unit are hidden
              </p>
            ) : (
              <Chart
                rows={drawn}
                buckets={total}
                types={shown}
                tooltipTypes={types}
                hidden={hidden}
                width={panelWidth}
                height={panelHeight - 20}
                granularity={granularity}
                currency={currency}
                value={quantityOf}
                yAxis={quantityAxis}
                totalUnit={unit}
                description={`${u.long} per ${granularity === 'hourly' ? 'hour' : 'bucket'} for ${types.map((t) => resourceLabel(t)).join(', ')}`}
              />
            )}
          </div>
        );
      })}
    </div>
  );
}

/**
 * "Cost over time": cost per resource type, stacked, or each type's usage in
 * its own unit; a legend that shows and hides series; the table of every
 * bucket behind "Show as table" and "Export CSV".
 */
export function CostOverTimeCard({
  data,
  loading,
  granularity,
  now,
  className = '',
}: {
  data: UsageResponse | undefined;
  loading: boolean;
  granularity: Granularity;
  /** The API's now (see useApiClock): buckets that include its day are provisional; none while unknown. */
  now: number | undefined;
  className?: string;
}) {
  const { view: values, set: setValues } = useUrlState(costChartView);
  const view = values.chart;
  const [hidden, setHidden] = useState<ReadonlySet<ResourceTypeId>>(new Set());
  const [measure, width] = useElementWidth<HTMLDivElement>();

  const currency = data?.summary.currency ?? 'USD';
  const types = useMemo(() => (data ? seriesTypes(data.breakdown) : []), [data]);
  const rows = useMemo(
    () => (data ? stackTimeSeries(data.breakdown, types, granularity, now ?? Number.NEGATIVE_INFINITY, data.period) : []),
    [data, types, granularity, now],
  );
  const unitOf = useMemo(() => breakdownUnits(data?.breakdown ?? []), [data]);
  const groups = useMemo(() => unitGroups(types, unitOf), [types, unitOf]);
  const provisional = rows.some((r) => r.provisional);
  const cut = rows.filter((r) => r.partial === 'cut by the period');
  const withData = hasAnyData(rows);

  const toggle = (type: ResourceTypeId) =>
    setHidden((prev) => {
      const next = new Set(prev);
      if (next.has(type)) next.delete(type);
      else next.add(type);
      return next;
    });

  const shown = useMemo(() => types.filter((t) => !hidden.has(t)), [types, hidden]);

  // Unusual spend of the shown types, shaded on the cost chart (listed in "Unusual spend").
  const { clock } = useApiClock();
  const anomalies = useAnomalyMarkers({ period: data?.period, today: clock?.today, types, currency });
  const [openAnomaly] = useOpenAnomaly();
  const markers: ChartMarker[] = useMemo(
    () =>
      (anomalies.markers ?? [])
        .filter((m) => !hidden.has(m.type))
        .map((m) => ({ id: m.id, ...markerSpan(m, granularity), label: `+${formatMoneyCompact(m.excess, currency)}`, selected: m.id === openAnomaly })),
    [anomalies.markers, hidden, granularity, currency, openAnomaly],
  );
  const moneyAxisOf = useCallback((max: number, count: number) => moneyAxis(0, max, currency, count), [currency]);
  const columns = view === 'cost' ? costColumns(types, currency, granularity, provisional || cut.length > 0) : usageColumns(types, unitOf, granularity, provisional || cut.length > 0);

  // Usage: one panel per unit, two across when there is room.
  const panelColumns = view === 'usage' && groups.length > 1 && width >= 640 ? 2 : 1;
  const panelRows = Math.ceil(groups.length / panelColumns);
  const panelHeight = groups.length <= panelColumns ? CHART_HEIGHT : PANEL_HEIGHT;
  const height = view === 'cost' ? CHART_HEIGHT : panelRows * panelHeight + (panelRows - 1) * PANEL_GAP;

  // Thin long series to a point every few pixels, picked on the stack's visible total.
  const downsampled = useMemo(() => downsampleRows(rows, drawnPoints(width), (r) => rowCost(r, shown)), [rows, width, shown]);

  const legendItems: LegendItem[] = (data?.breakdown ?? [])
    .slice()
    .sort((a, b) => types.indexOf(a.resourceType) - types.indexOf(b.resourceType))
    .map((item) => ({
      type: item.resourceType,
      value:
        view === 'cost'
          ? formatMoney(item.usage.cost, currency)
          : formatQuantity(item.usage.quantity, item.usage.unit),
    }));

  const period = data?.period;
  const description = (
    <>
      {view === 'cost' ? `Cost per resource type in ${currency}` : 'Usage per resource type, in its own unit'} ·{' '}
      {GRANULARITY_LABELS[granularity].toLowerCase()}
    </>
  );

  let chart = null;
  if (width > 0 && data) {
    chart =
      view === 'cost' ? (
        shown.length === 0 ? (
          <p className="flex h-full items-center justify-center text-sm text-muted">All series are hidden. Pick one in the legend.</p>
        ) : (
          <Chart
            rows={downsampled.rows}
            buckets={downsampled.total}
            types={shown}
            tooltipTypes={types}
            hidden={hidden}
            width={width}
            height={CHART_HEIGHT}
            granularity={granularity}
            currency={currency}
            value={costOf}
            yAxis={moneyAxisOf}
            markers={markers}
            description={`Stacked ${GRANULARITY_LABELS[granularity].toLowerCase()} cost in ${currency} for ${shown.map((t) => resourceLabel(t)).join(', ')}`}
          />
        )
      ) : (
        <UsagePanels
          rows={rows}
          groups={groups}
          hidden={hidden}
          width={width}
          granularity={granularity}
          currency={currency}
          panelHeight={panelHeight}
          columns={panelColumns}
        />
      );
  }

  return (
    <ChartCard
      title="Cost over time"
      description={description}
      className={className}
      actions={<ViewToggle value={view} onChange={(chart) => setValues({ chart }, { replace: true })} />}
      table={{
        columns,
        rows,
        caption: view === 'cost' ? `Cost per resource type in ${currency}` : 'Usage per resource type',
        getRowId: (row) => row.timestamp,
        initialSort: { id: 'date' },
      }}
      exportFileName={view === 'cost' ? 'cost-over-time' : 'usage-over-time'}
      height={height}
      loading={loading}
      empty={
        data && !withData ? (
          <EmptyState
            title="No usage in this period"
            description={
              period
                ? `Nothing was used between ${formatDateRange(period.startDate, period.endDate)} for these filters.`
                : undefined
            }
          />
        ) : (
          false
        )
      }
      footer={
        data &&
        withData && (
          <div className="flex flex-col gap-2">
            <SeriesLegend items={legendItems} hidden={hidden} onToggle={toggle} />
            <div className="flex flex-wrap gap-x-4 gap-y-1 text-2xs text-muted">
              {provisional && (
                <p className="flex items-center gap-1.5">
                  <span
                    aria-hidden="true"
                    className="inline-block size-2.5 rounded-sm border border-subtle"
                    style={{ backgroundImage: 'repeating-linear-gradient(45deg, var(--subtle) 0 1.5px, transparent 1.5px 4px)' }}
                  />
                  {PROVISIONAL_NOTE[granularity]}: usage is still coming in and costs are final at the end of the day.
                </p>
              )}
              {cut.length > 0 && period && <CutBucketsNote rows={cut} granularity={granularity} period={period} />}
              {view === 'cost' && markers.length > 0 && (
                <p className="flex items-center gap-1.5">
                  <span aria-hidden="true" className="inline-block size-2.5 rounded-sm border border-warning bg-warning-soft" />
                  Shaded: unusual spend ({markers.length}), explained under “Unusual spend”.
                </p>
              )}
              {view === 'cost' && downsampled.downsampled && (
                <p>
                  Showing {formatNumber(downsampled.rows.length)} of {formatNumber(downsampled.total)} buckets, picked to keep
                  peaks and dips; the table lists every bucket.
                </p>
              )}
            </div>
          </div>
        )
      }
    >
      <div ref={measure} className="h-full w-full">
        {chart}
      </div>
    </ChartCard>
  );
}

