import { queryOptions, useQuery } from '@tanstack/react-query';
import { usageResponseSchema, type UsageQuery, type UsageResponse } from '../../../contract/billing';
import { apiGet } from '../../../api/client';
import { queryKeys } from '../../../api/query-keys';
import { normalizeUsageQuery, usageSearchParams, type UsageFilters } from '../../../api/usage-query';

/**
 * Filters for GET /v2/billing/usage with costs. (includeCosts=false answers a
 * different, cost-free shape and needs its own fetcher.)
 */
export type UsageWithCostsFilters = Omit<UsageFilters, 'includeCosts'>;

export function getUsage(query: UsageQuery, signal?: AbortSignal): Promise<UsageResponse> {
  return apiGet('/billing/usage', usageSearchParams(query), usageResponseSchema, { signal });
}

/**
 * Query options for usage, keyed on the validated request, so `{}` and
 * `{ timeRange: 'current_month' }` share one cache entry.
 * @throws ZodError for a request the API would reject (callers pass parsed URL state).
 */
export function usageQueryOptions(filters: UsageWithCostsFilters = {}) {
  const query = normalizeUsageQuery({ ...filters, includeCosts: true });
  return queryOptions({
    queryKey: queryKeys.usage.detail(query),
    queryFn: ({ signal }) => getUsage(query, signal),
  });
}

export function useUsage(filters: UsageWithCostsFilters = {}) {
  return useQuery(usageQueryOptions(filters));
}
