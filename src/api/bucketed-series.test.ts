import { describe, expect, it } from 'vitest';
import { queryString } from '../contract/query-string';
import { DEFAULT_FILTERS } from '../url-state/filter-schema';
import { bucketRequest, runnable } from './bucketed-series';

describe('runnable', () => {
  it('lets every finished request stand and at most four others run, the earliest first', () => {
    expect(runnable([false, false, false, false, false, false])).toEqual([true, true, true, true, false, false]);
    expect(runnable([true, false, true, false, false, false, false])).toEqual([true, true, true, true, true, true, false]);
    expect(runnable([true, true, true])).toEqual([true, true, true]);
  });
});

describe('bucketRequest', () => {
  it('asks one custom range by day with the documented groupBy, team metrics for teams and users only', () => {
    const filters = { ...DEFAULT_FILTERS, resourceType: ['clusters' as const], currency: 'EUR' as const, granularity: 'hourly' as const };
    const bucket = { startDate: '2024-01-08', endDate: '2024-01-14' };
    expect(queryString(bucketRequest(filters, 'project', bucket))).toBe(
      'timeRange=custom&granularity=daily&currency=EUR&startDate=2024-01-08&endDate=2024-01-14&resourceType[]=clusters&groupBy[]=project&includeTeamMetrics=true',
    );
    expect(queryString(bucketRequest(filters, 'region', bucket))).toBe(
      'timeRange=custom&granularity=daily&currency=EUR&startDate=2024-01-08&endDate=2024-01-14&resourceType[]=clusters&groupBy[]=region',
    );
  });
});
