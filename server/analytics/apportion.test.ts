import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { apportion, percentages } from './apportion.ts';

describe('apportion', () => {
  it('splits a total so parts add up exactly and each is within one unit of its share', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1e7, noNaN: true }), { minLength: 1, maxLength: 40 }), fc.integer({ min: 0, max: 1e9 }), (xs, total) => {
        const parts = apportion(xs, total);
        expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
        const sum = xs.reduce((a, b) => a + b, 0);
        if (sum > 0) parts.forEach((p, i) => expect(Math.abs(p - (xs[i]! / sum) * total)).toBeLessThanOrEqual(1));
      }),
    );
  });

  it('gives the residue to the largest remainders', () => {
    // 1/3 each of 100 cents: 33.33.. each, one part gets the extra cent
    expect(apportion([1, 1, 1], 100)).toEqual([34, 33, 33]);
    expect(apportion([0.2, 0.3, 0.5], 10)).toEqual([2, 3, 5]);
  });

  it('turns shares into percentages with one decimal adding up to 100', () => {
    // naive rounding of the reference's regional shares adds up to 100.1
    const p = percentages([743.21, 312.84, 191.78]);
    expect(p.reduce((a, b) => a + b, 0)).toBeCloseTo(100, 10);
    // shares 595.60, 250.71, 153.69 tenths: floors 998, the two largest remainders get the residue
    expect(p).toEqual([59.5, 25.1, 15.4]);
    expect(percentages([0, 0])).toEqual([0, 0]);
  });
});
