/**
 * The projection of record for several budget scopes at once, and this
 * month's rates between currencies (for amounts kept in another currency):
 * the budgets' side of src/api/month-end.ts, kept apart so pages that show one
 * projection do not load it.
 */
import { useQueries } from '@tanstack/react-query';
import { CURRENCIES, type Currency, type UsageResponse } from '../contract/billing';
import { clockRequest } from './api-clock';
import { breachScope, monthEndOf, monthEndRequest } from './month-end';
import { usageQueryOptions } from './usage';

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
