import type { ReactNode } from 'react';
import { BarChart, CartesianGrid, Tooltip, XAxis, YAxis, type TooltipContentProps, type YAxisTickContentProps } from 'recharts';
import type { Currency } from '../contract/billing';
import { moneyAxis, tickCountFor } from '../lib/chart-ticks';
import { useElementWidth } from '../lib/use-element-width';
import { AXIS_TICK as TICK, BAR_MARGIN, barGridProps, categoryAxisProps, tooltipProps, valueAxisProps } from './chart-frame';
const AXIS_HEIGHT = 24;
const CHAR_PX = 6.8;
/** Space between a label and the axis, px. */
const LABEL_PAD = 10;

/** Chart height for `count` bars of `rowHeight` px each. */
export function horizontalBarChartHeight(count: number, rowHeight: number): number {
  return Math.max(160, count * rowHeight + AXIS_HEIGHT + 8);
}

function truncate(text: string, chars: number): string {
  return text.length <= chars ? text : `${text.slice(0, Math.max(1, chars - 1))}…`;
}

/**
 * Cost per category as horizontal bars: a money axis along the bottom and the
 * category names down the side (truncated to fit, the full name in a native
 * title). The bars themselves are the `<Bar>` children, so a caller can draw
 * one series or stack several.
 */
export function HorizontalBarChart<T extends object>({
  data,
  categoryKey,
  nameOf,
  currency,
  valueMax,
  rowHeight,
  maxLabelWidth,
  maxLabelShare,
  barCategoryGap,
  tooltip,
  children,
}: {
  data: readonly T[];
  /** The field that identifies a row (the category axis' data key). */
  categoryKey: keyof T & string;
  /** A row's label. */
  nameOf: (row: T) => string;
  currency: Currency;
  /** The longest bar's value (a stack's total), for round ticks on the money axis. */
  valueMax: number;
  /** Height of one bar's row, px. */
  rowHeight: number;
  /** Widest the label column gets, px. */
  maxLabelWidth: number;
  /** Widest the label column gets, as a share of the chart's width. */
  maxLabelShare: number;
  barCategoryGap: string;
  /** The tooltip's content for the row under the pointer. */
  tooltip: (row: T) => ReactNode;
  /** The `<Bar>` elements. */
  children: ReactNode;
}) {
  const [ref, width] = useElementWidth<HTMLDivElement>();
  const names = new Map(data.map((row) => [String(row[categoryKey]), nameOf(row)]));
  const longest = Math.max(4, ...data.map((row) => nameOf(row).length));
  const labelWidth = Math.ceil(Math.min(longest * CHAR_PX + LABEL_PAD, maxLabelWidth, width * maxLabelShare));
  const labelChars = Math.max(4, Math.floor((labelWidth - LABEL_PAD) / CHAR_PX + 0.01));
  const height = horizontalBarChartHeight(data.length, rowHeight);

  const content = ({ active, payload }: TooltipContentProps) => {
    const row = active ? (payload[0]?.payload as T | undefined) : undefined;
    return row ? tooltip(row) : null;
  };

  return (
    <div ref={ref} className="w-full" style={{ height }}>
      {width > 0 && (
        <BarChart
          layout="vertical"
          width={width}
          height={height}
          data={data}
          margin={BAR_MARGIN}
          barCategoryGap={barCategoryGap}
        >
          <CartesianGrid {...barGridProps} />
          <XAxis {...valueAxisProps(moneyAxis(0, valueMax, currency, tickCountFor(width - labelWidth, false)))} height={AXIS_HEIGHT} />
          <YAxis
            {...categoryAxisProps({ dataKey: categoryKey as string, width: labelWidth })}
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
          <Tooltip {...tooltipProps} content={content} />
          {children}
        </BarChart>
      )}
    </div>
  );
}
