import { describe, expect, it } from 'vitest';
import { usageQuerySchema } from '../contract/billing';
import { DEFAULT_FILTERS } from './filter-schema';
import { filtersToUsageQuery } from './usage-query';

describe('filtersToUsageQuery', () => {
  it('spells out the defaults and leaves all resource types implicit', () => {
    expect(filtersToUsageQuery(DEFAULT_FILTERS)).toEqual({
      timeRange: 'current_month',
      granularity: 'daily',
      currency: 'USD',
    });
  });

  it('carries a custom range, resource types, groupBy and flags when asked', () => {
    const query = filtersToUsageQuery(
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
      includeProjections: 'true',
    });
    expect(usageQuerySchema.safeParse(query).success).toBe(true);
  });
});
