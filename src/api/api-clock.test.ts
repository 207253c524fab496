import { describe, expect, it } from 'vitest';
import type { BreakdownItem } from '../contract/billing';
import { usageFixture } from '../test/usage-fixture';
import { apiToday } from '../lib/period';
import { apiClock, latestBucketWithData, todayHoursRequest } from './api-clock';

const H = 3_600_000;

/** A breakdown whose first item has the given hourly points (the rest keep the fixture's, moved to the given day). */
function hours(points: BreakdownItem['timeSeries']) {
  const base = usageFixture();
  return { breakdown: [{ ...base.breakdown[0]!, timeSeries: points }] };
}

describe("the API's clock", () => {
  it("takes today from the API's period, not the browser clock", () => {
    expect(apiToday({ startDate: '2024-01-01', endDate: '2024-01-31', daysElapsed: 16 })).toBe('2024-01-16');
    expect(apiToday({ startDate: '2024-02-01', endDate: '2024-02-29', daysElapsed: 0 })).toBe('2024-02-01');
    expect(apiToday({ startDate: '2024-02-01', endDate: '2024-02-29', daysElapsed: 40 })).toBe('2024-02-29');
  });

  it("asks for today's hours in USD", () => {
    expect(todayHoursRequest('2024-01-16')).toEqual({
      timeRange: 'custom',
      startDate: '2024-01-16',
      endDate: '2024-01-16',
      granularity: 'hourly',
      currency: 'USD',
    });
  });

  it('finds the newest bucket with any cost or usage, skipping empty ones', () => {
    const data = hours([
      { timestamp: '2024-01-16T10:00:00Z', value: 1, cost: 2 },
      { timestamp: '2024-01-16T11:00:00Z', value: 0, cost: 0.5 },
      { timestamp: '2024-01-16T12:00:00Z', value: 0, cost: 0 },
    ]);
    expect(latestBucketWithData(data)).toBe(Date.parse('2024-01-16T11:00:00Z'));
    expect(latestBucketWithData(hours([{ timestamp: '2024-01-16T00:00:00Z', value: 0, cost: 0 }]))).toBeUndefined();
  });

  it('reaches to the end of the newest hour with data, or to the start of a day without any', () => {
    const at12 = apiClock('2024-01-16', hours([{ timestamp: '2024-01-16T11:00:00Z', value: 3, cost: 1 }]));
    expect(at12).toEqual({ today: '2024-01-16', latestHour: Date.parse('2024-01-16T11:00:00Z'), now: Date.parse('2024-01-16T11:00:00Z') + H });
    const empty = apiClock('2024-01-16', hours([]));
    expect(empty).toEqual({ today: '2024-01-16', latestHour: undefined, now: Date.parse('2024-01-16T00:00:00Z') });
  });

  it('ignores hours outside the API day it was asked about', () => {
    const stray = apiClock('2024-01-16', hours([{ timestamp: '2024-01-17T05:00:00Z', value: 3, cost: 1 }]));
    expect(stray.latestHour).toBeUndefined();
    expect(stray.now).toBe(Date.parse('2024-01-16T00:00:00Z'));
  });
});
