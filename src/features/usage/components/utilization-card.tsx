import { useEffect, useMemo, useRef } from 'react';
import { useLocation } from 'react-router';
import { Bar, BarChart, CartesianGrid, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from 'recharts';
import { CURRENCY_DECIMALS, type Currency } from '../../../contract/billing';
import type { UtilizationPoint } from '../../../contract/utilization';
import { ApiError } from '../../../api/errors';
import { Notice } from '../../../components/states/notice';
import { ChartCard } from '../../../components/chart-card';
import { CHART_MARGIN, VALUE_AXIS_WIDTH, gridProps, timeAxisProps, tooltipProps, valueAxisProps } from '../../../components/chart-frame';
import { ChartTooltipBox, ChartTooltipRow } from '../../../components/chart-tooltip';
import type { DataColumn } from '../../../components/data-table';
import { CHART_COLORS, resourceColor } from '../../../lib/colors';
import { moneyAxis, percentAxis, tickCountFor } from '../../../lib/chart-ticks';
import { formatBucketLong, formatMoney, formatNumber, formatPercent } from '../../../lib/format';
import { useElementWidth } from '../../../lib/use-element-width';
import type { UtilKind } from '../../../lib/utilization-periods';
import type { DashboardFilters } from '../../../url-state/filter-schema';
import { stretchesOf, useUtilization } from '../api/get-utilization';
import { KIND_COLOR, KIND_LABEL, stretchAreas } from './stretch-areas';

const HEIGHT = 300;
/** `?stretch=idle|oversized`: the kind of stretch a link (from Optimization) opens the view on. */
export const STRETCH_PARAM = 'stretch';
const KINDS: readonly string[] = ['idle', 'oversized'];

type Row = UtilizationPoint & { t: number; pct: number | null };

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
  const { search } = useLocation();
  const asked = new URLSearchParams(search).get(STRETCH_PARAM);
  const focus = asked !== null && KINDS.includes(asked) ? (asked as UtilKind) : undefined;
  const hourly = data?.granularity === 'hourly';
  const rows: Row[] = useMemo(
    () => (data?.points ?? []).map((p) => ({ ...p, t: Date.parse(p.timestamp), pct: p.gpuUtilization === null ? null : p.gpuUtilization * 100 })),
    [data],
  );
  const periods = data ? stretchesOf(data) : [];
  // Opened on a stretch: bring the evidence into view once it is drawn.
  const box = useRef<HTMLDivElement>(null);
  const scrolled = useRef(false);
  useEffect(() => {
    if (!data || asked === null || scrolled.current) return;
    scrolled.current = true;
    box.current?.scrollIntoView({ block: 'start' });
  }, [data, asked]);
  // The API lacks the extension (or this cluster): nothing to show, no error.
  if (error instanceof ApiError && error.status === 404) return null;
  const currency = filters.currency;
  const g = hourly ? 'hourly' : 'daily';
  const top = Math.round(HEIGHT * 0.58);
  const xAxis = (visible: boolean) => (
    <XAxis {...timeAxisProps({ granularity: g, minTickGap: 24 })} hide={!visible} />
  );
  const shades = stretchAreas(periods, g, focus);
  const focused = periods.filter((p) => p.kind === focus);
  const name = data?.name ?? resourceId;
  return (
    <div ref={box} id="utilisation" className="flex scroll-mt-4 flex-col gap-2">
      {asked !== null && !focus && (
        <Notice>
          <p>
            The link asks for a “{asked}” stretch; the kinds are idle and oversized, so every stretch is shown alike.
          </p>
        </Notice>
      )}
      {focus && data && (
        <Notice>
          <p data-testid="stretch-focus">
            {focused.length > 0
              ? `The ${focus} stretch${focused.length === 1 ? '' : 'es'} behind the recommendation ${focused.length === 1 ? 'is' : 'are'} outlined: ${focused
                  .map((p) => `${formatBucketLong(p.start, g)} – ${formatBucketLong(p.end - (hourly ? 3_600_000 : 86_400_000), g)}`)
                  .join('; ')} (${formatNumber(focused.reduce((a, p) => a + p.hours, 0))} h, ${formatMoney(focused.reduce((a, p) => a + p.cost, 0), filters.currency)}).`
              : `No ${focus} stretch in this period: choose the period the recommendation analysed.`}
          </p>
        </Notice>
      )}
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
            <LineChart width={width} height={top} data={rows} syncId="util" margin={{ ...CHART_MARGIN, bottom: 8 }} accessibilityLayer={false}>
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
    </div>
  );
}
