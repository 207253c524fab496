/**
 * The dashboard's shared URL filters: what each search parameter may hold,
 * its default, and a lenient parser. Every value that is invalid, unknown or
 * not usable together with the others falls back to its default and is
 * reported as a FilterIssue, so a hand-edited or stale link still opens and
 * the page can say what it ignored.
 */
import * as z from 'zod/mini';
import {
  GROUP_BYS,
  MAX_HOURLY_DAYS,
  RESOURCE_TYPES,
  currencySchema,
  granularitySchema,
  groupBySchema,
  resourceTypeSchema,
  timeRangeSchema,
  type Currency,
  type Granularity,
  type GroupBy,
  type ResourceType,
  type TimeRange,
} from '../contract/billing';
import { CURRENCY_NAMES, GRANULARITY_LABELS, GROUP_BY_LABELS, TIME_RANGE_LABELS } from '../lib/labels';
import { rangeDays, resolveRange } from '../lib/period';

/** A calendar date in YYYY-MM-DD (a real date: no 2024-02-30). */
export const isoDateSchema = z.iso.date();

/** One schema per shared search parameter (the values the URL may hold). */
export const filterParamSchemas = {
  timeRange: timeRangeSchema,
  startDate: isoDateSchema,
  endDate: isoDateSchema,
  resourceType: z.array(resourceTypeSchema),
  granularity: granularitySchema,
  groupBy: groupBySchema,
  currency: currencySchema,
} as const;

/** The search parameters the filters own; every other parameter is left alone. */
export const FILTER_PARAMS = Object.keys(filterParamSchemas) as (keyof typeof filterParamSchemas)[];
export type FilterParam = (typeof FILTER_PARAMS)[number];

export interface DashboardFilters {
  timeRange: TimeRange;
  /** Set only when timeRange is `custom` (and then always with endDate, not after it). */
  startDate?: string;
  endDate?: string;
  /** Resource types to include, in API order; empty means all. */
  resourceType: ResourceType[];
  granularity: Granularity;
  /** One dimension at a time (the API takes a list; the dashboard shows one). */
  groupBy: GroupBy;
  currency: Currency;
}

export const DEFAULT_FILTERS: Readonly<DashboardFilters> = Object.freeze({
  timeRange: 'current_month',
  resourceType: [],
  granularity: 'daily',
  groupBy: 'region',
  currency: 'USD',
});

/** The filters' validated shape (strict: a custom range needs both dates, in order). */
export const dashboardFiltersSchema = z
  .object({
    timeRange: timeRangeSchema,
    startDate: z.optional(isoDateSchema),
    endDate: z.optional(isoDateSchema),
    resourceType: z.array(resourceTypeSchema),
    granularity: granularitySchema,
    groupBy: groupBySchema,
    currency: currencySchema,
  })
  .check(
    z.refine((f) => (f.timeRange === 'custom') === (f.startDate !== undefined && f.endDate !== undefined), {
      message: 'startDate and endDate go with a custom time range, and only with it',
    }),
    z.refine((f) => !f.startDate || !f.endDate || f.startDate <= f.endDate, { message: 'startDate is after endDate' }),
  );

/** A search-parameter value that was not used, and why (shown as "Ignored param “value”: reason"). */
export interface FilterIssue {
  param: string;
  value: string;
  reason: string;
}

export interface ParsedFilters {
  filters: DashboardFilters;
  issues: FilterIssue[];
}

/** Values of a parameter, accepting `p=a,b`, `p=a&p=b` and `p[]=a&p[]=b`. */
function listParam(params: URLSearchParams, name: string): { raw: string; values: string[] } {
  const parts = [...params.getAll(name), ...params.getAll(`${name}[]`)];
  const values = parts
    .flatMap((p) => p.split(','))
    .map((v) => v.trim())
    .filter((v) => v !== '');
  return { raw: parts.join(','), values };
}

/** A scalar parameter; an empty value counts as absent. */
function scalarParam(params: URLSearchParams, name: string): string | undefined {
  const value = params.get(name)?.trim();
  return value ? value : undefined;
}

/** Resource types in API order, without repeats; all six is the same as none (all). */
export function normalizeResourceTypes(types: readonly ResourceType[]): ResourceType[] {
  const set = new Set(types);
  if (set.size === RESOURCE_TYPES.length) return [];
  return RESOURCE_TYPES.filter((t) => set.has(t));
}

/** Whether hourly data can be asked for a range of this many days. */
export function hourlyAllowed(days: number | undefined): boolean {
  return days === undefined || days <= MAX_HOURLY_DAYS;
}

/** How many days the filters' time range covers (undefined for an incomplete custom range). */
export function filterRangeDays(filters: DashboardFilters, now: Date | number = Date.now()): number | undefined {
  const range = resolveRange(filters.timeRange, now, filters);
  return range ? rangeDays(range) : undefined;
}

