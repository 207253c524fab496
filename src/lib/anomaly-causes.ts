/**
 * What made an unusual stretch of spend (pure): its excess over the expected
 * value, split over the teams, resources and regions that made it, in money.
 *
 * From two documented usage answers for the resource type, both with team
 * metrics: the unusual days themselves, and the weeks before them (the
 * baseline). Each contributor's expected cost is its share of the baseline
 * times the stretch's expected cost, so the contributors' expected costs add
 * up to the stretch's, and their excesses to its excess. Teams come from
 * `teamBreakdown`, resources from `topResources` (the rest as "Other
 * resources"), regions from `regional`.
 */
import type { UsageResponse } from '../contract/billing';

export type CauseDimension = 'team' | 'resource' | 'region';

export interface Contributor {
  key: string;
  name: string;
  actual: number;
  expected: number;
  excess: number;
}

export type Causes = Record<CauseDimension, Contributor[]>;

interface Item {
  key: string;
  name: string;
  cost: number;
}

export const OTHER_RESOURCES = 'Other resources';

function items(answer: UsageResponse, dimension: CauseDimension, type: string): Item[] {
  if (dimension === 'team')
    return (answer.teamBreakdown ?? []).map((t) => ({ key: t.teamId, name: t.teamName, cost: t.resourceUsage[type]?.cost ?? t.totalCost }));
  if (dimension === 'region') return answer.regional.map((r) => ({ key: r.region, name: r.region, cost: r.cost }));
  const b = answer.breakdown.find((x) => x.resourceType === type);
  if (!b) return [];
  const top = b.topResources.map((r) => ({ key: r.resourceId, name: r.name, cost: r.cost }));
  const rest = b.usage.cost - top.reduce((a, r) => a + r.cost, 0);
  return rest > 0.005 ? [...top, { key: '', name: OTHER_RESOURCES, cost: rest }] : top;
}

/** Contributors of one dimension, largest excess first. */
export function contributors(
  actual: UsageResponse,
  baseline: UsageResponse,
  dimension: CauseDimension,
  type: string,
  expectedTotal: number,
): Contributor[] {
  const now = items(actual, dimension, type);
  const before = items(baseline, dimension, type);
  const baseTotal = before.reduce((a, i) => a + Math.max(0, i.cost), 0);
  const keys = new Map<string, string>();
  for (const i of [...now, ...before]) if (!keys.has(i.key)) keys.set(i.key, i.name);
  const out: Contributor[] = [];
  for (const [key, name] of keys) {
    const a = now.filter((i) => i.key === key).reduce((s, i) => s + i.cost, 0);
    const b = before.filter((i) => i.key === key).reduce((s, i) => s + Math.max(0, i.cost), 0);
    const expected = baseTotal > 0 ? (b / baseTotal) * expectedTotal : 0;
    if (a === 0 && expected === 0) continue;
    out.push({ key, name, actual: a, expected, excess: a - expected });
  }
  return out.sort((x, y) => y.excess - x.excess);
}

export function explainAnomaly(actual: UsageResponse, baseline: UsageResponse, type: string, expectedTotal: number): Causes {
  return {
    team: contributors(actual, baseline, 'team', type, expectedTotal),
    resource: contributors(actual, baseline, 'resource', type, expectedTotal),
    region: contributors(actual, baseline, 'region', type, expectedTotal),
  };
}
