import { describe, expect, it } from 'vitest';
import { usageQuerySchema } from '../../contract/billing';
import { DEFAULT_FILTERS, type DashboardFilters } from '../../url-state/filter-schema';
import { usageTypeHref, usageIndexHref } from './usage-links';
import { usageExplorerRequest } from './usage-request';
import { CLEAR_SELECTIONS, selectionsOf, toggleSelection } from './usage-view';

const custom: DashboardFilters = {
  ...DEFAULT_FILTERS,
  timeRange: 'custom',
  startDate: '2024-01-01',
  endDate: '2024-01-10',
  granularity: 'hourly',
  currency: 'EUR',
  resourceType: ['storage', 'training'],
};

describe('usageExplorerRequest', () => {
  it('asks for the filters with the chosen Group by', () => {
    const request = usageExplorerRequest(custom);
    expect(request).toEqual({
      timeRange: 'custom',
      startDate: '2024-01-01',
      endDate: '2024-01-10',
      granularity: 'hourly',
      currency: 'EUR',
      resourceType: ['storage', 'training'],
      groupBy: ['region'],
    });
    expect(usageQuerySchema.safeParse(request).success).toBe(true);
  });

  it('asks only for the page’s type, whatever the resource-type filter says', () => {
    expect(usageExplorerRequest(custom, { resourceType: 'clusters' }).resourceType).toEqual(['clusters']);
  });

  it('adds the dimensions the view is narrowed to, once each', () => {
    const request = usageExplorerRequest(
      { ...custom, groupBy: 'project' },
      {
        selections: [
          { dimension: 'user', key: 'u-1' },
          { dimension: 'project', key: 'research' },
          { dimension: 'resource', key: 'r-1' },
        ],
      },
    );
    expect(request.groupBy).toEqual(['project', 'resource', 'user']);
  });
});

describe('selections', () => {
  it('reads the non-empty view parameters in the API’s order', () => {
    expect(selectionsOf({ ...CLEAR_SELECTIONS, user: 'u-1', region: 'us-east-1' })).toEqual([
      { dimension: 'region', key: 'us-east-1' },
      { dimension: 'user', key: 'u-1' },
    ]);
  });

  it('selects, replaces another dimension, keeps the resource highlight and toggles off', () => {
    const values = { ...CLEAR_SELECTIONS, project: 'research', resource: 'r-1' };
    expect(toggleSelection(values, 'region', 'us-east-1')).toEqual({
      region: 'us-east-1',
      project: '',
      service: '',
      user: '',
    });
    expect(toggleSelection(values, 'resource', 'r-2')).toEqual({ resource: 'r-2' });
    expect(toggleSelection(values, 'project', 'research')).toEqual({ project: '' });
    expect(toggleSelection(values, 'resource', 'r-1')).toEqual({ resource: '' });
  });
});

describe('links', () => {
  const search = '?timeRange=custom&startDate=2024-01-01&endDate=2024-01-10&resourceType=storage,training&region=us-east-1&resource=r-9';
  const params = (to: ReturnType<typeof usageIndexHref>) => {
    const { pathname, search: qs } = to as { pathname: string; search: string };
    return { pathname, params: Object.fromEntries(new URLSearchParams(qs)) };
  };
  const shared = { timeRange: 'custom', startDate: '2024-01-01', endDate: '2024-01-10', granularity: 'hourly', currency: 'EUR' };

  it('a type’s page keeps the filters and selections, drops the type filter and the other type’s resource', () => {
    expect(params(usageTypeHref('clusters', custom, search))).toEqual({
      pathname: '/usage/clusters',
      params: { ...shared, region: 'us-east-1' },
    });
    expect(params(usageTypeHref('clusters', custom, search, { resource: 'r-1' })).params.resource).toBe('r-1');
  });

  it('the index keeps the filters and the group selection', () => {
    expect(params(usageIndexHref(custom, search))).toEqual({ pathname: '/usage', params: { ...shared, region: 'us-east-1' } });
  });
});
