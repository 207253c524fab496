import { describe, expect, it } from 'vitest';
import { usageFixture } from '../../test/usage-fixture';
import { costPerBucket, overlaySeries } from './overlay-series';

const point = (date: string, cost: number) => ({ timestamp: `${date}T00:00:00Z`, value: 1, cost });

describe('overlaySeries', () => {
  const base = usageFixture();
  const withSeries = (a: ReturnType<typeof point>[], b: ReturnType<typeof point>[]) => ({
    breakdown: [
      { ...base.breakdown[0]!, timeSeries: a },
      { ...base.breakdown[1]!, timeSeries: b },
    ],
  });

  it('sums the types per day and lines the spans up day by day', () => {
    const current = withSeries([point('2024-01-01', 10), point('2024-01-02', 5)], [point('2024-01-01', 2.5), point('2024-01-02', 1)]);
    const previous = withSeries([point('2023-12-01', 7), point('2023-12-02', 3), point('2023-12-03', 4)], []);
    expect(costPerBucket(current)).toEqual([
      { date: '2024-01-01', cost: 12.5 },
      { date: '2024-01-02', cost: 6 },
    ]);
    expect(overlaySeries(current, previous)).toEqual([
      { n: 1, currentDate: '2024-01-01', current: 12.5, previousDate: '2023-12-01', previous: 7 },
      { n: 2, currentDate: '2024-01-02', current: 6, previousDate: '2023-12-02', previous: 3 },
      { n: 3, previousDate: '2023-12-03', previous: 4 },
    ]);
  });
});
