import type { Period, TimeRange } from '../../src/contract/billing.ts';
import { presetBounds } from '../../src/lib/period.ts';
import { DAY_MS, HOUR_MS } from '../../src/lib/time.ts';

export interface ResolvedPeriod {
  period: Period;
  /** Inclusive start and exclusive end of the period, epoch ms (UTC midnight). */
  start: number;
  end: number;
  /** End of the data to read: the period's end, or now (complete hours) if earlier. */
  dataEnd: number;
}

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

const BILLING_CYCLES: Record<TimeRange, Period['billingCycle']> = {
  current_month: 'monthly',
  last_month: 'monthly',
  current_quarter: 'quarterly',
  last_quarter: 'quarterly',
  current_year: 'yearly',
  custom: 'custom',
};

/** Resolves a time range against `now`, on the app's calendar (src/lib/period.ts). */
export function resolvePeriod(
  timeRange: TimeRange,
  now: number,
  custom?: { startDate?: string; endDate?: string },
): ResolvedPeriod {
  let start: number;
  let end: number;
  if (timeRange === 'custom') {
    if (!custom?.startDate || !custom.endDate) throw new Error('custom range needs startDate and endDate');
    start = Date.parse(`${custom.startDate}T00:00:00Z`);
    end = Date.parse(`${custom.endDate}T00:00:00Z`) + DAY_MS;
  } else {
    ({ start, end } = presetBounds(timeRange, now));
  }
  const billingCycle = BILLING_CYCLES[timeRange];
  const nowHour = Math.floor(now / HOUR_MS) * HOUR_MS;
  const dataEnd = Math.max(start, Math.min(end, nowHour));
  const daysInPeriod = Math.round((end - start) / DAY_MS);
  const daysElapsed = Math.min(daysInPeriod, Math.max(0, Math.ceil((Math.min(now, end) - start) / DAY_MS)));
  return {
    period: { startDate: iso(start), endDate: iso(end - DAY_MS), billingCycle, daysInPeriod, daysElapsed },
    start,
    end,
    dataEnd,
  };
}

/** The period of equal length just before this one (for change figures). */
export function previousPeriod(p: ResolvedPeriod): { start: number; end: number } {
  const len = p.dataEnd - p.start;
  return { start: p.start - (p.end - p.start), end: p.start - (p.end - p.start) + len };
}

/** How far past today a custom range may end (the stored history ends now; forecasts look a year ahead). */
export const MAX_DAYS_AHEAD = 366;

/**
 * The longest custom range per granularity (days, both ends included). Hourly
 * has its own limit (`maxHourlyDays`). Days before the stored history answer
 * zero, as an account's days before it existed do, so a range may start
 * before the history as long as it fits these spans: what bounds the work and
 * the answer is the number of buckets.
 */
export const MAX_RANGE_DAYS: Record<'daily' | 'weekly' | 'monthly', number> = { daily: 1_098, weekly: 3_653, monthly: 3_653 };

export interface RangeIssue {
  parameter: string;
  message: string;
  allowed?: string[];
  received?: string;
}

/**
 * The bounds every usage query is held to, so that no request reads or answers
 * more than a bounded number of buckets: a custom range ends at most
 * MAX_DAYS_AHEAD days after today and spans at most MAX_RANGE_DAYS of its
 * granularity, and an hourly range is at most `maxHourlyDays` long. Empty when
 * the range is fine.
 */
export function rangeIssues(
  q: { timeRange: TimeRange; startDate?: string; endDate?: string; granularity: string },
  now: number,
  maxHourlyDays: number,
): RangeIssue[] {
  const out: RangeIssue[] = [];
  if (q.timeRange === 'custom' && q.startDate && q.endDate) {
    const last = iso(Math.floor(now / DAY_MS) * DAY_MS + MAX_DAYS_AHEAD * DAY_MS);
    if (q.endDate > last)
      return [
        {
          parameter: 'endDate',
          message: `must be on or before ${last} (${MAX_DAYS_AHEAD} days after today)`,
          allowed: [`on or before ${last}`],
          received: q.endDate,
        },
      ];
    const maxDays = MAX_RANGE_DAYS[q.granularity as keyof typeof MAX_RANGE_DAYS];
    if (maxDays !== undefined) {
      const days = (Date.parse(`${q.endDate}T00:00:00Z`) - Date.parse(`${q.startDate}T00:00:00Z`)) / DAY_MS + 1;
      if (days > maxDays) {
        const first = iso(Date.parse(`${q.endDate}T00:00:00Z`) - (maxDays - 1) * DAY_MS);
        const coarser = q.granularity === 'daily' ? '; use weekly or monthly for a longer range' : '';
        return [
          {
            parameter: 'startDate',
            message: `must be on or after ${first}: a ${q.granularity} range spans at most ${maxDays.toLocaleString('en-US')} days, this one ${days.toLocaleString('en-US')}${coarser}`,
            allowed: [`${first} to ${q.endDate}`],
            received: q.startDate,
          },
        ];
      }
    }
  }
  if (q.granularity === 'hourly') {
    const p = resolvePeriod(q.timeRange, now, q);
    if (p.period.daysInPeriod > maxHourlyDays)
      out.push({
        parameter: 'granularity',
        message: `hourly is allowed for ranges up to ${maxHourlyDays} days; this range has ${p.period.daysInPeriod}. Use daily, weekly or monthly`,
        allowed: ['daily', 'weekly', 'monthly'],
        received: 'hourly',
      });
  }
  return out;
}
