import { describe, expect, it } from 'vitest';
import type { Group, TimeSeriesPoint, UsageResponse } from '../../contract/billing';
import { usageFixture } from '../../test/usage-fixture';
import {
  documentedGroupRows,
  describeSelection,
  downsampleSeries,
  findGroup,
  groupRows,
  seriesPeak,
  timeTicks,
  toSeriesPoints,
  topBars,
  topResourceRows,
  typeSummaries,
  unitCost,
  type GroupRow,
} from './usage-transforms';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2024, 0, 1);

function hourlySeries(hours: number, f: (i: number) => number): TimeSeriesPoint[] {
  return Array.from({ length: hours }, (_, i) => ({
    timestamp: new Date(T0 + i * HOUR).toISOString().replace('.000Z', 'Z'),
    value: f(i),
    cost: f(i) * 2.5,
  }));
}

const regionGroup: Group = {
  dimension: 'region',
  items: [
    {
      key: 'us-east-1',
      name: 'us-east-1',
      cost: 600,
      percentage: 60,
      usage: [
        { resourceType: 'clusters', quantity: 100, unit: 'gpu_hours', cost: 500 },
        { resourceType: 'storage', quantity: 2000, unit: 'gb_hours', cost: 100 },
      ],
    },
    {
      key: 'eu-west-1',
      name: 'eu-west-1',
      cost: 400,
      percentage: 40,
      usage: [{ resourceType: 'clusters', quantity: 80, unit: 'gpu_hours', cost: 400 }],
    },
  ],
};

describe('toSeriesPoints', () => {
  it('turns timestamps into epoch ms and sorts oldest first (the reference lists newest first)', () => {
    const points = toSeriesPoints([
      { timestamp: '2024-01-16T00:00:00Z', value: 8.3, cost: 41.5 },
      { timestamp: '2024-01-15T00:00:00Z', value: 12.1, cost: 60.5 },
    ]);
    expect(points.map((p) => p.timestamp)).toEqual(['2024-01-15T00:00:00Z', '2024-01-16T00:00:00Z']);
    expect(points[0]).toEqual({ t: Date.UTC(2024, 0, 15), timestamp: '2024-01-15T00:00:00Z', value: 12.1, cost: 60.5 });
  });
});

describe('downsampleSeries', () => {
  const points = toSeriesPoints(hourlySeries(24 * 92, (i) => (i === 1000 ? 500 : 10 + (i % 24))));

  it('keeps every point when they fit', () => {
    expect(downsampleSeries(points.slice(0, 240), 800)).toHaveLength(240);
    expect(downsampleSeries(points.slice(0, 240), 0)).toHaveLength(240);
  });

  it('thins to the pixel width, keeping the ends, the spike and the API’s own points', () => {
    const shown = downsampleSeries(points, 700);
    expect(shown).toHaveLength(700);
    expect(shown[0]).toBe(points[0]);
    expect(shown[shown.length - 1]).toBe(points[points.length - 1]);
    expect(shown).toContain(points[1000]);
    for (let i = 1; i < shown.length; i++) expect(shown[i]!.t).toBeGreaterThan(shown[i - 1]!.t);
  });

  it('copes with an all-zero series', () => {
    const zeros = toSeriesPoints(hourlySeries(100, () => 0));
    expect(downsampleSeries(zeros, 10)).toHaveLength(10);
  });
});

describe('seriesPeak', () => {
  it('finds the first bucket with the largest quantity, or nothing without usage', () => {
    const points = toSeriesPoints(hourlySeries(5, (i) => [1, 4, 2, 4, 0][i]!));
    expect(seriesPeak(points)?.t).toBe(T0 + HOUR);
    expect(seriesPeak(toSeriesPoints(hourlySeries(3, () => 0)))).toBeUndefined();
    expect(seriesPeak([])).toBeUndefined();
  });
});

