/** Joint block-bootstrap simulation of fitted ETS models (see forecast.ts). Pure. */

import { mean, quantileSorted, rng } from './forecast-numerics.ts';
import type { EtsModel } from './forecast-ets.ts';

// ---------------------------------------------------------------- joint simulation

/** Simulated paths when not told otherwise. */
export const DEFAULT_PATHS = 2000;

export interface SimulationOptions {
  /** Number of simulated paths (default 2000). */
  paths?: number;
  seed?: number;
  /** Mean block length of the stationary bootstrap, in steps (default 10). */
  blockLength?: number;
  /** Residuals of the first steps are dropped while the initial states settle (default 2 seasons or 14). */
  burnIn?: number;
  /** Multiplier of each forecast step (e.g. an exchange rate). */
  stepFactors?: ArrayLike<number>;
  /** Per series, a further multiplier of each step (e.g. its yearly seasonality), or undefined for none. */
  seriesStepFactors?: Array<ArrayLike<number> | undefined>;
  /** Per series: the share of the first step still to come (a day in progress), default 1. */
  firstStepShare?: ArrayLike<number>;
  /** Bucket of each forecast step (e.g. its calendar month); steps with -1 belong to none. */
  buckets?: ArrayLike<number>;
  bucketCount?: number;
  /** Keep every step's paths, to report per-step intervals (costs memory; default true). */
  stepIntervals?: boolean;
  /** Interval levels to report (default [0.8, 0.95]). */
  levels?: number[];
}

export interface Interval {
  level: number;
  lower: number;
  upper: number;
}

export interface StepForecast {
  mean: number;
  intervals: Interval[];
}

export interface BucketForecast {
  mean: number;
  sd: number;
  intervals: Interval[];
  /** The bucket's sum on every simulated path. */
  paths: Float64Array;
}

export interface SeriesSimulation {
  /** Factor the paths were widened by around their mean (1: not at all; see simulateJoint). */
  widen: number;
  /** The total only, with stepIntervals: every path's value at every step (path-major, P × horizon). */
  stepPaths?: Float64Array;
  steps: StepForecast[];
  buckets: BucketForecast[];
}

export interface JointSimulation {
  series: SeriesSimulation[];
  total: SeriesSimulation;
}

function summarise(values: Float64Array, levels: number[], scratch: Float64Array): { mean: number; sd: number; intervals: Interval[] } {
  scratch.set(values);
  scratch.sort();
  const mu = mean(values);
  let v = 0;
  for (let i = 0; i < values.length; i++) v += (values[i]! - mu) ** 2;
  return {
    mean: mu,
    sd: Math.sqrt(v / Math.max(1, values.length - 1)),
    intervals: levels.map((level) => ({
      level,
      lower: quantileSorted(scratch, (1 - level) / 2),
      upper: quantileSorted(scratch, (1 + level) / 2),
    })),
  };
}

/**
 * Simulates `horizon` steps of several fitted series jointly (see the module
 * comment) and summarises each series, each bucket and their totals. Series
 * must end on the same step; residuals are resampled over the span they share.
 */
