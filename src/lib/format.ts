/**
 * Number, money and date formatting for the dashboard. Pure functions,
 * one fixed locale so figures read the same for every user and in tests.
 */
import { CURRENCY_DECIMALS, type Currency, type Period, type Unit } from '../contract/billing';

export const APP_LOCALE = 'en-US';

const formatters = new Map<string, Intl.NumberFormat>();

/** Intl.NumberFormat is costly to build: keep one per option set. */
function numberFormat(options: Intl.NumberFormatOptions): Intl.NumberFormat {
  const key = JSON.stringify(options);
  let f = formatters.get(key);
  if (!f) {
    f = new Intl.NumberFormat(APP_LOCALE, options);
    formatters.set(key, f);
  }
  return f;
}

/**
 * An amount in the currency's own minor units: cents for USD/EUR/GBP/CAD/AUD,
 * none for JPY. `-0` is shown as zero.
 */
export function formatMoney(amount: number, currency: Currency): string {
  const digits = CURRENCY_DECIMALS[currency];
  return numberFormat({
    style: 'currency',
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(amount === 0 ? 0 : amount);
}

/** Short money for chart axes and tight spots: `$1.2K`, `¥3.4M`. */
export function formatMoneyCompact(amount: number, currency: Currency): string {
  return numberFormat({
    style: 'currency',
    currency,
    notation: 'compact',
    maximumFractionDigits: 1,
  }).format(amount === 0 ? 0 : amount);
}

/** A plain number with grouping, at most `maxFractionDigits` decimals. */
export function formatNumber(value: number, maxFractionDigits = 0): string {
  return numberFormat({ maximumFractionDigits: maxFractionDigits }).format(value === 0 ? 0 : value);
}

/** Short number for axes: `1.2K`, `3.4M`. */
export function formatNumberCompact(value: number): string {
  return numberFormat({ notation: 'compact', maximumFractionDigits: 1 }).format(value);
}

/** A share given as 0–100 (the API's `percentage` fields): `62.9%`. */
export function formatPercent(value: number, fractionDigits = 1): string {
  return `${numberFormat({ minimumFractionDigits: fractionDigits, maximumFractionDigits: fractionDigits }).format(value)}%`;
}

/** From this magnitude up, headline figures switch to compact notation. */
export const COMPACT_FROM = 100_000;

/**
 * A headline figure that fits a card: full precision below 100,000
 * (`89,543`, `2,847.3`), compact above (`507.9K`, `25.8M`).
 */
export function formatMetricNumber(value: number, maxFractionDigits = 0): string {
  return Math.abs(value) < COMPACT_FROM ? formatNumber(value, maxFractionDigits) : formatNumberCompact(value);
}

export const UNIT_LABELS: Record<Unit, { short: string; long: string; decimals: number }> = {
  gpu_hours: { short: 'GPU h', long: 'GPU hours', decimals: 1 },
  requests: { short: 'req', long: 'requests', decimals: 0 },
  gb_hours: { short: 'GB-h', long: 'GB-hours', decimals: 1 },
  gb: { short: 'GB', long: 'GB', decimals: 1 },
};

/** A metered quantity with its unit: `156.7 GPU h`, `89,543 req`. */
export function formatQuantity(value: number, unit: Unit): string {
  const u = UNIT_LABELS[unit];
  return `${formatNumber(value, u.decimals)} ${u.short}`;
}

// ---------------------------------------------------------------- dates

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'] as const;

/** Parses an API date (`YYYY-MM-DD`) as a UTC calendar date. */
export function parseIsoDate(date: string): { year: number; month: number; day: number } {
  const [y, m, d] = date.split('-').map(Number);
  if (!y || !m || !d) throw new RangeError(`Not a YYYY-MM-DD date: ${date}`);
  return { year: y, month: m, day: d };
}

/** `5 Jan 2024` */
export function formatDate(date: string): string {
  const { year, month, day } = parseIsoDate(date);
  return `${day} ${MONTHS[month - 1]} ${year}`;
}

/**
 * A compact inclusive date range: `1–31 Jan 2024`, `1 Jan – 31 Mar 2024`,
 * `28 Dec 2023 – 3 Jan 2024`, or `5 Jan 2024` for a single day.
 */
export function formatDateRange(start: string, end: string): string {
  const a = parseIsoDate(start);
  const b = parseIsoDate(end);
  if (a.year !== b.year) return `${formatDate(start)} – ${formatDate(end)}`;
  if (a.month !== b.month) return `${a.day} ${MONTHS[a.month - 1]} – ${b.day} ${MONTHS[b.month - 1]} ${b.year}`;
  if (a.day !== b.day) return `${a.day}–${b.day} ${MONTHS[b.month - 1]} ${b.year}`;
  return formatDate(start);
}

/** `16 of 31 days elapsed` */
export function formatElapsed(period: Pick<Period, 'daysElapsed' | 'daysInPeriod'>): string {
  const unit = period.daysInPeriod === 1 ? 'day' : 'days';
  return `${period.daysElapsed} of ${period.daysInPeriod} ${unit} elapsed`;
}

/** `1–31 Jan 2024, 16 of 31 days elapsed` */
export function formatPeriod(period: Period): string {
  return `${formatDateRange(period.startDate, period.endDate)}, ${formatElapsed(period)}`;
}

/** Local wall-clock time, for "Updated 10:42". */
export function formatTime(date: Date | number): string {
  return new Intl.DateTimeFormat(APP_LOCALE, { hour: '2-digit', minute: '2-digit' }).format(date);
}
