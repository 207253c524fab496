/** Joint block-bootstrap simulation of fitted ETS models (see forecast.ts). Pure. */

import { mean, quantileSorted, rng } from './forecast-numerics.ts';
import { modelState, type EtsModel } from './forecast-ets.ts';
import { CALIBRATION_LEVELS, atLevel, effectiveCalibration, targetQuantiles } from './forecast-validate.ts';

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
  /** Factor the paths were scaled by around their mean at 80% (1: not at all, below 1 narrowed; see simulateJoint). */
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

/** What every series' simulation shares: the options, the resampled residual days and the buckets. */
interface Context {
  P: number;
  horizon: number;
  levels: number[];
  B: number;
  keepSteps: boolean;
  opts: SimulationOptions;
  /** Steps simulated: the horizon, or through the first calibrated total if that is longer (see simulatePaths). */
  steps: number;
  /** Resampled residual index of every path and simulated step (path-major), the same for every series. */
  index: Int32Array;
  /** Residuals used: the last `span` of each series, centred. */
  span: number;
  scratch: Float64Array;
}

const factorOf = (c: Context, h: number) => (c.opts.stepFactors ? c.opts.stepFactors[h]! : 1);
const bucketOf = (c: Context, h: number) => (c.opts.buckets ? c.opts.buckets[h]! : -1);

/** Stationary bootstrap (Politis & Romano 1994): blocks of mean length L of the residual days, one draw for all series. */
function resampledDays(P: number, horizon: number, span: number, L: number, random: () => number): Int32Array {
  const index = new Int32Array(P * horizon);
  for (let p = 0; p < P; p++) {
    let i = Math.floor(random() * span);
    for (let h = 0; h < horizon; h++) {
      if (h > 0) i = random() < 1 / L ? Math.floor(random() * span) : (i + 1) % span;
      index[p * horizon + h] = i;
    }
  }
  return index;
}

/** The last `span` residuals, centred so resampling adds no drift. */
function centred(r: Float64Array, span: number): Float64Array {
  const c = Float64Array.from(r.subarray(r.length - span));
  const mu = mean(c);
  for (let i = 0; i < c.length; i++) c[i]! -= mu;
  return c;
}

interface RawPaths {
  calibration: ReturnType<typeof effectiveCalibration>;
  stepPaths: Float64Array | null;
  stepSum: Float64Array;
  buckets: Float64Array[];
}

/** Drives the model's own recursion with the resampled residuals on every path. */
function simulatePaths(model: EtsModel, k: number, c: Context): RawPaths {
  const { P, horizon, index } = c;
  const share0 = c.opts.firstStepShare ? c.opts.firstStepShare[k]! : 1;
  const own = c.opts.seriesStepFactors?.[k];
  const upd = centred(model.residuals, c.span);
  const obs = centred(model.obsResiduals, c.span);
  const { steps } = c;
  const stepPaths = c.keepSteps ? new Float64Array(P * horizon) : null;
  const stepSum = new Float64Array(horizon);
  const buckets = Array.from({ length: c.B }, () => new Float64Array(P));
  const init = { level: model.level, slope: model.slope, season: model.season };
  const state = modelState(model);
  for (let p = 0; p < P; p++) {
    state.reset(init);
    for (let h = 0; h < steps; h++) {
      const i = index[p * steps + h]!;
      const xh = state.next(h) + obs[i]!;
      state.update(h, upd[i]!);
      const value = Math.max(0, model.spec.log ? Math.exp(xh) - model.spec.shift : xh);
      if (h >= horizon) continue;
      const yh = value * factorOf(c, h) * (own ? own[h]! : 1) * (h === 0 ? share0 : 1);
      if (stepPaths) stepPaths[p * horizon + h] = yh;
      stepSum[h]! += yh;
      const bk = bucketOf(c, h);
      if (bk >= 0) buckets[bk]![p]! += yh;
    }
  }
  return { calibration: effectiveCalibration(model), stepPaths, stepSum, buckets };
}

/**
 * Calibration: the simulated spread of each bucket (a calendar month: the
 * first the rest of the month in progress) is compared, level by level
 * (CALIBRATION_LEVELS), with the errors the forecast makes there
 * (targetQuantiles: the served forecast's rolling-origin errors in the same
 * window of earlier months, pooled with the simulation and the model's
 * in-sample errors as a prior); the paths are scaled around their mean to
 * match, wider where the simulation is narrower (residual resampling misses
 * parameter and model uncertainty, and launches come in bursts) and narrower
 * where it is wider (down to MIN_RATIO). Each path takes the ratio of the
 * level its rank in the bucket stands for, on the bucket's total and on each
 * of its steps alike (so a month's days add up to its scaled total), then
 * moved back to the simulated mean (the scaling keeps the point forecast).
 * Steps in no bucket take the first bucket's 80% ratio, which is returned.
 */
/**
 * Back to the mean `mu` after a widening that scaled the tails more than the
 * centre (on a skewed distribution that moves the mean), without going below zero.
 */
function recentre(values: Float64Array, mu: number): void {
  const shift = mean(values) - mu;
  if (shift === 0) return;
  for (let i = 0; i < values.length; i++) values[i] = Math.max(0, values[i]! - shift);
}

/** The most a calibration narrows the simulated spread (a quarter of it). */
const MIN_RATIO = 0.25;

