/**
 * PUT /v2/billing/budgets/:budgetId, optimistic: the cached budget and its
 * status change at once and go back to what they were if the API refuses.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../../api/query-keys';
import { budgetSchema, type Budget, type BudgetData, type BudgetStatusResponse } from '../../../contract/billing';
import { expectedStatus } from '../budget-status';
import type { MonthSpend } from '../thresholds';
import {
  invalidateBudgets,
  restoreBudgets,
  setCachedBudget,
  setCachedStatus,
  snapshotBudgets,
  type BudgetCacheSnapshot,
} from './budget-cache';
import { budgetName } from './budget-name';
import { apiSend } from '../../../api/client';

export function updateBudget(budgetId: string, data: BudgetData): Promise<Budget> {
  return apiSend('PUT', `/billing/budgets/${encodeURIComponent(budgetId)}`, budgetSchema, { body: data });
}

export interface UpdateBudgetVariables {
  budgetId: string;
  data: BudgetData;
  /** This month's spend for the budget's (new) scope, for its expected status. */
  spend?: MonthSpend;
}

/**
 * The budget as it will be stored (the API keeps id and createdAt). `now` is
 * the API's clock (the spend's hour); without it the stamps stay as they were
 * until the API's answer replaces them, never the browser's time.
 */
export function applyBudgetData(previous: Budget | undefined, budgetId: string, data: BudgetData, now: number | undefined): Budget {
  const stamp = now !== undefined ? new Date(now).toISOString() : (previous?.updatedAt ?? previous?.createdAt ?? '');
  return {
    budgetId,
    name: budgetName(data),
    monthlyBudget: data.monthlyBudget,
    currency: data.currency,
    alertThresholds: [...data.alertThresholds],
    resourceTypes: [...data.resourceTypes],
    notificationChannels: [...data.notificationChannels],
    actions: { ...data.actions },
    createdAt: previous?.createdAt ?? stamp,
    updatedAt: stamp,
  };
}

export function useUpdateBudget() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ budgetId, data }: UpdateBudgetVariables) => updateBudget(budgetId, data),
    onMutate: async ({ budgetId, data, spend }): Promise<BudgetCacheSnapshot> => {
      const snapshot = await snapshotBudgets(client, budgetId);
      // the API's hour (the spend's), not the browser's clock
      const now = spend?.from;
      const next = applyBudgetData(snapshot.detail?.budget, budgetId, data, now);
      setCachedBudget(client, budgetId, next);
      const previous = client
        .getQueryData<BudgetStatusResponse>(queryKeys.budgets.status())
        ?.budgets.find((b) => b.budgetId === budgetId);
      const status = expectedStatus(next, now ?? Number.NaN, spend, previous);
      if (status) setCachedStatus(client, budgetId, status);
      return snapshot;
    },
    onError: (_error, _variables, snapshot) => {
      if (snapshot) restoreBudgets(client, snapshot);
    },
    onSuccess: (budget) => setCachedBudget(client, budget.budgetId, budget),
    onSettled: () => invalidateBudgets(client),
  });
}
