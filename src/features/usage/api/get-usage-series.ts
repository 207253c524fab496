import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { USAGE_SERIES_PATH, usageSeriesResponseSchema } from '../../../contract/usage-series';
import { apiGet } from '../../../api/client';
import { queryKeys } from '../../../api/query-keys';
import type { DashboardFilters } from '../../../url-state/filter-schema';

/** Cost over time per member of the filters' Group by (a sandbox extension; 404 where the API lacks it). */
export function usageSeriesOptions(filters: DashboardFilters) {
  const params = new URLSearchParams({ timeRange: filters.timeRange });
  if (filters.timeRange === 'custom' && filters.startDate && filters.endDate) {
    params.set('startDate', filters.startDate);
    params.set('endDate', filters.endDate);
  }
  for (const t of filters.resourceType) params.append('resourceType[]', t);
  params.set('granularity', filters.granularity);
  params.set('currency', filters.currency);
  params.set('dimension', filters.groupBy);
  return queryOptions({
    queryKey: [...queryKeys.usage.all(), 'series', params.toString()] as const,
    queryFn: ({ signal }) => apiGet(USAGE_SERIES_PATH, params, usageSeriesResponseSchema, { signal }),
    placeholderData: keepPreviousData,
  });
}

/** `enabled`: only where the API sends the sandbox's extensions (a usage answer with `groups`), so the real API gets no request it does not document. */
export function useUsageSeries(filters: DashboardFilters, enabled: boolean) {
  return useQuery({ ...usageSeriesOptions(filters), enabled });
}