function widenToCalibration(raw: RawPaths, c: Context): number {
  const { P, horizon } = c;
  const { leads, windows } = raw.calibration;
  const spread = (v: number, mu: number, r: number) => Math.max(0, mu + r * (v - mu));
  const { stepPaths } = raw;
  let first80 = 1;
  raw.buckets.forEach((bucket, bk) => {
    const steps: number[] = [];
    for (let h = 0; h < horizon; h++) if (bucketOf(c, h) === bk) steps.push(h);
    if (steps.length === 0) return;
    const middle = (steps[0]! + steps.at(-1)! + 1) / 2;
    const sorted = Float64Array.from(bucket).sort();
    const mu = mean(sorted);
    if (!(mu > 0)) return;
    const simulated = CALIBRATION_LEVELS.map((level) => (quantileSorted(sorted, (1 + level) / 2) - quantileSorted(sorted, (1 - level) / 2)) / 2 / mu);
    const inSample = leads.filter((l) => l.lead <= steps[Math.floor((steps.length - 1) / 2)]!).at(-1) ?? leads[0];
    const window = windows.find((w) => w.window === bk) ?? (windows.length && bk > windows.at(-1)!.window ? windows.at(-1) : undefined);
    // grown only past the window measured (its own bucket is the window itself)
    const target = targetQuantiles({ simulated, inSample: inSample?.inSample, window, middle: window && bk > window.window ? middle : (window?.middle ?? middle) });
    const ratios = simulated.map((sim, k) => (sim > 0 ? Math.max(MIN_RATIO, target[k]! / sim) : 1));
    if (bk === 0) first80 = atLevel(ratios, 0.8);
    if (ratios.every((r) => r === 1)) return;
    const order = Array.from({ length: P }, (_, p) => p).sort((a, b) => bucket[a]! - bucket[b]! || a - b);
    const factor = new Float64Array(P);
    order.forEach((p, rank) => (factor[p] = atLevel(ratios, Math.abs((2 * (rank + 0.5)) / P - 1))));
    for (let p = 0; p < P; p++) bucket[p] = spread(bucket[p]!, mu, factor[p]!);
    recentre(bucket, mu);
    if (stepPaths)
      for (const h of steps) {
        const muH = raw.stepSum[h]! / P;
        const column = new Float64Array(P);
        for (let p = 0; p < P; p++) column[p] = spread(stepPaths[p * horizon + h]!, muH, factor[p]!);
        recentre(column, muH);
        for (let p = 0; p < P; p++) stepPaths[p * horizon + h] = column[p]!;
      }
  });
  // steps in no bucket take the first bucket's 80% ratio
  if (stepPaths && first80 !== 1)
    for (let h = 0; h < horizon; h++) {
      if (bucketOf(c, h) >= 0) continue;
      const muH = raw.stepSum[h]! / P;
      for (let p = 0; p < P; p++) stepPaths[p * horizon + h] = spread(stepPaths[p * horizon + h]!, muH, first80);
    }
  return first80;
}

/** Per-step means and intervals, and per-bucket summaries. */
function summariseSeries(stepPaths: Float64Array | null, stepSum: Float64Array, buckets: Float64Array[], c: Context): Omit<SeriesSimulation, 'widen'> {
  const { P, horizon } = c;
  const column = new Float64Array(P);
  return {
    steps: Array.from({ length: horizon }, (_, h) => {
      if (!stepPaths) return { mean: stepSum[h]! / P, intervals: [] };
      for (let p = 0; p < P; p++) column[p] = stepPaths[p * horizon + h]!;
      return { mean: stepSum[h]! / P, intervals: summarise(column, c.levels, c.scratch).intervals };
    }),
    buckets: buckets.map((paths) => ({ ...summarise(paths, c.levels, c.scratch), paths })),
  };
}

/**
 * Simulates `horizon` steps of several fitted series jointly (see the module
 * comment) and summarises each series, each bucket and their totals. Series
 * must end on the same step; residuals are resampled over the span they share.
 */
export function simulateJoint(models: EtsModel[], horizon: number, opts: SimulationOptions = {}): JointSimulation {
  const P = opts.paths ?? DEFAULT_PATHS;
  // the residual window every series has (after its own burn-in)
  const burn = (m: EtsModel) => Math.min(opts.burnIn ?? Math.max(14, 2 * m.spec.period), Math.floor(m.n / 2));
  const span = Math.max(1, Math.min(...models.map((m) => m.n - burn(m))));
  const steps = horizon;
  const c: Context = {
    P,
    horizon,
    levels: opts.levels ?? [0.8, 0.95],
    B: opts.bucketCount ?? 0,
    keepSteps: opts.stepIntervals ?? true,
    opts,
    steps,
    index: resampledDays(P, steps, span, Math.max(1, opts.blockLength ?? 10), rng(opts.seed ?? 20240116)),
    span,
    scratch: new Float64Array(P),
  };
  const totalSteps = c.keepSteps ? new Float64Array(P * horizon) : null;
  const totalStepSum = new Float64Array(horizon);
  const totalBuckets = Array.from({ length: c.B }, () => new Float64Array(P));
  const series = models.map((model, k): SeriesSimulation => {
    const raw = simulatePaths(model, k, c);
    const widen = widenToCalibration(raw, c);
    for (let h = 0; h < horizon; h++) totalStepSum[h]! += raw.stepSum[h]!;
    if (raw.stepPaths && totalSteps) for (let i = 0; i < raw.stepPaths.length; i++) totalSteps[i]! += raw.stepPaths[i]!;
    raw.buckets.forEach((bucket, bk) => {
      for (let p = 0; p < P; p++) totalBuckets[bk]![p]! += bucket[p]!;
    });
    return { widen, ...summariseSeries(raw.stepPaths, raw.stepSum, raw.buckets, c) };
  });
  const total: SeriesSimulation = {
    widen: 1,
    ...(totalSteps ? { stepPaths: totalSteps } : {}),
    ...summariseSeries(totalSteps, totalStepSum, totalBuckets, c),
  };
  return { series, total };
}
