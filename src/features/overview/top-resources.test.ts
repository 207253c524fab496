import { describe, expect, it } from 'vitest';
import type { BreakdownItem } from '../../contract/billing';
import { topResources } from './top-resources';

const breakdown: BreakdownItem[] = [
  {
    resourceType: 'clusters',
    usage: { quantity: 100, unit: 'gpu_hours', cost: 600, percentage: 60 },
    timeSeries: [],
    topResources: [
      { resourceId: 'c1', name: 'Cluster 1', usage: 60, cost: 400 },
      { resourceId: 'c2', name: 'Cluster 2', usage: 40, cost: 200 },
    ],
  },
  {
    resourceType: 'storage',
    usage: { quantity: 5000, unit: 'gb_hours', cost: 400, percentage: 40 },
    timeSeries: [],
    topResources: [
      { resourceId: 's1', name: 'Bucket', usage: 5000, cost: 300 },
      { resourceId: 's2', name: 'Archive', usage: 10, cost: 200 },
    ],
  },
];

describe('topResources', () => {
  it('merges every type’s top resources, costliest first, with type, unit and share', () => {
    const rows = topResources(breakdown, 1000);
    expect(rows.map((r) => r.resourceId)).toEqual(['c1', 's1', 's2', 'c2']);
    expect(rows[1]).toEqual({
      resourceId: 's1',
      name: 'Bucket',
      resourceType: 'storage',
      usage: 5000,
      unit: 'gb_hours',
      cost: 300,
      share: 30,
    });
  });

  it('keeps the first N', () => {
    expect(topResources(breakdown, 1000, 2).map((r) => r.resourceId)).toEqual(['c1', 's1']);
  });

  it('has no share without a total', () => {
    expect(topResources(breakdown, 0)[0]!.share).toBeUndefined();
  });
});
