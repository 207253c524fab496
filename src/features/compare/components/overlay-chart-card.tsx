import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis, type TooltipContentProps } from 'recharts';
import { ChartCard } from '../../../components/chart-card';
import {
  CHART_MARGIN,
  ChartFrame,
  VALUE_AXIS_WIDTH,
  gridProps,
  positionAxisProps,
  tooltipProps,
  valueAxisProps,
} from '../../../components/chart-frame';
import { ChartTooltipBox, ChartTooltipRow } from '../../../components/chart-tooltip';
import type { DataColumn } from '../../../components/data-table';
import { currencyDecimals, formatDate, formatMoney } from '../../../lib/format';
import { moneyAxis, positionTicks, tickCountFor } from '../../../lib/chart-ticks';
import type { Currency } from '../../../contract/billing';
import { useMemo } from 'react';
import type { UsageResponse } from '../../../contract/billing';
import { overlaySeries, type OverlayPoint } from '../overlay-series';

const CURRENT_COLOR = 'var(--chart-1)';
const HEIGHT = 260;
const PREVIOUS_COLOR = 'var(--chart-other)';

function columns(currency: Currency, labels: { current: string; previous: string }, unit: string): DataColumn<OverlayPoint>[] {
  const decimals = currencyDecimals(currency);
  const money = (v: number | undefined) => (v === undefined ? '—' : formatMoney(v, currency));
  return [
    { id: 'n', header: unit, value: (p) => p.n, numeric: true },
    { id: 'currentDate', header: `Date (${labels.current})`, value: (p) => p.currentDate, cell: (p) => (p.currentDate ? formatDate(p.currentDate) : '—') },
    { id: 'current', header: `Cost, ${labels.current} (${currency})`, value: (p) => p.current, cell: (p) => money(p.current), numeric: true, decimals },
    { id: 'previousDate', header: `Date (${labels.previous})`, value: (p) => p.previousDate, cell: (p) => (p.previousDate ? formatDate(p.previousDate) : '—') },
    { id: 'previous', header: `Cost, ${labels.previous} (${currency})`, value: (p) => p.previous, cell: (p) => money(p.previous), numeric: true, decimals },
  ];
}

function OverlayTooltip({ active, payload, currency }: TooltipContentProps & { currency: Currency }) {
  const p = active ? (payload?.[0]?.payload as OverlayPoint | undefined) : undefined;
  if (!p) return null;
  return (
    <ChartTooltipBox title={`Day ${p.n}`}>
      {p.currentDate && <ChartTooltipRow label={formatDate(p.currentDate)} value={formatMoney(p.current ?? 0, currency)} color={CURRENT_COLOR} />}
      {p.previousDate && <ChartTooltipRow label={formatDate(p.previousDate)} value={formatMoney(p.previous ?? 0, currency)} color={PREVIOUS_COLOR} />}
    </ChartTooltipBox>
  );
}

/** The two spans' cost per day, overlaid: this period solid, the compared one dashed. */
export function OverlayChartCard({
  current,
  previous,
  currency,
  labels,
  monthly = false,
  note,
}: {
  current: UsageResponse;
  previous: UsageResponse;
  currency: Currency;
  /** Names of the spans with their dates ("1–16 Jan 2024"). */
  labels: { current: string; previous: string };
  monthly?: boolean;
  note?: string;
}) {
  const unit = monthly ? 'Month' : 'Day';
  const points = useMemo(() => overlaySeries(current, previous), [current, previous]);
  return (
    <ChartCard
      title="Cost, both periods overlaid"
      description={`${monthly ? 'Monthly' : 'Daily'} cost in ${currency}, ${unit.toLowerCase()} 1 of one against ${unit.toLowerCase()} 1 of the other${note ? `. ${note}` : ''}`}
      table={{ columns: columns(currency, labels, unit), rows: points, getRowId: (p) => String(p.n) }}
      empty={points.length === 0}
      height={HEIGHT}
      exportFileName="compare"
      footer={
        <ul className="flex flex-wrap gap-x-4 gap-y-1 text-2xs text-muted">
          <li className="inline-flex items-center gap-1.5">
            <span aria-hidden="true" className="h-0.5 w-4 rounded" style={{ background: CURRENT_COLOR }} />
            {labels.current}
          </li>
          <li className="inline-flex items-center gap-1.5">
            <span aria-hidden="true" className="w-4 border-t-2 border-dashed" style={{ borderColor: PREVIOUS_COLOR }} />
            {labels.previous}
          </li>
        </ul>
      }
    >
      <ChartFrame height={HEIGHT}>
        {({ width, height }) => {
          const max = Math.max(0, ...points.map((p) => Math.max(p.current ?? 0, p.previous ?? 0)));
          const x = positionTicks(points.length, Math.max(2, Math.floor((width - VALUE_AXIS_WIDTH) / 48)));
          return (
            <LineChart width={width} height={height} data={points as OverlayPoint[]} margin={CHART_MARGIN}>
              <CartesianGrid {...gridProps} />
              <XAxis {...positionAxisProps({ dataKey: 'n', ...x })} />
              <YAxis width={VALUE_AXIS_WIDTH} {...valueAxisProps(moneyAxis(0, max, currency, tickCountFor(height)))} />
              <Tooltip {...tooltipProps} content={(props) => <OverlayTooltip {...props} currency={currency} />} />
              <Line dataKey="previous" name={labels.previous} stroke={PREVIOUS_COLOR} strokeWidth={2} strokeDasharray="5 4" dot={false} isAnimationActive={false} />
              <Line dataKey="current" name={labels.current} stroke={CURRENT_COLOR} strokeWidth={2} dot={false} isAnimationActive={false} />
            </LineChart>
          );
        }}
      </ChartFrame>
    </ChartCard>
  );
}
