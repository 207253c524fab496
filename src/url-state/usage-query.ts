/**
 * Filters → the contract's usage request. Pages pass the result to
 * `usageQueryOptions` / `useUsage` (src/api/usage.ts).
 */
import type { UsageQueryInput } from '../contract/billing';
import type { DashboardFilters } from './filter-schema';

export interface UsageQueryExtras {
  /** Send the filters' groupBy dimension (the response then has `groups`). */
  groupBy?: boolean;
  includeProjections?: boolean;
  includeTeamMetrics?: boolean;
}

/** The usage request for these filters (defaults spelled out, so the query key is stable). */
export function filtersToUsageQuery(filters: DashboardFilters, extras: UsageQueryExtras = {}): UsageQueryInput {
  const query: UsageQueryInput = {
    timeRange: filters.timeRange,
    granularity: filters.granularity,
    currency: filters.currency,
  };
  if (filters.timeRange === 'custom' && filters.startDate && filters.endDate) {
    query.startDate = filters.startDate;
    query.endDate = filters.endDate;
  }
  if (filters.resourceType.length > 0) query.resourceType = [...filters.resourceType];
  if (extras.groupBy) query.groupBy = [filters.groupBy];
  if (extras.includeProjections) query.includeProjections = 'true';
  if (extras.includeTeamMetrics) query.includeTeamMetrics = 'true';
  return query;
}
