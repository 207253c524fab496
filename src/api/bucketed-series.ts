/**
 * Cost over time by a dimension from documented `/usage` requests: one custom
 * range per bucket of the plan (bucket-plan.ts), with the documented groupBy
 * for the dimension (and `includeTeamMetrics=true` for project and user),
 * at most CONCURRENCY in flight, merged to the cent (bucket-merge.ts).
 */
import { useMemo } from 'react';
import { useQueries, useQueryClient } from '@tanstack/react-query';
import { currencyDecimals } from '../lib/format';
import { usageQueryOptions, type UsageRequest } from './usage';
import type { Period, UsageResponse } from '../contract/billing';
import type { DashboardFilters } from '../url-state/filter-schema';
import { usageRequest } from '../url-state/request-builders';
import { mergeBuckets, type BucketedDimension, type MergedSeries } from '../lib/bucket-merge';
import { planBuckets, type Bucket, type BucketPlan } from '../lib/bucket-plan';

/** Requests in flight at once for one chart. */
export const CONCURRENCY = 4;

/** The documented request for one bucket. */
export function bucketRequest(filters: DashboardFilters, dimension: BucketedDimension, bucket: Bucket): UsageRequest {
  return usageRequest(
    { ...filters, groupBy: dimension, timeRange: 'custom', startDate: bucket.startDate, endDate: bucket.endDate, granularity: 'daily' },
    { groupBy: true, includeTeamMetrics: dimension === 'project' || dimension === 'user' },
  );
}

/**
 * Which of `done` (in order) may run: every finished one, and the first
 * `limit` of those not finished, so at most `limit` are in flight.
 */
export function runnable(done: readonly boolean[], limit = CONCURRENCY): boolean[] {
  let waiting = 0;
  return done.map((d) => d || waiting++ < limit);
}

export interface BucketedSeries {
  plan: BucketPlan;
  merged?: MergedSeries;
  /** Buckets answered so far, of plan.buckets.length. */
  answered: number;
  /** The first failure, once every request has settled. */
  error?: unknown;
  isFetching: boolean;
  /** An answer lacked the dimension's documented field. */
  missingField: boolean;
  refetch: () => void;
}

/** `period`, `periodTotal`: the page's own answer for the filters (undefined while it loads: nothing is asked). */
export function useBucketedSeries(options: {
  filters: DashboardFilters;
  dimension: BucketedDimension;
  period: Period | undefined;
  periodTotal: number | undefined;
  enabled: boolean;
}): BucketedSeries | undefined {
  const { filters, dimension, period, periodTotal, enabled } = options;
  const client = useQueryClient();
  const plan = useMemo(() => (period ? planBuckets(period, filters.granularity) : undefined), [period, filters.granularity]);
  const all = useMemo(
    () => (plan ? plan.buckets.map((b) => usageQueryOptions(bucketRequest(filters, dimension, b))) : []),
    [plan, filters, dimension],
  );
  const done = all.map((o) => {
    const status = client.getQueryState(o.queryKey)?.status;
    return status === 'success' || status === 'error';
  });
  const allowed = runnable(done);
  const results = useQueries({
    queries: all.map((o, i) => ({ ...o, placeholderData: undefined, enabled: enabled && allowed[i] })),
  });
  const answers = results.map((r) => r.data as UsageResponse | undefined);
  const complete = answers.length > 0 && answers.every((a) => a !== undefined);
  // The answers' identity changes only with their data (structural sharing): their update times stand for them.
  const answersKey = results.map((r) => r.dataUpdatedAt).join(',');
  const merged = useMemo(
    () =>
      complete && plan && periodTotal !== undefined
        ? mergeBuckets({ dimension, buckets: plan.buckets, answers: answers as UsageResponse[], periodTotal, decimals: currencyDecimals(filters.currency) })
        : undefined,
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [complete, plan, periodTotal, dimension, filters.currency, answersKey],
  );
  if (!plan) return undefined;
  const settled = results.every((r) => r.data !== undefined || r.isError);
  const failed = results.find((r) => r.isError && r.data === undefined);
  return {
    plan,
    merged,
    answered: answers.filter((a) => a !== undefined).length,
    error: settled && failed ? failed.error : undefined,
    isFetching: results.some((r) => r.isFetching),
    missingField: complete && merged === undefined && periodTotal !== undefined,
    refetch: () => {
      for (const r of results) if (r.isError) void r.refetch();
    },
  };
}
