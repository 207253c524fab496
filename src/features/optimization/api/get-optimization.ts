/**
 * GET /v2/billing/usage/optimization: potential savings, recommendations
 * (with their evidence when analysisDepth=detailed) and identified waste.
 */
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import {
  optimizationQuerySchema,
  optimizationResponseSchema,
  type OptimizationQuery,
  type OptimizationResponse,
} from '../../../contract/billing';
import { parseQuery, querySearchParams } from '../../../contract/query-string';
import { apiGet } from '../../../api/client';
import { queryKeys } from '../../../api/query-keys';

/** An optimization request as the page builds it; anything left out takes the API default. */
export type OptimizationRequest = Partial<OptimizationQuery>;

export function getOptimization(query: OptimizationQuery, signal?: AbortSignal): Promise<OptimizationResponse> {
  return apiGet('/billing/usage/optimization', querySearchParams(query), optimizationResponseSchema, { signal });
}

/** Keyed on the validated request; the previous answer stays on screen while a new one loads. */
export function optimizationQueryOptions(request: OptimizationRequest = {}) {
  const query = parseQuery(optimizationQuerySchema, request);
  return queryOptions({
    queryKey: queryKeys.optimization.detail(query),
    queryFn: ({ signal }) => getOptimization(query, signal),
    placeholderData: keepPreviousData,
  });
}

export function useOptimization(request: OptimizationRequest = {}) {
  return useQuery(optimizationQueryOptions(request));
}
