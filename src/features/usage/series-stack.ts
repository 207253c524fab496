/**
 * Cost over time per member of a dimension, stacked: the `top` costliest
 * members by name and the rest summed as "Other", per bucket (pure).
 */
import type { UsageSeriesItem } from '../../contract/usage-series';

export const OTHER_KEY = '__other';

export interface StackSeries {
  key: string;
  name: string;
  cost: number;
}

export interface StackRow {
  t: number;
  timestamp: string;
  values: Record<string, number>;
  total: number;
}

export function stackSeries(items: readonly UsageSeriesItem[], top = 5): { series: StackSeries[]; rows: StackRow[] } {
  const sorted = [...items].filter((i) => i.cost !== 0).sort((a, b) => b.cost - a.cost || a.key.localeCompare(b.key));
  const head = sorted.slice(0, top);
  const rest = sorted.slice(top);
  const series: StackSeries[] = head.map((i) => ({ key: i.key, name: i.name, cost: i.cost }));
  if (rest.length) series.push({ key: OTHER_KEY, name: `Other (${rest.length})`, cost: rest.reduce((a, i) => a + i.cost, 0) });
  const stamps = items[0]?.timeSeries.map((p) => p.timestamp) ?? [];
  const rows = stamps.map((timestamp, k) => {
    const values: Record<string, number> = {};
    for (const i of head) values[i.key] = i.timeSeries[k]?.cost ?? 0;
    if (rest.length) values[OTHER_KEY] = rest.reduce((a, i) => a + (i.timeSeries[k]?.cost ?? 0), 0);
    const total = Object.values(values).reduce((a, v) => a + v, 0);
    return { t: Date.parse(timestamp), timestamp, values, total };
  });
  return { series, rows };
}
