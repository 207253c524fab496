/**
 * The one chart frame: every chart draws inside it. It owns
 * - sizing: the plot's width measured here, passed to the chart;
 * - keyboard: exactly one named tab stop per chart (Recharts' surface, whose
 *   arrow keys move the tooltip), every other focusable node inside taken out
 *   of the tab order, so a chart adds no empty stops;
 * - axes: `valueAxisProps` (round ticks from src/lib/chart-ticks.ts) and
 *   `timeAxisProps` (bucket labels such as "Feb 2023"), spread on Recharts'
 *   <XAxis>/<YAxis>, with the shared tick style, grid and margins;
 * - tooltip: `tooltipProps` for Recharts' <Tooltip> (no animation, themed cursor),
 *   whose content is a <ChartTooltipBox>.
 * Feature charts pass data and series only.
 *
 *   <ChartFrame label="Cost per day" height={280}>
 *     {({ width, height }) => <BarChart width={width} height={height} …>
 *       <YAxis {...valueAxisProps(moneyAxis(0, max, currency, tickCountFor(height)))} />
 *     </BarChart>}
 *   </ChartFrame>
 */
import { createContext, useCallback, useContext, type ReactNode } from 'react';
import type { Granularity } from '../contract/billing';
import { CHART_COLORS } from '../lib/colors';
import { formatBucket } from '../lib/format';
import type { ValueAxis } from '../lib/chart-ticks';
import { useElementWidth } from '../lib/use-element-width';

/** Tick text of every axis. */
export const AXIS_TICK = { fill: CHART_COLORS.text, fontSize: 11 } as const;
/** Room around the plot of a cartesian chart. */
export const CHART_MARGIN = { top: 8, right: 8, bottom: 0, left: 0 } as const;
/** Room around a horizontal bar chart (labels on the left, the value axis below). */
export const BAR_MARGIN = { top: 0, right: 24, bottom: 0, left: 0 } as const;
/** Text of a label drawn on the plot (a reference line's "This month", a marker's "+$1.2K"). */
export const MARKER_LABEL = { fill: CHART_COLORS.text, fontSize: 10 } as const;
/** Height added above a stacked panel's plot for its label ("Cost (USD)"). */
export const PANEL_LABEL_HEIGHT = 12;
/** Width of a value axis on the left. */
export const VALUE_AXIS_WIDTH = 60;

/**
 * Props for Recharts' <CartesianGrid>: horizontal lines only, in the grid colour.
 * Recharts lays out the vertical lines even when they are not drawn, measuring
 * every x tick's text (a forced layout each); an empty generator skips that.
 */
export const gridProps = { vertical: false, verticalCoordinatesGenerator: () => [], stroke: CHART_COLORS.grid } as const;
/** The grid of a horizontal bar chart: vertical lines at the value ticks. */
export const barGridProps = { horizontal: false, stroke: CHART_COLORS.grid } as const;

/** Props for a category axis (<YAxis type="category"> of bars, or an <XAxis> of labels). */
export function categoryAxisProps(options: { dataKey: string; width?: number }) {
  return {
    type: 'category' as const,
    dataKey: options.dataKey,
    width: options.width,
    interval: 0 as const,
    tick: AXIS_TICK,
    tickLine: false,
    axisLine: { stroke: CHART_COLORS.grid },
  };
}

/** Props for an axis of positions (day 1, 2, … of a span) with round ticks from positionTicks. */
export function positionAxisProps(options: { dataKey: string; ticks: number[]; domain: [number, number] }) {
  return {
    dataKey: options.dataKey,
    type: 'number' as const,
    domain: options.domain,
    ticks: options.ticks,
    interval: 0 as const,
    allowDecimals: false,
    tick: AXIS_TICK,
    tickLine: false,
    axisLine: { stroke: CHART_COLORS.grid },
    padding: { left: 8, right: 8 },
  };
}

/** Props for a value axis (<YAxis>, or <XAxis type="number"> of a horizontal bar chart) with round ticks. */
export function valueAxisProps(axis: ValueAxis) {
  return {
    type: 'number' as const,
    ticks: axis.ticks,
    domain: axis.domain,
    interval: 0 as const,
    allowDecimals: true,
    tickFormatter: axis.format,
    tick: AXIS_TICK,
    tickLine: false,
    axisLine: false,
  };
}

/**
 * Props for a numeric time axis (<XAxis dataKey="t">) labelled per granularity
 * (or by `format`, for ticks on a coarser unit than the buckets). Without
 * `ticks` the axis labels buckets at least `minTickGap` px apart.
 */
