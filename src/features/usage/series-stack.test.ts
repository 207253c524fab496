import { describe, expect, it } from 'vitest';
import { OTHER_KEY, stackSeries } from './series-stack';

const item = (key: string, costs: number[]) => ({
  key,
  name: key.toUpperCase(),
  cost: costs.reduce((a, b) => a + b, 0),
  timeSeries: costs.map((cost, i) => ({ timestamp: `2024-01-0${i + 1}T00:00:00Z`, cost })),
});

describe('stackSeries', () => {
  it('keeps the costliest members and sums the rest as Other, bucket by bucket', () => {
    const items = [item('a', [1, 2]), item('b', [5, 5]), item('c', [3, 0.5]), item('d', [0.5, 0.25]), item('z', [0, 0])];
    const { series, rows } = stackSeries(items, 2);
    expect(series.map((s) => s.key)).toEqual(['b', 'c', OTHER_KEY]);
    expect(series[2]!.name).toBe('Other (2)');
    expect(series[2]!.cost).toBe(3.75);
    expect(rows.map((r) => r.values)).toEqual([
      { b: 5, c: 3, [OTHER_KEY]: 1.5 },
      { b: 5, c: 0.5, [OTHER_KEY]: 2.25 },
    ]);
    expect(rows.map((r) => r.total)).toEqual([9.5, 7.75]);
  });
});
