import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_BUCKETS, lastDataDay, planBuckets, splitRange } from './bucket-plan';

const period = (startDate: string, endDate: string, daysInPeriod: number, daysElapsed = daysInPeriod) => ({
  startDate,
  endDate,
  daysInPeriod,
  daysElapsed,
});
const days = (start: string, end: string) => (Date.parse(end) - Date.parse(start)) / 86_400_000 + 1;

describe('planBuckets', () => {
  it('asks a month to date day by day, up to the API’s today', () => {
    const plan = planBuckets(period('2024-01-01', '2024-01-31', 31, 16), 'daily');
    expect(plan.granularity).toBe('daily');
    expect(plan.coarsenedFrom).toBeUndefined();
    expect(plan.buckets).toHaveLength(16);
    expect(plan.buckets[0]).toEqual({ startDate: '2024-01-01', endDate: '2024-01-01' });
    expect(plan.buckets.at(-1)).toEqual({ startDate: '2024-01-16', endDate: '2024-01-16' });
  });

  it('draws an hourly view by day', () => {
    expect(planBuckets(period('2024-01-01', '2024-01-07', 7), 'hourly').granularity).toBe('daily');
  });

  it('coarsens a quarter to Monday-to-Sunday weeks cut by the period, and says so', () => {
    // Q4 2023: 1 Oct is a Sunday, 31 Dec a Sunday.
    const plan = planBuckets(period('2023-10-01', '2023-12-31', 92), 'daily');
    expect(plan.granularity).toBe('weekly');
    expect(plan.coarsenedFrom).toBe('daily');
    expect(plan.buckets[0]).toEqual({ startDate: '2023-10-01', endDate: '2023-10-01' });
    expect(plan.buckets[1]).toEqual({ startDate: '2023-10-02', endDate: '2023-10-08' });
    expect(plan.buckets.at(-1)).toEqual({ startDate: '2023-12-25', endDate: '2023-12-31' });
    expect(plan.buckets).toHaveLength(1 + 13);
  });

  it('coarsens a year to months, and refuses more months than requests allowed', () => {
    const year = planBuckets(period('2023-01-01', '2023-12-31', 365), 'weekly');
    expect(year.granularity).toBe('monthly');
    expect(year.coarsenedFrom).toBe('weekly');
    expect(year.buckets.map((b) => b.endDate.slice(5))).toEqual(
      ['01-31', '02-28', '03-31', '04-30', '05-31', '06-30', '07-31', '08-31', '09-30', '10-31', '11-30', '12-31'],
    );
    const long = planBuckets(period('2021-01-15', '2024-01-14', 1095), 'monthly');
    expect(long.buckets).toEqual([]);
    expect(long.tooLong).toEqual({ months: 37 });
  });

  it('covers every day with data exactly once, within the request bound (property)', () => {
    const start = Date.UTC(2020, 0, 1);
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 1500 }),
        fc.integer({ min: 1, max: 1098 }),
        fc.integer({ min: 0, max: 1098 }),
        fc.constantFrom('hourly', 'daily', 'weekly', 'monthly' as const),
        (offset, length, elapsed, g) => {
          const s = new Date(start + offset * 86_400_000).toISOString().slice(0, 10);
          const e = new Date(start + (offset + length - 1) * 86_400_000).toISOString().slice(0, 10);
          const p = period(s, e, length, Math.min(length, Math.max(1, elapsed)));
          const plan = planBuckets(p, g);
          if (plan.tooLong) return;
          expect(plan.buckets.length).toBeLessThanOrEqual(MAX_BUCKETS);
          expect(plan.buckets[0]!.startDate).toBe(s);
          expect(plan.buckets.at(-1)!.endDate).toBe(lastDataDay(p));
          for (let i = 1; i < plan.buckets.length; i++)
            expect(days(plan.buckets[i - 1]!.endDate, plan.buckets[i]!.startDate)).toBe(2);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('splitRange', () => {
  it('cuts months at their ends, February of a leap year included', () => {
    expect(splitRange('2024-01-20', '2024-03-02', 'monthly')).toEqual([
      { startDate: '2024-01-20', endDate: '2024-01-31' },
      { startDate: '2024-02-01', endDate: '2024-02-29' },
      { startDate: '2024-03-01', endDate: '2024-03-02' },
    ]);
  });
});
