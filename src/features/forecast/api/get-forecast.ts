/**
 * GET /v2/billing/usage/forecast: monthly projections with a confidence
 * interval, scenarios, growth drivers and the complete past months (actuals).
 */
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { forecastQuerySchema, forecastResponseSchema, type ForecastQuery, type ForecastResponse } from '../../../contract/billing';
import { parseQuery, querySearchParams } from '../../../contract/query-string';
import { apiGet } from '../../../api/client';
import { queryKeys } from '../../../api/query-keys';

export type ForecastRequest = Partial<ForecastQuery>;

export function getForecast(query: ForecastQuery, signal?: AbortSignal): Promise<ForecastResponse> {
  return apiGet('/billing/usage/forecast', querySearchParams(query), forecastResponseSchema, { signal });
}

/** Keyed on the validated request; the previous answer stays on screen while a new one loads. */
export function forecastQueryOptions(request: ForecastRequest = {}) {
  const query = parseQuery(forecastQuerySchema, request);
  return queryOptions({
    queryKey: queryKeys.forecast.detail(query),
    queryFn: ({ signal }) => getForecast(query, signal),
    placeholderData: keepPreviousData,
  });
}

export function useForecast(request: ForecastRequest = {}) {
  return useQuery(forecastQueryOptions(request));
}
