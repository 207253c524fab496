/**
 * Team metrics: GET /v2/billing/usage?includeTeamMetrics=true for the shared
 * filters (time range, resource types, currency). The list and a team's own
 * page send the same request, so they share one cache entry. Granularity is
 * chosen here, not by the filter bar: daily buckets for the teams' trend
 * sparklines over ranges up to a quarter, weekly beyond, which keeps the answer small.
 */
import { useUsage, type UsageRequest } from '../../../api/usage';
import { filterRangeDays, type DashboardFilters } from '../../../url-state/filter-schema';
import { usageRequest } from '../../../url-state/request-builders';

export function teamUsageRequest(filters: DashboardFilters): UsageRequest {
  const days = filterRangeDays(filters) ?? 31;
  return { ...usageRequest(filters, { includeTeamMetrics: true }), granularity: days <= 92 ? 'daily' : 'weekly' };
}

export function useTeamUsage(filters: DashboardFilters) {
  return useUsage(teamUsageRequest(filters));
}