export function simulateJoint(models: EtsModel[], horizon: number, opts: SimulationOptions = {}): JointSimulation {
  const P = opts.paths ?? DEFAULT_PATHS;
  const random = rng(opts.seed ?? 20240116);
  const L = Math.max(1, opts.blockLength ?? 10);
  const levels = opts.levels ?? [0.8, 0.95];
  const B = opts.bucketCount ?? 0;
  const keepSteps = opts.stepIntervals ?? true;
  const factor = (h: number) => (opts.stepFactors ? opts.stepFactors[h]! : 1);
  const bucketOf = (h: number) => (opts.buckets ? opts.buckets[h]! : -1);

  // the residual window every series has (after its own burn-in), centred so resampling adds no drift
  const burn = (m: EtsModel) => Math.min(opts.burnIn ?? Math.max(14, 2 * m.spec.period), Math.floor(m.n / 2));
  const span = Math.max(1, Math.min(...models.map((m) => m.n - burn(m))));
  const centred = (r: Float64Array) => {
    const c = Float64Array.from(r.subarray(r.length - span));
    const mu = mean(c);
    for (let i = 0; i < c.length; i++) c[i]! -= mu;
    return c;
  };

  // resampled residual indices, shared by all series
  const index = new Int32Array(P * horizon);
  for (let p = 0; p < P; p++) {
    let i = Math.floor(random() * span);
    for (let h = 0; h < horizon; h++) {
      if (h > 0) i = random() < 1 / L ? Math.floor(random() * span) : (i + 1) % span;
      index[p * horizon + h] = i;
    }
  }

  const totalSteps = keepSteps ? new Float64Array(P * horizon) : null;
  const totalStepSum = new Float64Array(horizon);
  const totalBuckets = Array.from({ length: B }, () => new Float64Array(P));
  const scratch = new Float64Array(P);
  const column = new Float64Array(P);
  const series: SeriesSimulation[] = [];

  models.forEach((model, k) => {
    const share0 = opts.firstStepShare ? opts.firstStepShare[k]! : 1;
    const own = opts.seriesStepFactors?.[k];
    const upd = centred(model.residuals);
    const obs = centred(model.obsResiduals);
    const m = model.spec.period;
    const trend = model.spec.trend !== 'none';
    const H = model.sumHorizon;
    const leads = model.calibration.filter((c) => c.lead + H <= horizon);
    const leadSums = leads.map(() => new Float64Array(P));
    const stepPaths = keepSteps ? new Float64Array(P * horizon) : null;
    const stepSum = new Float64Array(horizon);
    const buckets = Array.from({ length: B }, () => new Float64Array(P));
    const season = new Float64Array(Math.max(1, m));
    for (let p = 0; p < P; p++) {
      let l = model.level;
      let b = model.slope;
      if (m > 1) season.set(model.season);
      for (let h = 0; h < horizon; h++) {
        const si = m > 1 ? h % m : 0;
        const s = m > 1 ? season[si]! : 0;
        const damped = trend ? model.phi * b : 0;
        const i = index[p * horizon + h]!;
        const xh = l + damped + s + obs[i]!;
        const e = upd[i]!;
        l = l + damped + model.alpha * e;
        if (trend) b = damped + model.beta * e;
        if (m > 1) season[si] = s + model.gamma * e;
        const value = Math.max(0, model.spec.log ? Math.exp(xh) - model.spec.shift : xh);
        for (let j = 0; j < leads.length; j++) if (h >= leads[j]!.lead && h < leads[j]!.lead + H) leadSums[j]![p]! += value;
        const yh = value * factor(h) * (own ? own[h]! : 1) * (h === 0 ? share0 : 1);
        if (stepPaths) stepPaths[p * horizon + h] = yh;
        stepSum[h]! += yh;
        const bk = bucketOf(h);
        if (bk >= 0) buckets[bk]![p]! += yh;
      }
    }
    // Calibration: where the in-sample error of the model's H-step totals at
    // some lead is larger than the simulated spread of the same steps, widen
    // the paths around their mean by that ratio (residual resampling misses
    // parameter and model uncertainty). Steps past the last calibrated lead
    // keep its ratio.
    const ratios = leads.map((c, j) => {
      const sj = summarise(leadSums[j]!, [], scratch);
      return sj.mean > 0 && sj.sd > 0 ? Math.max(1, c.rmse / (sj.sd / sj.mean)) : 1;
    });
    const widenAt = (h: number) => {
      let r = 1;
      for (let j = 0; j < leads.length && leads[j]!.lead <= h; j++) r = ratios[j]!;
      return r;
    };
    const stepMeans = Float64Array.from(stepSum, (v) => v / P);
    const spread = (v: number, mu: number, r: number) => Math.max(0, mu + r * (v - mu));
    if (stepPaths)
      for (let h = 0; h < horizon; h++) {
        const r = widenAt(h);
        if (r > 1) for (let p = 0; p < P; p++) stepPaths[p * horizon + h] = spread(stepPaths[p * horizon + h]!, stepMeans[h]!, r);
      }
    buckets.forEach((bucket, bk) => {
      // a bucket takes the ratio of its middle step
      let first = -1;
      let last = -1;
      for (let h = 0; h < horizon; h++)
        if (bucketOf(h) === bk) {
          if (first < 0) first = h;
          last = h;
        }
      const r = first < 0 ? 1 : widenAt(Math.floor((first + last) / 2));
      if (r <= 1) return;
      const mu = mean(bucket);
      for (let p = 0; p < P; p++) bucket[p] = spread(bucket[p]!, mu, r);
    });
    const widen = leads.length ? ratios[0]! : 1;
    for (let h = 0; h < horizon; h++) totalStepSum[h]! += stepSum[h]!;
    if (stepPaths && totalSteps) for (let i = 0; i < stepPaths.length; i++) totalSteps[i]! += stepPaths[i]!;
    buckets.forEach((bucket, bk) => {
      for (let p = 0; p < P; p++) totalBuckets[bk]![p]! += bucket[p]!;
    });
    series.push({
      widen,
      steps: Array.from({ length: horizon }, (_, h) => {
        if (!stepPaths) return { mean: stepMeans[h]!, intervals: [] };
        for (let p = 0; p < P; p++) column[p] = stepPaths[p * horizon + h]!;
        return { mean: stepMeans[h]!, intervals: summarise(column, levels, scratch).intervals };
      }),
      buckets: buckets.map((paths) => ({ ...summarise(paths, levels, scratch), paths })),
    });
  });

  const total: SeriesSimulation = {
    widen: 1,
    ...(totalSteps ? { stepPaths: totalSteps } : {}),
    steps: Array.from({ length: horizon }, (_, h) => {
      if (!totalSteps) return { mean: totalStepSum[h]! / P, intervals: [] };
      for (let p = 0; p < P; p++) column[p] = totalSteps[p * horizon + h]!;
      return { mean: totalStepSum[h]! / P, intervals: summarise(column, levels, scratch).intervals };
    }),
    buckets: totalBuckets.map((paths) => ({ ...summarise(paths, levels, scratch), paths })),
  };
  return { series, total };
}

