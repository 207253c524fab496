/**
 * Budget status figures for display, and the status a budget will have after
 * an edit (shown at once, before the API confirms it). The status rules are
 * the API's: exceeded when spend has reached the budget, at risk when the
 * month-end projection reaches it, on track otherwise.
 */
import { CURRENCY_DECIMALS, type BudgetData, type BudgetStatus, type BudgetStatusKind } from '../../contract/billing';
import { projectedSpend, type MonthSpend } from './thresholds';
import { DAY_MS } from '../../lib/time';

export const STATUS_LABELS: Record<BudgetStatusKind, string> = {
  on_track: 'On track',
  at_risk: 'At risk',
  exceeded: 'Exceeded',
};

export function statusFor(percentUsed: number, projectedPercent: number): BudgetStatusKind {
  if (percentUsed >= 100) return 'exceeded';
  if (projectedPercent >= 100) return 'at_risk';
  return 'on_track';
}

/** Days left in the calendar month (UTC) after today, as the API counts them. */
export function daysRemainingInMonth(now: number): number {
  const d = new Date(now);
  const start = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  const end = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
  const elapsed = Math.floor((now - start) / DAY_MS) + 1;
  return Math.round((end - start) / DAY_MS) - elapsed;
}

const round = (value: number, decimals: number) => Math.round(value * 10 ** decimals) / 10 ** decimals;

/**
 * The status a saved budget is expected to have: from `spend` (this month's
 * spend for its resource types and currency) when known, else from the
 * previous status's spend if it covered the same types in the same currency.
 */
export function expectedStatus(
  budget: Pick<BudgetStatus, 'budgetId' | 'name'> & Pick<BudgetData, 'monthlyBudget' | 'currency' | 'resourceTypes' | 'alertThresholds'>,
  now: number,
  spend?: MonthSpend,
  previous?: BudgetStatus,
): BudgetStatus | undefined {
  const sameScope =
    previous !== undefined &&
    previous.currency === budget.currency &&
    previous.projectedSpend !== undefined &&
    [...(previous.resourceTypes ?? [])].sort().join() === [...budget.resourceTypes].sort().join();
  let spent: number;
  let projected: number;
  if (spend) {
    spent = spend.spent;
    projected = projectedSpend(spend);
  } else if (sameScope) {
    spent = previous.currentSpent;
    projected = previous.projectedSpend!;
  } else return undefined;
  const decimals = CURRENCY_DECIMALS[budget.currency];
  const percentUsed = budget.monthlyBudget > 0 ? (spent / budget.monthlyBudget) * 100 : 0;
  const projectedPercent = budget.monthlyBudget > 0 ? (projected / budget.monthlyBudget) * 100 : 0;
  const thresholds = [...budget.alertThresholds].sort((a, b) => a - b);
  return {
    budgetId: budget.budgetId,
    name: budget.name,
    monthlyBudget: budget.monthlyBudget,
    currency: budget.currency,
    resourceTypes: [...budget.resourceTypes],
    alertThresholds: thresholds,
    currentSpent: round(spent, decimals),
    percentageUsed: round(percentUsed, 1),
    // The spend's hour is the API's clock; `now` only stands in without one.
    daysRemainingInPeriod: previous?.daysRemainingInPeriod ?? daysRemainingInMonth(spend ? spend.from : now),
    projectedSpend: round(projected, decimals),
    thresholdsCrossed: thresholds.filter((t) => percentUsed >= t),
    status: statusFor(percentUsed, projectedPercent),
  };
}

/** Where a budget's bar ends, in percent of the budget: 100%, or further to fit spend and projection (up to 250%). */
export function progressScale(item: Pick<BudgetStatus, 'percentageUsed' | 'projectedSpend' | 'monthlyBudget'>): number {
  const projectedPercent = item.monthlyBudget > 0 && item.projectedSpend !== undefined ? (item.projectedSpend / item.monthlyBudget) * 100 : 0;
  const furthest = Math.max(100, item.percentageUsed, projectedPercent);
  return Math.min(250, Math.ceil(furthest / 25) * 25);
}

/** A percentage of the budget as a position on a bar scaled to `scale` (0–100, clipped). */
export function barPosition(percent: number, scale: number): number {
  if (!(scale > 0)) return 0;
  return Math.min(100, Math.max(0, (percent / scale) * 100));
}
