import { useMemo } from 'react';
import { Area, AreaChart, CartesianGrid, Tooltip, XAxis, YAxis } from 'recharts';
import { useBucketedSeries } from '../../../api/bucketed-series';
import { ChartCard } from '../../../components/chart-card';
import { CHART_MARGIN, VALUE_AXIS_WIDTH, gridProps, timeAxisProps, tooltipProps, valueAxisProps } from '../../../components/chart-frame';
import { ChartTooltipBox, ChartTooltipRow } from '../../../components/chart-tooltip';
import type { DataColumn } from '../../../components/data-table';
import { Panel } from '../../../components/panel';
import { ErrorPanel } from '../../../components/states/error-panel';
import { CURRENCY_DECIMALS, type Currency, type Granularity, type Period, type TeamBreakdownItem } from '../../../contract/billing';
import { CHART_COLORS } from '../../../lib/colors';
import { formatBucketLong, formatMoney } from '../../../lib/format';
import { moneyAxis, tickCountFor } from '../../../lib/chart-ticks';
import { useElementWidth } from '../../../lib/use-element-width';
import type { DashboardFilters } from '../../../url-state/filter-schema';

const HEIGHT = 220;

interface Row {
  t: number;
  timestamp: string;
  cost: number;
}

function columns(currency: Currency, granularity: Granularity): DataColumn<Row>[] {
  return [
    { id: 'date', header: 'Date', value: (r) => r.timestamp.slice(0, 10), cell: (r) => formatBucketLong(r.t, granularity) },
    { id: 'cost', header: `Cost (${currency})`, numeric: true, decimals: CURRENCY_DECIMALS[currency], value: (r) => r.cost, cell: (r) => formatMoney(r.cost, currency) },
  ];
}

/**
 * A team's cost over time: the team's `timeSeries` where the API sends it (an
 * extension), else one documented `/usage` request per bucket with team
 * metrics (the same plan as Usage's cost over time by project).
 */
export function TeamCostCard({
  filters,
  team,
  period,
  totalCost,
  granularity,
}: {
  filters: DashboardFilters;
  team: TeamBreakdownItem;
  period: Period;
  /** The organisation's total for the period (what the buckets add up to). */
  totalCost: number;
  /** The granularity of the team's own timeSeries. */
  granularity: Granularity;
}) {
  const own = team.timeSeries;
  const bucketed = useBucketedSeries({ filters, dimension: 'project', period, periodTotal: totalCost, enabled: own === undefined });
  const [measure, width] = useElementWidth<HTMLDivElement>();
  const currency = filters.currency;
  const rows = useMemo((): Row[] | undefined => {
    const points = own ?? bucketed?.merged?.items.find((i) => i.key === team.teamId)?.timeSeries ?? (bucketed?.merged ? [] : undefined);
    return points?.map((p) => ({ t: Date.parse(p.timestamp), timestamp: p.timestamp, cost: p.cost }));
  }, [own, bucketed?.merged, team.teamId]);
  const g: Granularity = own ? granularity : (bucketed?.plan.granularity ?? 'daily');
  const title = 'Cost over time';

  if (!own && bucketed?.plan.tooLong)
    return (
      <Panel title={title}>
        <p className="text-[13px] text-muted">
          The billing API sends no team series, and this range has {bucketed.plan.tooLong.months} months, more than one request each can cover. Choose a shorter range.
        </p>
      </Panel>
    );
  if (!own && bucketed?.missingField)
    return (
      <Panel title={title}>
        <p className="text-[13px] text-muted">The billing API’s answers have no team metrics, so there is no cost over time for this team.</p>
      </Panel>
    );
  if (!own && bucketed?.error)
    return (
      <Panel title={title}>
        <ErrorPanel error={bucketed.error} onRetry={bucketed.refetch} retrying={bucketed.isFetching} />
      </Panel>
    );
  const source = own
    ? ''
    : bucketed?.plan
      ? ` · from ${bucketed.plan.buckets.length} documented requests, one per ${{ daily: 'day', weekly: 'week', monthly: 'month' }[bucketed.plan.granularity]}`
      : '';
  return (
    <ChartCard
      title={title}
      description={`${team.teamName}’s cost · ${g} in ${currency}${source}`}
      table={{ columns: columns(currency, g), rows: rows ?? [], getRowId: (r) => r.timestamp, caption: `${team.teamName}: cost over time` }}
      loading={!rows}
      empty={rows !== undefined && rows.length === 0}
      height={HEIGHT}
      exportFileName={`team-${team.teamId}-cost-over-time`}
    >
      <div ref={measure} className="h-full w-full">
        {width > 0 && rows && rows.length > 0 && (
          <AreaChart width={width} height={HEIGHT} data={rows} margin={CHART_MARGIN} accessibilityLayer={false}>
            <CartesianGrid {...gridProps} />
            <XAxis {...timeAxisProps({ granularity: g, minTickGap: 24 })} />
            <YAxis width={VALUE_AXIS_WIDTH} {...valueAxisProps(moneyAxis(0, Math.max(0, ...rows.map((r) => r.cost)), currency, tickCountFor(HEIGHT)))} />
            <Tooltip
              {...tooltipProps}
              cursor={{ stroke: CHART_COLORS.axis }}
              content={({ active, payload }) => {
                const row = active ? (payload?.[0]?.payload as Row | undefined) : undefined;
                return row ? (
                  <ChartTooltipBox title={formatBucketLong(row.t, g)}>
                    <ChartTooltipRow label="Cost" value={formatMoney(row.cost, currency)} color={CHART_COLORS.accent} strong />
                  </ChartTooltipBox>
                ) : null;
              }}
            />
            <Area dataKey="cost" type="monotone" stroke={CHART_COLORS.accent} fill={CHART_COLORS.accent} fillOpacity={0.2} strokeWidth={1.5} dot={false} isAnimationActive={false} />
          </AreaChart>
        )}
      </div>
    </ChartCard>
  );
}
