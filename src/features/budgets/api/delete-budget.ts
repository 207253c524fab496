/**
 * DELETE /v2/billing/budgets/:budgetId, optimistic: the budget leaves the
 * cached list at once and comes back if the API refuses.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { invalidateBudgets, restoreBudgets, setCachedBudget, setCachedStatus, snapshotBudgets } from './budget-cache';
import { apiDelete } from '../../../api/client';

export function deleteBudget(budgetId: string): Promise<void> {
  return apiDelete(`/billing/budgets/${encodeURIComponent(budgetId)}`);
}

export interface DeleteBudgetVariables {
  budgetId: string;
  /** For messages about it. */
  name: string;
}

export function useDeleteBudget() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ budgetId }: DeleteBudgetVariables) => deleteBudget(budgetId),
    onMutate: async ({ budgetId }) => {
      const snapshot = await snapshotBudgets(client, budgetId);
      setCachedStatus(client, budgetId, null);
      setCachedBudget(client, budgetId, null);
      return snapshot;
    },
    onError: (_error, _variables, snapshot) => {
      if (snapshot) restoreBudgets(client, snapshot);
    },
    onSettled: () => invalidateBudgets(client),
  });
}
