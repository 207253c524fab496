/**
 * This month's spend and burn rate for a budget's resource types, from one
 * usage request: daily costs from the earlier of the month's first day and
 * seven days ago, through today. The same figures the API's budget status
 * uses: spend so far this month, and the average hourly spend of the last
 * seven complete days.
 */
import type { Currency, UsageResponse } from '../../contract/billing';
import type { UsageRequest } from '../../api/usage';
import { isoDay } from '../../lib/period';
import type { BudgetResourceTypeValue } from './budget-form';
import type { MonthSpend } from './thresholds';
import { HOUR_MS, DAY_MS } from '../../lib/time';

function monthStart(now: number): number {
  const d = new Date(now);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
}

function nextMonthStart(now: number): number {
  const d = new Date(now);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

const startOfDay = (ms: number) => Math.floor(ms / DAY_MS) * DAY_MS;

/** The usage request behind monthSpendFromUsage (resource types: none sent for "all"). */
export function monthSpendRequest(resourceTypes: readonly BudgetResourceTypeValue[], currency: Currency, now: number): UsageRequest {
  const today = startOfDay(now);
  const request: UsageRequest = {
    timeRange: 'custom',
    startDate: isoDay(Math.min(monthStart(now), today - 7 * DAY_MS)),
    endDate: isoDay(today),
    granularity: 'daily',
    currency,
  };
  if (!resourceTypes.includes('all')) request.resourceType = resourceTypes.filter((t) => t !== 'all');
  return request;
}

/** Spend so far this month and the hourly burn of the last seven complete days, from a monthSpendRequest answer. */
export function monthSpendFromUsage(usage: Pick<UsageResponse, 'breakdown'>, now: number): MonthSpend {
  const start = monthStart(now);
  const today = startOfDay(now);
  const weekStart = today - 7 * DAY_MS;
  let spent = 0;
  let lastWeek = 0;
  for (const item of usage.breakdown)
    for (const point of item.timeSeries) {
      const t = Date.parse(point.timestamp);
      if (t >= start && t < nextMonthStart(now)) spent += point.cost;
      if (t >= weekStart && t < today) lastWeek += point.cost;
    }
  return {
    spent,
    hourlyBurn: lastWeek / (7 * 24),
    from: Math.floor(now / HOUR_MS) * HOUR_MS,
    monthEnd: nextMonthStart(now),
  };
}
