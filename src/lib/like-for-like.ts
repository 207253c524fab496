/**
 * Like-for-like comparison spans, as pure calendar arithmetic in UTC.
 *
 * The compared span is the part of a period that has data: its first day up
 * to the last day with data (today, while the period runs, counted up to the
 * API's newest hour). What it is compared with depends on the period's shape:
 *
 *   - whole calendar months (a month, a quarter, a year, any run of whole
 *     months): the same days of the months as many months earlier. Month to
 *     date 1–16 Jan compares with 1–16 Dec; November with October (1–31 Oct);
 *     Q1 to 10 Feb with 1 Oct – 10 Nov; a day the earlier month lacks is
 *     clamped to its last day (1–30 Mar to date with 1–29 Feb 2024), and a
 *     complete month ends where the earlier month ends (February with 1–31 Jan);
 *   - any other range: as many days just before it (10–20 Jan with 30 Dec – 9 Jan);
 *   - year over year (an option for every shape): the same dates a year
 *     earlier, 29 Feb clamped to 28 Feb.
 *
 * While today runs, its data reach only to the newest full hour, so the
 * earlier span's last day counts pro rata (at 12:00, half of 16 Dec against
 * half of 16 Jan), unless that day was clamped (the earlier month has no more
 * days to count).
 */
import type { DateRange } from './period';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** What the period is compared with: the previous period of its kind, or the same dates a year earlier. */
export const COMPARE_MODES = ['previous', 'year'] as const;
export type CompareMode = (typeof COMPARE_MODES)[number];

/** The period's shape: month, quarter, year (calendar ones), other whole months, or days. */
export type PeriodKind = 'month' | 'quarter' | 'year' | 'months' | 'days';

export interface ComparisonSpans {
  kind: PeriodKind;
  mode: CompareMode;
  /** The part of the period with data: its start to the last day with data (inclusive). */
  current: DateRange;
  /** The span it is compared with (inclusive). */
  previous: DateRange;
  /** Days in the current span. */
  days: number;
  /** Whether the whole period has data (it is over). */
  complete: boolean;
  /**
   * Share of the previous span's last day that is counted: below 1 while
   * today runs (the same hours as today has data for), else 1.
   */
  lastDayFraction: number;
  /** End of the data compared (epoch ms): the period's end, or now to the full hour. */
  dataEnd: number;
}

const dayMs = (date: string) => Date.parse(`${date}T00:00:00Z`);
const isoDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

interface Ymd {
  y: number;
  /** 0-based month. */
  m: number;
  d: number;
}

function ymd(date: string): Ymd {
  const t = new Date(dayMs(date));
  return { y: t.getUTCFullYear(), m: t.getUTCMonth(), d: t.getUTCDate() };
}

/** Days in a month (0-based month; any integer, normalised). */
export function daysInMonth(y: number, m: number): number {
  return new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
}

export function isMonthEnd(date: string): boolean {
  const { y, m, d } = ymd(date);
  return d === daysInMonth(y, m);
}

/**
 * The date `months` months away, its day clamped to the target month's last
 * day (2024-03-31 − 1 month = 2024-02-29). `clamped` says whether it was.
 */
export function addMonths(date: string, months: number): { date: string; clamped: boolean } {
  const { y, m, d } = ymd(date);
  const last = daysInMonth(y, m + months);
  return { date: isoDate(Date.UTC(y, m + months, Math.min(d, last))), clamped: d > last };
}

/** The number of whole calendar months a range covers, or undefined when it does not start on a 1st and end on a month's last day. */
export function wholeMonths(range: DateRange): number | undefined {
  const a = ymd(range.startDate);
  const b = ymd(range.endDate);
  if (a.d !== 1 || !isMonthEnd(range.endDate)) return undefined;
  const n = (b.y - a.y) * 12 + (b.m - a.m) + 1;
  return n >= 1 ? n : undefined;
}

export function periodKind(range: DateRange): PeriodKind {
  const months = wholeMonths(range);
  if (months === undefined) return 'days';
  const startMonth = ymd(range.startDate).m;
  if (months === 1) return 'month';
  if (months === 3 && startMonth % 3 === 0) return 'quarter';
  if (months === 12 && startMonth === 0) return 'year';
  return 'months';
}

