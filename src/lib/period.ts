/**
 * Calendar arithmetic for time ranges, in UTC like the API: which days a
 * preset covers on a given day, and how long a range is. The sandbox API
 * resolves a `timeRange` with the same functions, so the app's limits (hourly
 * ≤ 92 days) and pre-filled custom ranges agree with it.
 */
import type { Period, TimeRange } from '../contract/billing';
import { DAY_MS } from './time';

export interface DateRange {
  /** Inclusive, YYYY-MM-DD. */
  startDate: string;
  /** Inclusive, YYYY-MM-DD. */
  endDate: string;
}

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** YYYY-MM-DD of `now` in UTC. */
export function isoDay(now: Date | number): string {
  return iso(typeof now === 'number' ? now : now.getTime());
}

/**
 * A preset's first day and the day after its last (epoch ms, UTC midnights) on
 * the day of `now`: the one calendar of the app and the sandbox API
 * (server/queries/period.ts resolves `timeRange` with it).
 */
export function presetBounds(timeRange: Exclude<TimeRange, 'custom'>, now: Date | number): { start: number; end: number } {
  const d = new Date(now);
  const y = d.getUTCFullYear();
  const m = d.getUTCMonth();
  const q = Math.floor(m / 3) * 3;
  switch (timeRange) {
    case 'current_month':
      return { start: Date.UTC(y, m, 1), end: Date.UTC(y, m + 1, 1) };
    case 'last_month':
      return { start: Date.UTC(y, m - 1, 1), end: Date.UTC(y, m, 1) };
    case 'current_quarter':
      return { start: Date.UTC(y, q, 1), end: Date.UTC(y, q + 3, 1) };
    case 'last_quarter':
      return { start: Date.UTC(y, q - 3, 1), end: Date.UTC(y, q, 1) };
    case 'current_year':
      return { start: Date.UTC(y, 0, 1), end: Date.UTC(y + 1, 0, 1) };
  }
}

/** The calendar days a preset time range covers on the day of `now` (UTC). */
export function presetRange(timeRange: Exclude<TimeRange, 'custom'>, now: Date | number): DateRange {
  const { start, end } = presetBounds(timeRange, now);
  return { startDate: iso(start), endDate: iso(end - DAY_MS) };
}

/** Number of calendar days in an inclusive range (`2024-01-01`–`2024-01-31` → 31). */
export function rangeDays({ startDate, endDate }: DateRange): number {
  return Math.round((Date.parse(`${endDate}T00:00:00Z`) - Date.parse(`${startDate}T00:00:00Z`)) / DAY_MS) + 1;
}

/** The days a time range covers: the preset's, or the custom dates. */
export function resolveRange(
  timeRange: TimeRange,
  now: Date | number,
  custom?: Partial<DateRange>,
): DateRange | undefined {
  if (timeRange !== 'custom') return presetRange(timeRange, now);
  return custom?.startDate && custom.endDate ? { startDate: custom.startDate, endDate: custom.endDate } : undefined;
}

/** The API's current day: the period's first day plus the days elapsed, less one (the day in progress counts). */
export function apiToday(period: Pick<Period, 'startDate' | 'endDate' | 'daysElapsed'>): string {
  const t = Date.parse(`${period.startDate}T00:00:00Z`) + Math.max(0, period.daysElapsed - 1) * DAY_MS;
  return iso(Math.min(t, Date.parse(`${period.endDate}T00:00:00Z`)));
}
