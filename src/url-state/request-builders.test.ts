import { describe, expect, it } from 'vitest';
import { usageQuerySchema } from '../contract/billing';
import { parseQuery } from '../contract/query-string';
import { DEFAULT_FILTERS } from './filter-schema';
import { usageRequest } from './request-builders';

describe('usageRequest', () => {
  it('spells out the defaults and leaves all resource types implicit', () => {
    expect(usageRequest(DEFAULT_FILTERS)).toEqual({
      timeRange: 'current_month',
      granularity: 'daily',
      currency: 'USD',
    });
  });

  it('carries a custom range, resource types, groupBy and flags when asked', () => {
    const query = usageRequest(
      {
        ...DEFAULT_FILTERS,
        timeRange: 'custom',
        startDate: '2024-01-01',
        endDate: '2024-01-15',
        resourceType: ['clusters', 'storage'],
        groupBy: 'project',
      },
      { groupBy: true, includeProjections: true },
    );
    expect(query).toEqual({
      timeRange: 'custom',
      startDate: '2024-01-01',
      endDate: '2024-01-15',
      granularity: 'daily',
      currency: 'USD',
      resourceType: ['clusters', 'storage'],
      groupBy: ['project'],
      includeProjections: true,
    });
    expect(parseQuery(usageQuerySchema, query)).toMatchObject({ ...query, includeTeamMetrics: false });
  });
});
