/**
 * Pure transforms from a usage response to what the Usage explorer draws:
 * time series (sorted, downsampled, with time-axis ticks), the groupBy
 * breakdown (rows, top-N bars + "Other"), per-type summaries, top resources
 * with their share, and the figures of a drilled-down selection.
 */
import {
  type BreakdownItem,
  type Group,
  type GroupBy,
  type GroupItem,
  type ResourceTypeId,
  type TimeSeriesPoint,
  type TopResource,
  type UnitId,
  type UsageResponse,
} from '../../contract/billing';
import { resourceUnit, unitLabels } from '../../lib/format';
import { lttbIndices } from '../../lib/lttb';
import { OTHER_KEY, type Selection } from './usage-view';
import { compareResourceTypes } from '../../lib/colors';
import { HOUR_MS, DAY_MS } from '../../lib/time';

// ---------------------------------------------------------------- time series

export interface SeriesPoint {
  /** Bucket start, epoch ms (the numeric time axis). */
  t: number;
  /** The API's timestamp, as sent. */
  timestamp: string;
  value: number;
  cost: number;
}

/** The API's series as chart points, oldest first. */
export function toSeriesPoints(series: readonly TimeSeriesPoint[]): SeriesPoint[] {
  return series
    .map((p) => ({ t: Date.parse(p.timestamp), timestamp: p.timestamp, value: p.value, cost: p.cost }))
    .sort((a, b) => a.t - b.t);
}

function maxAbs(values: readonly number[]): number {
  let max = 0;
  for (const v of values) max = Math.max(max, Math.abs(v));
  return max;
}

/**
 * At most `maxPoints` points (≈ the plot's width in px) picked by LTTB on the
 * quantity and the cost together (each scaled to its own maximum), so both
 * panels keep their peaks and share the same x values. The points kept are
 * the API's own, so a tooltip shows exact figures.
 */
export function downsampleSeries(points: readonly SeriesPoint[], maxPoints: number): SeriesPoint[] {
  const target = Math.floor(maxPoints);
  if (points.length <= target || target < 3) return points.slice();
  const maxValue = maxAbs(points.map((p) => p.value));
  const maxCost = maxAbs(points.map((p) => p.cost));
  const ys = points.map((p) => (maxValue > 0 ? p.value / maxValue : 0) + (maxCost > 0 ? p.cost / maxCost : 0));
  return lttbIndices(
    points.map((p) => p.t),
    ys,
    target,
  ).map((i) => points[i]!);
}

/** The bucket with the largest quantity (the first one on a tie), or undefined when nothing was used. */
export function seriesPeak(points: readonly SeriesPoint[]): SeriesPoint | undefined {
  let peak: SeriesPoint | undefined;
  for (const p of points) if (p.value > 0 && (!peak || p.value > peak.value)) peak = p;
  return peak;
}

export type TickUnit = 'hour' | 'day' | 'month';

export interface TimeTicks {
  ticks: number[];
  /** What the ticks step by, to pick their label format. */
  unit: TickUnit;
}

const FIXED_STEPS: { ms: number; unit: TickUnit }[] = [
  { ms: HOUR_MS, unit: 'hour' },
  { ms: 3 * HOUR_MS, unit: 'hour' },
  { ms: 6 * HOUR_MS, unit: 'hour' },
  { ms: 12 * HOUR_MS, unit: 'hour' },
  { ms: DAY_MS, unit: 'day' },
  { ms: 2 * DAY_MS, unit: 'day' },
  { ms: 7 * DAY_MS, unit: 'day' },
  { ms: 14 * DAY_MS, unit: 'day' },
];
const MONTH_STEPS = [1, 3, 6, 12];

/**
 * Ticks on whole UTC hours, days or months between `start` and `end`
 * (inclusive), at most `maxTicks` of them, with the finest step that fits.
 */
export function timeTicks(start: number, end: number, maxTicks: number): TimeTicks {
  const limit = Math.max(1, Math.floor(maxTicks));
  if (!(end > start)) return { ticks: [start], unit: 'day' };
  for (const step of FIXED_STEPS) {
    const align = step.unit === 'hour' ? step.ms : DAY_MS;
    const first = Math.ceil(start / align) * align;
    if (Math.floor((end - first) / step.ms) + 1 > limit) continue;
    const ticks: number[] = [];
    for (let t = first; t <= end; t += step.ms) ticks.push(t);
    return { ticks, unit: step.unit };
  }
  const s = new Date(start);
  const year = s.getUTCFullYear();
  const firstMonth = s.getUTCMonth() + (Date.UTC(year, s.getUTCMonth(), 1) < start ? 1 : 0);
  for (const months of MONTH_STEPS) {
    const ticks: number[] = [];
    for (let m = Math.ceil(firstMonth / months) * months; Date.UTC(year, m, 1) <= end; m += months) ticks.push(Date.UTC(year, m, 1));
    if (ticks.length <= limit) return { ticks, unit: 'month' };
  }
  return { ticks: [start, end], unit: 'month' };
}

