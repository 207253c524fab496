import { useId } from 'react';
import { Area, AreaChart, Bar, BarChart, CartesianGrid, Rectangle, ReferenceArea, Tooltip, XAxis, YAxis } from 'recharts';
import type { BarShapeProps } from 'recharts';
import type { Currency, Granularity, ResourceTypeId, UnitId } from '../../../contract/billing';
import type { ChartMarker } from '../../../lib/chart-markers';
import { markerAreas } from '../../../components/marker-areas';
import { CHART_MARGIN, VALUE_AXIS_WIDTH, gridProps, timeAxisProps, tooltipProps, valueAxisProps } from '../../../components/chart-frame';
import { pickTicks, tickCountFor, type ValueAxis } from '../../../lib/chart-ticks';
import { CHART_COLORS, resourceColor } from '../../../lib/colors';
import { chartKind, timeDomain, type SeriesRow } from '../cost-series';
import { SeriesTooltip } from './series-tooltip';

const Y_AXIS_WIDTH = VALUE_AXIS_WIDTH;
const MARGIN = CHART_MARGIN;

/** Pixels across the plot for a chart this wide (what downsampling aims at). */
export function plotWidth(width: number): number {
  return Math.max(0, width - Y_AXIS_WIDTH - MARGIN.left - MARGIN.right);
}

/**
 * Pixels per drawn point of a long series: a point every fourth pixel keeps
 * its shape (LTTB keeps the peaks) at a quarter of the drawing. Recharts'
 * work grows with the points: an hourly quarter's six stacked series were the
 * Overview's longest task.
 */
const PX_PER_POINT = 4;

/** How many buckets a chart this wide draws (what downsampling aims at). */
export function drawnPoints(width: number): number {
  return Math.floor(plotWidth(width) / PX_PER_POINT);
}

/** Diagonal hatching in a series' colour, for partial buckets (provisional, or cut by the period). */
function HatchPattern({ id, color }: { id: string; color: string }) {
  return (
    <pattern id={id} width="6" height="6" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
      <rect width="6" height="6" style={{ fill: color, opacity: 0.3 }} />
      <line x1="1.5" y1="0" x2="1.5" y2="6" style={{ stroke: color, strokeWidth: 3 }} />
    </pattern>
  );
}

export interface StackedSeriesChartProps {
  /** Rows to draw (already downsampled), ascending. */
  rows: readonly SeriesRow[];
  /** How many buckets there were before downsampling (bars or areas are chosen on it); default rows.length. */
  buckets?: number;
  /** Types drawn, bottom of the stack first. */
  types: readonly ResourceTypeId[];
  /** Types the tooltip lists (drawn or hidden). */
  tooltipTypes: readonly ResourceTypeId[];
  hidden: ReadonlySet<ResourceTypeId>;
  width: number;
  height: number;
  granularity: Granularity;
  currency: Currency;
  /** What is stacked: a type's cost or quantity in a row. */
  value: (row: SeriesRow, type: ResourceTypeId) => number;
  /** The value axis for the tallest stack (round ticks: moneyAxis or numberAxis). */
  yAxis: (max: number, tickCount: number) => ValueAxis;
  /** UnitId of a usage panel's total in the tooltip. */
  totalUnit?: UnitId;
  /** Accessible description of the chart. */
  description: string;
  /** Unusual spend to shade (src/lib/chart-markers.ts). */
  markers?: readonly ChartMarker[];
}


/**
 * A stacked time series on a numeric time axis: bars while each bucket gets a
 * few pixels, areas beyond. Provisional buckets are hatched.
 */
export function StackedSeriesChart({
  rows,
  buckets = rows.length,
  types,
  tooltipTypes,
  hidden,
  width,
  height,
  granularity,
  currency,
  value,
  yAxis,
  totalUnit,
  description,
  markers,
}: StackedSeriesChartProps) {
  const uid = useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const hatchId = (type: ResourceTypeId | 'all') => `${uid}-hatch-${type}`;
  const plot = plotWidth(width);
  const kind = chartKind(buckets, plot);
  const ticks = pickTicks(
    rows.map((r) => r.t),
    Math.max(2, Math.floor(plot / (granularity === 'hourly' ? 110 : 72))),
  );
  const domain = timeDomain(rows, granularity);
  const firstProvisional = rows.find((r) => r.provisional);
  const tallest = Math.max(0, ...rows.map((row) => types.reduce((sum, type) => sum + value(row, type), 0)));
  const valueAxis = yAxis(tallest, tickCountFor(height - 24));

  const common = {
    data: rows as SeriesRow[],
    width,
    height,
    margin: MARGIN,
    desc: description,
  };
  const axes = (
    <>
      <CartesianGrid {...gridProps} />
      <XAxis {...timeAxisProps({ ticks, domain, granularity })} />
      <YAxis width={Y_AXIS_WIDTH} {...valueAxisProps(valueAxis)} />
      <Tooltip
        {...tooltipProps}
        content={({ payload }) => (
          <SeriesTooltip
            row={payload?.[0]?.payload as SeriesRow | undefined}
            types={tooltipTypes}
            hidden={hidden}
            currency={currency}
            granularity={granularity}
            totalUnit={totalUnit}
          />
        )}
      />
    </>
  );
  const defs = (
    <defs>
      {types.map((type) => (
        <HatchPattern key={type} id={hatchId(type)} color={resourceColor(type)} />
      ))}
      <HatchPattern id={hatchId('all')} color={CHART_COLORS.axis} />
    </defs>
  );

  if (kind === 'bar') {
    return (
      <BarChart {...common} barCategoryGap="18%">
        {defs}
        {axes}
        {types.map((type) => (
          <Bar
            key={type}
            className={`series series-${type}`}
            name={type}
            dataKey={(row: SeriesRow) => value(row, type)}
            stackId="stack"
            fill={resourceColor(type)}
            isAnimationActive={false}
            shape={(props: BarShapeProps) => (
              <Rectangle
                {...props}
                fill={(props.payload as SeriesRow).partial ? `url(#${hatchId(type)})` : resourceColor(type)}
              />
            )}
          />
        ))}
        {markerAreas(markers)}
      </BarChart>
    );
  }
  return (
    <AreaChart {...common}>
      {defs}
      {axes}
      {types.map((type) => (
        <Area
          key={type}
          className={`series series-${type}`}
          name={type}
          // straight segments: at a point every few pixels they look as smooth as a monotone curve, which costs several times as much to lay out
          type="linear"
          dataKey={(row: SeriesRow) => value(row, type)}
          stackId="stack"
          stroke={resourceColor(type)}
          strokeWidth={1.25}
          fill={resourceColor(type)}
          fillOpacity={0.28}
          dot={false}
          activeDot={{ r: 3 }}
          isAnimationActive={false}
        />
      ))}
      {firstProvisional && (
        <ReferenceArea
          x1={firstProvisional.t}
          x2={domain[1]}
          fill={`url(#${hatchId('all')})`}
          fillOpacity={0.5}
          ifOverflow="hidden"
        />
      )}
      {markerAreas(markers)}
    </AreaChart>
  );
}