/**
 * The spans to compare for a period (inclusive dates) when the API's data
 * reach `now` (epoch ms; see ApiClock.now), or undefined when the period has
 * no data yet (it starts later, or this is its first hour).
 */
export function likeForLike(range: DateRange, now: number, mode: CompareMode = 'previous'): ComparisonSpans | undefined {
  const start = dayMs(range.startDate);
  const end = dayMs(range.endDate) + DAY_MS;
  const dataEnd = Math.min(end, Math.floor(now / HOUR_MS) * HOUR_MS);
  if (!(dataEnd > start)) return undefined;
  const days = Math.ceil((dataEnd - start) / DAY_MS);
  const todayFraction = (dataEnd - start - (days - 1) * DAY_MS) / DAY_MS;
  const current: DateRange = { startDate: range.startDate, endDate: isoDate(start + (days - 1) * DAY_MS) };
  const complete = dataEnd === end;
  const kind = periodKind(range);
  const base = { kind, mode, current, days, complete, dataEnd };

  const shift = mode === 'year' ? 12 : kind === 'days' ? undefined : wholeMonths(range)!;
  if (shift === undefined) {
    // As many days just before the period's start; the last of them pro rata.
    const previousEnd = start - DAY_MS;
    return {
      ...base,
      previous: { startDate: isoDate(previousEnd - (days - 1) * DAY_MS), endDate: isoDate(previousEnd) },
      lastDayFraction: todayFraction,
    };
  }
  const previousStart = addMonths(current.startDate, -shift).date;
  // A complete span ending on a month's last day ends on the earlier month's last day.
  if (complete && isMonthEnd(current.endDate)) {
    const { y, m } = ymd(addMonths(current.endDate, -shift).date);
    return { ...base, previous: { startDate: previousStart, endDate: isoDate(Date.UTC(y, m, daysInMonth(y, m))) }, lastDayFraction: 1 };
  }
  const previousEnd = addMonths(current.endDate, -shift);
  return {
    ...base,
    previous: { startDate: previousStart, endDate: previousEnd.date },
    lastDayFraction: previousEnd.clamped ? 1 : todayFraction,
  };
}

/**
 * A chosen comparison span (any two periods): compared as given, whole days;
 * the current span as likeForLike finds it. Undefined when the period has no
 * data yet.
 */
export function chosenSpans(range: DateRange, now: number, previous: DateRange): ComparisonSpans | undefined {
  const spans = likeForLike(range, now, 'previous');
  return spans && { ...spans, previous, lastDayFraction: 1 };
}

const KIND_NAMES: Record<Exclude<PeriodKind, 'days'>, string> = { month: 'month', quarter: 'quarter', year: 'year', months: 'months' };

/**
 * What the comparison is, in words: "Month to date vs the same days of the
 * previous month", "Quarter vs the previous quarter", "vs the same days a
 * year earlier", "vs the 11 days just before".
 */
export function describeComparison(spans: Pick<ComparisonSpans, 'kind' | 'mode' | 'complete' | 'days'>, chosen = false): string {
  const { kind, mode, complete, days } = spans;
  if (chosen) return 'Against the chosen period';
  const what = kind === 'days' ? 'These days' : kind === 'months' ? 'These months' : `${KIND_NAMES[kind][0]!.toUpperCase()}${KIND_NAMES[kind].slice(1)}`;
  const subject = complete || kind === 'days' || kind === 'months' ? what : `${what} to date`;
  if (mode === 'year') return `${subject} vs the same ${complete ? 'dates' : 'days'} a year earlier`;
  if (kind === 'days') return `${subject} vs the ${days} ${days === 1 ? 'day' : 'days'} just before`;
  if (kind === 'months') return `${subject} vs as many months just before`;
  return complete ? `${subject} vs the previous ${KIND_NAMES[kind]}` : `${subject} vs the same days of the previous ${KIND_NAMES[kind]}`;
}
