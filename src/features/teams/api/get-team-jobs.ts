/**
 * A team's users' training jobs: the sandbox's `/usage/jobs` extension where
 * the API sends extensions (a team's `timeSeries` in the team metrics), and,
 * where it does not or answers 404, each member's training cost from the
 * documented `/usage` (`resourceType[]=training` with team metrics).
 */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../api/client';
import { queryKeys } from '../../../api/query-keys';
import { usageQueryOptions } from '../../../api/usage';
import { TEAM_JOBS_PATH, teamJobsResponseSchema } from '../../../contract/team-jobs';
import type { DashboardFilters } from '../../../url-state/filter-schema';
import { usageRequest } from '../../../url-state/request-builders';

export function teamJobsOptions(filters: DashboardFilters, teamId: string) {
  const params = new URLSearchParams({ teamId, timeRange: filters.timeRange });
  if (filters.timeRange === 'custom' && filters.startDate && filters.endDate) {
    params.set('startDate', filters.startDate);
    params.set('endDate', filters.endDate);
  }
  params.set('currency', filters.currency);
  return queryOptions({
    queryKey: [...queryKeys.usage.all(), 'jobs', params.toString()] as const,
    queryFn: ({ signal }) => apiGet(TEAM_JOBS_PATH, params, teamJobsResponseSchema, { signal }),
  });
}

export function useTeamJobs(filters: DashboardFilters, teamId: string, enabled: boolean) {
  return useQuery({ ...teamJobsOptions(filters, teamId), enabled });
}

/** The documented request: training only, with team metrics (its userBreakdown is each user's training cost). */
export function useTrainingByUser(filters: DashboardFilters, enabled: boolean) {
  const request = usageRequest({ ...filters, resourceType: ['training'] }, { includeTeamMetrics: true });
  return useQuery({ ...usageQueryOptions(request), placeholderData: undefined, enabled });
}
