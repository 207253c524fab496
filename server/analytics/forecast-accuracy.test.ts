import { describe, expect, it } from 'vitest';
import { accuracyReport } from './forecast-accuracy.ts';

const DAY = 86_400_000;
const START = Date.UTC(2024, 0, 1);
/** 100 a weekday, 50 a weekend day, from Monday 1 January 2024, for 300 days (through 26 October). */
const value = (ms: number) => ([0, 6].includes(new Date(ms).getUTCDay()) ? 50 : 100);
const daily = Array.from({ length: 300 }, (_, i) => value(START + i * DAY));
const monthSum = (y: number, m: number) => {
  let s = 0;
  for (let t = Date.UTC(y, m, 1); t < Date.UTC(y, m + 1, 1); t += DAY) s += value(t);
  return s;
};

describe('accuracyReport', () => {
  it("scores each complete month with 90 days before its 1st against what happened and the run rate", async () => {
    let yields = 0;
    const r = await accuracyReport({ start: '2024-01-01', daily, paths: 300 }, async () => {
      yields++;
    });
    expect(r.months.map((m) => m.month)).toEqual(['2024-04', '2024-05', '2024-06', '2024-07', '2024-08', '2024-09']);
    expect(yields).toBe(6);
    for (const m of r.months) {
      const mi = Number(m.month.slice(5)) - 1;
      expect(m.actual).toBe(monthSum(2024, mi));
      const prevDays = new Date(Date.UTC(2024, mi, 0)).getUTCDate();
      const days = new Date(Date.UTC(2024, mi + 1, 0)).getUTCDate();
      expect(m.runRate).toBeCloseTo((monthSum(2024, mi - 1) / prevDays) * days, 6);
      // a weekly pattern the model knows: within 2% of the month
      expect(Math.abs(m.forecast - m.actual) / m.actual).toBeLessThan(0.02);
      expect(m.inside).toBe(m.actual >= m.lower && m.actual <= m.upper);
    }
    const mape = (f: (m: (typeof r.months)[number]) => number) => (100 * r.months.reduce((a, m) => a + Math.abs(f(m) - m.actual) / m.actual, 0)) / r.months.length;
    expect(r.modelMape).toBeCloseTo(mape((m) => m.forecast), 9);
    expect(r.runRateMape).toBeCloseTo(mape((m) => m.runRate), 9);
    expect(r.runRateMape).toBeGreaterThan(r.modelMape);
    expect(r.coverage).toBe(r.months.filter((m) => m.inside).length / 6);
  });

  it('limits itself to the last `months` and answers an empty report for a short history', async () => {
    expect((await accuracyReport({ start: '2024-01-01', daily, months: 2, paths: 200 })).months.map((m) => m.month)).toEqual(['2024-08', '2024-09']);
    const short = await accuracyReport({ start: '2024-01-01', daily: daily.slice(0, 80) });
    expect(short.months).toEqual([]);
    expect(Number.isNaN(short.modelMape)).toBe(true);
  });
});
