/**
 * Number, money and date formatting for the dashboard. Pure functions.
 * Figures use one fixed locale so they read the same for every user and in
 * tests; chart time labels use the user's locale (pass `locale` to pin it).
 */
import {
  CURRENCY_DECIMALS,
  UNIT_BY_RESOURCE_TYPE,
  type Currency,
  type CurrencyId,
  type ResourceType,
  type ResourceTypeId,
  type UnitId,
  type Granularity,
  type Period,
  type Unit,
} from '../contract/billing';

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
export function formatMoney(amount: number, currency: CurrencyId): string {
  const digits = currencyDecimals(currency);
  if (!isCurrencyCode(currency))
    return `${numberFormat({ minimumFractionDigits: digits, maximumFractionDigits: digits }).format(amount === 0 ? 0 : amount)} ${currency}`;
  return numberFormat({
    style: 'currency',
    currency,
    minimumFractionDigits: digits,
    maximumFractionDigits: digits,
  }).format(amount === 0 ? 0 : amount);
}

/** Short money for chart axes and tight spots: `$1.2K`, `¥3.4M`. */
export function formatMoneyCompact(amount: number, currency: CurrencyId): string {
  if (!isCurrencyCode(currency)) return `${formatNumberCompact(amount === 0 ? 0 : amount)} ${currency}`;
  return numberFormat({
    style: 'currency',
    currency,
    notation: 'compact',
    maximumFractionDigits: 1,
  }).format(amount === 0 ? 0 : amount);
}

/** Whether Intl can format `code` as a currency (three letters, as ISO 4217 codes are). */
function isCurrencyCode(code: string): boolean {
  return /^[A-Za-z]{3}$/.test(code);
}

/**
 * Minor-unit digits of a currency: the contract's for the currencies it
 * knows, Intl's for any other ISO code the API may send, else 2.
 */
