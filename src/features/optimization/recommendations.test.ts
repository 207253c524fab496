import { describe, expect, it } from 'vitest';
import type { OptimizationRecommendation } from '../../contract/billing';
import {
  analysedDays,
  categoryResourceType,
  categoryRows,
  countByImpact,
  filterRecommendations,
  parseExpanded,
  resourceTypeOf,
  sortRecommendations,
  toggleExpanded,
  totalSavings,
  usageExplorerHref,
} from './recommendations';

const rec = (
  id: string,
  impact: OptimizationRecommendation['impact'],
  potentialSavings: number,
  implementationEffort: OptimizationRecommendation['implementationEffort'] = 'low',
): OptimizationRecommendation => ({
  id,
  title: `Title ${id}`,
  impact,
  potentialSavings,
  description: '',
  implementationEffort,
  resourceIds: [],
});

describe('sortRecommendations', () => {
  it('puts higher impact first, then the larger saving, whatever the input order', () => {
    const recs = [rec('a', 'low', 9000), rec('b', 'high', 100), rec('c', 'medium', 50), rec('d', 'high', 700), rec('e', 'medium', 800)];
    expect(sortRecommendations(recs).map((r) => r.id)).toEqual(['d', 'b', 'e', 'c', 'a']);
    expect(recs.map((r) => r.id)).toEqual(['a', 'b', 'c', 'd', 'e']); // not mutated
  });

  it('breaks ties by title, so the order is stable', () => {
    const recs = [rec('z', 'high', 10), rec('y', 'high', 10)];
    expect(sortRecommendations(recs).map((r) => r.id)).toEqual(['y', 'z']);
  });
});

describe('filterRecommendations', () => {
  const recs = [rec('a', 'high', 1, 'low'), rec('b', 'high', 1, 'high'), rec('c', 'low', 1, 'low')];
  it('keeps all with "all" and narrows by impact and effort together', () => {
    expect(filterRecommendations(recs, { impact: 'all', effort: 'all' })).toHaveLength(3);
    expect(filterRecommendations(recs, { impact: 'high', effort: 'all' }).map((r) => r.id)).toEqual(['a', 'b']);
    expect(filterRecommendations(recs, { impact: 'all', effort: 'low' }).map((r) => r.id)).toEqual(['a', 'c']);
    expect(filterRecommendations(recs, { impact: 'high', effort: 'low' }).map((r) => r.id)).toEqual(['a']);
    expect(filterRecommendations(recs, { impact: 'medium', effort: 'all' })).toEqual([]);
  });

  it('keeps an impact the API added: after the known ones, counted as other', () => {
    const grown = [rec('n', 'urgent', 999), rec('h', 'high', 1), rec('l', 'low', 5)];
    expect(sortRecommendations(grown).map((r) => r.id)).toEqual(['h', 'l', 'n']);
    expect(countByImpact(grown)).toEqual({ high: 1, medium: 0, low: 1, other: 1 });
    expect(totalSavings(grown)).toBe(1005);
  });

  it('counts and sums', () => {
    expect(countByImpact(recs)).toEqual({ high: 2, medium: 0, low: 1, other: 0 });
    expect(totalSavings([rec('a', 'high', 1.25), rec('b', 'low', 2.5)])).toBe(3.75);
  });
});

