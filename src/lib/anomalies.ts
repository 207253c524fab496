/**
 * Unusual days in a daily cost series (pure; runs in the browser, where the
 * content security policy allows no WebAssembly, and on the server alike).
 *
 * A robust seasonal method: each day's expected value is the median of its
 * neighbours (up to 28 days on each side, the day itself left out) times the
 * median ratio of its weekday to that level among them; the residuals of those
 * neighbours give a robust scale (1.4826 × their median absolute deviation).
 * A day is unusual when it is above its expected value by at least `threshold`
 * scales and by at least `minExcessShare` of the expected value. Medians keep a
 * spike from raising its own baseline, and a window on both sides keeps a
 * lasting step (a new cluster) from being flagged for weeks: only the newest
 * days, which have no later neighbours, are judged from the weeks before them.
 *
 * Only rises are reported: the question is "what was that spike?".
 */

import type { ResourceTypeId } from '../contract/billing';

const DAY = 86_400_000;

export interface SeriesPoint {
  /** Start of the day, epoch ms (UTC). */
  t: number;
  value: number;
}

export interface AnomalyOptions {
  /** Neighbours on each side (default 28). */
  halfWindow?: number;
  /** Fewest neighbours a day needs to be judged (default 21). */
  minNeighbours?: number;
  /** Robust z-score a day must reach (default 5). */
  threshold?: number;
  /** Excess over the expected value, as a share of it (default 0.12). */
  minExcessShare?: number;
}

export interface UnusualDay {
  index: number;
  t: number;
  actual: number;
  expected: number;
  /** actual − expected. */
  excess: number;
  /** Excess in robust scales. */
  score: number;
}

/** Consecutive unusual days of one series. */
export interface AnomalyEpisode {
  /** Days [start, end) in epoch ms. */
  start: number;
  end: number;
  days: UnusualDay[];
  actual: number;
  expected: number;
  excess: number;
  /** The highest day score. */
  score: number;
}

function median(xs: number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const weekday = (t: number) => new Date(t).getUTCDay();

/** The expected value and robust scale of day `i` from its neighbours; null when it has too few. */
export function expectation(points: readonly SeriesPoint[], i: number, options: AnomalyOptions = {}): { expected: number; scale: number } | null {
  const { halfWindow = 28, minNeighbours = 21 } = options;
  const lo = Math.max(0, i - halfWindow);
  const hi = Math.min(points.length - 1, i + halfWindow);
  const nb: SeriesPoint[] = [];
  for (let j = lo; j <= hi; j++) if (j !== i) nb.push(points[j]!);
  if (nb.length < minNeighbours) return null;
  const level = median(nb.map((p) => p.value));
  if (!(level > 0)) return null;
  const byDay = new Map<number, number[]>();
  for (const p of nb) {
    const w = weekday(p.t);
    const list = byDay.get(w) ?? [];
    list.push(p.value / level);
    byDay.set(w, list);
  }
  const factor = (t: number) => {
    const r = byDay.get(weekday(t));
    return r && r.length >= 2 ? median(r) : 1;
  };
  const residuals = nb.map((p) => p.value - level * factor(p.t));
  const mr = median(residuals);
  const scale = 1.4826 * median(residuals.map((r) => Math.abs(r - mr)));
  return { expected: level * factor(points[i]!.t), scale };
}

/** The unusual days of a daily series (points one day apart, oldest first). */
export function unusualDays(points: readonly SeriesPoint[], options: AnomalyOptions = {}): UnusualDay[] {
  const { threshold = 5, minExcessShare = 0.12 } = options;
  const out: UnusualDay[] = [];
  for (let i = 0; i < points.length; i++) {
    const e = expectation(points, i, options);
    if (!e || e.expected <= 0) continue;
    const actual = points[i]!.value;
    const excess = actual - e.expected;
    // A near-constant series has a tiny scale: never judge finer than 2% of the expected value.
    const score = excess / Math.max(e.scale, 0.02 * e.expected);
    if (score >= threshold && excess >= minExcessShare * e.expected)
      out.push({ index: i, t: points[i]!.t, actual, expected: e.expected, excess, score });
  }
  return out;
}

/** Unusual days grouped into runs of consecutive days. */
export function anomalyEpisodes(days: readonly UnusualDay[]): AnomalyEpisode[] {
  const out: AnomalyEpisode[] = [];
  for (const d of days) {
    const last = out[out.length - 1];
    if (last && d.t === last.end) {
      last.days.push(d);
      last.end = d.t + DAY;
      last.actual += d.actual;
      last.expected += d.expected;
      last.excess += d.excess;
      last.score = Math.max(last.score, d.score);
    } else out.push({ start: d.t, end: d.t + DAY, days: [d], actual: d.actual, expected: d.expected, excess: d.excess, score: d.score });
  }
  return out;
}

/** One series that flagged a marker's days: the type's total or a team's series of the type. */
export interface FlaggedSeries {
  /** Undefined: the type's total. */
  team?: { id: string; name: string };
  actual: number;
  expected: number;
  excess: number;
  score: number;
}

/** Unusual spend of a resource type over some days, as src/api/anomalies.ts finds it and the cost charts shade it. */
export interface AnomalyMarker {
  /** `<type>:<first day>`, for links (`?anomaly=`). */
  id: string;
  type: ResourceTypeId;
  /** Days [start, end), epoch ms. */
  start: number;
  end: number;
  /** The type's cost on those days, what was expected, and the difference. */
  actual: number;
  expected: number;
  excess: number;
  /** The series that found it: the type's total and/or teams' series of the type. */
  flagged: FlaggedSeries[];
}
