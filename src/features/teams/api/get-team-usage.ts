/**
 * Team metrics: GET /v2/billing/usage?includeTeamMetrics=true for the shared
 * filters (time range, resource types, currency). The list and a team's own
 * page send the same request, so they share one cache entry. Granularity is
 * chosen here, not by the filter bar: daily buckets for the teams' trend
 * sparklines over ranges up to a quarter, weekly beyond, which keeps the answer small.
 *
 * The API is the clock: a preset range's length is counted on the API's day
 * (the period of its current-month answer, the header's clock request), never
 * on the browser's; a custom range's from its dates.
 */
import { useQuery } from '@tanstack/react-query';
import { clockRequest } from '../../../api/api-clock';
import { usageQueryOptions, type UsageRequest } from '../../../api/usage';
import type { Period } from '../../../contract/billing';
import { apiToday } from '../../../lib/period';
import { filterRangeDays, type DashboardFilters } from '../../../url-state/filter-schema';
import { usageRequest } from '../../../url-state/request-builders';

/**
 * The request for `filters`, with `clockPeriod` the period of the API's
 * current-month answer (today = its start + daysElapsed − 1); undefined for a
 * preset range while that is unknown.
 */
export function teamUsageRequest(
  filters: DashboardFilters,
  clockPeriod: Pick<Period, 'startDate' | 'endDate' | 'daysElapsed'> | undefined,
): UsageRequest | undefined {
  const now = clockPeriod ? Date.parse(`${apiToday(clockPeriod)}T12:00:00Z`) : undefined;
  if (filters.timeRange !== 'custom' && now === undefined) return undefined;
  const days = filterRangeDays(filters, now ?? 0) ?? 31;
  return { ...usageRequest(filters, { includeTeamMetrics: true }), granularity: teamGranularity(days) };
}

/** The teams' buckets for a range of `days` (also the granularity of an answer, from its period's days). */
export function teamGranularity(days: number): 'daily' | 'weekly' {
  return days <= 92 ? 'daily' : 'weekly';
}

/** The teams' request for these filters, once the API's clock is known (a preset's length is counted on its day). */
export function useTeamUsageRequest(filters: DashboardFilters) {
  const clock = useQuery({ ...usageQueryOptions(clockRequest('USD')), enabled: filters.timeRange !== 'custom' });
  return { clock, request: teamUsageRequest(filters, clock.data?.period) };
}

export function useTeamUsage(filters: DashboardFilters) {
  const { clock, request } = useTeamUsageRequest(filters);
  const teams = useQuery({ ...usageQueryOptions(request ?? {}), enabled: request !== undefined });
  // Without the clock there is no request to send: its failed query (no data; its error and Retry) stands for the page's.
  return request === undefined && clock.isError ? clock : teams;
}
