import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { usageResponseSchema } from '../contract/billing';
import { UNATTRIBUTED_KEY, mergeBuckets } from './bucket-merge';

const PERIOD = { startDate: '2024-01-01', endDate: '2024-01-01', billingCycle: 'monthly', daysInPeriod: 1, daysElapsed: 1 };

function answer(total: number, parts: { regional?: [string, number][]; teams?: [string, number][]; top?: [string, number][] }) {
  return usageResponseSchema.parse({
    period: PERIOD,
    summary: { totalCost: total, totalGpuHours: 0, totalApiRequests: 0, totalStorageGB: 0, totalBandwidthGB: 0, currency: 'USD' },
    breakdown: [
      {
        resourceType: 'clusters',
        usage: { quantity: 0, unit: 'gpu_hours', cost: total, percentage: 100 },
        timeSeries: [],
        topResources: (parts.top ?? []).map(([id, cost]) => ({ resourceId: id, name: id.toUpperCase(), usage: 1, cost })),
      },
    ],
    regional: (parts.regional ?? []).map(([region, cost]) => ({ region, usage: { totalCost: cost, gpuHours: 0, apiRequests: 0 }, cost, percentage: 0 })),
    alerts: [],
    ...(parts.teams
      ? { teamBreakdown: parts.teams.map(([teamName, totalCost]) => ({ teamName, totalCost, percentage: 0, memberCount: 1 })) }
      : {}),
  });
}

const buckets = (n: number) => Array.from({ length: n }, (_, i) => ({ startDate: `2024-01-0${i + 1}`, endDate: `2024-01-0${i + 1}` }));
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

describe('mergeBuckets', () => {
  it('keeps each bucket’s parts and puts what the answer does not itemise in a part of its own', () => {
    const answers = [answer(10, { top: [['a', 4], ['b', 3.5]] }), answer(6.25, { top: [['b', 5], ['c', 1]] })];
    const merged = mergeBuckets({ dimension: 'resource', buckets: buckets(2), answers, periodTotal: 16.25, decimals: 2 })!;
    const byKey = Object.fromEntries(merged.items.map((i) => [i.key, i.timeSeries.map((p) => p.cost)]));
    expect(byKey).toEqual({ a: [4, 0], b: [3.5, 5], c: [0, 1], [UNATTRIBUTED_KEY]: [2.5, 0.25] });
    expect(merged.items.find((i) => i.key === UNATTRIBUTED_KEY)!.name).toBe('Other resources');
    expect(merged.bucketTotalsMinor).toEqual([1000, 625]);
    expect(merged.items[0]!.timeSeries[1]!.timestamp).toBe('2024-01-02T00:00:00Z');
  });

  it('makes the buckets add up to the period’s total when the answers’ rounding differs by cents', () => {
    // Three days of 3.33 each (rounded by the API), the period's own total 10.00.
    const answers = [0, 1, 2].map(() => answer(3.33, { regional: [['us-east-1', 3.33]] }));
    const merged = mergeBuckets({ dimension: 'region', buckets: buckets(3), answers, periodTotal: 10, decimals: 2 })!;
    expect(sum(merged.bucketTotalsMinor)).toBe(1000);
    const perBucket = merged.bucketTotalsMinor.map((_, k) => sum(merged.items.map((i) => Math.round(i.timeSeries[k]!.cost * 100))));
    expect(perBucket).toEqual(merged.bucketTotalsMinor);
    // The cent of rounding goes to the region, not to "No region given".
    expect(merged.items.find((i) => i.key === UNATTRIBUTED_KEY)!.cost).toBe(0);
    // The cent left over goes to one bucket, never more than a cent per bucket.
    for (const [k, t] of merged.bucketTotalsMinor.entries()) expect(Math.abs(t - Math.round(answers[k]!.summary.totalCost * 100))).toBeLessThanOrEqual(1);
  });

  it('says when an answer lacks the dimension’s field (no team metrics)', () => {
    expect(mergeBuckets({ dimension: 'project', buckets: buckets(1), answers: [answer(5, {})], periodTotal: 5, decimals: 2 })).toBeUndefined();
    const teams = mergeBuckets({ dimension: 'project', buckets: buckets(1), answers: [answer(5, { teams: [['ML', 4]] })], periodTotal: 5, decimals: 2 })!;
    expect(teams.items.map((i) => [i.name, i.cost])).toEqual([
      ['ML', 4],
      ['Not attributed to a team', 1],
    ]);
  });

  it('adds up to the period to the minor unit for any answers (property, USD and JPY)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(0, 2),
        fc.array(fc.array(fc.integer({ min: 0, max: 500_000 }), { minLength: 0, maxLength: 5 }), { minLength: 1, maxLength: 9 }),
        fc.integer({ min: -20, max: 20 }),
        (decimals, minorParts, drift) => {
          const scale = 10 ** decimals;
          const answers = minorParts.map((ps, k) =>
            answer(sum(ps) / scale + k / scale, { regional: ps.map((p, i): [string, number] => [`r${i}`, p / scale]) }),
          );
          const period = Math.max(0, sum(answers.map((a) => Math.round(a.summary.totalCost * scale))) + drift) / scale;
          const merged = mergeBuckets({ dimension: 'region', buckets: buckets(answers.length), answers, periodTotal: period, decimals })!;
          const cells = merged.items.flatMap((i) => i.timeSeries.map((p) => p.cost * scale));
          for (const c of cells) expect(Math.abs(c - Math.round(c))).toBeLessThan(1e-6);
          expect(Math.round(sum(cells))).toBe(Math.round(period * scale));
          expect(Math.round(sum(merged.items.map((i) => i.cost * scale)))).toBe(Math.round(period * scale));
        },
      ),
      { numRuns: 200 },
    );
  });
});
