import { describe, expect, it } from 'vitest';
import { DAY_MS } from './forecast-numerics.ts';
import { factorsFrom, yearSlot, yearlyFactors } from './forecast-yearly.ts';

const START = Date.UTC(2021, 0, 1);
/** A series with a known yearly shape (±20% cosine peaking on 1 July), a weekday pattern and growth. */
function synthetic(days: number) {
  const truth = (ms: number) => 1 + 0.2 * Math.cos((2 * Math.PI * (yearSlot(ms) - 181)) / 366);
  const values = Array.from({ length: days }, (_, i) => {
    const ms = START + i * DAY_MS;
    const weekday = [0.7, 1.1, 1.1, 1.1, 1.1, 1.1, 0.8][new Date(ms).getUTCDay()]!;
    return 1000 * (1 + i / 3000) * truth(ms) * weekday;
  });
  return { values, truth };
}

describe('yearlyFactors', () => {
  it('needs two years of history', () => {
    expect(yearlyFactors(synthetic(729).values, START)).toBeNull();
    expect(yearlyFactors(synthetic(730).values, START)).not.toBeNull();
  });

  it('recovers the yearly shape without the weekday pattern, with mean 1', () => {
    const { values, truth } = synthetic(3 * 365);
    const f = yearlyFactors(values, START)!;
    const common = [...f].filter((_, s) => s !== 59);
    expect(common.reduce((a, b) => a + b, 0) / common.length).toBeCloseTo(1, 9);
    // the truth normalised to mean 1 over the same slots
    const t = Array.from({ length: 366 }, (_, s) => truth(Date.UTC(2024, 0, 1) + s * DAY_MS));
    const tm = t.filter((_, s) => s !== 59).reduce((a, b) => a + b, 0) / 365;
    for (const s of [0, 90, 181, 273, 330]) expect(Math.abs(f[s]! - t[s]! / tm)).toBeLessThan(0.02);
  });

  it('maps days to calendar slots, 29 February its own', () => {
    expect(yearSlot(Date.UTC(2023, 2, 1))).toBe(60);
    expect(yearSlot(Date.UTC(2024, 1, 29))).toBe(59);
    const f = Float64Array.from({ length: 366 }, (_, s) => s);
    expect([...factorsFrom(f, Date.UTC(2023, 11, 31), 3)]).toEqual([365, 0, 1]);
  });
});
