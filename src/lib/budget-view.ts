/**
 * A budget card's figures in the display currency, its ranked status and the
 * one scale every card's bar shares. Pure.
 *
 * Amounts: the budget and its spend are converted from the budget's own
 * currency at this month's rate (src/api/month-end.ts useMonthRates); the
 * month-end projection is the projection of record for the budget's types,
 * asked for in the display currency. Without it the API's budget status
 * `projectedSpend` stands in, converted the same way, and is named as such.
 *
 * Status, ranked: exceeded (spend has reached the budget) > projected over
 * (the projection reaches it) > at risk (a chance to pass it of at least
 * AT_RISK_CHANCE, or without a breach forecast a projection of at least
 * AT_RISK_PERCENT) > on track. The breach forecast is centred on the same
 * projection, so "projected over" goes with a chance of about half or more.
 */
import type { BudgetStatus } from '../contract/billing';

export type BudgetRank = 'exceeded' | 'projected_over' | 'at_risk' | 'on_track';

export const RANK_LABELS: Record<BudgetRank, string> = {
  exceeded: 'Exceeded',
  projected_over: 'Projected over',
  at_risk: 'At risk',
  on_track: 'On track',
};

/** Most severe first. */
export const RANK_ORDER: readonly BudgetRank[] = ['exceeded', 'projected_over', 'at_risk', 'on_track'];

export const AT_RISK_CHANCE = 0.2;
export const AT_RISK_PERCENT = 90;
/** The furthest end of the shared scale, in % of budget; beyond it a bar shows overflow. */
export const SCALE_MAX = 200;

export function rankStatus(f: { spentPercent: number; projectedPercent?: number; probability?: number }): BudgetRank | undefined {
  if (f.spentPercent >= 100) return 'exceeded';
  if (f.projectedPercent === undefined) return undefined;
  if (f.projectedPercent >= 100) return 'projected_over';
  if (f.probability !== undefined ? f.probability >= AT_RISK_CHANCE : f.projectedPercent >= AT_RISK_PERCENT) return 'at_risk';
  return 'on_track';
}

export interface BudgetFigures {
  /** The display currency every amount below is in. */
  currency: string;
  budget: number;
  spent: number;
  projected: number | undefined;
  /** Which figure `projected` is. */
  projectedFrom: 'record' | 'budget-status' | undefined;
  spentPercent: number;
  projectedPercent: number | undefined;
  /** The budget's own currency and amount, when it is not the display currency. */
  own: { currency: string; budget: number; spent: number } | undefined;
}

/**
 * The figures of one budget in `currency`; undefined while the rate between
 * the budget's currency and it is not known.
 */
export function budgetFigures(
  item: Pick<BudgetStatus, 'monthlyBudget' | 'currency' | 'currentSpent' | 'percentageUsed' | 'projectedSpend'>,
  opts: { currency: string; convert: (amount: number, from: string, to: string) => number | undefined; record?: number },
): BudgetFigures | undefined {
  const factor = opts.convert(1, item.currency, opts.currency);
  if (factor === undefined) return undefined;
  const budget = item.monthlyBudget * factor;
  const spent = item.currentSpent * factor;
  const projected = opts.record ?? (item.projectedSpend === undefined ? undefined : item.projectedSpend * factor);
  const spentPercent = item.percentageUsed ?? (item.monthlyBudget > 0 ? (item.currentSpent / item.monthlyBudget) * 100 : 0);
  return {
    currency: opts.currency,
    budget,
    spent,
    projected,
    projectedFrom: opts.record !== undefined ? 'record' : projected !== undefined ? 'budget-status' : undefined,
    spentPercent,
    projectedPercent: projected !== undefined && budget > 0 ? (projected / budget) * 100 : undefined,
    own: item.currency === opts.currency ? undefined : { currency: item.currency, budget: item.monthlyBudget, spent: item.currentSpent },
  };
}

/** One scale for every card: 100%, or further in steps of 25% to fit every spend and projection, up to SCALE_MAX. */
export function sharedScale(figures: ReadonlyArray<Pick<BudgetFigures, 'spentPercent' | 'projectedPercent'> | undefined>): number {
  let furthest = 100;
  for (const f of figures) if (f) furthest = Math.max(furthest, f.spentPercent, f.projectedPercent ?? 0);
  return Math.min(SCALE_MAX, Math.ceil(furthest / 25) * 25);
}
