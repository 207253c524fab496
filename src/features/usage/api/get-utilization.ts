/**
 * A GPU cluster's utilisation (the sandbox's `/usage/utilization` extension)
 * and its idle and oversized stretches, computed once per answer and shared by
 * the utilisation card and the cost chart of the cluster's view.
 */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../api/client';
import { queryKeys } from '../../../api/query-keys';
import { UTILIZATION_PATH, utilizationResponseSchema, type UtilizationResponse } from '../../../contract/utilization';
import { utilizationPeriods, type UtilPeriod } from '../../../lib/utilization-periods';
import type { DashboardFilters } from '../../../url-state/filter-schema';

export function utilizationOptions(filters: DashboardFilters, resourceId: string) {
  const params = new URLSearchParams({ resourceId, timeRange: filters.timeRange, granularity: filters.granularity === 'hourly' ? 'hourly' : 'daily', currency: filters.currency });
  if (filters.timeRange === 'custom' && filters.startDate && filters.endDate) {
    params.set('startDate', filters.startDate);
    params.set('endDate', filters.endDate);
  }
  return queryOptions({
    queryKey: [...queryKeys.usage.all(), 'utilization', params.toString()] as const,
    queryFn: ({ signal }) => apiGet(UTILIZATION_PATH, params, utilizationResponseSchema, { signal }),
  });
}

/** `enabled`: only where the API sends the sandbox's extensions (the caller knows). */
export function useUtilization(filters: DashboardFilters, resourceId: string, enabled = true) {
  return useQuery({ ...utilizationOptions(filters, resourceId), enabled });
}

const computed = new WeakMap<UtilizationResponse, UtilPeriod[]>();

/** The answer's idle and oversized stretches: one computation per answer, whoever asks. */
export function stretchesOf(data: UtilizationResponse): UtilPeriod[] {
  let periods = computed.get(data);
  if (!periods) computed.set(data, (periods = utilizationPeriods(data.points, data.thresholds, data.granularity === 'hourly' ? 1 : 24)));
  return periods;
}

/** The kinds of stretch overlapping [start, end), in order: the cost table's column. */
export function stretchKindsIn(periods: readonly UtilPeriod[], start: number, end: number): string {
  const kinds = [...new Set(periods.filter((p) => p.start < end && p.end > start).map((p) => p.kind))];
  return kinds.join(', ');
}
