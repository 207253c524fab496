import { describe, expect, it } from 'vitest';
import { usageFixture } from '../test/usage-fixture';
import { dailyHistory, historyRequest, monthRate } from './breach-outlook';

describe('breach outlook requests', () => {
  it("asks for 24 months of daily USD cost of the budget's types, none for all", () => {
    expect(historyRequest(['clusters', 'training'], '2024-01-16')).toEqual({
      timeRange: 'custom',
      startDate: '2022-01-01',
      endDate: '2024-01-16',
      granularity: 'daily',
      currency: 'USD',
      resourceType: ['clusters', 'training'],
    });
    expect(historyRequest(['all'], '2024-01-16').resourceType).toBeUndefined();
  });

  it('sums the breakdown by day from the first day with cost, today apart', () => {
    const [a, b] = usageFixture().breakdown;
    const usage = {
      breakdown: [
        { ...a!, timeSeries: [{ timestamp: '2024-01-13T00:00:00Z', value: 0, cost: 0 }, { timestamp: '2024-01-14T00:00:00Z', value: 1, cost: 5 }, { timestamp: '2024-01-16T00:00:00Z', value: 1, cost: 2 }] },
        { ...b!, timeSeries: [{ timestamp: '2024-01-15T00:00:00Z', value: 1, cost: 3 }, { timestamp: '2024-01-16T00:00:00Z', value: 1, cost: 1 }] },
      ],
    };
    expect(dailyHistory(usage, '2024-01-16')).toEqual({ start: '2024-01-14', daily: [5, 3], todayCost: 3 });
    expect(dailyHistory({ breakdown: [] }, '2024-01-16')).toEqual({ start: '2024-01-16', daily: [], todayCost: 0 });
  });

  it("states this month's rate from the month-to-date totals, none without cost", () => {
    const usd = usageFixture();
    const eur = usageFixture({ summary: { ...usd.summary, totalCost: usd.summary.totalCost * 0.9, currency: 'EUR' } });
    expect(monthRate(usd, eur)).toBeCloseTo(0.9, 12);
    expect(monthRate(usageFixture({ summary: { ...usd.summary, totalCost: 0 } }), eur)).toBeUndefined();
  });
});
