import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { usageFixture } from '../../test/usage-fixture';
import { apportion, byRegion, byResource, byResourceType, byTeam, decompose, REMAINDER_KEY, spanParts, totalCost, typeCost, type Part } from './drivers';

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

describe('apportion', () => {
  it('rounds to integers that add up to the total, largest fractions first', () => {
    expect(apportion([1.5, 1.5, 1], 4)).toEqual([2, 1, 1]);
    expect(apportion([33.34, 33.33, 33.33], 100)).toEqual([34, 33, 33]);
    expect(apportion([1233.9999999998, 500.0000000001, 0], 1734)).toEqual([1234, 500, 0]);
    expect(apportion([-0.4, 10.4], 10)).toEqual([0, 10]);
  });

  it('always adds up to the total', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: -1e6, max: 1e7, noNaN: true }), { minLength: 1, maxLength: 30 }), (values) => {
        const total = Math.round(sum(values)) + 0;
        const out = apportion(values, total);
        expect(sum(out)).toBe(total);
        out.forEach((v, i) => expect(Math.abs(v - values[i]!)).toBeLessThanOrEqual(Math.max(2, out.length)));
      }),
    );
  });
});

const part = (key: string, amount: number): Part => ({ key, label: key.toUpperCase(), amount });

describe('decompose', () => {
  it('ranks contributors by the size of their change and adds up to the total change to the cent', () => {
    const d = decompose({
      previous: { parts: [part('a', 100), part('b', 50.5), part('c', 10)], total: 160.5 },
      current: { parts: [part('a', 90.25), part('b', 80), part('d', 5)], total: 175.25 },
      decimals: 2,
      remainderLabel: 'Other',
    });
    expect(d.change).toBe(1475);
    expect(d.contributors.map((c) => [c.key, c.change])).toEqual([
      ['b', 2950],
      ['a', -975],
      ['c', -1000],
      ['d', 500],
    ].sort((x, y) => Math.abs(y[1] as number) - Math.abs(x[1] as number)));
    expect(sum(d.contributors.map((c) => c.change))).toBe(d.change);
    expect(d.contributors.find((c) => c.key === 'd')!.percent).toBeUndefined();
    expect(d.contributors.find((c) => c.key === 'a')!.percent).toBeCloseTo(-9.75, 10);
  });

  it('puts what the split does not itemise in a remainder, so the parts still add up', () => {
    const d = decompose({
      previous: { parts: [part('a', 60)], total: 100 },
      current: { parts: [part('a', 70)], total: 100 },
      decimals: 2,
      remainderLabel: 'Other resources',
    });
    const rest = d.contributors.find((c) => c.key === REMAINDER_KEY)!;
    expect(rest).toMatchObject({ label: 'Other resources', previous: 4000, current: 3000, change: -1000, remainder: true });
    expect(sum(d.contributors.map((c) => c.change))).toBe(0);
  });

  it('splits a parent part: the children add up to the parent’s amounts', () => {
    const d = decompose({
      previous: { parts: [part('x', 33.333), part('y', 66.667)], total: 100 },
      current: { parts: [part('x', 10.005), part('y', 10.005)], total: 20.01 },
      decimals: 2,
      remainderLabel: 'Not attributed to a team',
      totals: { previous: 10001, current: 2001 },
    });
    expect(sum(d.contributors.map((c) => c.previous))).toBe(10001);
    expect(sum(d.contributors.map((c) => c.current))).toBe(2001);
    expect(sum(d.contributors.map((c) => c.change))).toBe(2001 - 10001);
  });

  it('works in whole yen', () => {
    const d = decompose({
      previous: { parts: [part('a', 1000.4), part('b', 999.6)], total: 2000 },
      current: { parts: [part('a', 1500), part('b', 700)], total: 2200 },
      decimals: 0,
      remainderLabel: 'Other',
    });
    expect(d.change).toBe(200);
    expect(sum(d.contributors.map((c) => c.change))).toBe(200);
    expect(sum(d.contributors.map((c) => c.previous))).toBe(2000);
  });

  it('adds up for any parts and totals', () => {
    const parts = fc.array(fc.record({ key: fc.constantFrom('a', 'b', 'c', 'd', 'e'), amount: fc.double({ min: 0, max: 1e6, noNaN: true }) }), {
      maxLength: 8,
    });
    fc.assert(
      fc.property(parts, parts, fc.double({ min: 0, max: 1e6, noNaN: true }), fc.double({ min: 0, max: 1e6, noNaN: true }), (p, c, extraP, extraC) => {
        const withLabel = (xs: typeof p) => xs.map((x) => ({ ...x, label: x.key }));
        const d = decompose({
          previous: { parts: withLabel(p), total: sum(p.map((x) => x.amount)) + extraP },
          current: { parts: withLabel(c), total: sum(c.map((x) => x.amount)) + extraC },
          decimals: 2,
          remainderLabel: 'Other',
        });
        expect(sum(d.contributors.map((x) => x.change))).toBe(d.change);
        expect(sum(d.contributors.map((x) => x.previous))).toBe(d.previousTotal);
        for (let i = 1; i < d.contributors.length; i++)
          expect(Math.abs(d.contributors[i - 1]!.change)).toBeGreaterThanOrEqual(Math.abs(d.contributors[i]!.change));
      }),
    );
  });
});

