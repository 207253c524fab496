import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { clampThreshold, nextThreshold, projectedSpend, thresholdBounds, thresholdReach, type MonthSpend } from './thresholds';

describe('thresholdBounds / clampThreshold', () => {
  const values = [50, 75, 90, 100];

  it('keeps a threshold one point inside its neighbours, within 1–200%', () => {
    expect(thresholdBounds(values, 0)).toEqual({ min: 1, max: 74 });
    expect(thresholdBounds(values, 1)).toEqual({ min: 51, max: 89 });
    expect(thresholdBounds(values, 3)).toEqual({ min: 91, max: 200 });
    expect(clampThreshold(values, 1, 95)).toBe(89);
    expect(clampThreshold(values, 1, 20)).toBe(51);
    expect(clampThreshold(values, 2, 80.4)).toBe(80);
    expect(clampThreshold(values, 3, 250)).toBe(200);
    expect(clampThreshold(values, 0, -5)).toBe(1);
  });

  it('pins a threshold squeezed between adjacent neighbours, and survives out-of-order or empty values', () => {
    expect(thresholdBounds([50, 51, 52], 1)).toEqual({ min: 51, max: 51 });
    expect(thresholdBounds([80, 70, 60], 1)).toEqual({ min: 81, max: 81 });
    expect(thresholdBounds([Number.NaN, 70], 1)).toEqual({ min: 1, max: 200 });
    expect(clampThreshold([50, 75], 1, Number.NaN)).toBe(51);
  });

  it('never lets a threshold reach or pass a neighbour (property)', () => {
    const sorted = fc
      .uniqueArray(fc.integer({ min: 1, max: 200 }), { minLength: 1, maxLength: 6 })
      .map((a) => [...a].sort((x, y) => x - y));
    fc.assert(
      fc.property(sorted, fc.nat(), fc.integer({ min: -500, max: 500 }), (values, i, v) => {
        const index = i % values.length;
        const next = clampThreshold(values, index, v);
        const updated = values.map((x, j) => (j === index ? next : x));
        for (let j = 1; j < updated.length; j++) expect(updated[j]!).toBeGreaterThan(updated[j - 1]!);
        expect(next).toBeGreaterThanOrEqual(1);
        expect(next).toBeLessThanOrEqual(200);
      }),
    );
  });
});

describe('nextThreshold', () => {
  it('adds 10 points, stopping at 100% from below, and stops at six or at 200%', () => {
    expect(nextThreshold([50, 75])).toBe(85);
    expect(nextThreshold([50, 95])).toBe(100);
    expect(nextThreshold([100])).toBe(110);
    expect(nextThreshold([195])).toBe(200);
    expect(nextThreshold([200])).toBeUndefined();
    expect(nextThreshold([10, 20, 30, 40, 50, 60])).toBeUndefined();
    expect(nextThreshold([])).toBe(80);
  });
});

describe('thresholdReach', () => {
  const HOUR = 3_600_000;
  const from = Date.parse('2024-01-16T12:00:00Z');
  const monthEnd = Date.parse('2024-02-01T00:00:00Z');
  // the sandbox's GPU-cluster figures: spent 39,702.38, 17,933.60 over the last seven days
  const spend: MonthSpend = { spent: 39702.38, hourlyBurn: 17933.6 / 168, from, monthEnd };

  it('says a threshold already passed is reached', () => {
    expect(thresholdReach(75000, 50, spend)).toEqual({ kind: 'reached' });
  });

  it('dates a threshold the burn rate reaches this month', () => {
    const reach = thresholdReach(75000, 75, spend);
    expect(reach.kind).toBe('on');
    // (56,250 − 39,702.38) / 106.7476 per hour ≈ 155.0 h after 16 Jan 12:00 → 22 Jan 23:00
    const at = (reach as { at: number }).at;
    expect((at - from) / HOUR).toBeCloseTo((56250 - 39702.38) / (17933.6 / 168), 6);
    expect(new Date(at).toISOString().slice(0, 10)).toBe('2024-01-22');
  });

  it('says "not this month" when the projection stays below it, or nothing is being spent', () => {
    expect(projectedSpend(spend)).toBeCloseTo(79412.49, 1);
    expect(thresholdReach(75000, 110, spend)).toEqual({ kind: 'not_this_month' });
    expect(thresholdReach(75000, 90, { ...spend, hourlyBurn: 0 })).toEqual({ kind: 'not_this_month' });
    // exactly at month end is next month
    const exact = { ...spend, spent: 0, hourlyBurn: 1 };
    const hours = (monthEnd - from) / HOUR;
    expect(thresholdReach(hours, 100, exact)).toEqual({ kind: 'not_this_month' });
    expect(thresholdReach(hours, 99, exact).kind).toBe('on');
  });
});
