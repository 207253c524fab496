/**
 * What the history's own rolling-origin errors decide (forecast-fit-daily.ts
 * measures them): which blend of candidate forecasts gives the point
 * forecast at each lead, and how wide the intervals are. Pure.
 *
 * Each record is one origin's out-of-sample forecast of a SELECT_DAYS-day
 * total starting `lead` days after it, by every candidate: the model
 * (refitted on the days before the origin), the peer (MSTL), the run rate
 * (the last SELECT_DAYS days' total) and seasonal naive (the last week
 * repeated): relative errors (forecast − actual) / actual. A blend with
 * weights w has the relative error Σ w_c · e_c, so every blend is scored on
 * the same records.
 */
import normalQuantile from '@stdlib/stats-base-dists-normal-quantile';
import tQuantile from '@stdlib/stats-base-dists-t-quantile';
import type { EtsModel } from './forecast-ets.ts';

/** The candidate forecasts a blend weighs. */
export const CANDIDATES = ['model', 'peer', 'runRate', 'naive'] as const;
export type Candidate = (typeof CANDIDATES)[number];
/** Shares of the point forecast, summing to 1 (a candidate left out has none). */
export type BlendWeights = Partial<Record<Candidate, number>>;

export interface ValidationRecord {
  /** Days from the origin to the first day of the total. */
  lead: number;
  /** Days in the total (SELECT_DAYS without a calendar). */
  days?: number;
  /** Which window of its origin: 0 the rest of the origin's month, 1 the next month, 2 the month after. */
  window?: number;
  /** Which origin: 1 the latest, 2 the one SELECT_DAYS before it, … */
  age?: number;
  /** Relative errors of each candidate's total (the model's always there). */
  model: number;
  peer?: number;
  runRate?: number;
  naive?: number;
}

/**
 * The blends a series may get: the model alone, their equal-weight
 * combination, the peer alone, the run rate. (Seasonal naive is recorded for
 * the benchmark but not offered: on the sandbox's rolling origins choosing
 * it lost more than it won.)
 */
export const BLENDS: readonly BlendWeights[] = [{ model: 1 }, { model: 0.5, peer: 0.5 }, { peer: 1 }, { runRate: 1 }];
/** Records a blend other than the model alone needs. */
export const MIN_CHOICE_RECORDS = 6;
/**
 * How much lower another blend's error must be than the model's to be
 * chosen: a choice made on a few records has its own error (measured on the
 * sandbox: choosing on the lowest error alone lost to the model alone).
 */
export const CHOICE_MARGIN = 1.5;
/** Weight of a record `age − 1` origins older than the latest: recent months count more. */
export const RECENCY = 0.85;
/**
 * Weight of the in-sample error (EtsModel.calibration) beside the
 * out-of-sample ones, in records: a prior that a few records refine.
 */
export const CALIBRATION_PRIOR = 2;

/** Relative error of the blend with weights w on a record (a candidate the record lacks counts as the model). */
export function servedError(r: ValidationRecord, w: BlendWeights): number {
  let e = 0;
  for (const c of CANDIDATES) {
    const share = w[c];
    if (share) e += share * (r[c] ?? r.model);
  }
  return e;
}

const available = (r: ValidationRecord, w: BlendWeights) => CANDIDATES.every((c) => !w[c] || r[c] !== undefined);

/**
 * The blend of BLENDS with the lowest recency-weighted mean absolute error
 * over the records, another than the model alone only with
 * MIN_CHOICE_RECORDS records and an error CHOICE_MARGIN times lower than
 * the model's (the earlier one on a tie).
 */
export function bestBlend(records: readonly ValidationRecord[]): BlendWeights {
  if (records.length < MIN_CHOICE_RECORDS) return BLENDS[0]!;
  let best: BlendWeights = BLENDS[0]!;
  let bestError = Infinity;
  for (const w of BLENDS) {
    if (!records.every((r) => available(r, w))) continue;
    let sum = 0;
    let weight = 0;
    for (const r of records) {
      const k = RECENCY ** ((r.age ?? 1) - 1);
      sum += k * Math.abs(servedError(r, w));
      weight += k;
    }
    const score = (sum / weight) * (w === BLENDS[0] ? 1 : CHOICE_MARGIN);
    if (score < bestError - 1e-12) {
      best = w;
      bestError = score;
    }
  }
  return best;
}

/** Interval levels the calibration measures; other levels interpolate between them. */
export const CALIBRATION_LEVELS = [0.5, 0.8, 0.9, 0.95, 0.99] as const;
/**
 * Quantiles of |X| over its root mean square at CALIBRATION_LEVELS for a
 * Laplace X (−ln(1 − l)/√2): errors of monthly totals are a mixture of
 * quiet months and months with a launch or a retirement, heavier-tailed
 * than normal (on the sandbox's rolling origins the normal's 95% interval
 * fell short where its 80% one was wide enough).
 */
export const ERROR_SHAPE = CALIBRATION_LEVELS.map((l) => -Math.log(1 - l) / Math.SQRT2);

/**
 * Per CALIBRATION_LEVELS, how much wider an interval must be when its scale
 * is estimated from `dof` records rather than known: the Student-t quantile
 * with `dof` degrees of freedom over the normal one (the textbook predictive
 * interval of a new error whose scale is a sample's). With the six records
 * of a two-year history and the prior's two that is 9% at 80% and 18% at
 * 95%; with a dozen 5% and 9%. (On the sandbox's rolling origins the third
 * month's intervals, calibrated on few records, covered 71%/86% without it.)
 */
