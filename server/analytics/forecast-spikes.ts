/** Robustness of daily cost fitting: short spikes cleaned, lasting level shifts found and adjusted for. Pure. */

import { mean } from './forecast-numerics.ts';

export interface CleanOptions {
  /** Season length (7 for daily data). */
  period?: number;
  /** Width of the centred running median, in steps (odd; default 21: spikes up to ten days long are caught). */
  window?: number;
  /** How many robust standard deviations make a spike (default 4). */
  threshold?: number;
  /** The last steps are never cleaned: a spike there cannot be told from a step change yet (default 7). */
  keepLast?: number;
  /** Smallest robust standard deviation (log scale) a spike is measured in (default 0.02). */
  minScale?: number;
}

export const median = (xs: number[]) => {
  const s = [...xs].sort((a, b) => a - b);
  const k = s.length >> 1;
  return s.length % 2 ? s[k]! : (s[k - 1]! + s[k]!) / 2;
};

/**
 * Finds short spikes (a product launch, a runaway job) and replaces them with
 * the local level, so they do not move the fitted level and trend; lasting
 * step changes are kept (a centred running median follows them). Works on
 * log(y + c), c a quarter of the mean, so a spike is judged by its relative
 * size; a day is a spike when its distance from the running median, after
 * the median weekday effect, exceeds `threshold` robust standard deviations
 * (1.4826 × MAD).
 */
export function cleanSpikes(y: ArrayLike<number>, opts: CleanOptions = {}): { values: Float64Array; flagged: Uint8Array; count: number } {
  const n = y.length;
  const values = Float64Array.from(y as ArrayLike<number>);
  const flagged = new Uint8Array(n);
  const period = opts.period && opts.period > 1 ? opts.period : 0;
  const half = Math.floor((opts.window ?? 21) / 2);
  const k = opts.threshold ?? 4;
  const keepLast = opts.keepLast ?? 7;
  let min = Infinity;
  for (let t = 0; t < n; t++) min = Math.min(min, values[t]!);
  const avg = mean(values);
  if (n < 2 * half + 1 || !(avg > 0) || min < 0) return { values, flagged, count: 0 };
  const c = avg * 0.25;
  const z = Array.from(values, (v) => Math.log(v + c));
  const med = z.map((_, t) => median(z.slice(Math.max(0, t - half), Math.min(n, t + half + 1))));
  const r = z.map((v, t) => v - med[t]!);
  const seasonal = new Array<number>(Math.max(1, period)).fill(0);
  if (period) for (let j = 0; j < period; j++) seasonal[j] = median(r.filter((_, t) => t % period === j));
  const u = r.map((v, t) => v - (period ? seasonal[t % period]! : 0));
  const centre = median(u);
  // a floor, so that a very steady series does not call every small wobble a spike
  const scale = Math.max(1.4826 * median(u.map((v) => Math.abs(v - centre))), opts.minScale ?? 0.02);
  let count = 0;
  if (!(scale > 0)) return { values, flagged, count };
  for (let t = 0; t < n - keepLast; t++) {
    if (Math.abs(u[t]! - centre) > k * scale) {
      flagged[t] = 1;
      values[t] = Math.max(0, Math.exp(med[t]! + (period ? seasonal[t % period]! : 0)) - c);
      count++;
    }
  }
  return { values, flagged, count };
}

export interface LevelShift {
  /** First day of the new level. */
  at: number;
  /** New level / old level, net of the series' own trend over the window. */
  ratio: number;
}

export interface LevelShiftOptions {
  /** Days compared on each side (a multiple of the period, so the weekday pattern cancels; default 14). */
  window?: number;
  /** How many robust standard deviations of the before/after difference make a shift (default 6). */
  threshold?: number;
  /** Smallest robust standard deviation (log scale) a shift is measured in (default 0.01). */
  minScale?: number;
}

