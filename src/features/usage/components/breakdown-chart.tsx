import { Bar, BarChart, CartesianGrid, Rectangle, Tooltip, XAxis, YAxis, type BarShapeProps, type TooltipContentProps, type YAxisTickContentProps } from 'recharts';
import type { Currency } from '../../../contract/billing';
import { CHART_COLORS } from '../../../lib/colors';
import { formatMoney, formatPercent, moneyAxisFormatter } from '../../../lib/format';
import type { BarDatum } from '../usage-transforms';
import { ChartTooltipBox, ChartTooltipRow } from './chart-tooltip';
import { useElementWidth } from '../../../lib/use-element-width';

const TICK = { fill: CHART_COLORS.text, fontSize: 11 };
/** Height of one bar's row, px. */
export const BAR_ROW = 30;
const AXIS_HEIGHT = 24;
const CHAR_PX = 6.8;
/** Space between a label and the axis, px. */
const LABEL_PAD = 10;

/** Chart height for `count` bars. */
export function barChartHeight(count: number): number {
  return Math.max(160, count * BAR_ROW + AXIS_HEIGHT + 8);
}

function truncate(text: string, chars: number): string {
  return text.length <= chars ? text : `${text.slice(0, Math.max(1, chars - 1))}…`;
}

/**
 * Cost per group member as horizontal bars, costliest first. Clicking a bar
 * selects that member; with a selection, the other bars fade.
 */
export function BreakdownChart({
  bars,
  currency,
  color,
  selectedKey,
  onSelect,
  shareOf,
}: {
  bars: readonly BarDatum[];
  currency: Currency;
  color: string;
  selectedKey?: string;
  onSelect: (key: string) => void;
  /** What the share is of, for the tooltip ("total cost"). */
  shareOf: string;
}) {
  const [ref, width] = useElementWidth<HTMLDivElement>();
  const names = new Map(bars.map((b) => [b.key, b.name]));
  const longest = Math.max(4, ...bars.map((b) => b.name.length));
  const labelWidth = Math.ceil(Math.min(longest * CHAR_PX + LABEL_PAD, 180, width * 0.42));
  const labelChars = Math.max(4, Math.floor((labelWidth - LABEL_PAD) / CHAR_PX + 0.01));
  const height = barChartHeight(bars.length);

  const tooltip = ({ active, payload }: TooltipContentProps) => {
    const bar = active ? (payload[0]?.payload as BarDatum | undefined) : undefined;
    if (!bar) return null;
    return (
      <ChartTooltipBox title={bar.name}>
        <ChartTooltipRow label="Cost" value={formatMoney(bar.cost, currency)} />
        <ChartTooltipRow label={`Share of ${shareOf}`} value={formatPercent(bar.percentage)} />
        {bar.selectable && <p className="mt-1 text-2xs text-muted">Click to drill down</p>}
      </ChartTooltipBox>
    );
  };

  const shape = (props: BarShapeProps) => {
    const bar = props.payload as BarDatum;
    const faded = selectedKey !== undefined && bar.key !== selectedKey;
    return (
      <Rectangle
        {...props}
        fill={color}
        fillOpacity={faded ? 0.35 : 1}
        radius={[0, 3, 3, 0]}
        style={{ cursor: bar.selectable ? 'pointer' : 'default' }}
      />
    );
  };

  return (
    <div ref={ref} className="w-full select-none [&_svg_*:focus]:outline-none [&_svg:focus]:outline-none" style={{ height }}>
      {width > 0 && (
        <BarChart
          layout="vertical"
          width={width}
          height={height}
          data={bars as BarDatum[]}
          margin={{ top: 0, right: 16, bottom: 0, left: 0 }}
          barCategoryGap="24%"
          accessibilityLayer={false}
        >
          <CartesianGrid horizontal={false} stroke={CHART_COLORS.grid} />
          <XAxis
            type="number"
            tickFormatter={moneyAxisFormatter(currency)}
            tick={TICK}
            tickLine={false}
            axisLine={false}
            height={AXIS_HEIGHT}
          />
          <YAxis
            type="category"
            dataKey="key"
            width={labelWidth}
            interval={0}
            tickLine={false}
            axisLine={{ stroke: CHART_COLORS.grid }}
            tick={({ x, y, payload }: YAxisTickContentProps) => {
              const name = names.get(String(payload.value)) ?? String(payload.value);
              return (
                <text x={Number(x) - 6} y={Number(y)} dy={4} textAnchor="end" fill={TICK.fill} fontSize={TICK.fontSize}>
                  <title>{name}</title>
                  {truncate(name, labelChars)}
                </text>
              );
            }}
          />
          <Tooltip content={tooltip} cursor={{ fill: CHART_COLORS.cursor }} isAnimationActive={false} />
          <Bar
            dataKey="cost"
            isAnimationActive={false}
            maxBarSize={26}
            shape={shape}
            onClick={(item) => {
              const bar = item.payload as BarDatum | undefined;
              if (bar?.selectable) onSelect(bar.key);
            }}
          />
        </BarChart>
      )}
    </div>
  );
}
