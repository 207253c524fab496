/**
 * What the history's own rolling-origin errors decide (forecast-fit-daily.ts
 * measures them): how much of the point forecast the peer gives, and how
 * wide the intervals are. Pure.
 *
 * Each record is one origin's out-of-sample forecast of a SELECT_DAYS-day
 * total starting `lead` days after it, by the model (refitted on the days
 * before the origin) and by the peer: relative errors (forecast − actual) /
 * actual. A combination with peer weight w has the relative error
 * (1 − w)·model + w·peer, so every weight is scored on the same records.
 */
import type { EtsModel } from './forecast-ets.ts';

export interface ValidationRecord {
  /** Days from the origin to the first day of the total. */
  lead: number;
  /** Relative errors of the model's and the peer's total. */
  model: number;
  peer?: number;
}

/** Peer weights a series may get: the model alone, the equal-weight combination, the peer alone. */
export const PEER_WEIGHTS = [0, 0.5, 1] as const;
/** Records a weight other than 0 needs. */
export const MIN_CHOICE_RECORDS = 3;
/**
 * Weight of the in-sample error (EtsModel.calibration) beside the
 * out-of-sample ones, in records: a prior that a few records refine.
 */
export const CALIBRATION_PRIOR = 2;

/** Relative error of the forecast with peer weight w. */
export const servedError = (r: ValidationRecord, w: number) => (1 - w) * r.model + w * (r.peer ?? r.model);

/** The peer weight with the lowest mean absolute relative error over the records (the smaller one on a tie). */
export function chooseWeight(records: readonly ValidationRecord[]): number {
  const scored = records.filter((r) => r.peer !== undefined);
  if (scored.length < MIN_CHOICE_RECORDS) return 0;
  let best = 0;
  let bestError = Infinity;
  for (const w of PEER_WEIGHTS) {
    const e = scored.reduce((a, r) => a + Math.abs(servedError(r, w)), 0) / scored.length;
    if (e < bestError - 1e-12) {
      best = w;
      bestError = e;
    }
  }
  return best;
}

/** Interval levels the calibration measures; other levels interpolate between them. */
export const CALIBRATION_LEVELS = [0.5, 0.8, 0.9, 0.95, 0.99] as const;

/** At one lead: the absolute relative error of H-step totals not exceeded with each CALIBRATION_LEVELS probability. */
export interface LeadCalibration {
  lead: number;
  quantiles: number[];
}

/** Quantiles of weighted values (each value's weight its share of the probability). */
function weightedQuantiles(values: ArrayLike<number>, weights: ArrayLike<number>, levels: readonly number[]): number[] {
  const order = Array.from({ length: values.length }, (_, i) => i).sort((a, b) => values[a]! - values[b]!);
  let total = 0;
  for (let i = 0; i < weights.length; i++) total += weights[i]!;
  return levels.map((level) => {
    let cum = 0;
    for (const i of order) {
      cum += weights[i]!;
      if (cum >= level * total - 1e-12) return values[i]!;
    }
    return values[order.at(-1)!] ?? 0;
  });
}

/**
 * How wide the served forecast's intervals must be at each calibrated lead
 * (see simulateJoint): the quantiles of the absolute relative errors of
 * H-step totals, from the in-sample errors (EtsModel.calibration, together
 * weighing CALIBRATION_PRIOR records) pooled with the served forecast's
 * out-of-sample errors at that lead (one record each), at finite-sample
 * (conformal) levels, the tail past 80% no thinner than the in-sample
 * errors' (a few records cannot tell 90% from 99%). A lead the history
 * is too short to measure in sample takes the last measured lead's errors
 * scaled by its extrapolated error; a lead without out-of-sample records
 * takes the in-sample quantiles times the ratios measured at the longest
 * shorter lead that has them.
 */
export function effectiveCalibration(model: Pick<EtsModel, 'calibration' | 'validation' | 'peerWeight'>): LeadCalibration[] {
  const records = model.validation ?? [];
  const w = model.peerWeight ?? 0;
  let ratios: number[] = CALIBRATION_LEVELS.map(() => 1);
  let measured: { errors: Float64Array; rmse: number } | undefined;
  const out: LeadCalibration[] = [];
  for (const c of model.calibration) {
    if (c.errors?.length) measured = { errors: c.errors, rmse: c.rmse };
    if (!measured) continue;
    const scale = c.errors?.length ? 1 : measured.rmse > 0 ? c.rmse / measured.rmse : 1;
    const inSample = Float64Array.from(measured.errors, (e) => Math.abs(e) * scale);
    const base = weightedQuantiles(inSample, new Float64Array(inSample.length).fill(1), CALIBRATION_LEVELS);
    const at = records.filter((r) => r.lead === c.lead);
    if (at.length === 0) {
      out.push({ lead: c.lead, quantiles: base.map((q, k) => q * ratios[k]!) });
      continue;
    }
    const values = Float64Array.from([...inSample, ...at.map((r) => Math.abs(servedError(r, w)))]);
    const weights = Float64Array.from({ length: values.length }, (_, i) => (i < inSample.length ? CALIBRATION_PRIOR / inSample.length : 1));
    // finite-sample (split-conformal) levels: ⌈(n + 1)·level⌉ / n of n records
    const n = at.length + CALIBRATION_PRIOR;
    const pooled = weightedQuantiles(values, weights, CALIBRATION_LEVELS.map((l) => Math.min(1, (Math.ceil((n + 1) * l - 1e-9) / n))));
    // the tail beyond 80% keeps at least the in-sample errors' shape: a few records cannot tell 90% from 99%
    const k80 = CALIBRATION_LEVELS.indexOf(0.8);
    const quantiles = pooled.map((q, k) => (k > k80 && base[k80]! > 0 ? Math.max(q, (pooled[k80]! * base[k]!) / base[k80]!) : q));
    ratios = quantiles.map((q, k) => (base[k]! > 0 ? q / base[k]! : 1));
    out.push({ lead: c.lead, quantiles });
  }
  return out;
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
