/**
 * This month's spend and burn rate for a budget's resource types and
 * currency, from GET /v2/billing/usage (see month-spend.ts): the editor's
 * preview of when each threshold will be reached.
 */
import { useQuery } from '@tanstack/react-query';
import { usageQueryOptions } from '../../../api/usage';
import type { Currency } from '../../../contract/billing';
import type { BudgetResourceTypeValue } from '../budget-form';
import { monthSpendFromUsage, monthSpendRequest } from '../month-spend';

/**
 * @param now the API's now (useApiClock), undefined while it loads: the month,
 *   today and the hour projections start from are the API's, not the browser's.
 */
export function useMonthSpend(resourceTypes: readonly BudgetResourceTypeValue[], currency: Currency, now: number | undefined) {
  const at = now ?? 0;
  return useQuery({
    ...usageQueryOptions(monthSpendRequest(resourceTypes, currency, at)),
    select: (usage) => monthSpendFromUsage(usage, at),
    enabled: resourceTypes.length > 0 && now !== undefined,
  });
}
