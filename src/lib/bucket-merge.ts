/**
 * The per-bucket `/usage` answers (see bucket-plan.ts) as cost over time per
 * member of a dimension, from documented fields only: by region
 * `regional[].cost`, by project (team) `teamBreakdown[].totalCost`, by user
 * `userBreakdown[].totalCost` (both with `includeTeamMetrics=true`), by
 * resource every type's `topResources[].cost`. There is no documented figure
 * per service.
 *
 * Exact to the minor unit (cents, whole yen): the buckets' totals are
 * apportioned to the period's total (the page's own answer for the whole
 * period, so the chart adds up to the figure in the header whatever the
 * rounding of each answer), and each bucket's parts to its total (a cent of
 * rounding goes to the parts in proportion), with what
 * the answer does not itemise (resources beyond the top lists, cost no team
 * or user is given) as a part of its own. Pure.
 */
import type { GroupBy, UsageResponse } from '../contract/billing';
import type { UsageSeriesItem } from '../contract/usage-series';
import { apportion } from './apportion';
import type { Bucket } from './bucket-plan';

export const UNATTRIBUTED_KEY = '__unattributed';

/** The dimensions the documented answer splits cost by. */
export const BUCKETED_DIMENSIONS = ['region', 'project', 'user', 'resource'] as const satisfies readonly GroupBy[];
export type BucketedDimension = (typeof BUCKETED_DIMENSIONS)[number];

export function isBucketed(d: GroupBy): d is BucketedDimension {
  return (BUCKETED_DIMENSIONS as readonly GroupBy[]).includes(d);
}

const REST_NAME: Record<BucketedDimension, string> = {
  region: 'No region given',
  project: 'Not attributed to a team',
  user: 'Not attributed to a user',
  resource: 'Other resources',
};

interface Part {
  key: string;
  name: string;
  cost: number;
}

/** The documented parts of one answer for a dimension, or undefined when the answer lacks that field. */
export function documentedParts(answer: UsageResponse, dimension: BucketedDimension): Part[] | undefined {
  switch (dimension) {
    case 'region':
      return answer.regional.map((r) => ({ key: r.region, name: r.region, cost: r.cost }));
    case 'project':
      return answer.teamBreakdown?.map((t) => ({ key: t.teamId, name: t.teamName, cost: t.totalCost }));
    case 'user':
      return answer.userBreakdown?.map((u) => ({ key: u.userId, name: u.userName, cost: u.totalCost }));
    case 'resource':
      return answer.breakdown.flatMap((b) => b.topResources.map((t) => ({ key: t.resourceId, name: t.name, cost: t.cost })));
  }
}

export interface MergedSeries {
  items: UsageSeriesItem[];
  /** Each bucket's total in minor units (they add up to `totalMinor`). */
  bucketTotalsMinor: number[];
  totalMinor: number;
}

/**
 * Members' cost per bucket, the rest as "not attributed" (or "Other
 * resources"); undefined when an answer lacks the dimension's field.
 * `answers[k]` is the answer for `buckets[k]`; `periodTotal` the period's
 * `summary.totalCost`; `decimals` the currency's minor-unit digits.
 */
export function mergeBuckets(options: {
  dimension: BucketedDimension;
  buckets: readonly Bucket[];
  answers: readonly UsageResponse[];
  periodTotal: number;
  decimals: number;
}): MergedSeries | undefined {
  const { dimension, buckets, answers, decimals } = options;
  const scale = 10 ** decimals;
  const totalMinor = Math.round(options.periodTotal * scale);
  const bucketTotalsMinor = apportion(
    answers.map((a) => a.summary.totalCost * scale),
    totalMinor,
  );
  const members = new Map<string, { name: string; minor: number[] }>();
  const member = (key: string, name: string) => {
    let m = members.get(key);
    if (!m) members.set(key, (m = { name, minor: buckets.map(() => 0) }));
    return m;
  };
  for (let k = 0; k < answers.length; k++) {
    const parts = documentedParts(answers[k]!, dimension);
    if (!parts) return undefined;
    const raw = parts.map((p) => p.cost * scale);
    const own = Math.round(answers[k]!.summary.totalCost * scale);
    const rest = own - raw.reduce((a, b) => a + b, 0);
    // The cents the bucket gained or lost to the period's rounding go to the parts in proportion, not to the rest.
    const factor = own !== 0 ? bucketTotalsMinor[k]! / own : 1;
    const ints = apportion([...raw, rest].map((v) => v * factor), bucketTotalsMinor[k]!);
    parts.forEach((p, i) => (member(p.key, p.name).minor[k]! += ints[i]!));
    member(UNATTRIBUTED_KEY, REST_NAME[dimension]).minor[k]! += ints[parts.length]!;
  }
  const items = [...members].map(
    ([key, m]): UsageSeriesItem => ({
      key,
      name: m.name,
      cost: m.minor.reduce((a, b) => a + b, 0) / scale,
      timeSeries: buckets.map((b, k) => ({ timestamp: `${b.startDate}T00:00:00Z`, cost: m.minor[k]! / scale })),
    }),
  );
  return { items, bucketTotalsMinor, totalMinor };
}
