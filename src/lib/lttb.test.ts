import { describe, expect, it } from 'vitest';
import { lttb, lttbIndices } from './lttb';

interface P {
  x: number;
  y: number;
}
const series = (ys: number[]): P[] => ys.map((y, x) => ({ x, y }));
const run = (data: P[], n: number) => lttb(data, n, (p) => p.x, (p) => p.y);

describe('lttb', () => {
  it('returns a copy of every point when the target is not smaller, or below 3', () => {
    const data = series([1, 2, 3, 4]);
    for (const n of [4, 10, 2, 0]) {
      const out = run(data, n);
      expect(out).toEqual(data);
      expect(out).not.toBe(data);
    }
  });

  it('keeps the first and last points and returns exactly the target count, in order', () => {
    const data = series(Array.from({ length: 1000 }, (_, i) => Math.sin(i / 20) * 100));
    const out = run(data, 100);
    expect(out).toHaveLength(100);
    expect(out[0]).toBe(data[0]);
    expect(out.at(-1)).toBe(data.at(-1));
    for (let i = 1; i < out.length; i++) expect(out[i]!.x).toBeGreaterThan(out[i - 1]!.x);
  });

  it('keeps a single spike in a flat series', () => {
    const ys = Array.from({ length: 500 }, () => 10);
    ys[257] = 900;
    const out = run(series(ys), 20);
    expect(out.map((p) => p.y)).toContain(900);
    expect(out.find((p) => p.y === 900)!.x).toBe(257);
  });

  it('keeps a dip as well as a peak', () => {
    const ys = Array.from({ length: 300 }, (_, i) => 50 + (i % 2));
    ys[40] = 500;
    ys[220] = -400;
    const kept = run(series(ys), 12).map((p) => p.x);
    expect(kept).toContain(40);
    expect(kept).toContain(220);
  });

  it('picks the known points of a small example', () => {
    // Buckets of two between the ends: {1,2} {3,4} {5,6} {7,8}. Worked by hand, e.g. the third
    // bucket after point 4 (4,9), against the next bucket's mean (7.5,4): area(5) = 19.5 > area(6) = 14.5.
    const ys = [0, 5, 1, 1, 9, 2, 2, 0, 8, 3];
    expect(lttbIndices(ys.map((_, i) => i), ys, 6)).toEqual([0, 1, 4, 5, 8, 9]);
  });

  it('does not change its input', () => {
    const data = series([3, 1, 4, 1, 5, 9, 2, 6, 5, 3]);
    const copy = structuredClone(data);
    run(data, 4);
    expect(data).toEqual(copy);
  });
});
