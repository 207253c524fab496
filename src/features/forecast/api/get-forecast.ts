/**
 * GET /v2/billing/usage/forecast: monthly projections with a confidence
 * interval, scenarios, growth drivers and the complete past months (actuals).
 */
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import {
  forecastQuerySchema,
  forecastResponseSchema,
  type ForecastQuery,
  type ForecastResponse,
} from '../../../contract/billing';
import { apiGet } from '../../../api/client';
import { queryKeys } from '../../../api/query-keys';

export type ForecastRequest = Partial<ForecastQuery>;

/** Validates a request with the contract's schema and fills in the API defaults (the query key). */
export function normalizeForecastQuery(request: ForecastRequest): ForecastQuery {
  const { includeScenarios, ...rest } = request;
  return forecastQuerySchema.parse({
    ...rest,
    ...(includeScenarios === undefined ? {} : { includeScenarios: String(includeScenarios) }),
  });
}

export function forecastSearchParams(query: ForecastQuery): URLSearchParams {
  return new URLSearchParams({
    forecastPeriod: query.forecastPeriod,
    includeScenarios: String(query.includeScenarios),
    confidenceInterval: String(query.confidenceInterval),
    currency: query.currency,
  });
}

export function getForecast(query: ForecastQuery, signal?: AbortSignal): Promise<ForecastResponse> {
  return apiGet('/billing/usage/forecast', forecastSearchParams(query), forecastResponseSchema, { signal });
}

/** Keyed on the validated request; the previous answer stays on screen while a new one loads. */
export function forecastQueryOptions(request: ForecastRequest = {}) {
  const query = normalizeForecastQuery(request);
  return queryOptions({
    queryKey: queryKeys.forecast.detail(query),
    queryFn: ({ signal }) => getForecast(query, signal),
    placeholderData: keepPreviousData,
  });
}

export function useForecast(request: ForecastRequest = {}) {
  return useQuery(forecastQueryOptions(request));
}