export function currencyDecimals(currency: CurrencyId): number {
  if (Object.hasOwn(CURRENCY_DECIMALS, currency)) return CURRENCY_DECIMALS[currency as Currency];
  if (!isCurrencyCode(currency)) return 2;
  return new Intl.NumberFormat(APP_LOCALE, { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
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

/** A unit's labels; a unit the dashboard does not know is shown by its id, with up to two decimals. */
export function unitLabels(unit: UnitId): { short: string; long: string; decimals: number } {
  return Object.hasOwn(UNIT_LABELS, unit) ? UNIT_LABELS[unit as Unit] : { short: unit, long: unit, decimals: 2 };
}

/** A metered quantity with its unit: `156.7 GPU h`, `89,543 req`. */
export function formatQuantity(value: number, unit: UnitId): string {
  const u = unitLabels(unit);
  return `${formatNumber(value, u.decimals)} ${u.short}`;
}

/** A quantity for an axis or a tight spot: `1.2K GPU h`. */
export function formatQuantityCompact(value: number, unit: UnitId): string {
  return `${formatNumberCompact(value)} ${unitLabels(unit).short}`;
}

/**
 * The unit labels a resource type is metered in (`GPU h` / `GPU hours` for
 * clusters). A type the dashboard does not know takes the unit the API gave
 * it (`fallback`), else is counted in plain units.
 */
export function resourceUnit(resourceType: ResourceTypeId, fallback?: UnitId): { unit: UnitId; short: string; long: string; decimals: number } {
  const unit: UnitId = Object.hasOwn(UNIT_BY_RESOURCE_TYPE, resourceType)
    ? UNIT_BY_RESOURCE_TYPE[resourceType as ResourceType]
    : (fallback ?? 'units');
  return { unit, ...unitLabels(unit) };
}

/** A resource type's quantity with its unit: clusters → `156.7 GPU h`, ai-services → `89,543 req`. */
export function formatResourceQuantity(value: number, resourceType: ResourceTypeId, fallback?: UnitId): string {
  return formatQuantity(value, resourceUnit(resourceType, fallback).unit);
}

/**
 * A tick formatter for a money axis in `currency`: `$0`, `$950`, `$1.2K`, `¥3.4M`.
 * @example <YAxis tickFormatter={moneyAxisFormatter(currency)} />
 */
export function moneyAxisFormatter(currency: Currency): (value: number) => string {
  return (value) => formatMoneyCompact(value, currency);
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

// ---------------------------------------------------------------- timestamps (user's locale)

const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();

function dateTimeFormat(locale: string | undefined, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${locale ?? ''}|${JSON.stringify(options)}`;
  let f = dateTimeFormats.get(key);
  if (!f) {
    f = new Intl.DateTimeFormat(locale, options);
    dateTimeFormats.set(key, f);
  }
  return f;
}

/** Per granularity: a short label for axis ticks, and a full one for tooltips and tables. */
const TIMESTAMP_OPTIONS: Record<Granularity, { short: Intl.DateTimeFormatOptions; long: Intl.DateTimeFormatOptions }> = {
  hourly: {
    short: { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' },
    long: { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZoneName: 'short' },
  },
  daily: {
    short: { month: 'short', day: 'numeric' },
    long: { year: 'numeric', month: 'short', day: 'numeric', weekday: 'short' },
  },
  weekly: {
    short: { month: 'short', day: 'numeric' },
    long: { year: 'numeric', month: 'short', day: 'numeric' },
  },
  monthly: {
    short: { month: 'short', year: 'numeric' },
    long: { year: 'numeric', month: 'long' },
  },
};

/**
 * A time-series bucket (API timestamp, UTC) as an axis tick in the user's
 * locale: daily `Jan 16`, hourly `Jan 16, 14:00`, monthly `Jan 2024` (a year in full, never read as a day). Buckets are
 * UTC days, so they are shown in UTC (a day never shifts to the day before).
 * @param locale BCP 47 tag; the user's locale when left out
 */
export function formatBucket(timestamp: string | number, granularity: Granularity, locale?: string): string {
  return dateTimeFormat(locale, { ...TIMESTAMP_OPTIONS[granularity].short, timeZone: 'UTC' }).format(new Date(timestamp));
}

/** A bucket in full, for tooltips and table cells: `Tue, Jan 16, 2024`, `January 2024`, `Jan 16, 2024, 14:00 UTC`. */
export function formatBucketLong(timestamp: string | number, granularity: Granularity, locale?: string): string {
  return dateTimeFormat(locale, { ...TIMESTAMP_OPTIONS[granularity].long, timeZone: 'UTC' }).format(new Date(timestamp));
}

/** A calendar date (`YYYY-MM-DD`) in the user's locale: `Jan 16, 2024` (en-US), `16 Jan 2024` (en-GB). */
export function formatDateLocale(date: string, locale?: string): string {
  return dateTimeFormat(locale, { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }).format(
    new Date(`${date}T00:00:00Z`),
  );
}

/** How long ago data was loaded: `just now`, `1 min ago`, `12 min ago`, `3 h ago`, `2 days ago`. */
export function formatAgo(then: number, now: number): string {
  const minutes = Math.floor(Math.max(0, now - then) / 60_000);
  if (minutes < 1) return 'just now';
  if (minutes < 60) return `${minutes} min ago`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h ago`;
  const days = Math.floor(hours / 24);
  return `${days} ${days === 1 ? 'day' : 'days'} ago`;
}

/** Local wall-clock time, for "Updated 10:42". */
export function formatTime(date: Date | number): string {
  return new Intl.DateTimeFormat(APP_LOCALE, { hour: '2-digit', minute: '2-digit' }).format(date);
}

/**
 * The entry of `map` for an API value, or `fallback` for a value the
 * dashboard does not know (the API adds values over time).
 */
export function lookup<K extends string, V>(map: Readonly<Record<K, V>>, value: string, fallback: V): V {
  return Object.hasOwn(map, value) ? map[value as K] : fallback;
}

/** The label of an API value: its entry in `labels`, or the value itself when unknown. */
export function labelFor<K extends string>(labels: Readonly<Record<K, string>>, value: string): string {
  return lookup(labels, value, value);
}
