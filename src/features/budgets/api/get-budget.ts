/** GET /v2/billing/budgets/:budgetId: one budget (404 when there is none). */
import { queryOptions, useQuery } from '@tanstack/react-query';
import { apiGet } from '../../../api/client';
import { queryKeys } from '../../../api/query-keys';
import { budgetSchema, type Budget } from '../../../contract/billing';

/** Key of one budget, under queryKeys.budgets.all() so budget invalidations reach it. */
export const budgetDetailKey = (budgetId: string) => [...queryKeys.budgets.all(), 'detail', budgetId] as const;

export function getBudget(budgetId: string, signal?: AbortSignal): Promise<Budget> {
  return apiGet(`/billing/budgets/${encodeURIComponent(budgetId)}`, undefined, budgetSchema, { signal });
}

export function budgetQueryOptions(budgetId: string) {
  return queryOptions({
    queryKey: budgetDetailKey(budgetId),
    queryFn: ({ signal }) => getBudget(budgetId, signal),
  });
}

export function useBudget(budgetId: string) {
  return useQuery(budgetQueryOptions(budgetId));
}
