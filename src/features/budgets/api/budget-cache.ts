/**
 * Reading and writing the cached budget queries around a mutation: a snapshot
 * to roll back to, and helpers that change one budget in every cached answer.
 */
import type { QueryClient } from '@tanstack/react-query';
import { queryKeys } from '../../../api/query-keys';
import type { Budget, BudgetStatus, BudgetStatusResponse } from '../../../contract/billing';
import { budgetDetailKey } from './get-budget';

export interface BudgetCacheSnapshot {
  status: BudgetStatusResponse | undefined;
  detail?: { budgetId: string; budget: Budget | undefined };
}

/** Stops budget fetches in flight (so they cannot overwrite an optimistic change) and remembers the cache. */
export async function snapshotBudgets(client: QueryClient, budgetId?: string): Promise<BudgetCacheSnapshot> {
  await client.cancelQueries({ queryKey: queryKeys.budgets.all() });
  return {
    status: client.getQueryData<BudgetStatusResponse>(queryKeys.budgets.status()),
    ...(budgetId === undefined ? {} : { detail: { budgetId, budget: client.getQueryData<Budget>(budgetDetailKey(budgetId)) } }),
  };
}

export function restoreBudgets(client: QueryClient, snapshot: BudgetCacheSnapshot): void {
  client.setQueryData(queryKeys.budgets.status(), snapshot.status);
  if (snapshot.detail) client.setQueryData(budgetDetailKey(snapshot.detail.budgetId), snapshot.detail.budget);
}

/** Puts `item` in place of the cached status of its budget (or appends it); removes it when `item` is null. */
export function setCachedStatus(client: QueryClient, budgetId: string, item: BudgetStatus | null): void {
  client.setQueryData<BudgetStatusResponse>(queryKeys.budgets.status(), (old) => {
    if (!old) return old;
    const others = old.budgets.filter((b) => b.budgetId !== budgetId);
    if (item === null) return { budgets: others };
    const at = old.budgets.findIndex((b) => b.budgetId === budgetId);
    return { budgets: at < 0 ? [...others, item] : old.budgets.map((b) => (b.budgetId === budgetId ? item : b)) };
  });
}

/** Puts `budget` in its cached detail query (what the editor reads); removes that query when `budget` is null. */
export function setCachedBudget(client: QueryClient, budgetId: string, budget: Budget | null): void {
  if (budget === null) client.removeQueries({ queryKey: budgetDetailKey(budgetId), exact: true });
  else client.setQueryData(budgetDetailKey(budgetId), budget);
}

/**
 * After any budget change: refetch every budget query, and mark usage stale
 * (its budget alerts depend on the budgets) without refetching it now.
 */
export async function invalidateBudgets(client: QueryClient): Promise<void> {
  await Promise.all([
    client.invalidateQueries({ queryKey: queryKeys.budgets.all() }),
    client.invalidateQueries({ queryKey: queryKeys.usage.all(), refetchType: 'none' }),
  ]);
}
