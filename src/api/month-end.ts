/**
 * The month-end projection of record: the API's `projections.projectedCost`
 * of GET /v2/billing/usage for timeRange=current_month (documented request,
 * parameters and fields), for a scope of resource types, in the display
 * currency. Overview, Forecast, Budgets, the budget editor and the budgets'
 * breach forecast (centred on it) all show this one figure; its
 * `confidence` is the API's: the chance the month ends within ±10% of it.
 *
 * Amounts kept in another currency (a budget's) are converted at this month's
 * rate between currencies, from the account's month-to-date totals in each
 * (the API-clock requests, one per currency, shared through the cache).
 */
import { useQuery } from '@tanstack/react-query';
import { BUDGET_RESOURCE_TYPES, type Currency, type Period, type ResourceType, type UsageResponse } from '../contract/billing';
import { usageQueryOptions, type UsageRequest } from './usage';

export type BreachResourceType = ResourceType | 'all';

/**
 * A budget's scope as the forecast can request it, or undefined when it cannot:
 * the API does not say which types the budget covers, or names one this
 * dashboard cannot ask the usage endpoint for (a partial scope would understate it).
 */
export function breachScope(types: readonly string[] | undefined): BreachResourceType[] | undefined {
  if (!types || types.length === 0) return undefined;
  const known = types.filter((t): t is BreachResourceType => (BUDGET_RESOURCE_TYPES as readonly string[]).includes(t));
  return known.length === types.length ? known : undefined;
}

export function monthEndRequest(types: readonly BreachResourceType[], currency: Currency): UsageRequest {
  const request: UsageRequest = { timeRange: 'current_month', granularity: 'monthly', includeProjections: true, currency };
  if (!types.includes('all')) request.resourceType = types.filter((t) => t !== 'all');
  return request;
}

export interface MonthEnd {
  /** The projection of record in `currency`; undefined when the API gave none. */
  projected: number | undefined;
  /** The API's confidence (0–1): the chance the month ends within ±10% of the projection. */
  confidence: number | undefined;
  /** Spent so far this month in `currency`. */
  spent: number;
  currency: Currency;
  period: Period;
}

export function monthEndOf(usage: UsageResponse, currency: Currency): MonthEnd {
  return {
    projected: usage.projections?.projectedCost,
    confidence: usage.projections?.confidence,
    spent: usage.summary.totalCost,
    currency,
    period: usage.period,
  };
}

/** The projection of record for a scope ('all' or some types); disabled for an undefined scope. */
export function useMonthEnd(types: readonly BreachResourceType[] | undefined, currency: Currency) {
  return useQuery({
    ...usageQueryOptions(monthEndRequest(types ?? ['all'], currency)),
    enabled: types !== undefined && types.length > 0,
    select: (u: UsageResponse) => monthEndOf(u, currency),
  });
}