describe('resource types', () => {
  it('reads the type from the id prefix', () => {
    expect(resourceTypeOf('cluster-gpu-a100-004')).toBe('clusters');
    expect(resourceTypeOf('ep-reranker-staging')).toBe('endpoints');
    expect(resourceTypeOf('train-speech-20231130-01')).toBe('training');
    expect(resourceTypeOf('vol-archive-2023')).toBe('storage');
    expect(resourceTypeOf('xfer-us-east-1-eu-west-1')).toBe('bandwidth');
    expect(resourceTypeOf('egress-us-east-1-product')).toBe('bandwidth');
  });

  it('falls back to the category for an unknown prefix', () => {
    expect(resourceTypeOf('r-123', 'Serverless Endpoints')).toBe('endpoints');
    expect(resourceTypeOf('r-123', 'Data Transfer')).toBe('bandwidth');
    expect(resourceTypeOf('r-123', 'AI services')).toBe('ai-services');
    expect(resourceTypeOf('r-123', 'storage')).toBe('storage');
    expect(resourceTypeOf('r-123')).toBeUndefined();
    expect(categoryResourceType('Something else')).toBeUndefined();
  });

  it('links to the Usage explorer with the resource first, then the filters', () => {
    expect(usageExplorerHref('cluster-gpu-a100-004', 'clusters', '?timeRange=last_month&currency=EUR')).toBe(
      '/usage/clusters?resource=cluster-gpu-a100-004&timeRange=last_month&currency=EUR',
    );
    expect(usageExplorerHref('vol a&b', 'storage')).toBe('/usage/storage?resource=vol+a%26b');
    expect(usageExplorerHref('x', 'storage', '?resource=y&resourceType=a,b')).toBe('/usage/storage?resource=x&resourceType=a,b');
  });

  it('opens an idle or oversized cluster on that stretch of its utilisation, by the hour where the range allows', () => {
    expect(usageExplorerHref('cluster-gpu-a100-004', 'clusters', '?timeRange=last_month&granularity=daily', 'idle_cluster')).toBe(
      '/usage/clusters?resource=cluster-gpu-a100-004&timeRange=last_month&granularity=hourly&stretch=idle',
    );
    expect(usageExplorerHref('cluster-gpu-h100-003', 'clusters', '?timeRange=current_year', 'oversized_cluster')).toBe(
      '/usage/clusters?resource=cluster-gpu-h100-003&timeRange=current_year&stretch=oversized',
    );
    expect(usageExplorerHref('c', 'clusters', '?timeRange=custom&startDate=2023-01-01&endDate=2023-03-31', 'idle_cluster')).toContain('granularity=hourly');
    expect(usageExplorerHref('c', 'clusters', '?timeRange=custom&startDate=2023-01-01&endDate=2023-04-30', 'idle_cluster')).not.toContain('granularity');
    // Other rules, and other types, link as before.
    expect(usageExplorerHref('c', 'clusters', '?timeRange=last_month', 'reserved_capacity')).toBe('/usage/clusters?resource=c&timeRange=last_month');
    expect(usageExplorerHref('ep', 'endpoints', '', 'idle_cluster')).toBe('/usage/endpoints?resource=ep');
  });
});

describe('categoryRows', () => {
  it('adds the resource type and what remains, largest saving first', () => {
    const rows = categoryRows([
      { name: 'Storage', currentCost: 100, savings: 10, percentage: 10, recommendation: 'r1' },
      { name: 'GPU Clusters', currentCost: 500, savings: 200, percentage: 40, recommendation: 'r2' },
      { name: 'Odd', currentCost: 5, savings: 6, percentage: 100, recommendation: 'r3' },
    ]);
    expect(rows.map((r) => [r.name, r.resourceType, r.remaining])).toEqual([
      ['GPU Clusters', 'clusters', 300],
      ['Storage', 'storage', 90],
      ['Odd', undefined, 0],
    ]);
  });
});

describe('expanded list', () => {
  it('parses and toggles ids', () => {
    expect(parseExpanded('')).toEqual([]);
    expect(parseExpanded('a, b,,a')).toEqual(['a', 'b']);
    expect(toggleExpanded('', 'x:1')).toBe('x:1');
    expect(toggleExpanded('x:1', 'y')).toBe('x:1,y');
    expect(toggleExpanded('x:1,y', 'x:1')).toBe('y');
  });
});

describe('analysedDays', () => {
  const base = { hoursAnalysed: 0, hoursPerMonth: 744, monthlyFactor: 1 };
  it('cuts the current month at the data', () => {
    expect(
      analysedDays({ ...base, startDate: '2024-01-01', endDate: '2024-01-31', dataThrough: '2024-01-16T12:00:00Z' }),
    ).toEqual({ startDate: '2024-01-01', endDate: '2024-01-16' });
  });
  it('keeps a complete month whole', () => {
    expect(
      analysedDays({ ...base, startDate: '2023-12-01', endDate: '2023-12-31', dataThrough: '2024-01-01T00:00:00Z' }),
    ).toEqual({ startDate: '2023-12-01', endDate: '2023-12-31' });
  });
});
