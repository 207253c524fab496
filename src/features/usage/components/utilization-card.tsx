import { useMemo } from 'react';
import { queryOptions, useQuery } from '@tanstack/react-query';
import { Bar, BarChart, CartesianGrid, Line, LineChart, ReferenceArea, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { CURRENCY_DECIMALS, type Currency } from '../../../contract/billing';
import { UTILIZATION_PATH, utilizationResponseSchema, type UtilizationPoint } from '../../../contract/utilization';
import { apiGet } from '../../../api/client';
import { ApiError } from '../../../api/errors';
import { queryKeys } from '../../../api/query-keys';
import { ChartCard } from '../../../components/chart-card';
import { CHART_MARGIN, VALUE_AXIS_WIDTH, gridProps, timeAxisProps, tooltipProps, valueAxisProps } from '../../../components/chart-frame';
import { ChartTooltipBox, ChartTooltipRow } from '../../../components/chart-tooltip';
import type { DataColumn } from '../../../components/data-table';
import { CHART_COLORS, resourceColor } from '../../../lib/colors';
import { moneyAxis, percentAxis, tickCountFor } from '../../../lib/chart-ticks';
import { formatBucketLong, formatMoney, formatNumber, formatPercent } from '../../../lib/format';
import { useElementWidth } from '../../../lib/use-element-width';
import { utilizationPeriods, type UtilKind } from '../../../lib/utilization-periods';
import type { DashboardFilters } from '../../../url-state/filter-schema';

const HEIGHT = 300;
const KIND_COLOR: Record<UtilKind, string> = { idle: 'var(--subtle)', oversized: 'var(--warning)' };
const KIND_LABEL: Record<UtilKind, string> = { idle: 'Idle', oversized: 'Oversized' };

type Row = UtilizationPoint & { t: number; pct: number | null };

function useUtilization(filters: DashboardFilters, resourceId: string) {
  const params = new URLSearchParams({ resourceId, timeRange: filters.timeRange, granularity: filters.granularity === 'hourly' ? 'hourly' : 'daily', currency: filters.currency });
  if (filters.timeRange === 'custom' && filters.startDate && filters.endDate) {
    params.set('startDate', filters.startDate);
    params.set('endDate', filters.endDate);
  }
  return useQuery(
    queryOptions({
      queryKey: [...queryKeys.usage.all(), 'utilization', params.toString()] as const,
      queryFn: ({ signal }) => apiGet(UTILIZATION_PATH, params, utilizationResponseSchema, { signal }),
    }),
  );
}

function columns(currency: Currency, hourly: boolean): DataColumn<Row>[] {
  return [
    { id: 'time', header: hourly ? 'Hour (UTC)' : 'Date', value: (r) => r.timestamp, cell: (r) => formatBucketLong(r.t, hourly ? 'hourly' : 'daily') },
    { id: 'util', header: 'GPU utilisation (%)', numeric: true, decimals: 1, value: (r) => r.pct, cell: (r) => (r.pct === null ? 'Not running' : formatPercent(r.pct)) },
    { id: 'gpus', header: 'GPUs (mean)', numeric: true, decimals: 2, value: (r) => r.gpus, cell: (r) => formatNumber(r.gpus, 2) },
    { id: 'cost', header: `Cost (${currency})`, numeric: true, decimals: CURRENCY_DECIMALS[currency], value: (r) => r.cost, cell: (r) => formatMoney(r.cost, currency) },
  ];
}

/**
 * "GPU utilisation": a cluster's utilisation over time above its cost, with
 * idle and oversized stretches shaded (the evidence for the optimisation
 * rules). From the sandbox's utilisation extension; left out where the API
 * does not serve it (404).
 */
export function UtilizationCard({ filters, resourceId }: { filters: DashboardFilters; resourceId: string }) {
  const { data, error } = useUtilization(filters, resourceId);
  const [measure, width] = useElementWidth<HTMLDivElement>();
  const hourly = data?.granularity === 'hourly';
  const rows: Row[] = useMemo(
    () => (data?.points ?? []).map((p) => ({ ...p, t: Date.parse(p.timestamp), pct: p.gpuUtilization === null ? null : p.gpuUtilization * 100 })),
    [data],
  );
  const periods = useMemo(() => (data ? utilizationPeriods(data.points, data.thresholds, hourly ? 1 : 24) : []), [data, hourly]);
  // The API lacks the extension (or this cluster): nothing to show, no error.
  if (error instanceof ApiError && error.status === 404) return null;
  const currency = filters.currency;
  const g = hourly ? 'hourly' : 'daily';
  const half = hourly ? 0 : 43_200_000;
  const top = Math.round(HEIGHT * 0.58);
  const xAxis = (visible: boolean) => (
    <XAxis {...timeAxisProps({ granularity: g, minTickGap: 24 })} hide={!visible} />
  );
  const shades = periods.map((p) => (
    <ReferenceArea key={`${p.kind}-${p.start}`} x1={p.start - half} x2={p.end - (hourly ? 3_600_000 : 86_400_000) + half} ifOverflow="hidden" fill={KIND_COLOR[p.kind]} fillOpacity={0.18} />
  ));
  const name = data?.name ?? resourceId;
  return (
    <ChartCard
      title="GPU utilisation"
      description={`${name}: mean GPU utilisation of its running hours and its cost, ${g}`}
      table={{ columns: columns(currency, hourly), rows, getRowId: (r) => r.timestamp, caption: `${name}: GPU utilisation and cost` }}
      loading={!data && !error}
      height={HEIGHT}
      exportFileName={`utilization-${resourceId}`}
      footer={
        data && (
          <div className="flex flex-col gap-1 text-2xs text-muted">
            <p className="flex flex-wrap gap-x-4 gap-y-1">
              {(['idle', 'oversized'] as const).map((k) => (
                <span key={k} className="flex items-center gap-1.5">
                  <span aria-hidden="true" className="size-2.5 rounded-sm" style={{ background: KIND_COLOR[k], opacity: 0.6 }} />
                  {k === 'idle'
                    ? `Idle: under ${formatPercent(data.thresholds.idle * 100, 0)} for 24 h or more`
                    : `Oversized: under ${formatPercent(data.thresholds.oversized * 100, 0)} for 72 h or more`}
                </span>
              ))}
            </p>
            {periods.length > 0 ? (
              <ul aria-label="Idle and oversized stretches" className="flex flex-wrap gap-x-4">
                {periods.map((p) => (
                  <li key={`${p.kind}-${p.start}`}>
                    <span className="font-medium text-foreground">{KIND_LABEL[p.kind]}</span> {formatBucketLong(p.start, g)} – {formatBucketLong(p.end - (hourly ? 3_600_000 : 86_400_000), g)} ·{' '}
                    {formatNumber(p.hours)} h · {formatMoney(p.cost, currency)}
                  </li>
                ))}
              </ul>
            ) : (
              <p>No idle or oversized stretch in this period.</p>
            )}
          </div>
        )
      }
    >
      <div ref={measure} className="h-full w-full">
        {width > 0 && data && (
          <>
            <LineChart width={width} height={top} data={rows} syncId="util" margin={CHART_MARGIN} accessibilityLayer={false}>
              <CartesianGrid {...gridProps} />
              {xAxis(false)}
              <YAxis width={VALUE_AXIS_WIDTH} {...valueAxisProps(percentAxis())} />
              {shades}
              <ReferenceLine y={data.thresholds.idle * 100} stroke={KIND_COLOR.idle} strokeDasharray="3 3" />
              <ReferenceLine y={data.thresholds.oversized * 100} stroke={KIND_COLOR.oversized} strokeDasharray="3 3" />
              <Tooltip
                {...tooltipProps}
                content={({ active, payload }) => {
                  const r = active ? (payload?.[0]?.payload as Row | undefined) : undefined;
                  if (!r) return null;
                  return (
                    <ChartTooltipBox title={formatBucketLong(r.t, g)}>
                      <ChartTooltipRow label="GPU utilisation" value={r.pct === null ? 'Not running' : formatPercent(r.pct)} color={resourceColor('clusters')} />
                      <ChartTooltipRow label="GPUs" value={formatNumber(r.gpus, 2)} />
                      <ChartTooltipRow label="Cost" value={formatMoney(r.cost, currency)} color={CHART_COLORS.accent} />
                    </ChartTooltipBox>
                  );
                }}
              />
              <Line dataKey="pct" type="linear" stroke={resourceColor('clusters')} strokeWidth={1.5} dot={false} connectNulls={false} isAnimationActive={false} />
            </LineChart>
            <BarChart width={width} height={HEIGHT - top} data={rows} syncId="util" margin={{ ...CHART_MARGIN, top: CHART_MARGIN.top + 6 }} accessibilityLayer={false}>
              <CartesianGrid {...gridProps} />
              {xAxis(true)}
              <YAxis width={VALUE_AXIS_WIDTH} {...valueAxisProps(moneyAxis(0, Math.max(0, ...rows.map((r) => r.cost)), currency, tickCountFor(HEIGHT - top)))} />
              {shades}
              <Tooltip {...tooltipProps} content={() => null} />
              <Bar dataKey="cost" fill={CHART_COLORS.accent} isAnimationActive={false} />
            </BarChart>
          </>
        )}
      </div>
    </ChartCard>
  );
}