export function timeAxisProps(options: {
  ticks?: number[];
  domain?: [number, number];
  granularity: Granularity;
  format?: (t: number) => string;
  minTickGap?: number;
}) {
  const format = options.format ?? ((t: number) => formatBucket(t, options.granularity));
  return {
    dataKey: 't',
    type: 'number' as const,
    scale: 'time' as const,
    domain: options.domain ?? (['dataMin', 'dataMax'] as [string, string]),
    ticks: options.ticks,
    tickFormatter: format,
    tick: AXIS_TICK,
    tickLine: false,
    axisLine: { stroke: CHART_COLORS.grid },
    minTickGap: options.minTickGap ?? 8,
    // Given ticks are all drawn (they are spaced for their labels), so Recharts measures no label text, which forced a
    // layout per tick; without them Recharts picks buckets at least minTickGap apart, measuring their labels.
    interval: options.ticks ? (0 as const) : ('preserveEnd' as const),
  };
}

/** Props for Recharts' <Tooltip> (pass `content`). */
export const tooltipProps = {
  isAnimationActive: false,
  cursor: { fill: CHART_COLORS.cursor, stroke: CHART_COLORS.axis },
} as const;

const FOCUSABLE = 'a[href], button, input, select, textarea, [tabindex]';

/** Leaves one tab stop in `root`: the chart surface, named `label`; every other focusable node gets tabindex=-1. */
export function keepOneTabStop(root: HTMLElement, label: string): void {
  const surface = root.querySelector<SVGElement>('svg.recharts-surface');
  for (const el of root.querySelectorAll<HTMLElement | SVGElement>(FOCUSABLE))
    if (el !== surface && el.getAttribute('tabindex') !== '-1') el.setAttribute('tabindex', '-1');
  if (!surface) return;
  // Set only what differs: the observer that calls this sees every write.
  const want: Record<string, string> = { tabindex: '0', role: 'img', 'aria-label': label };
  for (const [name, value] of Object.entries(want)) if (surface.getAttribute(name) !== value) surface.setAttribute(name, value);
}

/**
 * Set by ChartCard around its chart: the card keeps the one tab stop (named by
 * its title), so a ChartFrame inside it only sizes the chart.
 */
export const ChartCardTabStop = createContext(false);

export interface ChartFrameProps {
  /** The chart's accessible name (its one tab stop), e.g. "Cost per day, by resource type"; inside a ChartCard, the card's title names it. */
  label?: string;
  /** Height of the plot in px. */
  height: number;
  /** Draws the chart at the measured size (nothing is drawn before the width is known). */
  children: (size: { width: number; height: number }) => ReactNode;
  className?: string;
}

/** Focus ring of a chart's one tab stop (on the element holding the chart). */
export const CHART_FOCUS_CLASS =
  'select-none [&_svg_*:focus]:outline-none [&_svg:focus]:outline-none [&_svg:focus-visible]:rounded-sm [&_svg:focus-visible]:outline-2 [&_svg:focus-visible]:outline-offset-2 [&_svg:focus-visible]:outline-accent';

/**
 * A ref that keeps one named tab stop in the element (see keepOneTabStop) as
 * Recharts renders and re-renders its layers. For a chart sized by its parent;
 * ChartFrame uses it too.
 */
export function useOneTabStop<T extends HTMLElement>(label: string): (node: T | null) => (() => void) | undefined {
  return useCallback(
    (node: T | null) => {
      if (!node) return undefined;
      keepOneTabStop(node, label);
      if (typeof MutationObserver === 'undefined') return undefined;
      const observer = new MutationObserver(() => keepOneTabStop(node, label));
      observer.observe(node, { subtree: true, childList: true, attributes: true, attributeFilter: ['tabindex'] });
      return () => observer.disconnect();
    },
    [label],
  );
}

export function ChartFrame({ label = '', height, children, className = '' }: ChartFrameProps) {
  const [measure, width] = useElementWidth<HTMLDivElement>();
  const inCard = useContext(ChartCardTabStop);
  const tabStop = useOneTabStop<HTMLDivElement>(label);
  const ref = useCallback(
    (node: HTMLDivElement | null) => {
      const a = measure(node);
      const b = inCard ? undefined : tabStop(node);
      return () => {
        a?.();
        b?.();
      };
    },
    [measure, tabStop, inCard],
  );
  return (
    <div ref={ref} data-chart-frame="" data-chart={inCard ? undefined : label} className={`min-w-0 ${CHART_FOCUS_CLASS} ${className}`} style={{ height }}>
      {width > 0 ? children({ width, height }) : null}
    </div>
  );
}
