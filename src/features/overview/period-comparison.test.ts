import { describe, expect, it } from 'vitest';
import { usageFixture } from '../../test/usage-fixture';
import { DEFAULT_FILTERS } from '../../url-state/filter-schema';
import {
  comparisonPlan,
  currentTotals,
  percentChange,
  previousPeriodRequest,
  previousTotals,
  type ComparisonPlan,
} from './period-comparison';

const at = (iso: string) => Date.parse(iso);

describe('comparisonPlan', () => {
  it('compares the elapsed days of a running month with the same days one month earlier', () => {
    const plan = comparisonPlan({ startDate: '2024-01-01', endDate: '2024-01-31' }, at('2024-01-16T12:34:00Z'))!;
    expect(plan.current).toEqual({ startDate: '2024-01-01', endDate: '2024-01-16' });
    expect(plan.previous).toEqual({ startDate: '2023-12-01', endDate: '2023-12-16' });
    expect(plan.days).toBe(16);
    // Data runs to 12:00 (the last full hour): half of today.
    expect(plan.lastDayFraction).toBe(0.5);
    expect(plan.dataEnd).toBe(at('2024-01-16T12:00:00Z'));
  });

  it('compares a finished month with the whole previous month', () => {
    const plan = comparisonPlan({ startDate: '2023-12-01', endDate: '2023-12-31' }, at('2024-01-16T12:00:00Z'))!;
    expect(plan.current).toEqual({ startDate: '2023-12-01', endDate: '2023-12-31' });
    expect(plan.previous).toEqual({ startDate: '2023-11-01', endDate: '2023-11-30' });
    expect(plan.days).toBe(31);
    expect(plan.lastDayFraction).toBe(1);
  });

  it('compares quarter to date with the same days of the previous quarter', () => {
    const plan = comparisonPlan({ startDate: '2024-01-01', endDate: '2024-03-31' }, at('2024-02-10T06:00:00Z'))!;
    expect(plan.previous.startDate).toBe('2023-10-01');
    expect(plan.days).toBe(41);
    expect(plan.previous.endDate).toBe('2023-11-10');
    expect(plan.lastDayFraction).toBe(0.25);
  });

  it('counts today as a whole day only once it has data, and nothing before the first hour', () => {
    const range = { startDate: '2024-01-01', endDate: '2024-01-31' };
    // 00:30 on 16 Jan: data runs to 00:00, so 15 complete days.
    const midnight = comparisonPlan(range, at('2024-01-16T00:30:00Z'))!;
    expect(midnight.days).toBe(15);
    expect(midnight.lastDayFraction).toBe(1);
    expect(comparisonPlan(range, at('2024-01-01T00:59:00Z'))).toBeUndefined();
    expect(comparisonPlan({ startDate: '2024-02-01', endDate: '2024-02-10' }, at('2024-01-16T12:00:00Z'))).toBeUndefined();
  });

  it('handles a single-day custom range', () => {
    const plan = comparisonPlan({ startDate: '2024-01-10', endDate: '2024-01-10' }, at('2024-01-16T12:00:00Z'))!;
    expect(plan.previous).toEqual({ startDate: '2024-01-09', endDate: '2024-01-09' });
    expect(plan.days).toBe(1);
  });
});

describe('previousPeriodRequest', () => {
  const plan = comparisonPlan({ startDate: '2023-12-01', endDate: '2023-12-31' }, at('2024-01-16T12:00:00Z'))!;

  it('asks for a custom range by day, with the same types and currency', () => {
    expect(
      previousPeriodRequest({ ...DEFAULT_FILTERS, timeRange: 'last_month', resourceType: ['clusters', 'storage'], currency: 'EUR', granularity: 'hourly' }, plan),
    ).toEqual({
      timeRange: 'custom',
      startDate: '2023-11-01',
      endDate: '2023-11-30',
      granularity: 'daily',
      currency: 'EUR',
      resourceType: ['clusters', 'storage'],
    });
  });

  it('leaves the types out when all are shown', () => {
    expect(previousPeriodRequest({ ...DEFAULT_FILTERS }, plan)).not.toHaveProperty('resourceType');
  });
});

describe('previousTotals', () => {
  const plan: ComparisonPlan = {
    current: { startDate: '2024-01-01', endDate: '2024-01-02' },
    previous: { startDate: '2023-12-01', endDate: '2023-12-02' },
    days: 2,
    lastDayFraction: 0.25,
    dataEnd: at('2024-01-02T06:00:00Z'),
  };
  const previous = usageFixture({
    breakdown: [
      {
        resourceType: 'clusters',
        usage: { quantity: 30, unit: 'gpu_hours', cost: 300, percentage: 75 },
        timeSeries: [
          { timestamp: '2023-12-01T00:00:00Z', value: 10, cost: 100 },
          { timestamp: '2023-12-02T00:00:00Z', value: 20, cost: 200 },
        ],
        topResources: [],
      },
      {
        resourceType: 'training',
        usage: { quantity: 4, unit: 'gpu_hours', cost: 100, percentage: 25 },
        timeSeries: [
          { timestamp: '2023-12-01T00:00:00Z', value: 0, cost: 0 },
          { timestamp: '2023-12-02T00:00:00Z', value: 4, cost: 100 },
        ],
        topResources: [],
      },
    ],
  });

  it('counts the last day pro rata, like today in the current period', () => {
    const totals = previousTotals(previous, plan);
    // 300 + 100, minus three quarters of the last day's 200 + 100.
    expect(totals.cost).toBeCloseTo(400 - 0.75 * 300);
    expect(totals.gpuHours).toBeCloseTo(34 - 0.75 * 24);
    expect(totals.apiRequests).toBe(0);
    expect(totals.hasData).toBe(true);
    expect(totals.dataFrom).toBeUndefined();
  });

  it('takes whole days for a finished period', () => {
    expect(previousTotals(previous, { ...plan, lastDayFraction: 1 }).cost).toBe(400);
  });

  it('says when the previous span has no usage, or starts later than asked', () => {
    const empty = usageFixture({
      breakdown: previous.breakdown.map((b) => ({
        ...b,
        usage: { ...b.usage, quantity: 0, cost: 0, percentage: 0 },
        timeSeries: b.timeSeries.map((p) => ({ ...p, value: 0, cost: 0 })),
      })),
    });
    expect(previousTotals(empty, plan).hasData).toBe(false);

    const late = usageFixture({ breakdown: [previous.breakdown[1]!] });
    expect(previousTotals(late, plan).dataFrom).toBe('2023-12-02');
  });
});

describe('currentTotals', () => {
  it('reads the summary', () => {
    expect(currentTotals(usageFixture())).toEqual({
      cost: 1247.83,
      gpuHours: 156.7,
      apiRequests: 89543,
      storageGB: 2847.3,
      bandwidthGB: 1256.8,
    });
  });
});

describe('percentChange', () => {
  it('gives the relative change and its direction', () => {
    expect(percentChange(112, 100)).toEqual({ percent: 12, direction: 'up' });
    expect(percentChange(75, 100)).toEqual({ percent: -25, direction: 'down' });
  });

  it('calls a change that rounds to 0.0% flat', () => {
    expect(percentChange(100.04, 100)?.direction).toBe('flat');
    expect(percentChange(100.06, 100)?.direction).toBe('up');
  });

  it('has nothing to say without a previous figure', () => {
    expect(percentChange(100, 0)).toBeUndefined();
    expect(percentChange(0, 0)).toBeUndefined();
  });
});
