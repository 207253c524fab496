import { describe, expect, it } from 'vitest';
import type { BreakdownItem } from '../../contract/billing';
import {
  bucketEnd,
  chartKind,
  downsampleRows,
  hasAnyData,
  isProvisional,
  rowQuantity,
  seriesTypes,
  stackTimeSeries,
  timeDomain,
  unitGroups,
  type SeriesRow,
} from './cost-series';

const at = (iso: string) => Date.parse(iso);
const NOW = at('2024-01-16T12:00:00Z');

function item(
  resourceType: BreakdownItem['resourceType'],
  cost: number,
  points: [string, number, number][],
): BreakdownItem {
  return {
    resourceType,
    usage: { quantity: 0, unit: 'gpu_hours', cost, percentage: 0 },
    timeSeries: points.map(([timestamp, value, c]) => ({ timestamp, value, cost: c })),
    topResources: [],
  };
}

const breakdown: BreakdownItem[] = [
  item('storage', 30, [
    ['2024-01-15T00:00:00Z', 1000, 10],
    ['2024-01-16T00:00:00Z', 1000, 20],
  ]),
  item('clusters', 70, [
    ['2024-01-16T00:00:00Z', 5, 50],
    ['2024-01-14T00:00:00Z', 2, 20],
  ]),
  item('ai-services', 0, []),
];

describe('stackTimeSeries', () => {
  it('merges the types into one row per bucket, ascending, with zeros where a type has no point', () => {
    const rows = stackTimeSeries(breakdown, ['clusters', 'storage'], 'daily', NOW);
    expect(rows.map((r) => r.timestamp)).toEqual([
      '2024-01-14T00:00:00Z',
      '2024-01-15T00:00:00Z',
      '2024-01-16T00:00:00Z',
    ]);
    expect(rows[0]).toMatchObject({ t: at('2024-01-14T00:00:00Z'), cost: { clusters: 20, storage: 0 }, totalCost: 20 });
    expect(rows[2]).toMatchObject({ cost: { clusters: 50, storage: 20 }, quantity: { clusters: 5, storage: 1000 }, totalCost: 70 });
  });

  it('leaves out types that are not asked for', () => {
    const rows = stackTimeSeries(breakdown, ['clusters'], 'daily', NOW);
    expect(rows.map((r) => r.totalCost)).toEqual([20, 50]);
    expect(rows[0]!.cost).toEqual({ clusters: 20 });
  });

  it('flags the bucket that includes today as provisional', () => {
    const rows = stackTimeSeries(breakdown, ['clusters', 'storage'], 'daily', NOW);
    expect(rows.map((r) => r.provisional)).toEqual([false, false, true]);
  });

  it('flags the weeks and months the period cuts short as partial, and today’s bucket as in progress', () => {
    // Weekly over 1 Dec 2023 – 16 Jan 2024 (today): 1 Dec is a Friday, 15 Jan's week holds today.
    const weekly: BreakdownItem[] = [
      {
        resourceType: 'clusters',
        usage: { quantity: 4, unit: 'gpu_hours', cost: 40, percentage: 100 },
        topResources: [],
        timeSeries: ['2023-12-01', '2023-12-04', '2024-01-08', '2024-01-15'].map((d) => ({ timestamp: `${d}T00:00:00Z`, value: 1, cost: 10 })),
      },
    ];
    const period = { startDate: '2023-12-01', endDate: '2024-01-31' };
    const rows = stackTimeSeries(weekly, ['clusters'], 'weekly', NOW, period);
    expect(rows.map((r) => r.partial)).toEqual(['cut by the period', undefined, undefined, 'in progress']);
    expect(rows.map((r) => r.provisional)).toEqual([false, false, false, true]);
    // Monthly over 15 Jan – 31 Mar 2024, seen from 10 Apr: January is cut, February (29 days) and March are whole.
    const monthly: BreakdownItem[] = [
      {
        resourceType: 'clusters',
        usage: { quantity: 3, unit: 'gpu_hours', cost: 30, percentage: 100 },
        topResources: [],
        timeSeries: ['2024-01-15', '2024-02-01', '2024-03-01'].map((d) => ({ timestamp: `${d}T00:00:00Z`, value: 1, cost: 10 })),
      },
    ];
    const later = Date.parse('2024-04-10T12:00:00Z');
    const months = stackTimeSeries(monthly, ['clusters'], 'monthly', later, { startDate: '2024-01-15', endDate: '2024-03-31' });
    expect(months.map((r) => r.partial)).toEqual(['cut by the period', undefined, undefined]);
    // without the period only today's bucket can be told
    expect(stackTimeSeries(weekly, ['clusters'], 'weekly', NOW).map((r) => r.partial)).toEqual([undefined, undefined, undefined, 'in progress']);
  });

  it('sums the stack totals to the breakdown costs', () => {
    const rows = stackTimeSeries(breakdown, ['clusters', 'storage'], 'daily', NOW);
    expect(rows.reduce((s, r) => s + r.totalCost, 0)).toBe(100);
    expect(rowQuantity(rows[2]!, ['storage'])).toBe(1000);
  });
});

