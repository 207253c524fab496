/**
 * Team metrics: GET /v2/billing/usage?includeTeamMetrics=true for the shared
 * filters (time range, resource types, currency). The list and a team's own
 * page send the same request, so they share one cache entry. Granularity is
 * fixed to monthly: these pages use no time series, and it keeps the answer small.
 */
import { useUsage, type UsageRequest } from '../../../api/usage';
import type { DashboardFilters } from '../../filters/filter-schema';
import { filtersToUsageQuery } from '../../filters/usage-query';

export function teamUsageRequest(filters: DashboardFilters): UsageRequest {
  return { ...filtersToUsageQuery(filters, { includeTeamMetrics: true }), granularity: 'monthly' };
}

export function useTeamUsage(filters: DashboardFilters) {
  return useUsage(teamUsageRequest(filters));
}
