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

export function useMonthSpend(resourceTypes: readonly BudgetResourceTypeValue[], currency: Currency, now: number) {
  return useQuery({
    ...usageQueryOptions(monthSpendRequest(resourceTypes, currency, now)),
    select: (usage) => monthSpendFromUsage(usage, now),
    enabled: resourceTypes.length > 0,
  });
}
