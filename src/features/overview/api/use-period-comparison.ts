/**
 * The previous period of equal length, fetched as a second usage request
 * (timeRange=custom with the previous dates) alongside the page's own, and
 * reduced to totals comparable with the current period's.
 */
import { useQuery } from '@tanstack/react-query';
import type { ApiClock } from '../../../api/api-clock';
import { usageQueryOptions } from '../../../api/usage';
import type { Period } from '../../../contract/billing';
import type { DashboardFilters } from '../../../url-state/filter-schema';
import {
  comparisonPlan,
  previousPeriodRequest,
  previousTotals,
  type ComparisonPlan,
  type PreviousTotals,
} from '../period-comparison';

export interface PeriodComparison {
  /** What is compared; undefined when the period has no data yet. */
  plan: ComparisonPlan | undefined;
  /** The previous span's comparable totals, once loaded for the current filters. */
  previous: PreviousTotals | undefined;
  loading: boolean;
  error: unknown;
  retry: () => void;
}

/**
 * @param period the page's usage answer's period (undefined while it loads):
 *   the API's resolution of the filters' range.
 * @param clock the API's clock (undefined while it loads): the comparison
 *   counts the period up to the newest hour with data, as the API does.
 * @param clockError why the clock could not be read (shown as the comparison's error).
 */
export function usePeriodComparison(
  filters: DashboardFilters,
  period: Pick<Period, 'startDate' | 'endDate'> | undefined,
  clock: ApiClock | undefined,
  clockError: unknown = undefined,
): PeriodComparison {
  const ready = period !== undefined && clock !== undefined;
  const plan = ready ? comparisonPlan({ startDate: period.startDate, endDate: period.endDate }, clock.now) : undefined;
  // Without a plan the query is disabled and its data ignored.
  const request = plan ? previousPeriodRequest(filters, plan) : { currency: filters.currency };
  const query = useQuery({ ...usageQueryOptions(request), enabled: plan !== undefined });
  // Placeholder data is the previous filters' span: never compare against it.
  const data = plan && !query.isPlaceholderData ? query.data : undefined;
  return {
    plan,
    previous: data && plan ? previousTotals(data, plan) : undefined,
    loading: (!ready && clockError === undefined) || (plan !== undefined && data === undefined && !query.isError),
    error: clockError ?? (plan && query.isError ? query.error : undefined),
    retry: () => void query.refetch(),
  };
}
