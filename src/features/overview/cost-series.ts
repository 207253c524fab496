/**
 * Usage response → the rows of the "Cost over time" chart and its table, as
 * pure functions: one row per time bucket with every resource type's cost and
 * quantity, the buckets that include today flagged provisional (and partial,
 * like the weeks and months the period cuts short), LTTB
 * downsampling of long series to about the chart's pixel width, and axis ticks.
 */
import {
  UNITS,
  type BreakdownItem,
  type Granularity,
  type ResourceTypeId,
  type UnitId,
} from '../../contract/billing';
import { lttbIndices } from '../../lib/lttb';
import { bucketEnd, isProvisional, partialBucket, type Partiality } from '../../lib/partial-buckets';
import { compareResourceTypes } from '../../lib/colors';
import { resourceUnit } from '../../lib/format';

export interface SeriesRow {
  /** Bucket start, epoch ms (UTC): the chart's x value. */
  t: number;
  /** Bucket start as the API sent it. */
  timestamp: string;
  /** Cost per resource type in this bucket (0 for a type without a point). */
  cost: Partial<Record<ResourceTypeId, number>>;
  /** Quantity per resource type, in the type's unit. */
  quantity: Partial<Record<ResourceTypeId, number>>;
  /** Sum of `cost` over the types. */
  totalCost: number;
  /** The bucket includes today: its figures are not final yet. */
  provisional: boolean;
  /** Why the bucket is partial (today's, or a week or month the period cuts short); absent when whole. */
  partial?: Partiality;
}

/**
 * Resource types of a response that have data or were asked for, largest cost
 * first (the bottom of the stack), ties in API order.
 */
export function seriesTypes(breakdown: readonly BreakdownItem[]): ResourceTypeId[] {
  return [...breakdown]
    .sort(
      (a, b) =>
        b.usage.cost - a.usage.cost || compareResourceTypes(a.resourceType, b.resourceType),
    )
    .map((item) => item.resourceType);
}

export { bucketEnd, isProvisional } from '../../lib/partial-buckets';

/**
 * One row per bucket of the breakdown's time series (merged by timestamp,
 * ascending), for the given types; with `period` (the answer's), the weeks and
 * months it cuts short are partial too.
 */
export function stackTimeSeries(
  breakdown: readonly BreakdownItem[],
  types: readonly ResourceTypeId[],
  granularity: Granularity,
  now: number,
  period?: { startDate: string; endDate: string },
): SeriesRow[] {
  const rows = new Map<number, SeriesRow>();
  for (const item of breakdown) {
    if (!types.includes(item.resourceType)) continue;
    for (const point of item.timeSeries) {
      const t = Date.parse(point.timestamp);
      let row = rows.get(t);
      if (!row) {
        row = { t, timestamp: point.timestamp, cost: {}, quantity: {}, totalCost: 0, provisional: false };
        rows.set(t, row);
      }
      row.cost[item.resourceType] = (row.cost[item.resourceType] ?? 0) + point.cost;
      row.quantity[item.resourceType] = (row.quantity[item.resourceType] ?? 0) + point.value;
      row.totalCost += point.cost;
    }
  }
  const sorted = [...rows.values()].sort((a, b) => a.t - b.t);
  for (const row of sorted) {
    for (const type of types) {
      row.cost[type] ??= 0;
      row.quantity[type] ??= 0;
    }
    row.provisional = isProvisional(row.t, granularity, now);
    const partial = row.provisional ? 'in progress' : partialBucket(row.t, granularity, { period });
    if (partial) row.partial = partial;
  }
  return sorted;
}

/** The days (inclusive, YYYY-MM-DD) of a bucket that lie in `period`: what a bucket cut by the period counts. */
export function daysInPeriod(t: number, granularity: Granularity, period: { startDate: string; endDate: string }): { startDate: string; endDate: string } {
  const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  const start = iso(t) > period.startDate ? iso(t) : period.startDate;
  const last = iso(bucketEnd(t, granularity) - 86_400_000);
  return { startDate: start, endDate: last < period.endDate ? last : period.endDate };
}

/** Total quantity of some types in a row (they must share a unit). */
export function rowQuantity(row: SeriesRow, types: readonly ResourceTypeId[]): number {
  return types.reduce((sum, t) => sum + (row.quantity[t] ?? 0), 0);
}

/** Total cost of some types in a row. */
export function rowCost(row: SeriesRow, types: readonly ResourceTypeId[]): number {
  return types.reduce((sum, t) => sum + (row.cost[t] ?? 0), 0);
}

export interface Downsampled {
  rows: SeriesRow[];
  /** How many rows there were before downsampling. */
  total: number;
  downsampled: boolean;
}

/**
 * Keeps at most `maxPoints` rows, chosen by LTTB on `y` (the stack's total),
 * so every series of the stack is thinned at the same buckets. The rows kept
 * are the input's own, so a tooltip still shows a real bucket's exact figures.
 */
export function downsampleRows(
  rows: readonly SeriesRow[],
  maxPoints: number,
  y: (row: SeriesRow) => number = (row) => row.totalCost,
): Downsampled {
  if (maxPoints < 3 || rows.length <= maxPoints) return { rows: rows.slice(), total: rows.length, downsampled: false };
  const indices = lttbIndices(
    rows.map((r) => r.t),
    rows.map(y),
    maxPoints,
  );
  return { rows: indices.map((i) => rows[i]!), total: rows.length, downsampled: true };
}

/** Bars need a few pixels each; past that the chart draws stacked areas. */
export const MIN_BAR_PX = 4;

export function chartKind(points: number, plotWidth: number): 'bar' | 'area' {
  return points * MIN_BAR_PX <= plotWidth ? 'bar' : 'area';
}

/**
 * x-axis domain with half a bucket of room on each side, so the first and
 * last bars are drawn whole.
 */
export function timeDomain(rows: readonly SeriesRow[], granularity: Granularity): [number, number] {
  if (rows.length === 0) return [0, 1];
  const first = rows[0]!.t;
  const last = rows[rows.length - 1]!.t;
  const half = (bucketEnd(last, granularity) - last) / 2;
  return [first - half, last + half];
}

export interface UnitGroup {
  unit: UnitId;
  types: ResourceTypeId[];
}

/**
 * The types grouped by the unit they are metered in (GPU hours for clusters,
 * endpoints and training; requests; GB-hours; GB), in that order. Quantities
 * only add up within a group.
 */
export function unitGroups(
  types: readonly ResourceTypeId[],
  unitOf: (type: ResourceTypeId) => UnitId = (t) => resourceUnit(t).unit,
): UnitGroup[] {
  // The known units in their order, then any unit the dashboard does not know, as first seen.
  const units: UnitId[] = [...UNITS];
  for (const t of types) if (!units.includes(unitOf(t))) units.push(unitOf(t));
  return units.map((unit) => ({ unit, types: types.filter((t) => unitOf(t) === unit) })).filter((g) => g.types.length > 0);
}

/** The unit of each type as the breakdown gives it (a type the dashboard does not know has no other source). */
export function breakdownUnits(breakdown: readonly BreakdownItem[]): (type: ResourceTypeId) => UnitId {
  const units = new Map(breakdown.map((b) => [b.resourceType, b.usage.unit]));
  return (t) => resourceUnit(t, units.get(t)).unit;
}

/** Whether the rows have any cost or usage at all. */
export function hasAnyData(rows: readonly SeriesRow[]): boolean {
  return rows.some((r) => r.totalCost !== 0 || Object.values(r.quantity).some((q) => q !== 0));
}
