import { describe, expect, it } from 'vitest';
import { usageFixture } from '../test/usage-fixture';
import { costOf, costShares, dailyAverage, GPU_HOUR_TYPES } from './usage-summary';

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

  it('has no daily average before the first day', () => {
    expect(dailyAverage(100, 0)).toBeUndefined();
    expect(dailyAverage(100, 4)).toBe(25);
  });
});
