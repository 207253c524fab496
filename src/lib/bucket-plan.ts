/**
 * Cost over time by a dimension from the documented `/usage` endpoint alone
 * (where the API lacks the `/usage/series` extension): one custom-range
 * request per bucket, so the number of buckets bounds the requests. A
 * period's days are its buckets (an hourly view by day, as the extension
 * does); when that would need more than `max` requests, weeks (Monday to
 * Sunday, cut by the period), then calendar months. Buckets end at the API's
 * today (the period's first day plus its days elapsed): later days have no
 * cost yet. Pure.
 */
import type { Granularity, Period } from '../contract/billing';
import { DAY_MS } from './time';

/** At most this many requests for one chart. */
export const MAX_BUCKETS = 36;

export type BucketGranularity = Extract<Granularity, 'daily' | 'weekly' | 'monthly'>;

export interface Bucket {
  startDate: string;
  endDate: string;
}

export interface BucketPlan {
  granularity: BucketGranularity;
  buckets: Bucket[];
  /** The granularity asked for, when the plan had to be coarser to stay within `max` requests. */
  coarsenedFrom?: BucketGranularity;
  /** Set when even months would need more than `max` requests: no buckets then. */
  tooLong?: { months: number };
}

const ORDER: readonly BucketGranularity[] = ['daily', 'weekly', 'monthly'];

const day = (date: string) => Date.parse(`${date}T00:00:00Z`);
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);

/** The period's last day with data: its end, or the API's today when the period is still running. */
export function lastDataDay(period: Pick<Period, 'startDate' | 'endDate' | 'daysElapsed' | 'daysInPeriod'>): string {
  if (period.daysElapsed >= period.daysInPeriod) return period.endDate;
  const today = day(period.startDate) + Math.max(0, period.daysElapsed - 1) * DAY_MS;
  return iso(Math.min(today, day(period.endDate)));
}

/** The first day of the bucket after the one `t` starts. */
function next(t: number, g: BucketGranularity): number {
  if (g === 'daily') return t + DAY_MS;
  if (g === 'weekly') {
    const weekday = (new Date(t).getUTCDay() + 6) % 7; // Monday 0
    return t + (7 - weekday) * DAY_MS;
  }
  const d = new Date(t);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
}

/** The buckets of `g` from `start` to `end` (dates, inclusive), the first and last cut by them. */
export function splitRange(start: string, end: string, g: BucketGranularity): Bucket[] {
  const out: Bucket[] = [];
  const last = day(end);
  for (let t = day(start); t <= last; ) {
    const n = next(t, g);
    out.push({ startDate: iso(t), endDate: iso(Math.min(n - DAY_MS, last)) });
    t = n;
  }
  return out;
}

/**
 * The buckets for a period answered by the API and the granularity asked for
 * (hourly is drawn by day): the finest of daily, weekly, monthly, not finer
 * than asked, that needs at most `max` requests.
 */
export function planBuckets(
  period: Pick<Period, 'startDate' | 'endDate' | 'daysElapsed' | 'daysInPeriod'>,
  granularity: Granularity,
  max = MAX_BUCKETS,
): BucketPlan {
  const asked: BucketGranularity = granularity === 'hourly' ? 'daily' : granularity;
  const end = lastDataDay(period);
  for (const g of ORDER.slice(ORDER.indexOf(asked))) {
    const buckets = splitRange(period.startDate, end, g);
    if (buckets.length <= max) return { granularity: g, buckets, ...(g !== asked ? { coarsenedFrom: asked } : {}) };
  }
  const months = splitRange(period.startDate, end, 'monthly').length;
  return { granularity: 'monthly', buckets: [], ...(asked !== 'monthly' ? { coarsenedFrom: asked } : {}), tooLong: { months } };
}
