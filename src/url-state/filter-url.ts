/**
 * Filters → URL: only values that differ from the defaults are written, other
 * search parameters are kept, and lists are comma-separated (`resourceType=
 * clusters,storage`), so links stay short and readable.
 */
import { presetRange, rangeDays, resolveRange } from '../lib/period';
import {
  DEFAULT_FILTERS,
  FILTER_PARAMS,
  hourlyAllowed,
  normalizeResourceTypes,
  parseFilters,
  type DashboardFilters,
} from './filter-schema';

/** Search parameters for `filters`, on top of `base` (whose own filter parameters are replaced). */
export function filtersToSearchParams(filters: DashboardFilters, base?: URLSearchParams | string): URLSearchParams {
  const params = new URLSearchParams(base);
  for (const name of FILTER_PARAMS) {
    params.delete(name);
    params.delete(`${name}[]`);
  }
  const d = DEFAULT_FILTERS;
  if (filters.timeRange !== d.timeRange) params.set('timeRange', filters.timeRange);
  if (filters.timeRange === 'custom' && filters.startDate && filters.endDate) {
    params.set('startDate', filters.startDate);
    params.set('endDate', filters.endDate);
  }
  const types = normalizeResourceTypes(filters.resourceType);
  if (types.length > 0) params.set('resourceType', types.join(','));
  if (filters.granularity !== d.granularity) params.set('granularity', filters.granularity);
  if (filters.groupBy !== d.groupBy) params.set('groupBy', filters.groupBy);
  if (filters.currency !== d.currency) params.set('currency', filters.currency);
  return params;
}

/** `?a=1&b=x,y` (commas left readable), or `''` when there is nothing to write. */
export function toSearchString(params: URLSearchParams): string {
  const qs = params.toString().replace(/%2C/gi, ',');
  return qs ? `?${qs}` : '';
}

/**
 * Just the shared filters of a search string (valid values only, defaults
 * left out): what a link to another page carries so it keeps the filters.
 */
export function filterSearch(search: string, now: Date | number = Date.now()): string {
  return toSearchString(filtersToSearchParams(parseFilters(new URLSearchParams(search), now).filters));
}

export type FilterPatch = Partial<DashboardFilters>;

/**
 * The filters after a change, kept consistent:
 * - a preset time range drops the custom dates;
 * - switching to custom without dates starts from the previous range's days;
 * - dates out of order are put in order;
 * - hourly over a range longer than the API allows becomes daily.
 */
export function applyFilterPatch(
  current: DashboardFilters,
  patch: FilterPatch,
  now: Date | number = Date.now(),
): DashboardFilters {
  const next: DashboardFilters = { ...current, ...patch };
  if (patch.resourceType) next.resourceType = normalizeResourceTypes(patch.resourceType);

  if (next.timeRange === 'custom') {
    if (!next.startDate || !next.endDate) {
      const from = presetRange(current.timeRange === 'custom' ? 'current_month' : current.timeRange, now);
      next.startDate ??= from.startDate;
      next.endDate ??= from.endDate;
    }
    if (next.startDate! > next.endDate!) {
      // Keep the date the user just set; move the other one to it.
      if (patch.startDate !== undefined) next.endDate = next.startDate;
      else next.startDate = next.endDate;
    }
  } else {
    delete next.startDate;
    delete next.endDate;
  }

  if (next.granularity === 'hourly') {
    const range = resolveRange(next.timeRange, now, next);
    if (range && !hourlyAllowed(rangeDays(range))) next.granularity = 'daily';
  }
  return next;
}
