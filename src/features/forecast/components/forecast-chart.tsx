import {
  Area,
  CartesianGrid,
  ComposedChart,
  Line,
  ReferenceLine,
  Tooltip,
  XAxis,
  YAxis,
  type TooltipContentProps,
} from 'recharts';
import { CURRENCY_DECIMALS, type Currency } from '../../../contract/billing';
import { ChartCard } from '../../../components/chart-card';
import type { DataColumn } from '../../../components/data-table';
import { CHART_COLORS } from '../../../lib/colors';
import { formatMoney, formatPercent } from '../../../lib/format';
import { moneyAxis, pickTicks, tickCountFor } from '../../../lib/chart-ticks';
import {
  CHART_MARGIN,
  ChartFrame,
  MARKER_LABEL,
  VALUE_AXIS_WIDTH,
  gridProps,
  timeAxisProps,
  tooltipProps,
  valueAxisProps,
} from '../../../components/chart-frame';
import { confidenceLabel } from '../forecast-view';
import { formatMonthLong, type ForecastPoint } from '../forecast-series';

/** The highest figure drawn (actuals, projections and the band's top), for round value ticks. */
function forecastMax(points: readonly ForecastPoint[]): number {
  let max = 0;
  for (const p of points) for (const v of [p.actual, p.line, p.actualToDate, p.band?.[1]]) if (typeof v === 'number' && v > max) max = v;
  return max;
}

const ACTUAL_COLOR = 'var(--chart-1)';
const PROJECTED_COLOR = 'var(--accent)';
const BAND_COLOR = 'var(--accent)';
const TO_DATE_COLOR = 'var(--chart-2)';

function columns(currency: Currency, level: number): DataColumn<ForecastPoint>[] {
  const decimals = CURRENCY_DECIMALS[currency];
  const money = (get: (p: ForecastPoint) => number | undefined) => (p: ForecastPoint) => {
    const v = get(p);
    return v === undefined ? '—' : formatMoney(v, currency);
  };
  return [
    { id: 'month', header: 'Month', value: (p) => p.month, cell: (p) => <span className="whitespace-nowrap">{formatMonthLong(p.month)}</span> },
    { id: 'kind', header: 'Type', value: (p) => (p.kind === 'actual' ? 'Actual' : 'Projected') },
    { id: 'actual', header: `Actual (${currency})`, value: (p) => p.actual, cell: money((p) => p.actual), numeric: true, decimals },
    {
      id: 'actualToDate',
      header: `Actual to date (${currency})`,
      value: (p) => p.actualToDate,
      cell: money((p) => p.actualToDate),
      numeric: true,
      decimals,
    },
    { id: 'projected', header: `Projected (${currency})`, value: (p) => p.projected, cell: money((p) => p.projected), numeric: true, decimals },
    {
      id: 'lowerBound',
      header: `Lower (${confidenceLabel(level)}) (${currency})`,
      value: (p) => p.lowerBound,
      cell: money((p) => p.lowerBound),
      numeric: true,
      decimals,
    },
    {
      id: 'upperBound',
      header: `Upper (${confidenceLabel(level)}) (${currency})`,
      value: (p) => p.upperBound,
      cell: money((p) => p.upperBound),
      numeric: true,
      decimals,
    },
  ];
}

function ForecastTooltip({ active, payload, currency, level }: TooltipContentProps & { currency: Currency; level: number }) {
  const p = payload?.[0]?.payload as ForecastPoint | undefined;
  if (!active || !p) return null;
  const row = (label: string, value: number | undefined, color?: string) =>
    value === undefined ? null : (
      <>
        <dt className="flex items-center gap-1.5 text-muted">
          {color && <span aria-hidden="true" className="size-2 rounded-full" style={{ background: color }} />}
          {label}
        </dt>
        <dd className="text-right font-medium">{formatMoney(value, currency)}</dd>
      </>
    );
  return (
    <div className="rounded-md border border-border-strong bg-surface px-3 py-2 text-xs text-foreground shadow-card">
      <p className="mb-1 font-semibold">
        {formatMonthLong(p.month)}
        <span className="ml-1.5 font-normal text-muted">{p.kind === 'actual' ? 'actual' : 'projected'}</span>
      </p>
      <dl className="grid grid-cols-[auto_auto] gap-x-4 gap-y-0.5 tabular-nums">
        {row('Actual', p.actual, ACTUAL_COLOR)}
        {row('Actual to date', p.actualToDate, TO_DATE_COLOR)}
        {row('Projected', p.projected, PROJECTED_COLOR)}
        {p.lowerBound !== undefined && p.upperBound !== undefined && (
          <>
            <dt className="text-muted">{confidenceLabel(level)} interval</dt>
            <dd className="text-right">
              {formatMoney(p.lowerBound, currency)} – {formatMoney(p.upperBound, currency)}
            </dd>
          </>
        )}
        {p.confidence !== undefined && (
          <>
            <dt className="text-muted">Within ±10%</dt>
            <dd className="text-right">{formatPercent(p.confidence * 100, 0)} likely</dd>
          </>
        )}
      </dl>
    </div>
  );
}

