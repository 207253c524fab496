/** Enums of the contract (time ranges, resource types, granularities, currencies, units), their open forms for values the API may add, and the hourly limit. */
import { z } from './zod';

export const TIME_RANGES = [
  'current_month',
  'last_month',
  'current_quarter',
  'last_quarter',
  'current_year',
  'custom',
] as const;
export const RESOURCE_TYPES = [
  'clusters',
  'endpoints',
  'training',
  'ai-services',
  'storage',
  'bandwidth',
] as const;
export const GRANULARITIES = ['hourly', 'daily', 'weekly', 'monthly'] as const;
export const GROUP_BYS = ['resource', 'region', 'project', 'service', 'user'] as const;
export const CURRENCIES = ['USD', 'EUR', 'GBP', 'JPY', 'CAD', 'AUD'] as const;
export const UNITS = ['gpu_hours', 'requests', 'gb_hours', 'gb'] as const;

export const timeRangeSchema = z.enum(TIME_RANGES);
export const resourceTypeSchema = z.enum(RESOURCE_TYPES);
export const granularitySchema = z.enum(GRANULARITIES);
export const groupBySchema = z.enum(GROUP_BYS);
export const currencySchema = z.enum(CURRENCIES);
export const unitSchema = z.enum(UNITS);

export type TimeRange = z.infer<typeof timeRangeSchema>;
export type ResourceType = z.infer<typeof resourceTypeSchema>;
export type Granularity = z.infer<typeof granularitySchema>;
export type GroupBy = z.infer<typeof groupBySchema>;
export type Currency = z.infer<typeof currencySchema>;
export type Unit = z.infer<typeof unitSchema>;

/** The unit each resource type is metered in. */
export const UNIT_BY_RESOURCE_TYPE: Record<ResourceType, Unit> = {
  clusters: 'gpu_hours',
  endpoints: 'gpu_hours',
  training: 'gpu_hours',
  'ai-services': 'requests',
  storage: 'gb_hours',
  bandwidth: 'gb',
};

/** Minor-unit digits per currency (JPY has none). */
export const CURRENCY_DECIMALS: Record<Currency, number> = {
  USD: 2,
  EUR: 2,
  GBP: 2,
  JPY: 0,
  CAD: 2,
  AUD: 2,
};

/**
 * A value of an enum the API may grow: one of the known ones, or any other
 * string, kept as it came. Responses are read with openEnum, so a new value
 * never fails a page; the app shows it generically (its id as its label, a
 * neutral colour) and still counts it in totals, tables and CSVs.
 */
export type Open<T extends string> = T | (string & {});
/** Whether an API value is one the dashboard knows (narrows it to the enum). */
export function isKnown<const T extends string>(known: readonly T[], value: string): value is T {
  return (known as readonly string[]).includes(value);
}
/** Resource type, unit and currency as the API may send them. */
export type ResourceTypeId = Open<ResourceType>;
export type UnitId = Open<Unit>;
export type CurrencyId = Open<Currency>;

/** Longest range, in days, the API answers at hourly granularity. */
export const MAX_HOURLY_DAYS = 92;
