import { useId, useMemo, type ReactNode } from 'react';
import { Area, AreaChart, CartesianGrid, Line, LineChart, ReferenceArea, Tooltip, XAxis, YAxis, type TooltipContentProps } from 'recharts';
import type { ChartMarker } from '../../../lib/chart-markers';
import { markerAreas } from '../../../components/marker-areas';
import type { Currency, Granularity, ResourceTypeId } from '../../../contract/billing';
import { CHART_COLORS, resourceColor } from '../../../lib/colors';
import { formatBucketLong, formatMoney, resourceUnit } from '../../../lib/format';
import { moneyAxis, numberAxis, tickCountFor } from '../../../lib/chart-ticks';
import { CHART_MARGIN, PANEL_LABEL_HEIGHT, VALUE_AXIS_WIDTH, gridProps, timeAxisProps, tooltipProps, valueAxisProps } from '../../../components/chart-frame';
import { formatExactQuantity, formatTick, unitTitle } from '../usage-format';
import { downsampleSeries, timeTicks, type SeriesPoint } from '../usage-transforms';
import { ChartTooltipBox, ChartTooltipRow } from '../../../components/chart-tooltip';
import { useElementWidth } from '../../../lib/use-element-width';

const Y_AXIS_WIDTH = VALUE_AXIS_WIDTH;
const MARGIN = { ...CHART_MARGIN, top: CHART_MARGIN.top + PANEL_LABEL_HEIGHT };
const TOP_PANEL_MARGIN = { ...MARGIN, bottom: 8 };
const X_AXIS_HEIGHT = 24;
/** Minimum px between two time labels. */
const TICK_SPACING = 80;

export interface TimeSeriesChartProps {
  points: readonly SeriesPoint[];
  resourceType: ResourceTypeId;
  granularity: Granularity;
  currency: Currency;
  height: number;
  /** Unusual spend to shade on the cost panel. */
  markers?: readonly ChartMarker[];
  /** Start of the first partial bucket (lib/partial-buckets.ts): from there on the panels are hatched. */
  partialFrom?: number;
  /** More shaded spans for the cost panel (a cluster's idle and oversized stretches). */
  costAreas?: ReactNode;
}

/**
 * A resource type's quantity (top, in its unit) and cost (bottom, in the
 * currency) over time: two panels on one numeric time axis with a shared
 * tooltip showing the bucket's exact figures. The series is thinned with LTTB
 * to about one point per pixel of plot width; the table has every bucket.
 */