describe('seriesTypes', () => {
  it('puts the largest cost at the bottom of the stack, ties in API order', () => {
    expect(seriesTypes(breakdown)).toEqual(['clusters', 'storage', 'ai-services']);
  });
});

describe('buckets', () => {
  it('knows where each granularity’s bucket ends', () => {
    expect(bucketEnd(at('2024-01-16T11:00:00Z'), 'hourly')).toBe(at('2024-01-16T12:00:00Z'));
    expect(bucketEnd(at('2024-01-16T00:00:00Z'), 'daily')).toBe(at('2024-01-17T00:00:00Z'));
    // 15 Jan 2024 is a Monday; a week labelled by a clipped period start still ends on Monday.
    expect(bucketEnd(at('2024-01-15T00:00:00Z'), 'weekly')).toBe(at('2024-01-22T00:00:00Z'));
    expect(bucketEnd(at('2024-01-17T00:00:00Z'), 'weekly')).toBe(at('2024-01-22T00:00:00Z'));
    expect(bucketEnd(at('2024-01-01T00:00:00Z'), 'monthly')).toBe(at('2024-02-01T00:00:00Z'));
  });

  it('marks every bucket overlapping today as provisional', () => {
    expect(isProvisional(at('2024-01-16T03:00:00Z'), 'hourly', NOW)).toBe(true);
    expect(isProvisional(at('2024-01-15T23:00:00Z'), 'hourly', NOW)).toBe(false);
    expect(isProvisional(at('2024-01-15T00:00:00Z'), 'weekly', NOW)).toBe(true);
    expect(isProvisional(at('2024-01-08T00:00:00Z'), 'weekly', NOW)).toBe(false);
    expect(isProvisional(at('2024-01-01T00:00:00Z'), 'monthly', NOW)).toBe(true);
    expect(isProvisional(at('2023-12-01T00:00:00Z'), 'monthly', NOW)).toBe(false);
  });

  it('pads the time domain by half a bucket', () => {
    const rows = stackTimeSeries(breakdown, ['clusters', 'storage'], 'daily', NOW);
    expect(timeDomain(rows, 'daily')).toEqual([at('2024-01-13T12:00:00Z'), at('2024-01-16T12:00:00Z')]);
  });
});

function hourlyRows(n: number): SeriesRow[] {
  const start = at('2024-01-01T00:00:00Z');
  return Array.from({ length: n }, (_, i) => ({
    t: start + i * 3_600_000,
    timestamp: new Date(start + i * 3_600_000).toISOString(),
    cost: { clusters: i % 24 === 12 ? 500 : 10 + (i % 7), storage: 1 },
    quantity: { clusters: 1, storage: 1 },
    totalCost: (i % 24 === 12 ? 500 : 10 + (i % 7)) + 1,
    provisional: false,
  }));
}

describe('downsampleRows', () => {
  it('keeps short series as they are', () => {
    const rows = hourlyRows(100);
    const out = downsampleRows(rows, 800);
    expect(out.downsampled).toBe(false);
    expect(out.rows).toHaveLength(100);
  });

  it('thins a long hourly series to the chart width with LTTB, keeping real buckets and the peaks', () => {
    const rows = hourlyRows(92 * 24);
    const out = downsampleRows(rows, 600);
    expect(out.downsampled).toBe(true);
    expect(out.total).toBe(2208);
    expect(out.rows).toHaveLength(600);
    // The same objects: a tooltip shows a bucket's exact figures.
    for (const r of out.rows) expect(rows).toContain(r);
    expect(out.rows[0]).toBe(rows[0]);
    expect(out.rows.at(-1)).toBe(rows.at(-1));
    // Every daily peak survives.
    expect(out.rows.filter((r) => r.totalCost === 501)).toHaveLength(92);
    // Ascending in time.
    expect(out.rows.every((r, i) => i === 0 || r.t > out.rows[i - 1]!.t)).toBe(true);
  });

  it('can pick buckets by another measure (a usage panel’s quantity)', () => {
    const rows = hourlyRows(1000);
    const out = downsampleRows(rows, 100, (r) => rowQuantity(r, ['storage']));
    expect(out.rows).toHaveLength(100);
  });
});

describe('chart helpers', () => {
  it('draws bars while each gets a few pixels, areas beyond', () => {
    expect(chartKind(31, 700)).toBe('bar');
    expect(chartKind(384, 700)).toBe('area');
  });

  it('groups types by unit, GPU types together', () => {
    expect(unitGroups(['storage', 'training', 'clusters', 'bandwidth'])).toEqual([
      { unit: 'gpu_hours', types: ['training', 'clusters'] },
      { unit: 'gb_hours', types: ['storage'] },
      { unit: 'gb', types: ['bandwidth'] },
    ]);
  });

  it('tells an all-zero series from one with data', () => {
    const rows = stackTimeSeries(breakdown, ['clusters'], 'daily', NOW);
    expect(hasAnyData(rows)).toBe(true);
    expect(hasAnyData(stackTimeSeries(breakdown, ['ai-services'], 'daily', NOW))).toBe(false);
  });
});
