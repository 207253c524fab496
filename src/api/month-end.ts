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
import { useQueries, useQuery } from '@tanstack/react-query';
import { CURRENCIES, type Currency, type Period, type UsageResponse } from '../contract/billing';
import { clockRequest } from './api-clock';
import { breachScope, type BreachResourceType } from './breach-outlook';
import { usageQueryOptions, type UsageRequest } from './usage';

export function monthEndRequest(types: readonly BreachResourceType[], currency: Currency): UsageRequest {
  const request: UsageRequest = { timeRange: 'current_month', granularity: 'monthly', includeProjections: 'true', currency };
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

/** The projection of record for each budget scope, in one currency (undefined entries for a scope it cannot ask for). */
export function useMonthEnds(scopes: ReadonlyArray<readonly string[] | undefined>, currency: Currency) {
  return useQueries({
    queries: scopes.map((types) => {
      const scope = breachScope(types);
      return {
        ...usageQueryOptions(monthEndRequest(scope ?? ['all'], currency)),
        enabled: scope !== undefined,
        select: (u: UsageResponse) => monthEndOf(u, currency),
      };
    }),
  });
}

export const isApiCurrency = (c: string): c is Currency => (CURRENCIES as readonly string[]).includes(c);

/**
 * Units of each asked currency per USD this month (1 for USD), from the
 * month-to-date totals; `convert` turns an amount from one into another,
 * undefined until both rates are in (or for a currency the API cannot be asked for).
 */
export function useMonthRates(currencies: readonly string[]) {
  const wanted = [...new Set(['USD', ...currencies.filter(isApiCurrency)])] as Currency[];
  const results = useQueries({ queries: wanted.map((c) => usageQueryOptions(clockRequest(c))) });
  const usd = results[0]?.data;
  const rates = new Map<string, number>();
  wanted.forEach((c, i) => {
    const local = results[i]?.data;
    if (c === 'USD') rates.set(c, 1);
    else if (usd && local && usd.summary.totalCost > 0 && local.summary.totalCost > 0) rates.set(c, local.summary.totalCost / usd.summary.totalCost);
  });
  const convert = (amount: number, from: string, to: string): number | undefined => {
    if (from === to) return amount;
    const a = rates.get(from);
    const b = rates.get(to);
    return a === undefined || b === undefined ? undefined : (amount / a) * b;
  };
  return { rates, convert, isPending: results.some((r) => r.isPending), error: results.find((r) => r.error)?.error };
}