export function TimeSeriesChart({ points, resourceType, granularity, currency, height, markers = [], partialFrom, costAreas }: TimeSeriesChartProps) {
  const [ref, width] = useElementWidth<HTMLDivElement>();
  const plotWidth = Math.max(0, width - Y_AXIS_WIDTH - MARGIN.left - MARGIN.right);
  const shown = useMemo(() => downsampleSeries(points, plotWidth), [points, plotWidth]);
  const first = points[0]?.t ?? 0;
  const last = points[points.length - 1]?.t ?? 0;
  const domain: [number, number] = first === last ? [first - 1_800_000, last + 1_800_000] : [first, last];
  const { ticks, unit: tickUnit } = useMemo(() => timeTicks(first, last, plotWidth / TICK_SPACING), [first, last, plotWidth]);
  const syncId = useId();
  const unit = resourceUnit(resourceType);
  const color = resourceColor(resourceType);
  const topHeight = Math.round((height - X_AXIS_HEIGHT) / 2);
  const bottomHeight = height - topHeight;
  const quantityAxis = numberAxis(0, Math.max(0, ...points.map((p) => p.value)), tickCountFor(topHeight - 20));
  const costAxis = moneyAxis(Math.min(0, ...points.map((p) => p.cost)), Math.max(0, ...points.map((p) => p.cost)), currency, tickCountFor(bottomHeight - 44));

  const tooltip = ({ active, payload }: TooltipContentProps) => {
    const point = active ? (payload[0]?.payload as SeriesPoint | undefined) : undefined;
    if (!point) return null;
    return (
      <ChartTooltipBox title={formatBucketLong(point.timestamp, granularity)}>
        <ChartTooltipRow label={unitTitle(unit.unit)} value={formatExactQuantity(point.value, unit.unit)} color={color} />
        <ChartTooltipRow label="Cost" value={formatMoney(point.cost, currency)} color={CHART_COLORS.accent} />
      </ChartTooltipBox>
    );
  };
  const xAxis = (visible: boolean) => (
    <XAxis
      {...timeAxisProps({ ticks, domain, granularity, format: (t) => formatTick(t, tickUnit) })}
      hide={!visible}
      height={X_AXIS_HEIGHT}
      allowDataOverflow
    />
  );

  const hatchId = `${syncId.replace(/[^a-zA-Z0-9_-]/g, '')}-partial`;
  // The domain ends at the last bucket's start: hatch from the point before the first partial one, so the segment into it shows.
  const partialIndex = partialFrom === undefined ? -1 : points.findIndex((p) => p.t >= partialFrom);
  const hatchFrom = partialIndex > 0 ? points[partialIndex - 1]!.t : partialIndex === 0 ? domain[0] : undefined;
  const partial = hatchFrom !== undefined && (
    <ReferenceArea x1={hatchFrom} x2={domain[1]} fill={`url(#${hatchId})`} fillOpacity={0.6} ifOverflow="hidden" />
  );
  const hatch = (
    <defs>
      <pattern id={hatchId} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
        <line x1="1.5" y1="0" x2="1.5" y2="6" style={{ stroke: CHART_COLORS.axis, strokeWidth: 2 }} />
      </pattern>
    </defs>
  );

  const panel = (label: string, chart: ReactNode) => (
    <div className="relative">
      <span className="absolute top-0 left-0 text-2xs font-medium text-muted">{label}</span>
      {chart}
    </div>
  );

  return (
    <div ref={ref} className="relative h-full w-full">
      {width > 0 && (
        <>
          {panel(
            unitTitle(unit.unit),
            <AreaChart
              width={width}
              height={topHeight}
              data={shown as SeriesPoint[]}
              syncId={syncId}
              // room below the plot for the lowest tick's text, above the cost panel's label
              margin={TOP_PANEL_MARGIN}
            >
              {hatch}
              <CartesianGrid {...gridProps} />
              {xAxis(false)}
              <YAxis width={Y_AXIS_WIDTH} {...valueAxisProps(quantityAxis)} />
              <Tooltip {...tooltipProps} content={tooltip} cursor={{ stroke: CHART_COLORS.axis }} />
              <Area
                dataKey="value"
                name={unit.long}
                type="linear"
                stroke={color}
                strokeWidth={1.5}
                fill={color}
                fillOpacity={0.14}
                dot={false}
                activeDot={{ r: 3 }}
                isAnimationActive={false}
              />
              {partial}
            </AreaChart>,
          )}
          {panel(
            `Cost (${currency})`,
            <LineChart
              width={width}
              height={bottomHeight}
              data={shown as SeriesPoint[]}
              syncId={syncId}
              margin={MARGIN}
              accessibilityLayer={false}
            >
              {hatch}
              <CartesianGrid {...gridProps} />
              {xAxis(true)}
              <YAxis width={Y_AXIS_WIDTH} {...valueAxisProps(costAxis)} />
              {costAreas}
              {markerAreas(markers)}
              {/* The tooltip shows in the top panel (synchronised); here only the cursor. */}
              <Tooltip {...tooltipProps} content={() => null} cursor={{ stroke: CHART_COLORS.axis }} />
              <Line
                dataKey="cost"
                name="Cost"
                type="linear"
                stroke={CHART_COLORS.accent}
                strokeWidth={1.5}
                dot={false}
                activeDot={{ r: 3 }}
                isAnimationActive={false}
              />
              {partial}
            </LineChart>,
          )}
        </>
      )}
    </div>
  );
}
