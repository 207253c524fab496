import { useMemo, type ReactNode } from 'react';
import { Area, AreaChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import { CURRENCY_DECIMALS, type Currency, type Granularity, type Period } from '../../../contract/billing';
import { ApiError } from '../../../api/errors';
import { ChartCard } from '../../../components/chart-card';
import { CHART_MARGIN, VALUE_AXIS_WIDTH, gridProps, timeAxisProps, tooltipProps, valueAxisProps } from '../../../components/chart-frame';
import { ChartTooltipBox, ChartTooltipRow } from '../../../components/chart-tooltip';
import type { DataColumn } from '../../../components/data-table';
import { Panel } from '../../../components/panel';
import { ErrorPanel } from '../../../components/states/error-panel';
import { moneyAxis, tickCountFor } from '../../../lib/chart-ticks';
import { CHART_COLORS, categoryColor } from '../../../lib/colors';
import { formatBucketLong, formatMoney } from '../../../lib/format';
import { GROUP_BY_LABELS } from '../../../lib/labels';
import { useElementWidth } from '../../../lib/use-element-width';
import type { DashboardFilters } from '../../../url-state/filter-schema';
import { useUsageSeries } from '../api/get-usage-series';
import { useBucketedSeries } from '../../../api/bucketed-series';
import { isBucketed } from '../../../lib/bucket-merge';
import { MAX_BUCKETS, type BucketGranularity, type BucketPlan } from '../../../lib/bucket-plan';
import { OTHER_KEY, stackSeries, type StackRow, type StackSeries } from '../series-stack';

const HEIGHT = 260;
const colorOf = (s: StackSeries, i: number) => (s.key === OTHER_KEY ? 'var(--subtle)' : categoryColor(i));

function columns(series: StackSeries[], currency: Currency, granularity: Granularity): DataColumn<StackRow>[] {
  const decimals = CURRENCY_DECIMALS[currency];
  return [
    { id: 'date', header: 'Date', value: (r) => r.timestamp.slice(0, 10), cell: (r) => formatBucketLong(r.t, granularity) },
    ...series.map(
      (s): DataColumn<StackRow> => ({
        id: s.key,
        header: `${s.name} (${currency})`,
        numeric: true,
        decimals,
        value: (r) => r.values[s.key] ?? 0,
        cell: (r) => formatMoney(r.values[s.key] ?? 0, currency),
      }),
    ),
    { id: 'total', header: `Total (${currency})`, numeric: true, decimals, value: (r) => r.total, cell: (r) => formatMoney(r.total, currency) },
  ];
}

const DESCRIBE: Record<BucketGranularity, string> = { daily: 'day', weekly: 'week', monthly: 'month' };

/** How the documented requests were planned, for the chart's description. */
function bucketNote(plan: BucketPlan): string {
  const n = plan.buckets.length;
  const per = `${n} documented request${n === 1 ? '' : 's'}, one per ${DESCRIBE[plan.granularity]}`;
  if (!plan.coarsenedFrom) return ` · from ${per}`;
  return ` · by ${DESCRIBE[plan.granularity]}: one request per ${DESCRIBE[plan.coarsenedFrom]} would be more than ${MAX_BUCKETS}, so ${per}`;
}

const note = (title: string, text: ReactNode) => (
  <Panel title={title}>
    <p className="text-[13px] text-muted">{text}</p>
  </Panel>
);

/**
 * "Cost over time by <Group by>": the five costliest members stacked, the
 * rest as Other, with every bucket in the table. From the sandbox's
 * `/usage/series` extension where the API sends groups; elsewhere (or when
 * it answers 404) from one documented `/usage` request per bucket.
 */
export function BreakdownOverTimeCard({
  filters,
  available,
  period,
  totalCost,
}: {
  filters: DashboardFilters;
  available: boolean | undefined;
  /** The page's answer for the filters: the buckets' period and the total they add up to. */
  period?: Period;
  totalCost?: number;
}) {
  const ext = useUsageSeries(filters, available === true);
  const extMissing = available === false || (ext.error instanceof ApiError && ext.error.status === 404 && !ext.data);
  const dimension = filters.groupBy;
  const bucketed = useBucketedSeries({
    filters,
    dimension: isBucketed(dimension) ? dimension : 'region',
    period,
    periodTotal: totalCost,
    enabled: extMissing && isBucketed(dimension),
  });
  const [measure, width] = useElementWidth<HTMLDivElement>();
  const dim = GROUP_BY_LABELS[dimension].toLowerCase();
  const title = `Cost over time by ${dim}`;
  const source = extMissing ? bucketed?.merged : ext.data;
  const stack = useMemo(() => (source ? stackSeries(source.items, 5) : undefined), [source]);

  if (extMissing) {
    if (!isBucketed(dimension))
      return note(title, `The billing API documents no cost by ${dim} per request, so there is no cost over time by ${dim}; the breakdown above has the period’s totals.`);
    if (bucketed?.plan.tooLong)
      return note(
        title,
        `Cost over time by ${dim} takes one request per month here, and this range has ${bucketed.plan.tooLong.months} months (at most ${MAX_BUCKETS}). Choose a shorter range.`,
      );
    if (bucketed?.missingField) return note(title, `The billing API’s answers have no breakdown by ${dim}; the breakdown above has the period’s totals.`);
    if (bucketed?.error)
      return (
        <Panel title={title}>
          <ErrorPanel error={bucketed.error} onRetry={bucketed.refetch} retrying={bucketed.isFetching} />
        </Panel>
      );
  } else if (ext.error && !ext.data) {
    return (
      <Panel title={title}>
        <ErrorPanel error={ext.error} onRetry={() => void ext.refetch()} retrying={ext.isFetching} />
      </Panel>
    );
  }
  const currency = filters.currency;
  const plan = extMissing ? bucketed?.plan : undefined;
  const granularity = plan ? plan.granularity : (ext.data?.granularity ?? 'daily');
  const loading = !source;
  const progress = plan && loading ? ` · ${bucketed?.answered ?? 0} of ${plan.buckets.length} answered` : '';
  const series = stack?.series ?? [];
  const rows = stack?.rows ?? [];
  return (
    <ChartCard
      title={title}
      description={`The five costliest by ${dim}, the rest as Other, stacked · ${granularity} in ${currency}${plan ? bucketNote(plan) : ''}${progress}`}
      table={{ columns: columns(series, currency, granularity), rows, getRowId: (r) => r.timestamp, caption: title }}
      loading={loading}
      empty={!loading && series.length === 0}
      height={HEIGHT}
      exportFileName={`cost-over-time-by-${filters.groupBy}`}
      footer={
        <ul className="flex flex-wrap gap-x-4 gap-y-1 text-2xs text-muted" aria-label="Series">
          {series.map((s, i) => (
            <li key={s.key} className="flex items-center gap-1.5">
              <span aria-hidden="true" className="size-2.5 rounded-sm" style={{ background: colorOf(s, i) }} />
              {s.name} <span className="font-medium text-foreground tabular-nums">{formatMoney(s.cost, currency)}</span>
            </li>
          ))}
        </ul>
      }
    >
      <div ref={measure} className="h-full w-full">
        {width > 0 && rows.length > 0 && (
          <AreaChart width={width} height={HEIGHT} data={rows} margin={CHART_MARGIN} accessibilityLayer={false}>
            <CartesianGrid {...gridProps} />
            <XAxis {...timeAxisProps({ granularity, minTickGap: 24 })} />
            <YAxis width={VALUE_AXIS_WIDTH} {...valueAxisProps(moneyAxis(0, Math.max(0, ...rows.map((r) => r.total)), currency, tickCountFor(HEIGHT)))} />
            <Tooltip
              {...tooltipProps}
              cursor={{ stroke: CHART_COLORS.axis }}
              content={({ active, payload }) => {
                const row = active ? (payload?.[0]?.payload as StackRow | undefined) : undefined;
                if (!row) return null;
                return (
                  <ChartTooltipBox title={formatBucketLong(row.t, granularity)}>
                    {series.map((s, i) => (
                      <ChartTooltipRow key={s.key} label={s.name} value={formatMoney(row.values[s.key] ?? 0, currency)} color={colorOf(s, i)} />
                    ))}
                    <ChartTooltipRow label="Total" value={formatMoney(row.total, currency)} strong />
                  </ChartTooltipBox>
                );
              }}
            />
            {series.map((s, i) => (
              <Area
                key={s.key}
                dataKey={(r: StackRow) => r.values[s.key] ?? 0}
                name={s.name}
                type="monotone"
                stackId="s"
                stroke={colorOf(s, i)}
                fill={colorOf(s, i)}
                fillOpacity={0.3}
                strokeWidth={1.25}
                dot={false}
                isAnimationActive={false}
              />
            ))}
          </AreaChart>
        )}
      </div>
    </ChartCard>
  );
}
