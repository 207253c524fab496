/**
 * POST /v2/billing/budgets. Every create carries an Idempotency-Key, so a
 * retry of the same request (after a timeout, say) cannot make a second budget.
 */
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { budgetCreatedSchema, IDEMPOTENCY_KEY_HEADER, type BudgetCreated, type BudgetData } from '../../../contract/billing';
import { expectedStatus } from '../budget-status';
import type { MonthSpend } from '../thresholds';
import { invalidateBudgets, setCachedBudget, setCachedStatus } from './budget-cache';
import { apiSend } from '../../../api/client';

export function createBudget(data: BudgetData, idempotencyKey: string): Promise<BudgetCreated> {
  return apiSend('POST', '/billing/budgets', budgetCreatedSchema, {
    body: data,
    headers: { [IDEMPOTENCY_KEY_HEADER]: idempotencyKey },
  });
}

export interface CreateBudgetVariables {
  data: BudgetData;
  idempotencyKey: string;
  /** This month's spend for the budget's scope, to list it with figures before the status reloads. */
  spend?: MonthSpend;
}

export function useCreateBudget() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: ({ data, idempotencyKey }: CreateBudgetVariables) => createBudget(data, idempotencyKey),
    onSuccess: (budget, { spend }) => {
      // An answer with only the id: the lists reload (onSettled) instead of being filled in here.
      if (!('createdAt' in budget)) return;
      setCachedBudget(client, budget.budgetId, budget);
      // the spend's hour is the API's clock; without spend expectedStatus gives none
      const status = expectedStatus(budget, spend?.from ?? Number.NaN, spend);
      if (status) setCachedStatus(client, budget.budgetId, status);
    },
    onSettled: () => invalidateBudgets(client),
  });
}