describe('timeTicks', () => {
  it('uses whole days for ten days of hours, as many as fit', () => {
    const end = T0 + 10 * DAY - HOUR;
    expect(timeTicks(T0, end, 12)).toEqual({ ticks: Array.from({ length: 10 }, (_, i) => T0 + i * DAY), unit: 'day' });
    expect(timeTicks(T0, end, 5).ticks).toEqual([T0, T0 + 2 * DAY, T0 + 4 * DAY, T0 + 6 * DAY, T0 + 8 * DAY]);
  });

  it('uses hours for a short range and starts on a whole step', () => {
    const { ticks, unit } = timeTicks(T0 + HOUR, T0 + DAY - HOUR, 8);
    expect(unit).toBe('hour');
    expect(ticks[0]).toBe(T0 + 3 * HOUR);
    expect(ticks.every((t) => (t - T0) % (3 * HOUR) === 0)).toBe(true);
  });

  it('uses calendar months for a year', () => {
    const { ticks, unit } = timeTicks(T0, Date.UTC(2024, 11, 31), 6);
    expect(unit).toBe('month');
    expect(ticks.map((t) => new Date(t).getUTCMonth())).toEqual([0, 3, 6, 9]);
  });

  it('starts at the next month when the range starts mid-month', () => {
    const { ticks } = timeTicks(Date.UTC(2024, 0, 15), Date.UTC(2024, 11, 31), 12);
    expect(new Date(ticks[0]!).toISOString().slice(0, 10)).toBe('2024-02-01');
  });

  it('gives the one point of a single-bucket series', () => {
    expect(timeTicks(T0, T0, 5)).toEqual({ ticks: [T0], unit: 'day' });
  });
});

describe('groupRows', () => {
  it('lists members with their cost and share (all types)', () => {
    expect(groupRows(regionGroup)).toEqual([
      { key: 'us-east-1', name: 'us-east-1', cost: 600, percentage: 60, resourceTypes: ['clusters', 'storage'], selectable: true },
      { key: 'eu-west-1', name: 'eu-west-1', cost: 400, percentage: 40, resourceTypes: ['clusters'], selectable: true },
    ]);
  });

  it('adds the quantity of one type on its page', () => {
    const rows = groupRows(regionGroup, 'storage');
    expect(rows.map((r) => [r.key, r.quantity, r.unit])).toEqual([
      ['us-east-1', 2000, 'gb_hours'],
      ['eu-west-1', 0, 'gb_hours'],
    ]);
  });

  it('marks the API’s Other bucket as not selectable', () => {
    const rows = groupRows({ dimension: 'user', items: [{ key: '__other__', name: 'Other (3 more)', cost: 5, percentage: 1, usage: [] }] });
    expect(rows[0]!.selectable).toBe(false);
  });
});

describe('topBars', () => {
  const row = (key: string, cost: number, percentage: number, selectable = true): GroupRow => ({
    key,
    name: selectable ? key : 'Other (7 more)',
    cost,
    percentage,
    resourceTypes: [],
    selectable,
  });

  it('draws every member when they fit', () => {
    expect(topBars([row('a', 3, 60), row('b', 2, 40)], 5)).toEqual({
      bars: [
        { key: 'a', name: 'a', cost: 3, percentage: 60, selectable: true },
        { key: 'b', name: 'b', cost: 2, percentage: 40, selectable: true },
      ],
    });
  });

  it('keeps the costliest and sums up the rest, the API’s Other bucket included', () => {
    const { bars, rest } = topBars([row('a', 50, 50), row('__other__', 30, 30, false), row('b', 15, 15), row('c', 5, 5)], 2);
    expect(bars.map((b) => b.key)).toEqual(['a', 'b']);
    expect(rest).toEqual({ count: 8, cost: 35, percentage: 35 });
  });
});

describe('typeSummaries', () => {
  it('gives each requested type its cost, share, quantity and series, costliest first', () => {
    const data = usageFixture();
    const summaries = typeSummaries(data);
    expect(summaries.map((s) => s.resourceType)).toEqual(['clusters', 'ai-services', 'storage', 'bandwidth']);
    expect(summaries[0]).toMatchObject({ cost: 784.5, percentage: 62.9, quantity: 156.7, unit: 'gpu_hours' });
    expect(summaries[0]!.series).toHaveLength(1);
  });

  it('narrowed to a group member: its figures per type, shares of its cost, no series', () => {
    const data = usageFixture();
    const summaries = typeSummaries(data, regionGroup.items[0]);
    expect(summaries.map((s) => [s.resourceType, s.cost, s.quantity, s.percentage, s.series])).toEqual([
      ['clusters', 500, 100, (500 / 600) * 100, undefined],
      ['storage', 100, 2000, (100 / 600) * 100, undefined],
      ['ai-services', 0, 0, 0, undefined],
      ['bandwidth', 0, 0, 0, undefined],
    ]);
  });
});

