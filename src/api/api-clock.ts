/**
 * The API is the clock: "today" and how far the data reaches come from the
 * billing API's answers, never from the browser's clock.
 *
 *   1. today: timeRange=current_month, granularity=monthly, in USD. The
 *      period's startDate + daysElapsed − 1 is the API's current day.
 *   2. the newest hour with data: timeRange=custom for today alone,
 *      granularity=hourly, in USD. The latest hourly timestamp with any cost
 *      or usage is the newest complete hour; the data reach to its end.
 * Both are documented requests and fields; the first is shared (same cache
 * entry) with the budgets' breach outlook.
 */
import { useQuery } from '@tanstack/react-query';
import type { Currency, UsageResponse } from '../contract/billing';
import { apiToday } from '../lib/period';
import { usageQueryOptions, type UsageRequest } from './usage';
import { HOUR_MS, DAY_MS } from '../lib/time';

const dayMs = (d: string) => Date.parse(`${d}T00:00:00Z`);

export function clockRequest(currency: Currency): UsageRequest {
  return { timeRange: 'current_month', granularity: 'monthly', currency };
}

/** Today's hours, to find the newest one with data. */
export function todayHoursRequest(today: string): UsageRequest {
  return { timeRange: 'custom', startDate: today, endDate: today, granularity: 'hourly', currency: 'USD' };
}

/** Start (epoch ms) of the newest time-series bucket with any cost or usage, or undefined when none has. */
export function latestBucketWithData(usage: Pick<UsageResponse, 'breakdown'>): number | undefined {
  let latest: number | undefined;
  for (const item of usage.breakdown)
    for (const p of item.timeSeries) {
      if (p.cost === 0 && p.value === 0) continue;
      const t = Date.parse(p.timestamp);
      if (latest === undefined || t > latest) latest = t;
    }
  return latest;
}

export interface ApiClock {
  /** The API's current day, YYYY-MM-DD. */
  today: string;
  /** Start (epoch ms) of the newest complete hour with data today; undefined before today's first hour. */
  latestHour: number | undefined;
  /**
   * The API's "now" as far as data go (epoch ms): the end of the newest hour
   * with data, or today's start when today has none yet. Everything about
   * data (spans, provisional buckets, month-to-date) is measured from it.
   */
  now: number;
}

/** The clock from today's hourly answer (see todayHoursRequest). */
export function apiClock(today: string, hours: Pick<UsageResponse, 'breakdown'>): ApiClock {
  const start = dayMs(today);
  const latest = latestBucketWithData(hours);
  // An hour outside today (an API answering wider than asked) does not move the clock.
  const latestHour = latest !== undefined && latest >= start && latest < start + DAY_MS ? Math.floor(latest / HOUR_MS) * HOUR_MS : undefined;
  return { today, latestHour, now: latestHour === undefined ? start : latestHour + HOUR_MS };
}

/** The API's clock, through the query cache; undefined until both answers are in. */
export function useApiClock(): { clock: ApiClock | undefined; error: unknown } {
  const month = useQuery(usageQueryOptions(clockRequest('USD')));
  const today = month.data ? apiToday(month.data.period) : undefined;
  const hours = useQuery({ ...usageQueryOptions(todayHoursRequest(today ?? '1970-01-01')), enabled: today !== undefined });
  const hoursData = today !== undefined && !hours.isPlaceholderData ? hours.data : undefined;
  return {
    clock: today !== undefined && hoursData ? apiClock(today, hoursData) : undefined,
    error: month.error ?? hours.error ?? undefined,
  };
}