export function smallSampleFactors(dof: number): number[] {
  return CALIBRATION_LEVELS.map((l) => (dof > 0 ? tQuantile((1 + l) / 2, dof) / normalQuantile((1 + l) / 2, 0, 1) : 1));
}

/** The model's in-sample errors of H-step totals at one lead: their quantiles at CALIBRATION_LEVELS. */
export interface LeadCalibration {
  lead: number;
  inSample: number[];
}

/** The served forecast's out-of-sample errors in one validation window (see ValidationRecord.window). */
export interface WindowCalibration {
  window: number;
  /** The window's middle, in days after the origin (the mean over its records). */
  middle: number;
  /** ERROR_SHAPE times the records' root mean square error, with the finite-sample allowance and smallSampleFactors. */
  quantiles: number[];
  records: number;
}

/** Quantiles of |values| at the given levels (the smallest value with at least that share at or below it). */
function absQuantiles(values: ArrayLike<number>, levels: readonly number[]): number[] {
  const sorted = Float64Array.from(values, Math.abs).sort();
  return levels.map((l) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(l * sorted.length - 1e-9) - 1))] ?? 0);
}

/**
 * What the forecast's errors are, from two sources that targetQuantiles weighs:
 *   - in sample, per lead: the quantiles of the model's in-sample errors of
 *     H-step totals (EtsModel.calibration; a lead the history is too short
 *     to measure takes the last measured lead's errors scaled by its
 *     extrapolated error);
 *   - out of sample, per validation window (the rest of a month, the next
 *     month, the month after, from origins on the same day of earlier
 *     months): ERROR_SHAPE times the root mean square of the served
 *     forecast's relative errors there (the blend's), raised by √((N + 1)/N)
 *     for N records (the finite-sample, conformal allowance) and by
 *     smallSampleFactors for a scale estimated from N records and the
 *     prior's CALIBRATION_PRIOR. A dozen records estimate a scale well
 *     enough but a 95% quantile not at all: hence a scale and a shape.
 */
export function effectiveCalibration(model: Pick<EtsModel, 'calibration' | 'validation' | 'blend'>): { leads: LeadCalibration[]; windows: WindowCalibration[] } {
  let measured: { errors: Float64Array; rmse: number } | undefined;
  const leads: LeadCalibration[] = [];
  for (const c of model.calibration) {
    if (c.errors?.length) measured = { errors: c.errors, rmse: c.rmse };
    if (!measured) continue;
    const scale = c.errors?.length ? 1 : measured.rmse > 0 ? c.rmse / measured.rmse : 1;
    leads.push({ lead: c.lead, inSample: absQuantiles(measured.errors, CALIBRATION_LEVELS).map((q) => q * scale) });
  }
  const w = model.blend ?? { model: 1 };
  const byWindow = new Map<number, ValidationRecord[]>();
  for (const r of model.validation ?? []) {
    const k = r.window ?? 0;
    byWindow.set(k, [...(byWindow.get(k) ?? []), r]);
  }
  const windows = [...byWindow.entries()]
    .sort((a, b) => a[0] - b[0])
    .map(([window, rs]): WindowCalibration => {
      const N = rs.length;
      const scale = Math.sqrt((rs.reduce((a, r) => a + servedError(r, w) ** 2, 0) / N) * ((N + 1) / N));
      const middle = rs.reduce((a, r) => a + r.lead + (r.days ?? 0) / 2, 0) / N;
      const widen = smallSampleFactors(N + CALIBRATION_PRIOR);
      return { window, middle, quantiles: ERROR_SHAPE.map((z, k) => z * widen[k]! * scale), records: N };
    });
  return { leads, windows };
}

/**
 * The calibrated interval half-widths (relative) of a bucket whose middle is
 * `middle` days into the forecast, given its simulated ones (`simulated`,
 * per CALIBRATION_LEVELS), the in-sample errors at its lead (`inSample`) and
 * the out-of-sample ones of its window (`window`; a bucket past the last
 * window with records takes that one's, grown in proportion to the time to
 * the middle, as a slope's error grows — on the sandbox's short histories,
 * whose third month had no records, a random-walk level's square root left
 * half of those months outside the 80% interval): a prior — the wider of the
 * simulation and the in-sample errors, weighing CALIBRATION_PRIOR records —
 * pooled (root mean square) with the out-of-sample quantiles, weighing their
 * records. Without records that is the prior: the simulation, widened where
 * the in-sample errors are larger; with a dozen records the served
 * forecast's own errors decide, narrower or wider.
 */
export function targetQuantiles(o: { simulated: readonly number[]; inSample?: readonly number[]; window?: WindowCalibration; middle: number }): number[] {
  const grow = o.window && o.middle > o.window.middle ? (o.middle + 0.5) / (o.window.middle + 0.5) : 1;
  return o.simulated.map((sim, k) => {
    const prior = Math.max(sim, o.inSample?.[k] ?? 0);
    if (!o.window || o.window.records === 0) return prior;
    const out = o.window.quantiles[k]! * grow;
    return Math.sqrt((CALIBRATION_PRIOR * prior ** 2 + o.window.records * out ** 2) / (CALIBRATION_PRIOR + o.window.records));
  });
}

/** A calibration's value at any level in (0, 1): linear between CALIBRATION_LEVELS, the end values outside them. */
export function atLevel(values: readonly number[], level: number): number {
  const L = CALIBRATION_LEVELS;
  if (level <= L[0]) return values[0]!;
  for (let k = 1; k < L.length; k++)
    if (level <= L[k]!) {
      const f = (level - L[k - 1]!) / (L[k]! - L[k - 1]!);
      return values[k - 1]! + f * (values[k]! - values[k - 1]!);
    }
  return values[L.length - 1]!;
}