/**
 * Finds lasting level shifts — a cluster launched, an endpoint retired —
 * which are a step in the level, not a trend. For every day t it compares the
 * mean of log(y + c) (c a quarter of the mean) over the `window` days from t
 * with the mean over the `window` days before. The series' own trend and its
 * day-to-day noise are measured on differences a week apart (the median and
 * 1.4826 × MAD, so the weekday cancels and a shift touches only a week of
 * them); a shift is a day whose difference departs from the trend's by more
 * than `threshold` times the spread such a difference would have from noise
 * alone. The largest is
 * taken first, the days within a window of it are then left out, and so on.
 * Days less than a window from either end cannot be judged. Apply to a series
 * already cleaned of spikes (cleanSpikes), or a spike longer than the window
 * would pass for two shifts.
 */
export function detectLevelShifts(y: ArrayLike<number>, opts: LevelShiftOptions = {}): LevelShift[] {
  const n = y.length;
  const W = opts.window ?? 14;
  const k = opts.threshold ?? 6;
  let min = Infinity;
  for (let t = 0; t < n; t++) min = Math.min(min, y[t]!);
  const avg = mean(y);
  if (n < 4 * W || !(avg > 0) || min < 0) return [];
  const c = avg * 0.25;
  const prefix = new Float64Array(n + 1);
  const rawPrefix = new Float64Array(n + 1);
  for (let t = 0; t < n; t++) {
    prefix[t + 1] = prefix[t]! + Math.log(y[t]! + c);
    rawPrefix[t + 1] = rawPrefix[t]! + y[t]!;
  }
  // the trend and the day-to-day noise, from differences a week apart (the weekday cancels; a shift touches only a week of them)
  const weekly: number[] = [];
  for (let t = 7; t < n; t++) weekly.push(prefix[t + 1]! - prefix[t]! - (prefix[t - 6]! - prefix[t - 7]!));
  const perDay = median(weekly) / 7;
  const trend = perDay * W;
  const daySd = (1.4826 * median(weekly.map((w) => Math.abs(w - 7 * perDay)))) / Math.SQRT2;
  // the spread of a difference of two W-day means, were the days independent
  const scale = Math.max(daySd * Math.sqrt(2 / W), opts.minScale ?? 0.01);
  const diff = new Float64Array(n).fill(NaN);
  for (let t = W; t <= n - W; t++) diff[t] = (prefix[t + W]! - 2 * prefix[t]! + prefix[t - W]!) / W;
  const shifts: LevelShift[] = [];
  const taken = new Uint8Array(n);
  for (;;) {
    let best = -1;
    for (let t = W; t <= n - W; t++)
      if (!taken[t] && Math.abs(diff[t]! - trend) > k * scale && (best < 0 || Math.abs(diff[t]! - trend) > Math.abs(diff[best]! - trend))) best = t;
    if (best < 0) break;
    for (let t = Math.max(0, best - W + 1); t < Math.min(n, best + W); t++) taken[t] = 1;
    const before = rawPrefix[best]! - rawPrefix[best - W]!;
    const after = rawPrefix[best + W]! - rawPrefix[best]!;
    // a series that starts from nothing has no earlier level to carry forward
    if (!(before > 0.05 * after)) continue;
    shifts.push({ at: best, ratio: after / before / Math.exp(trend) });
  }
  return shifts.sort((a, b) => a.at - b.at);
}

/** What each of n days is scaled by to bring it to the latest level: the product of the ratios of the shifts after it. */
export function levelFactors(n: number, shifts: LevelShift[]): Float64Array {
  const factor = new Float64Array(n).fill(1);
  for (const s of shifts) for (let t = 0; t < Math.min(s.at, n); t++) factor[t]! *= s.ratio;
  return factor;
}

/** The series with every day before each shift scaled by its ratio: the whole history at the latest level. */
export function adjustLevelShifts(y: ArrayLike<number>, shifts: LevelShift[]): Float64Array {
  const factor = levelFactors(y.length, shifts);
  return Float64Array.from(y as ArrayLike<number>, (v, t) => v * factor[t]!);
}

/** Leads (in multiples of the sum horizon) the interval calibration looks at, and the origins each needs. */
