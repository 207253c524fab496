/** GET /v2/billing/budgets/status: this month's spend against every budget. */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../api/client';
import { queryKeys } from '../../../api/query-keys';
import { budgetStatusResponseSchema, type BudgetStatusResponse } from '../../../contract/billing';

export function getBudgetStatus(signal?: AbortSignal): Promise<BudgetStatusResponse> {
  return apiGet('/billing/budgets/status', undefined, budgetStatusResponseSchema, { signal });
}

export function budgetStatusQueryOptions() {
  return queryOptions({
    queryKey: queryKeys.budgets.status(),
    queryFn: ({ signal }) => getBudgetStatus(signal),
  });
}

export function useBudgetStatus() {
  return useQuery(budgetStatusQueryOptions());
}
