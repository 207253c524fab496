/**
 * GET /v2/billing/budgets/status: this month's spend and run-rate projection
 * per budget (in the budget's own currency), shared by Budgets and Forecast.
 */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { budgetStatusResponseSchema, type BudgetStatusResponse } from '../contract/billing';
import { apiGet } from './client';
import { queryKeys } from './query-keys';

export function getBudgetStatus(signal?: AbortSignal): Promise<BudgetStatusResponse> {
  return apiGet('/billing/budgets/status', undefined, budgetStatusResponseSchema, { signal });
}

/** Shares its key with every budget query, so a budget change anywhere refreshes it. */
export function budgetStatusQueryOptions() {
  return queryOptions({
    queryKey: queryKeys.budgets.status(),
    queryFn: ({ signal }) => getBudgetStatus(signal),
  });
}

export function useBudgetStatus() {
  return useQuery(budgetStatusQueryOptions());
}
