import { Bar, Rectangle, type BarShapeProps } from 'recharts';
import type { Currency } from '../../../contract/billing';
import { ChartTooltipBox, ChartTooltipRow } from '../../../components/chart-tooltip';
import { HorizontalBarChart, horizontalBarChartHeight } from '../../../components/horizontal-bar-chart';
import { formatMoney, formatPercent } from '../../../lib/format';
import type { BarDatum } from '../usage-transforms';

/** Height of one bar's row, px. */
export const BAR_ROW = 30;

/** Chart height for `count` bars. */
export function barChartHeight(count: number): number {
  return horizontalBarChartHeight(count, BAR_ROW);
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
  const tooltip = (bar: BarDatum) => (
    <ChartTooltipBox title={bar.name}>
      <ChartTooltipRow label="Cost" value={formatMoney(bar.cost, currency)} />
      <ChartTooltipRow label={`Share of ${shareOf}`} value={formatPercent(bar.percentage)} />
      {bar.selectable && <p className="mt-1 text-2xs text-muted">Click to drill down</p>}
    </ChartTooltipBox>
  );

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
    <HorizontalBarChart
      data={bars}
      categoryKey="key"
      nameOf={(bar) => bar.name}
      currency={currency}
      valueMax={Math.max(0, ...bars.map((b) => b.cost))}
      rowHeight={BAR_ROW}
      maxLabelWidth={180}
      maxLabelShare={0.42}
      barCategoryGap="24%"
      tooltip={tooltip}
    >
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
    </HorizontalBarChart>
  );
}
