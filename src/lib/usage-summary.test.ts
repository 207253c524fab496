import { describe, expect, it } from 'vitest';
import { usageFixture } from '../test/usage-fixture';
import { costOf, costShares, GPU_HOUR_TYPES, hoursWithData, perDayOver } from './usage-summary';

describe('usage summary transforms', () => {
  const { breakdown } = usageFixture();

  it('orders cost shares largest first', () => {
    expect(costShares(breakdown).map((s) => s.resourceType)).toEqual(['clusters', 'ai-services', 'storage', 'bandwidth']);
  });

  it('sums cost over several resource types, absent ones counting as zero', () => {
    expect(GPU_HOUR_TYPES).toEqual(['clusters', 'endpoints', 'training']);
    expect(costOf(breakdown, GPU_HOUR_TYPES)).toEqual({ cost: 784.5, percentage: 62.9, present: true });
    expect(costOf(breakdown, ['training'])).toEqual({ cost: 0, percentage: 0, present: false });
  });
});

describe('per-day figures over the hours with data', () => {
  const jan = { startDate: '2024-01-01', endDate: '2024-01-31', daysInPeriod: 31 };
  it('counts 20 hours of a first day as 20/24 of a day, by the API clock', () => {
    const hours = hoursWithData({ ...jan, daysElapsed: 1 }, Date.parse('2024-01-01T20:00:00Z'));
    expect(hours).toBe(20);
    expect(perDayOver(4913, hours)).toBeCloseTo((4913 / 20) * 24, 9);
  });
  it('counts a complete period by its days, and a running one not at all without the clock', () => {
    expect(hoursWithData({ ...jan, daysElapsed: 31 }, undefined)).toBe(744);
    expect(hoursWithData({ ...jan, daysElapsed: 16 }, undefined)).toBeUndefined();
    expect(hoursWithData({ ...jan, daysElapsed: 31 }, Date.parse('2024-03-01T00:00:00Z'))).toBe(744);
    expect(perDayOver(100, 0)).toBeUndefined();
  });
});
