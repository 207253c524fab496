/**
 * The change against a like-for-like earlier span, as pure functions.
 *
 * The spans come from src/lib/like-for-like.ts: month to date against the
 * same days of the previous month (1–16 Jan with 1–16 Dec, 1–16 Mar with
 * 1–16 Feb), a complete month against the previous complete month (November
 * with 1–31 Oct), a quarter against the previous quarter, any other range
 * against as many days just before it, or year over year.
 *
 * While the period runs, today has data only up to the last full hour. So the
 * comparison is like for like, the previous span's last day counts pro rata:
 * at 12:00 UTC half of 16 Dec is compared with half of 16 Jan.
 */
import { GPU_HOUR_TYPES } from '../../lib/usage-summary';
import { likeForLike, type CompareMode } from '../../lib/like-for-like';
import type { DateRange } from '../../lib/period';
import type { ResourceTypeId, UsageResponse } from '../../contract/billing';
import type { UsageRequest } from '../../api/usage';
import type { DashboardFilters } from '../../url-state/filter-schema';

export interface ComparisonPlan {
  /** The part of the period with data: its start to the last day with data (inclusive). */
  current: DateRange;
  /** The like-for-like span it is compared with. */
  previous: DateRange;
  /** Days compared (of the current span). */
  days: number;
  /**
   * Share of the previous span's last day that is counted: below 1 while
   * today runs (the same hours as today has data for).
   */
  lastDayFraction: number;
  /** End of the data compared (epoch ms): the period's end, or now to the full hour. */
  dataEnd: number;
}

/**
 * What to compare for a period (inclusive dates) seen at `now`, or undefined
 * when the period has no data yet (it starts in the future, or this is its
 * first hour).
 */
export function comparisonPlan(range: DateRange, now: number, mode: CompareMode = 'previous'): ComparisonPlan | undefined {
  const spans = likeForLike(range, now, mode);
  if (!spans) return undefined;
  const { current, previous, days, lastDayFraction, dataEnd } = spans;
  return { current, previous, days, lastDayFraction, dataEnd };
}

/**
 * The usage request for the previous span: a custom range with the same
 * resource types and currency, by day (the last day may be counted pro rata).
 */
export function previousPeriodRequest(filters: DashboardFilters, plan: ComparisonPlan): UsageRequest {
  const request: UsageRequest = {
    timeRange: 'custom',
    startDate: plan.previous.startDate,
    endDate: plan.previous.endDate,
    granularity: 'daily',
    currency: filters.currency,
  };
  if (filters.resourceType.length > 0) request.resourceType = [...filters.resourceType];
  return request;
}

/** The headline figures the summary cards show, for one span. */
export interface PeriodTotals {
  cost: number;
  gpuHours: number;
  apiRequests: number;
  storageGB: number;
  bandwidthGB: number;
}

export interface PreviousTotals extends PeriodTotals {
  /** Whether the previous span has any usage at all. */
  hasData: boolean;
  /**
   * The first day of the previous span with usage, when it is not the span's
   * first day (the account's history may start inside the span).
   */
  dataFrom?: string;
}

const METRIC_TYPES: Record<Exclude<keyof PeriodTotals, 'cost'>, readonly ResourceTypeId[]> = {
  gpuHours: GPU_HOUR_TYPES,
  apiRequests: ['ai-services'],
  storageGB: ['storage'],
  bandwidthGB: ['bandwidth'],
};

/**
 * The previous span's totals, comparable with the current period's: its last
 * day counted by `plan.lastDayFraction`.
 */
export function previousTotals(previous: UsageResponse, plan: ComparisonPlan): PreviousTotals {
  const drop = 1 - plan.lastDayFraction;
  const lastDay = plan.previous.endDate;
  const cost = new Map<ResourceTypeId, number>();
  const quantity = new Map<ResourceTypeId, number>();
  let firstDay: string | undefined;
  for (const item of previous.breakdown) {
    const last = item.timeSeries.find((p) => p.timestamp.slice(0, 10) === lastDay);
    cost.set(item.resourceType, item.usage.cost - drop * (last?.cost ?? 0));
    quantity.set(item.resourceType, item.usage.quantity - drop * (last?.value ?? 0));
    for (const point of item.timeSeries) {
      if (point.cost === 0 && point.value === 0) continue;
      const day = point.timestamp.slice(0, 10);
      if (firstDay === undefined || day < firstDay) firstDay = day;
    }
  }
  const sum = (types: readonly ResourceTypeId[], of: Map<ResourceTypeId, number>) =>
    types.reduce((total, t) => total + (of.get(t) ?? 0), 0);
  const totals: PreviousTotals = {
    cost: [...cost.values()].reduce((a, b) => a + b, 0),
    gpuHours: sum(METRIC_TYPES.gpuHours, quantity),
    apiRequests: sum(METRIC_TYPES.apiRequests, quantity),
    storageGB: sum(METRIC_TYPES.storageGB, quantity),
    bandwidthGB: sum(METRIC_TYPES.bandwidthGB, quantity),
    hasData: firstDay !== undefined,
  };
  if (firstDay !== undefined && firstDay > plan.previous.startDate) totals.dataFrom = firstDay;
  return totals;
}

/** The current period's headline figures (as the summary cards show them). */
export function currentTotals(current: UsageResponse): PeriodTotals {
  const { summary } = current;
  return {
    cost: summary.totalCost,
    gpuHours: summary.totalGpuHours,
    apiRequests: summary.totalApiRequests,
    storageGB: summary.totalStorageGB,
    bandwidthGB: summary.totalBandwidthGB,
  };
}

export type ChangeDirection = 'up' | 'down' | 'flat';

export interface Change {
  /** Relative change in percent (12.4 = 12.4% more than before). */
  percent: number;
  /** Flat when the change rounds to 0.0%. */
  direction: ChangeDirection;
}

/**
 * The relative change from `previous` to `current`, or undefined when there
 * is nothing to compare with (previous zero or less).
 */
export function percentChange(current: number, previous: number): Change | undefined {
  if (!(previous > 0) || !Number.isFinite(current)) return undefined;
  const percent = ((current - previous) / previous) * 100;
  const direction: ChangeDirection = Math.abs(percent) < 0.05 ? 'flat' : percent > 0 ? 'up' : 'down';
  return { percent, direction };
}
