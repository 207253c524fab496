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
import type { EtsModel } from './forecast-ets.ts';

/** The candidate forecasts a blend weighs. */
export const CANDIDATES = ['model', 'peer', 'runRate', 'naive'] as const;
export type Candidate = (typeof CANDIDATES)[number];
/** Shares of the point forecast, summing to 1 (a candidate left out has none). */
export type BlendWeights = Partial<Record<Candidate, number>>;

export interface ValidationRecord {
  /** Days from the origin to the first day of the total. */
  lead: number;
  /** Which origin: 1 the latest, 2 the one SELECT_DAYS before it, … */
  age?: number;
  /** Relative errors of each candidate's total (the model's always there). */
  model: number;
  peer?: number;
  runRate?: number;
  naive?: number;
}

/** At one lead and after it (until the next), the blend that gives the point forecast. */
export interface LeadBlend {
  lead: number;
  weights: BlendWeights;
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

/** The blend in force at `lead` (the last LeadBlend at or before it); the model alone without one. */
export function blendAt(blend: readonly LeadBlend[] | undefined, lead: number): BlendWeights {
  let w: BlendWeights = { model: 1 };
  for (const b of blend ?? []) if (b.lead <= lead) w = b.weights;
  return w;
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

/**
 * The blend at each lead: one, chosen on all leads' records together
 * (choosing per lead, on a third of the records each, did no better on the
 * sandbox); the model alone without enough records.
 */
export function chooseBlend(records: readonly ValidationRecord[], leads: readonly number[]): LeadBlend[] {
  const weights = bestBlend(records);
  return leads.map((lead) => ({ lead, weights }));
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

/** At one lead: what the absolute relative error of H-step totals is at each CALIBRATION_LEVELS level (see effectiveCalibration). */
export interface LeadCalibration {
  lead: number;
  /** The model's in-sample errors' quantiles. */
  inSample: number[];
  /** From the served forecast's out-of-sample records, when there are any: ERROR_SHAPE times their scale. */
  outOfSample?: number[];
  /** Records behind outOfSample. */
  records: number;
}

/** Quantiles of |values| at the given levels (the smallest value with at least that share at or below it). */
function absQuantiles(values: ArrayLike<number>, levels: readonly number[]): number[] {
  const sorted = Float64Array.from(values, Math.abs).sort();
  return levels.map((l) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(l * sorted.length - 1e-9) - 1))] ?? 0);
}

/** How the variance of an H-step total's error grows with its lead: as a random-walk level's, with the time to the total's middle. */
export const leadGrowth = (lead: number, H: number) => (lead + H / 2) / (H / 2);

/**
 * What the served forecast's errors of H-step totals are at each calibrated
 * lead, from two sources that targetQuantiles weighs:
 *   - in sample: the quantiles of the model's in-sample errors at the lead
 *     (EtsModel.calibration; a lead the history is too short to measure
 *     takes the last measured lead's errors scaled by its extrapolated error);
 *   - out of sample: ERROR_SHAPE times the root mean square of the served
 *     forecast's rolling-origin errors (the blend in force at each record's
 *     lead), every record counted at every lead — its square divided by
 *     leadGrowth of its own lead and multiplied by the lead's — and raised by
 *     √((N + 1)/N) for N records (the finite-sample, conformal allowance). A
 *     dozen records estimate one scale well, a third of them each lead's
 *     poorly, and a 95% quantile not at all: hence one scale and a shape.
 */
export function effectiveCalibration(model: Pick<EtsModel, 'calibration' | 'validation' | 'blend' | 'sumHorizon'>): LeadCalibration[] {
  const H = model.sumHorizon;
  const records = model.validation ?? [];
  const N = records.length;
  let sq = 0;
  for (const r of records) sq += servedError(r, blendAt(model.blend, r.lead)) ** 2 / leadGrowth(r.lead, H);
  const scale0 = N > 0 ? Math.sqrt((sq / N) * ((N + 1) / N)) : 0;
  let measured: { errors: Float64Array; rmse: number } | undefined;
  const out: LeadCalibration[] = [];
  for (const c of model.calibration) {
    if (c.errors?.length) measured = { errors: c.errors, rmse: c.rmse };
    if (!measured) continue;
    const scale = c.errors?.length ? 1 : measured.rmse > 0 ? c.rmse / measured.rmse : 1;
    const inSample = absQuantiles(measured.errors, CALIBRATION_LEVELS).map((q) => q * scale);
    const outOfSample = N > 0 ? ERROR_SHAPE.map((z) => z * scale0 * Math.sqrt(leadGrowth(c.lead, H))) : undefined;
    out.push({ lead: c.lead, inSample, ...(outOfSample ? { outOfSample } : {}), records: N });
  }
  return out;
}

/**
 * The calibrated interval half-widths (relative) at one lead, given the
 * simulated ones (`simulated`, per CALIBRATION_LEVELS): a prior — the wider
 * of the simulation and the in-sample errors, weighing CALIBRATION_PRIOR
 * records — pooled (root mean square) with the out-of-sample quantiles,
 * weighing their records. Without records that is the prior: the simulation,
 * widened where the in-sample errors are larger; with a dozen records the
 * served forecast's own errors decide, narrower or wider.
 */
export function targetQuantiles(cal: LeadCalibration, simulated: readonly number[]): number[] {
  return simulated.map((sim, k) => {
    const prior = Math.max(sim, cal.inSample[k]!);
    if (!cal.outOfSample || cal.records === 0) return prior;
    return Math.sqrt((CALIBRATION_PRIOR * prior ** 2 + cal.records * cal.outOfSample[k]! ** 2) / (CALIBRATION_PRIOR + cal.records));
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