// ---------------------------------------------------------------- breakdown by groupBy

export interface GroupRow {
  key: string;
  name: string;
  cost: number;
  /** Share of the request's total cost, 0–100, as the API reports it. */
  percentage: number;
  /** On a resource type's page: the member's quantity of that type, in `unit`. */
  quantity?: number;
  unit?: UnitId;
  /** The resource types this member used (a resource has one). */
  resourceTypes: ResourceTypeId[];
  /** False for the API's "Other (N more)" bucket. */
  selectable: boolean;
}

/** The response's group for a dimension, if it was requested. */
export function findGroup(response: UsageResponse | undefined, dimension: GroupBy): Group | undefined {
  return response?.groups?.find((g) => g.dimension === dimension);
}

/**
 * Rows for a dimension from the documented fields alone, for an answer without
 * `groups` (an extension): regions from `regional`, resources from each type's
 * `topResources`. Undefined for the other dimensions, which need `groups`.
 * Such rows cannot narrow the view (that needs the group's per-member figures):
 * the pages do not act on a click on them.
 */
export function documentedGroupRows(response: UsageResponse, dimension: GroupBy, resourceType?: ResourceTypeId): GroupRow[] | undefined {
  const total = response.summary.totalCost;
  if (dimension === 'region')
    return response.regional.map((r) => ({ key: r.region, name: r.region, cost: r.cost, percentage: r.percentage, resourceTypes: [], selectable: true }));
  if (dimension === 'resource')
    return response.breakdown
      .filter((b) => resourceType === undefined || b.resourceType === resourceType)
      .flatMap((b) =>
        b.topResources.map((t) => ({
          key: t.resourceId,
          name: t.name,
          cost: t.cost,
          percentage: total > 0 ? Math.round((t.cost / total) * 1000) / 10 : 0,
          ...(resourceType ? { quantity: t.usage, unit: b.usage.unit } : {}),
          resourceTypes: [b.resourceType],
          selectable: true,
        })),
      )
      .sort((a, b) => b.cost - a.cost);
  return undefined;
}

/** A group's members as table rows, highest cost first (as the API sorts them). */
export function groupRows(group: Group, resourceType?: ResourceTypeId): GroupRow[] {
  return group.items.map((item) => {
    const own = resourceType ? item.usage.find((u) => u.resourceType === resourceType) : undefined;
    return {
      key: item.key,
      name: item.name,
      cost: item.cost,
      percentage: item.percentage,
      ...(resourceType ? { quantity: own?.quantity ?? 0, unit: resourceUnit(resourceType).unit } : {}),
      resourceTypes: item.usage.filter((u) => u.quantity > 0 || u.cost !== 0).map((u) => u.resourceType),
      selectable: item.key !== OTHER_KEY,
    };
  });
}

export interface BarDatum {
  key: string;
  name: string;
  cost: number;
  percentage: number;
  selectable: boolean;
}

export interface TopBars {
  /** The costliest members, highest first. */
  bars: BarDatum[];
  /** What is left out of the chart (the API's own "Other" bucket included), if anything. */
  rest?: { count: number; cost: number; percentage: number };
}

/**
 * Bars for a chart: the `limit` costliest members, and a summary of the rest
 * (shown beside the chart rather than as one bar, which would dwarf the others).
 * The API's "Other (N more)" bucket always counts as the rest, N members.
 */
export function topBars(rows: readonly GroupRow[], limit: number): TopBars {
  const members = rows.filter((r) => r.selectable).sort((a, b) => b.cost - a.cost);
  const bars = members.slice(0, Math.max(0, limit)).map((r) => ({
    key: r.key,
    name: r.name,
    cost: r.cost,
    percentage: r.percentage,
    selectable: true,
  }));
  const kept = new Set(bars.map((b) => b.key));
  const rest = rows.filter((r) => !kept.has(r.key));
  if (rest.length === 0) return { bars };
  const count = rest.reduce((n, r) => n + (r.selectable ? 1 : otherCount(r.name)), 0);
  const cost = rest.reduce((sum, r) => sum + r.cost, 0);
  const percentage = Math.round(rest.reduce((sum, r) => sum + r.percentage, 0) * 10) / 10;
  return { bars, rest: { count, cost, percentage } };
}

