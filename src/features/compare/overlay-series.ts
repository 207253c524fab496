/**
 * Both spans' cost per bucket, lined up by position (day 1 with day 1), for
 * the overlaid chart and its table. Costs are the API's per bucket, summed
 * over resource types.
 */
import type { UsageResponse } from '../../contract/billing';

export interface OverlayPoint {
  /** 1-based position in the spans. */
  n: number;
  /** The buckets' start dates (YYYY-MM-DD), where the span has that many. */
  currentDate?: string;
  previousDate?: string;
  current?: number;
  previous?: number;
}

/** Cost per bucket date, in date order. */
export function costPerBucket(usage: Pick<UsageResponse, 'breakdown'>): { date: string; cost: number }[] {
  const byDate = new Map<string, number>();
  for (const item of usage.breakdown)
    for (const p of item.timeSeries) {
      const date = p.timestamp.slice(0, 10);
      byDate.set(date, (byDate.get(date) ?? 0) + p.cost);
    }
  return [...byDate.entries()].sort(([a], [b]) => (a < b ? -1 : 1)).map(([date, cost]) => ({ date, cost }));
}

export function overlaySeries(current: Pick<UsageResponse, 'breakdown'>, previous: Pick<UsageResponse, 'breakdown'>): OverlayPoint[] {
  const a = costPerBucket(current);
  const b = costPerBucket(previous);
  return Array.from({ length: Math.max(a.length, b.length) }, (_, i) => {
    const point: OverlayPoint = { n: i + 1 };
    if (a[i]) Object.assign(point, { currentDate: a[i].date, current: Math.round(a[i].cost * 1e6) / 1e6 });
    if (b[i]) Object.assign(point, { previousDate: b[i].date, previous: Math.round(b[i].cost * 1e6) / 1e6 });
    return point;
  });
}