describe('spanParts', () => {
  it('counts the last day pro rata from its own answer', () => {
    const whole = usageFixture();
    const lastDay = usageFixture();
    const s = spanParts({ whole, lastDay, fraction: 0.25 }, byResourceType, totalCost);
    expect(s.total).toBeCloseTo(whole.summary.totalCost * 0.25, 9);
    const clusters = whole.breakdown.find((b) => b.resourceType === 'clusters')!.usage.cost;
    expect(s.parts.find((x) => x.key === 'clusters')!.amount).toBeCloseTo(clusters * 0.25, 9);
  });

  it('leaves a part only the last day lists in the remainder, never below zero', () => {
    const whole = usageFixture();
    const base = whole.breakdown[0]!;
    const lastDay = usageFixture({
      breakdown: [{ ...base, topResources: [...base.topResources, { resourceId: 'job-late', name: 'Late job', usage: 1, cost: 40 }] }],
    });
    const s = spanParts({ whole, lastDay, fraction: 0.5 }, byResource('clusters'), typeCost('clusters'));
    expect(s.parts.map((p) => p.key)).toEqual(['cluster-gpu-a100-001']);
    expect(s.parts[0]!.amount).toBeCloseTo(226 - 0.5 * 226, 9);
    expect(s.total).toBeCloseTo(base.usage.cost * 0.5, 9);
  });

  it('ignores the last day’s answer when the day counts whole', () => {
    const whole = usageFixture();
    const s = spanParts({ whole, lastDay: whole, fraction: 1 }, byRegion, totalCost);
    expect(s.total).toBe(whole.summary.totalCost);
    expect(s.parts).toEqual(whole.regional.map((r) => ({ key: r.region, label: r.region, amount: r.cost })));
  });
});

describe('splits of an answer', () => {
  it('reads types, regions, a type’s resources and teams from documented fields', () => {
    const u = usageFixture({
      teamBreakdown: [{ teamId: 'research', teamName: 'Research', totalCost: 10, percentage: 100, memberCount: 2, resourceUsage: {} }],
    });
    expect(byResourceType(u).map((p) => p.key)).toEqual(u.breakdown.map((b) => b.resourceType));
    expect(byRegion(u).reduce((a, p) => a + p.amount, 0)).toBeCloseTo(sum(u.regional.map((r) => r.cost)), 9);
    expect(byResource('clusters')(u).map((p) => p.key)).toEqual(u.breakdown[0]!.topResources.map((r) => r.resourceId));
    expect(byTeam(u)).toEqual([{ key: 'research', label: 'Research', amount: 10 }]);
    expect(typeCost('clusters')(u)).toBe(u.breakdown[0]!.usage.cost);
    expect(typeCost('unknown-type')(u)).toBe(0);
  });
});
