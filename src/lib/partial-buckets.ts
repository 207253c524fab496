/**
 * Partial buckets, by the API's clock (src/api/api-clock.ts), never the
 * browser's: a bucket is partial when it includes the API's today (still
 * filling: today, the hours of today, this week, this month) or when the
 * requested period cuts it short (a week of which one day is in the range).
 * Every chart and sparkline marks such buckets, and table views say "partial".
 */
import type { Granularity } from '../contract/billing';

import { DAY_MS, HOUR_MS } from './time';

export { DAY_MS, HOUR_MS };

/** End (exclusive, epoch ms) of the bucket starting at `t`. Weeks start on Monday, like the API's. */
export function bucketEnd(t: number, granularity: Granularity): number {
  switch (granularity) {
    case 'hourly':
      return t + HOUR_MS;
    case 'daily':
      return t + DAY_MS;
    case 'weekly': {
      // The first week may be labelled by the period's start rather than its Monday.
      const day = Math.floor(t / DAY_MS) * DAY_MS;
      const sinceMonday = (new Date(day).getUTCDay() + 6) % 7;
      return day - sinceMonday * DAY_MS + 7 * DAY_MS;
    }
    case 'monthly': {
      const d = new Date(t);
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
    }
  }
}

/** Whether the bucket starting at `t` includes (part of) the UTC day of `now`. */
export function isProvisional(t: number, granularity: Granularity, now: number): boolean {
  const todayStart = Math.floor(now / DAY_MS) * DAY_MS;
  return t < todayStart + DAY_MS && bucketEnd(t, granularity) > todayStart;
}


/** Why a bucket is partial, or undefined for a complete one. */
export type Partiality = 'in progress' | 'cut by the period';

/**
 * Whether the bucket starting at `t` is partial.
 * @param now the API's now (ApiClock.now); without it nothing is "in progress"
 * @param period the requested period's first and last day (YYYY-MM-DD), when known
 */
export function partialBucket(
  t: number,
  granularity: Granularity,
  { now, period }: { now?: number; period?: { startDate: string; endDate: string } },
): Partiality | undefined {
  if (now !== undefined && isProvisional(t, granularity, now)) return 'in progress';
  if (period && granularity !== 'hourly' && granularity !== 'daily') {
    const start = Date.parse(`${period.startDate}T00:00:00Z`);
    const end = Date.parse(`${period.endDate}T00:00:00Z`) + DAY_MS;
    const full = granularity === 'weekly' ? 7 * DAY_MS : bucketEnd(t, granularity) - Date.UTC(new Date(t).getUTCFullYear(), new Date(t).getUTCMonth(), 1);
    const covered = Math.min(end, bucketEnd(t, granularity)) - Math.max(start, t);
    if (covered < full) return 'cut by the period';
  }
  return undefined;
}
