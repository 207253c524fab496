/**
 * The previous period of equal length, fetched as a second usage request
 * (timeRange=custom with the previous dates) alongside the page's own, and
 * reduced to totals comparable with the current period's.
 */
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { usageQueryOptions } from '../../../api/usage';
import { resolveRange } from '../../../lib/period';
import type { DashboardFilters } from '../../filters/filter-schema';
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
 * @param dataTime when the page's current figures were loaded (epoch ms; 0
 *   before they are): the comparison counts today up to that hour, as they do.
 */
export function usePeriodComparison(filters: DashboardFilters, dataTime: number): PeriodComparison {
  const [openedAt] = useState(Date.now);
  const now = dataTime > 0 ? dataTime : openedAt;
  const range = resolveRange(filters.timeRange, now, filters);
  const plan = range ? comparisonPlan(range, now) : undefined;
  // Without a plan the query is disabled and its data ignored.
  const request = plan ? previousPeriodRequest(filters, plan) : { currency: filters.currency };
  const query = useQuery({ ...usageQueryOptions(request), enabled: plan !== undefined });
  // Placeholder data is the previous filters' span: never compare against it.
  const data = plan && !query.isPlaceholderData ? query.data : undefined;
  return {
    plan,
    previous: data && plan ? previousTotals(data, plan) : undefined,
    loading: plan !== undefined && data === undefined && !query.isError,
    error: plan && query.isError ? query.error : undefined,
    retry: () => void query.refetch(),
  };
}
