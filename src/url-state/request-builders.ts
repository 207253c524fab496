/**
 * URL filters → the contract's request types. Pages pass the result to
 * `usageQueryOptions` / `useUsage` (src/api/usage.ts); the one serialiser
 * (src/contract/query-string.ts) writes it on the wire.
 */
import type { UsageRequest } from '../api/usage';
import type { DashboardFilters } from './filter-schema';

export interface UsageRequestExtras {
  /** Send the filters' groupBy dimension (the response then has `groups`). */
  groupBy?: boolean;
  includeProjections?: boolean;
  includeTeamMetrics?: boolean;
}

/** The usage request for these filters (defaults spelled out, so the query key is stable). */
export function usageRequest(filters: DashboardFilters, extras: UsageRequestExtras = {}): UsageRequest {
  const query: UsageRequest = {
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
  if (extras.includeProjections) query.includeProjections = true;
  if (extras.includeTeamMetrics) query.includeTeamMetrics = true;
  return query;
}
