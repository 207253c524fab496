/**
 * GET /v2/billing/usage (with costs), shared by every page that shows usage.
 * Build the request from the URL filters with `usageRequest` (src/url-state).
 */
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { usageQuerySchema, usageResponseSchema, type UsageQuery, type UsageResponse } from '../contract/billing';
import { parseQuery, querySearchParams } from '../contract/query-string';
import { apiGet } from './client';
import { queryKeys } from './query-keys';

/**
 * A usage request with costs, in the contract's query type (anything left out
 * takes the API default). (includeCosts=false answers a different, cost-free
 * shape and needs its own fetcher.)
 */
export type UsageRequest = Omit<Partial<UsageQuery>, 'includeCosts'>;

export function getUsage(query: UsageQuery, signal?: AbortSignal): Promise<UsageResponse> {
  return apiGet('/billing/usage', querySearchParams(query), usageResponseSchema, { signal });
}

/**
 * Query options for usage, keyed on the validated request (defaults filled
 * in), so two spellings of one request share a cache entry. While a new
 * request loads, the previous data stays (`isPlaceholderData` tells).
 * @throws ZodError for a request the API would reject (pass parsed URL filters).
 */
export function usageQueryOptions(request: UsageRequest = {}) {
  const query = parseQuery(usageQuerySchema, { ...request, includeCosts: true });
  return queryOptions({
    queryKey: queryKeys.usage.detail(query),
    queryFn: ({ signal }) => getUsage(query, signal),
    placeholderData: keepPreviousData,
  });
}

export function useUsage(request: UsageRequest = {}) {
  return useQuery(usageQueryOptions(request));
}
