import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatBucket } from './format';
import { moneyAxis, niceTicks, numberAxis, pickTicks, positionTicks, tickLabels } from './chart-ticks';

describe('niceTicks', () => {
  it('steps by 1, 2 or 5 × 10ⁿ from zero, covering the data', () => {
    expect(niceTicks(0, 9_400, 5)).toEqual([0, 2_000, 4_000, 6_000, 8_000, 10_000]);
    expect(niceTicks(0, 2_250, 5)).toEqual([0, 500, 1_000, 1_500, 2_000, 2_500]);
    expect(niceTicks(-120, 480, 4)).toEqual([-200, 0, 200, 400, 600]);
    fc.assert(
      fc.property(fc.double({ min: 1e-2, max: 1e9, noNaN: true }), fc.double({ min: 1e-2, max: 1e9, noNaN: true }), fc.integer({ min: 2, max: 8 }), (a, b, count) => {
        const ticks = niceTicks(Math.min(a, b), Math.max(a, b), count);
        expect(ticks[0]).toBe(0);
        expect(ticks[ticks.length - 1]).toBeGreaterThanOrEqual(Math.max(a, b));
        const step = ticks[1]! - ticks[0]!;
        const mantissa = step / 10 ** Math.floor(Math.log10(step) + 1e-9);
        expect([1, 2, 5].some((m) => Math.abs(mantissa - m) < 1e-6)).toBe(true);
        for (let i = 1; i < ticks.length; i++) expect(ticks[i]! - ticks[i - 1]!).toBeCloseTo(step, 6);
      }),
    );
  });

  it('gives an empty or flat range a round step', () => {
    expect(niceTicks(0, 0).at(0)).toBe(0);
    expect(niceTicks(0, 0).at(-1)).toBe(1);
    expect(niceTicks(5, 5).at(-1)).toBeGreaterThanOrEqual(5);
  });
});

describe('tick labels', () => {
  it('reads "$2K, $4K, $6K", never "$3.5K, $7K, $10.5K"', () => {
    const axis = moneyAxis(0, 9_400, 'USD', 5);
    expect(axis.ticks.map(axis.format)).toEqual(['$0', '$2K', '$4K', '$6K', '$8K', '$10K']);
    expect(axis.domain).toEqual([0, 10_000]);
  });

  it('gives 2,250 the decimals its step needs: "$2.25K", not "$2.3K"', () => {
    const format = tickLabels((s) => `$${s}`);
    expect([0, 750, 1_500, 2_250, 3_000].map(format)).toEqual(['$0', '$750', '$1.5K', '$2.25K', '$3K']);
  });

  it('writes every tick exactly, so no two read alike', () => {
    fc.assert(
      fc.property(fc.double({ min: 1, max: 1e10, noNaN: true }), fc.integer({ min: 2, max: 8 }), (max, count) => {
        const axis = numberAxis(0, max, count);
        const labels = axis.ticks.map(axis.format);
        expect(new Set(labels).size).toBe(labels.length);
        const scale = { '': 1, K: 1e3, M: 1e6, B: 1e9, T: 1e12 } as const;
        for (const [i, label] of labels.entries()) {
          const [, n, unit] = /^([\d.,]+)([KMBT]?)$/.exec(label)!;
          expect(Number(n!.replace(/,/g, '')) * scale[unit as keyof typeof scale]).toBeCloseTo(axis.ticks[i]!, 6);
        }
      }),
    );
  });

  it('writes each currency with its symbol, negatives before it', () => {
    expect(moneyAxis(0, 900_000, 'EUR', 4).format(600_000)).toBe('€600K');
    expect(moneyAxis(0, 3e6, 'JPY', 3).format(2e6)).toBe('¥2M');
    expect(moneyAxis(-500, 1_000, 'USD', 4).format(-500)).toBe('-$500');
  });
});

describe('month ticks', () => {
  it('name the year in full, so "Feb 2023" is not read as 23 February', () => {
    expect(formatBucket('2023-02-01T00:00:00Z', 'monthly', 'en-US')).toBe('Feb 2023');
  });
});

describe('positionTicks', () => {
  it('starts at 1 and steps in round multiples up to the count', () => {
    expect(positionTicks(31)).toEqual({ ticks: [1, 5, 10, 15, 20, 25, 30], domain: [1, 31] });
    expect(positionTicks(7)).toEqual({ ticks: [1, 2, 3, 4, 5, 6, 7], domain: [1, 7] });
    expect(positionTicks(1)).toEqual({ ticks: [1], domain: [1, 1] });
    const year = positionTicks(366, 6);
    expect(year.ticks[0]).toBe(1);
    expect(year.ticks.slice(1).every((t, i, all) => t % 50 === 0 && (i === 0 || t - all[i - 1]! === all[1]! - all[0]!))).toBe(true);
    expect(year.ticks.length).toBeLessThanOrEqual(9);
  });
});

describe('pickTicks', () => {
  it('picks evenly spaced ticks starting at the first bucket', () => {
    expect(pickTicks([1, 2, 3, 4, 5, 6, 7], 3)).toEqual([1, 4, 7]);
    expect(pickTicks([1, 2], 10)).toEqual([1, 2]);
    expect(pickTicks([], 5)).toEqual([]);
  });

  it('never gives more than asked, nor skips more than it must', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 400 }), fc.integer({ min: 1, max: 40 }), (n, max) => {
        const ts = Array.from({ length: n }, (_, i) => i);
        const ticks = pickTicks(ts, max);
        expect(ticks[0]).toBe(0);
        expect(ticks.length).toBeLessThanOrEqual(max);
        // one step fewer would give too many
        const step = ticks.length > 1 ? ticks[1]! - ticks[0]! : n;
        if (step > 1) expect(Math.ceil(n / (step - 1))).toBeGreaterThan(max);
      }),
    );
  });
});
