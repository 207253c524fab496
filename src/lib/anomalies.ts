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

/** The median of `xs[0, n)`, sorting them in place (numerically: a typed array's sort). */
function medianInPlace(xs: Float64Array, n: number): number {
  if (n === 0) return NaN;
  const s = xs.subarray(0, n).sort();
  const m = n >> 1;
  return n % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** The UTC weekday of `t` (0 Sunday), as `new Date(t).getUTCDay()` without making a Date: 1 Jan 1970 was a Thursday. */
const weekday = (t: number) => (((Math.floor(t / DAY) + 4) % 7) + 7) % 7;

/**
 * Scratch space for expectation(): it runs for every day of every series a
 * page judges (thousands at twenty times the organisation), so it sorts
 * typed arrays it keeps rather than allocating lists per day.
 */
const scratch = { size: 0, values: new Float64Array(0), residuals: new Float64Array(0), byDay: [] as Float64Array[], counts: new Int32Array(7), factors: new Float64Array(7) };

function scratchFor(size: number): typeof scratch {
  if (scratch.size < size) {
    scratch.size = size;
    scratch.values = new Float64Array(size);
    scratch.residuals = new Float64Array(size);
    scratch.byDay = Array.from({ length: 7 }, () => new Float64Array(size));
  }
  return scratch;
}

/** expectation() over values and their weekdays (the same figures: the same medians of the same numbers). */
function expectationAt(
  values: ArrayLike<number>,
  weekdays: ArrayLike<number>,
  i: number,
  halfWindow: number,
  minNeighbours: number,
): { expected: number; scale: number } | null {
  const lo = Math.max(0, i - halfWindow);
  const hi = Math.min(values.length - 1, i + halfWindow);
  const n = hi - lo + 1 - (i >= lo && i <= hi ? 1 : 0);
  if (n < minNeighbours) return null;
  const s = scratchFor(n);
  let k = 0;
  for (let j = lo; j <= hi; j++) if (j !== i) s.values[k++] = values[j]!;
  const level = medianInPlace(s.values, n);
  if (!(level > 0)) return null;
  // each weekday's median ratio to the level among the neighbours (1 with fewer than two)
  s.counts.fill(0);
  for (let j = lo; j <= hi; j++) {
    if (j === i) continue;
    const w = weekdays[j]!;
    s.byDay[w]![s.counts[w]!++] = values[j]! / level;
  }
  for (let w = 0; w < 7; w++) s.factors[w] = s.counts[w]! >= 2 ? medianInPlace(s.byDay[w]!, s.counts[w]!) : 1;
  k = 0;
  for (let j = lo; j <= hi; j++) if (j !== i) s.residuals[k++] = values[j]! - level * s.factors[weekdays[j]!]!;
  const mr = medianInPlace(s.residuals, n);
  for (let j = 0; j < n; j++) s.residuals[j] = Math.abs(s.residuals[j]! - mr);
  const scale = 1.4826 * medianInPlace(s.residuals, n);
  return { expected: level * s.factors[weekdays[i]!]!, scale };
}

/** The expected value and robust scale of day `i` from its neighbours; null when it has too few. */
export function expectation(points: readonly SeriesPoint[], i: number, options: AnomalyOptions = {}): { expected: number; scale: number } | null {
  const { halfWindow = 28, minNeighbours = 21 } = options;
  const lo = Math.max(0, i - halfWindow);
  const hi = Math.min(points.length - 1, i + halfWindow);
  // only the window is read: its values and weekdays, indexed from lo
  const window = points.slice(lo, hi + 1);
  const values = Float64Array.from(window, (p) => p.value);
  const weekdays = Int8Array.from(window, (p) => weekday(p.t));
  return expectationAt(values, weekdays, i - lo, halfWindow, minNeighbours);
}

/** The unusual days of a daily series (points one day apart, oldest first). */
export function unusualDays(points: readonly SeriesPoint[], options: AnomalyOptions = {}): UnusualDay[] {
  const { threshold = 5, minExcessShare = 0.12, halfWindow = 28, minNeighbours = 21 } = options;
  const values = Float64Array.from(points, (p) => p.value);
  const weekdays = Int8Array.from(points, (p) => weekday(p.t));
  const out: UnusualDay[] = [];
  for (let i = 0; i < points.length; i++) {
    const e = expectationAt(values, weekdays, i, halfWindow, minNeighbours);
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
