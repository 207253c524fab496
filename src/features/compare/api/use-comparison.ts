/**
 * The answers a comparison needs, all documented requests of
 * GET /v2/billing/usage:
 *
 *   - the page's period as the API resolves the filters (granularity=monthly),
 *     and the API's clock (src/api/api-clock.ts), which give the spans;
 *   - for each span a custom range by day with team metrics
 *     (includeTeamMetrics=true), the filters' resource types and currency;
 *   - when the earlier span's last day counts pro rata, that day alone.
 *
 * `useSpanAnswers` asks the same for one resource type (its teams and top
 * resources), for the drill-down.
 */
import { useQuery } from '@tanstack/react-query';
import { useApiClock } from '../../../api/api-clock';
import { usageQueryOptions, type UsageRequest } from '../../../api/usage';
import type { Period, ResourceType, UsageResponse } from '../../../contract/billing';
import { chosenSpans, likeForLike, type CompareMode, type ComparisonSpans } from '../../../lib/like-for-like';
import type { DateRange } from '../../../lib/period';
import type { DashboardFilters } from '../../../url-state/filter-schema';
import { usageRequest } from '../../../url-state/request-builders';
import type { SpanAnswers } from '../drivers';

/** The page's period as the API gives it (the smallest answer for the filters' range). */
export function periodRequest(filters: DashboardFilters): UsageRequest {
  return { ...usageRequest(filters), granularity: 'monthly', currency: 'USD', resourceType: undefined };
}

/** Daily buckets, or monthly beyond the API's longest daily range. */
export function spanGranularity(span: DateRange): 'daily' | 'monthly' {
  const days = (Date.parse(span.endDate) - Date.parse(span.startDate)) / 86_400_000 + 1;
  return days <= 1098 ? 'daily' : 'monthly';
}

export function spanRequest(span: DateRange, filters: DashboardFilters, types?: readonly ResourceType[]): UsageRequest {
  const request: UsageRequest = {
    timeRange: 'custom',
    startDate: span.startDate,
    endDate: span.endDate,
    granularity: spanGranularity(span),
    currency: filters.currency,
    includeTeamMetrics: true,
  };
  const resourceType = types ?? filters.resourceType;
  if (resourceType.length > 0) request.resourceType = [...resourceType];
  return request;
}

export interface ComparisonSetup {
  /** The API's period for the filters. */
  period: Period | undefined;
  spans: ComparisonSpans | undefined;
  loading: boolean;
  error: unknown;
  retry: () => void;
}

/** The page's period and the spans to compare, from the API's answers and clock. */
export function useComparisonSpans(filters: DashboardFilters, mode: CompareMode, chosen: DateRange | undefined): ComparisonSetup {
  const { clock, error: clockError } = useApiClock();
  const periodQuery = useQuery(usageQueryOptions(periodRequest(filters)));
  const period = periodQuery.isPlaceholderData ? undefined : periodQuery.data?.period;
  const spans =
    period && clock
      ? chosen
        ? chosenSpans(period, clock.now, chosen)
        : likeForLike(period, clock.now, mode)
      : undefined;
  const error = periodQuery.error ?? clockError ?? undefined;
  return {
    period,
    spans,
    loading: error === undefined && (period === undefined || clock === undefined),
    error,
    retry: () => void periodQuery.refetch(),
  };
}

export interface ComparisonAnswers {
  current: SpanAnswers | undefined;
  previous: SpanAnswers | undefined;
  loading: boolean;
  error: unknown;
  retry: () => void;
}

/** Both spans' answers (for the filters' types, or one type), once all are in for these spans. */
export function useSpanAnswers(
  spans: ComparisonSpans | undefined,
  filters: DashboardFilters,
  { types, enabled = true }: { types?: readonly ResourceType[]; enabled?: boolean } = {},
): ComparisonAnswers {
  const on = enabled && spans !== undefined;
  const partial = spans !== undefined && spans.lastDayFraction < 1;
  // The last day on its own, unless the span is that day (then its answer is the whole span's).
  const lastDayApart = partial && spans.previous.startDate !== spans.previous.endDate;
  // Three plain queries (no useQueries, which no other page loads); unused ones stay disabled.
  const idle: DateRange = { startDate: '1970-01-01', endDate: '1970-01-01' };
  const request = (span: DateRange | undefined) => spanRequest(span ?? idle, filters, types);
  const lastDaySpan = spans && { startDate: spans.previous.endDate, endDate: spans.previous.endDate };
  const results = [
    useQuery({ ...usageQueryOptions(request(spans?.current)), enabled: on }),
    useQuery({ ...usageQueryOptions(request(spans?.previous)), enabled: on }),
    useQuery({ ...usageQueryOptions(request(lastDayApart ? lastDaySpan : spans?.previous)), enabled: on && lastDayApart }),
  ];
  const data = (i: number): UsageResponse | undefined => (results[i]!.isPlaceholderData ? undefined : results[i]!.data);
  const [cur, prev] = [data(0), data(1)];
  const last = lastDayApart ? data(2) : prev;
  const ready = on && cur !== undefined && prev !== undefined && last !== undefined;
  const failed = results.find((r, i) => r.isError && (i < 2 || lastDayApart));
  return {
    current: ready ? { whole: cur, fraction: 1 } : undefined,
    previous: ready ? { whole: prev, ...(partial ? { lastDay: last } : {}), fraction: spans!.lastDayFraction } : undefined,
    loading: on && !ready && !failed,
    error: failed?.error ?? undefined,
    retry: () => {
      for (const r of results) if (r.isError) void r.refetch();
    },
  };
}