function parseEnum<T extends string>(
  params: URLSearchParams,
  name: FilterParam,
  schema: z.ZodMiniType<T>,
  fallback: T,
  reason: string,
  issues: FilterIssue[],
): T {
  const raw = scalarParam(params, name);
  if (raw === undefined) return fallback;
  const parsed = schema.safeParse(raw);
  if (parsed.success) return parsed.data;
  issues.push({ param: name, value: raw, reason });
  return fallback;
}

/**
 * Reads the shared filters from a URL's search parameters, leniently.
 * @param now the moment "current month" etc. refer to (for the hourly limit)
 */
export function parseFilters(params: URLSearchParams, now: Date | number = Date.now()): ParsedFilters {
  const issues: FilterIssue[] = [];
  const d = DEFAULT_FILTERS;
  const showing = (label: string) => `showing ${label}`;

  let timeRange = parseEnum(
    params,
    'timeRange',
    timeRangeSchema,
    d.timeRange,
    `not a supported time range; ${showing(TIME_RANGE_LABELS[d.timeRange])}`,
    issues,
  );

  // Dates: only with a custom range, both valid, in order.
  let startDate: string | undefined;
  let endDate: string | undefined;
  const rawStart = scalarParam(params, 'startDate');
  const rawEnd = scalarParam(params, 'endDate');
  if (timeRange === 'custom') {
    const fallback = `${showing(TIME_RANGE_LABELS[d.timeRange])} instead of a custom range`;
    const start = rawStart === undefined ? undefined : isoDateSchema.safeParse(rawStart);
    const end = rawEnd === undefined ? undefined : isoDateSchema.safeParse(rawEnd);
    if (start && !start.success)
      issues.push({ param: 'startDate', value: rawStart!, reason: `not a valid date (YYYY-MM-DD); ${fallback}` });
    if (end && !end.success)
      issues.push({ param: 'endDate', value: rawEnd!, reason: `not a valid date (YYYY-MM-DD); ${fallback}` });
    if (start?.success && end?.success) {
      if (start.data <= end.data) {
        startDate = start.data;
        endDate = end.data;
      } else {
        issues.push({ param: 'startDate', value: start.data, reason: `is after endDate ${end.data}; ${fallback}` });
      }
    } else if (!start || !end) {
      issues.push({ param: 'timeRange', value: 'custom', reason: `needs both startDate and endDate; ${fallback}` });
    }
    if (startDate === undefined) timeRange = d.timeRange;
  } else {
    for (const [param, raw] of [
      ['startDate', rawStart],
      ['endDate', rawEnd],
    ] as const)
      if (raw !== undefined) issues.push({ param, value: raw, reason: 'only applies to a custom time range' });
  }

  // Resource types: keep the known ones, report each unknown one.
  const resource = listParam(params, 'resourceType');
  const types: ResourceType[] = [];
  for (const value of resource.values) {
    const parsed = resourceTypeSchema.safeParse(value);
    if (parsed.success) types.push(parsed.data);
    else issues.push({ param: 'resourceType', value, reason: `not a resource type (${RESOURCE_TYPES.join(', ')})` });
  }

  let granularity = parseEnum(
    params,
    'granularity',
    granularitySchema,
    d.granularity,
    `not a supported granularity; ${showing(GRANULARITY_LABELS[d.granularity])}`,
    issues,
  );
  if (granularity === 'hourly') {
    const days = filterRangeDays({ ...DEFAULT_FILTERS, timeRange, startDate, endDate }, now);
    if (!hourlyAllowed(days)) {
      issues.push({
        param: 'granularity',
        value: 'hourly',
        reason: `is limited to ranges of ${MAX_HOURLY_DAYS} days or less (this one has ${days}); ${showing(GRANULARITY_LABELS.daily)}`,
      });
      granularity = 'daily';
    }
  }

  let groupBy = d.groupBy;
  const rawGroupBy = scalarParam(params, 'groupBy');
  if (rawGroupBy?.includes(','))
    issues.push({
      param: 'groupBy',
      value: rawGroupBy,
      reason: `takes one dimension; ${showing(GROUP_BY_LABELS[d.groupBy])}`,
    });
  else
    groupBy = parseEnum(
      params,
      'groupBy',
      groupBySchema,
      d.groupBy,
      `not a grouping (${GROUP_BYS.join(', ')}); ${showing(GROUP_BY_LABELS[d.groupBy])}`,
      issues,
    );

  const currency = parseEnum(
    params,
    'currency',
    currencySchema,
    d.currency,
    `not a supported currency; showing amounts in ${d.currency} (${CURRENCY_NAMES[d.currency]})`,
    issues,
  );

  const filters: DashboardFilters = {
    timeRange,
    ...(startDate !== undefined && endDate !== undefined ? { startDate, endDate } : {}),
    resourceType: normalizeResourceTypes(types),
    granularity,
    groupBy,
    currency,
  };
  return { filters, issues };
}
