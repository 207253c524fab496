import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DEFAULT_FILTERS } from '../../../url-state/filter-schema';
import { teamUsageRequest } from './get-team-usage';

const JAN_2024 = { startDate: '2024-01-01', endDate: '2024-01-31', daysElapsed: 16 };

describe('teamUsageRequest', () => {
  beforeEach(() => {
    // A browser clock far from the API's: nothing below may depend on it.
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2031-11-30T23:00:00Z'));
  });
  afterEach(() => vi.useRealTimers());

  it('asks for team metrics with daily buckets up to a quarter (for the trend sparklines), weekly beyond', () => {
    const month = teamUsageRequest({ ...DEFAULT_FILTERS, timeRange: 'custom', startDate: '2024-01-01', endDate: '2024-01-31' }, undefined);
    expect(month).toMatchObject({ includeTeamMetrics: true, granularity: 'daily' });
    const year = teamUsageRequest({ ...DEFAULT_FILTERS, timeRange: 'custom', startDate: '2023-01-01', endDate: '2023-12-31' }, undefined);
    expect(year?.granularity).toBe('weekly');
    const quarter = teamUsageRequest({ ...DEFAULT_FILTERS, timeRange: 'custom', startDate: '2024-01-01', endDate: '2024-04-02' }, undefined);
    expect(quarter?.granularity).toBe('weekly'); // 93 days: one more than daily is asked for
  });

  it('counts a preset range on the API’s day, and waits for it', () => {
    expect(teamUsageRequest({ ...DEFAULT_FILTERS, timeRange: 'current_quarter' }, undefined)).toBeUndefined();
    expect(teamUsageRequest({ ...DEFAULT_FILTERS, timeRange: 'current_quarter' }, JAN_2024)).toMatchObject({
      timeRange: 'current_quarter',
      includeTeamMetrics: true,
      granularity: 'daily',
    });
    expect(teamUsageRequest({ ...DEFAULT_FILTERS, timeRange: 'current_year' }, JAN_2024)?.granularity).toBe('weekly');
    expect(teamUsageRequest({ ...DEFAULT_FILTERS, timeRange: 'last_month', currency: 'JPY' }, JAN_2024)).toMatchObject({
      timeRange: 'last_month',
      currency: 'JPY',
      granularity: 'daily',
    });
  });
});
