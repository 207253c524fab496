import { describe, expect, it } from 'vitest';
import { DEFAULT_FILTERS } from '../../../url-state/filter-schema';
import { teamUsageRequest } from './get-team-usage';

describe('teamUsageRequest', () => {
  it('asks for team metrics with daily buckets up to a quarter (for the trend sparklines), weekly beyond', () => {
    const month = teamUsageRequest({ ...DEFAULT_FILTERS, timeRange: 'custom', startDate: '2024-01-01', endDate: '2024-01-31' });
    expect(month).toMatchObject({ includeTeamMetrics: true, granularity: 'daily' });
    const year = teamUsageRequest({ ...DEFAULT_FILTERS, timeRange: 'custom', startDate: '2023-01-01', endDate: '2023-12-31' });
    expect(year.granularity).toBe('weekly');
  });
});