/** Members in the API's "Other (N more)" bucket (1 when the name says nothing). */
function otherCount(name: string): number {
  const m = /\((\d+) more\)/.exec(name);
  return m ? Number(m[1]) : 1;
}

// ---------------------------------------------------------------- per resource type

export interface TypeSummary {
  resourceType: ResourceTypeId;
  cost: number;
  /** Share of the cost shown (all requested types, or the selected member's), 0–100. */
  percentage: number;
  quantity: number;
  unit: UnitId;
  /** The type's series; left out for a selected member (the API has no series per member). */
  series?: SeriesPoint[];
}

const byCostThenType = (a: TypeSummary, b: TypeSummary) =>
  b.cost - a.cost || compareResourceTypes(a.resourceType, b.resourceType);

/**
 * One summary per requested resource type, costliest first: the response's
 * own figures, or, `within` a group member, that member's figures per type.
 */
export function typeSummaries(response: UsageResponse, within?: GroupItem): TypeSummary[] {
  if (!within)
    return response.breakdown
      .map((b) => ({
        resourceType: b.resourceType,
        cost: b.usage.cost,
        percentage: b.usage.percentage,
        quantity: b.usage.quantity,
        unit: b.usage.unit,
        series: toSeriesPoints(b.timeSeries),
      }))
      .sort(byCostThenType);
  return response.breakdown
    .map((b) => {
      const own = within.usage.find((u) => u.resourceType === b.resourceType);
      const cost = own?.cost ?? 0;
      return {
        resourceType: b.resourceType,
        cost,
        percentage: within.cost > 0 ? (cost / within.cost) * 100 : 0,
        quantity: own?.quantity ?? 0,
        unit: b.usage.unit,
      };
    })
    .sort(byCostThenType);
}

export interface TopResourceRow extends TopResource {
  /** Share of the resource type's cost, 0–100. */
  share: number;
}

/** A type's top resources with each one's share of the type's cost. */
export function topResourceRows(item: BreakdownItem): TopResourceRow[] {
  const total = item.usage.cost;
  return item.topResources.map((r) => ({ ...r, share: total > 0 ? (r.cost / total) * 100 : 0 }));
}

/**
 * Average cost per unit: per GPU hour, GB-hour or GB, and per 1,000 requests
 * (a single request costs a fraction of a cent). Undefined without usage.
 */
export function unitCost(cost: number, quantity: number, unit: UnitId): { amount: number; per: string } | undefined {
  if (!(quantity > 0)) return undefined;
  if (unit === 'requests') return { amount: (cost / quantity) * 1000, per: '1K req' };
  return { amount: cost / quantity, per: unitLabels(unit).short };
}

// ---------------------------------------------------------------- selection (drill-down)

export interface SelectionDetail extends Selection {
  /** The member's display name (the key when it is not in the response). */
  name: string;
  /** Whether the response has figures for it. */
  found: boolean;
  cost?: number;
  /** Share of the cost shown on the page, 0–100. */
  share?: number;
  /** On a resource type's page: its quantity of that type. */
  quantity?: number;
  unit?: UnitId;
  /** Its cost and quantity per resource type. */
  usage: GroupItem['usage'];
}

/**
 * What the response says about a selected member: from the group of its
 * dimension, or (a resource on its type's page) from the top resources.
 */
export function describeSelection(
  response: UsageResponse | undefined,
  selection: Selection,
  resourceType?: ResourceTypeId,
): SelectionDetail {
  const item = findGroup(response, selection.dimension)?.items.find((i) => i.key === selection.key);
  const unit = resourceType ? resourceUnit(resourceType).unit : undefined;
  if (item) {
    const own = resourceType ? item.usage.find((u) => u.resourceType === resourceType) : undefined;
    return {
      ...selection,
      name: item.name,
      found: true,
      cost: item.cost,
      share: item.percentage,
      ...(resourceType ? { quantity: own?.quantity ?? 0, unit } : {}),
      usage: item.usage,
    };
  }
  if (selection.dimension === 'resource' && resourceType) {
    const type = response?.breakdown.find((b) => b.resourceType === resourceType);
    const top = type && topResourceRows(type).find((r) => r.resourceId === selection.key);
    if (top)
      return {
        ...selection,
        name: top.name,
        found: true,
        cost: top.cost,
        share: top.share,
        quantity: top.usage,
        unit,
        usage: [{ resourceType, quantity: top.usage, unit: unit!, cost: top.cost }],
      };
  }
  return { ...selection, name: selection.key, found: false, usage: [] };
}