describe('topResourceRows', () => {
  it('adds each resource’s share of its type’s cost', () => {
    const item = usageFixture().breakdown[0]!;
    expect(topResourceRows(item)).toEqual([{ ...item.topResources[0]!, share: (226 / 784.5) * 100 }]);
    expect(topResourceRows({ ...item, usage: { ...item.usage, cost: 0 } })[0]!.share).toBe(0);
  });
});

describe('unitCost', () => {
  it('is per unit, per 1,000 requests, and undefined without usage', () => {
    expect(unitCost(250, 100, 'gpu_hours')).toEqual({ amount: 2.5, per: 'GPU h' });
    expect(unitCost(3, 1000, 'requests')).toEqual({ amount: 3, per: '1K req' });
    expect(unitCost(10, 0, 'gb')).toBeUndefined();
  });
});

describe('describeSelection', () => {
  const data = usageFixture({ groups: [regionGroup] });

  it('reads a member from the group of its dimension', () => {
    expect(describeSelection(data, { dimension: 'region', key: 'us-east-1' })).toMatchObject({
      name: 'us-east-1',
      found: true,
      cost: 600,
      share: 60,
    });
    expect(describeSelection(data, { dimension: 'region', key: 'us-east-1' }, 'storage')).toMatchObject({
      quantity: 2000,
      unit: 'gb_hours',
    });
  });

  it('falls back to the top resources for a resource on its type’s page', () => {
    expect(describeSelection(data, { dimension: 'resource', key: 'cluster-gpu-a100-001' }, 'clusters')).toMatchObject({
      name: 'GPU Cluster A100-001',
      found: true,
      cost: 226,
      share: (226 / 784.5) * 100,
      quantity: 45.2,
    });
  });

  it('says so when the response has no figures for it', () => {
    expect(describeSelection(data, { dimension: 'project', key: 'x' })).toEqual({
      dimension: 'project',
      key: 'x',
      name: 'x',
      found: false,
      usage: [],
    });
    expect(describeSelection(undefined, { dimension: 'region', key: 'us-east-1' }).found).toBe(false);
    expect(findGroup(data, 'user')).toBeUndefined();
  });
});


describe('documentedGroupRows (an answer without groups)', () => {
  it('gives regions from regional and resources from topResources, nothing for the other dimensions', () => {
    const r = {
      summary: { totalCost: 200 },
      regional: [{ region: 'us-east-1', cost: 150, percentage: 75 }, { region: 'mars-1', cost: 50, percentage: 25 }],
      breakdown: [
        { resourceType: 'clusters', usage: { unit: 'gpu_hours' }, topResources: [{ resourceId: 'c1', name: 'C1', usage: 3, cost: 60 }] },
        { resourceType: 'quantum', usage: { unit: 'qpu_seconds' }, topResources: [{ resourceId: 'q1', name: 'Q1', usage: 9, cost: 90 }] },
      ],
    } as unknown as UsageResponse;
    expect(documentedGroupRows(r, 'region')!.map((x) => [x.key, x.cost, x.percentage])).toEqual([
      ['us-east-1', 150, 75],
      ['mars-1', 50, 25],
    ]);
    expect(documentedGroupRows(r, 'resource')!.map((x) => [x.key, x.percentage, x.resourceTypes])).toEqual([
      ['q1', 45, ['quantum']],
      ['c1', 30, ['clusters']],
    ]);
    expect(documentedGroupRows(r, 'resource', 'quantum')!.map((x) => [x.key, x.quantity, x.unit])).toEqual([['q1', 9, 'qpu_seconds']]);
    expect(documentedGroupRows(r, 'project')).toBeUndefined();
  });
});