function Legend({ level, band, toDate }: { level: number; band: boolean; toDate: boolean }) {
  const item = 'inline-flex items-center gap-1.5';
  return (
    <ul className="flex flex-wrap gap-x-4 gap-y-1 text-2xs text-muted">
      <li className={item}>
        <span aria-hidden="true" className="h-0.5 w-4 rounded" style={{ background: ACTUAL_COLOR }} />
        Actual
      </li>
      <li className={item}>
        <span aria-hidden="true" className="w-4 border-t-2 border-dashed" style={{ borderColor: PROJECTED_COLOR }} />
        Projected
      </li>
      {band && (
        <li className={item}>
          <span aria-hidden="true" className="h-2.5 w-4 rounded-sm opacity-25" style={{ background: BAND_COLOR }} />
          {confidenceLabel(level)} interval
        </li>
      )}
      {toDate && (
        <li className={item}>
          <span aria-hidden="true" className="size-2 rounded-full" style={{ background: TO_DATE_COLOR }} />
          This month so far
        </li>
      )}
    </ul>
  );
}

/** A month's label ("Jan 2024") with room either side. */
const MONTH_TICK_PX = 72;

/** How many month labels fit a chart `width` px wide, beside its value axis. */
function monthTicksFor(width: number): number {
  return Math.max(2, Math.floor((width - VALUE_AXIS_WIDTH - CHART_MARGIN.left - CHART_MARGIN.right - 16) / MONTH_TICK_PX));
}

/**
 * Complete months as a solid line, the projection as a dashed line from the
 * last of them, the confidence interval as a shaded band, and the month in
 * progress's spend so far as a dot.
 */
export function ForecastChart({
  points,
  currency,
  level,
  loading = false,
  currentMonthT,
}: {
  points: readonly ForecastPoint[];
  currency: Currency;
  level: number;
  loading?: boolean;
  /** Month start of the month in progress (a reference line). */
  currentMonthT?: number;
}) {
  const months = points.map((p) => p.t);
  const height = 300;
  // Bounds and the month so far are extensions: no band or dot (nor their legend) without them.
  const band = points.some((p) => p.kind === 'projected' && p.band !== undefined);
  const toDate = points.some((p) => p.actualToDate !== undefined);
  return (
    <ChartCard
      title="Actual and projected cost"
      description={`Monthly cost in ${currency}${band ? `, with the ${confidenceLabel(level)} confidence interval of the projection` : ''}`}
      table={{ columns: columns(currency, level), rows: points, getRowId: (p) => p.month }}
      loading={loading}
      empty={points.length === 0}
      height={height}
      exportFileName="forecast-monthly"
      footer={<Legend level={level} band={band} toDate={toDate} />}
    >
      <ChartFrame height={height}>
        {(size) => (
        <ComposedChart width={size.width} height={size.height} data={points as ForecastPoint[]} margin={CHART_MARGIN}>
          <CartesianGrid {...gridProps} />
          <XAxis
            {...timeAxisProps({ ticks: pickTicks(months, monthTicksFor(size.width)), granularity: 'monthly' })}
            padding={{ left: 8, right: 8 }}
          />
          <YAxis width={VALUE_AXIS_WIDTH} {...valueAxisProps(moneyAxis(0, forecastMax(points), currency, tickCountFor(height)))} />
          <Tooltip
            {...tooltipProps}
            cursor={{ stroke: CHART_COLORS.axis, strokeDasharray: '3 3' }}
            content={(props) => <ForecastTooltip {...props} currency={currency} level={level} />}
          />
          {currentMonthT !== undefined && (
            <ReferenceLine
              x={currentMonthT}
              stroke={CHART_COLORS.axis}
              strokeDasharray="2 3"
              label={{ ...MARKER_LABEL, value: 'This month', position: 'insideTopRight' }}
            />
          )}
          <Area
            dataKey="band"
            name={`${confidenceLabel(level)} interval`}
            stroke="none"
            fill={BAND_COLOR}
            fillOpacity={0.16}
            isAnimationActive={false}
            activeDot={false}
            connectNulls={false}
          />
          <Line
            dataKey="actual"
            name="Actual"
            stroke={ACTUAL_COLOR}
            strokeWidth={2}
            dot={{ r: 2.5, fill: ACTUAL_COLOR, strokeWidth: 0 }}
            isAnimationActive={false}
          />
          <Line
            dataKey="line"
            name="Projected"
            stroke={PROJECTED_COLOR}
            strokeWidth={2}
            strokeDasharray="6 4"
            dot={{ r: 2.5, fill: PROJECTED_COLOR, strokeWidth: 0 }}
            isAnimationActive={false}
          />
          <Line
            dataKey="actualToDate"
            name="This month so far"
            stroke="none"
            dot={{ r: 4, fill: TO_DATE_COLOR, strokeWidth: 0 }}
            activeDot={{ r: 5 }}
            isAnimationActive={false}
          />
        </ComposedChart>
        )}
      </ChartFrame>
    </ChartCard>
  );
}
