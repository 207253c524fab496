/** ETS state-space models: candidate forms, fitting, interval calibration (see forecast.ts for the whole model). Pure. */

import { logit, mean, nelderMead, sigmoid } from './forecast-numerics.ts';
import { adjustLevelShifts, cleanSpikes, detectLevelShifts, levelFactors, median, type LevelShift } from './forecast-spikes.ts';
import {
  EtsState,
  dampedSlopeSums,
  initialStates,
  runFilter,
  scan,
  scanSums,
  type EtsSpec,
  type FilterOutput,
  type Params,
  type Recursion,
  type TrendKind,
} from './forecast-ets-recursion.ts';
import type { BlendWeights, ValidationRecord } from './forecast-validate.ts';

export type { EtsSpec, TrendKind } from './forecast-ets-recursion.ts';

// ---------------------------------------------------------------- ETS

export interface EtsModel {
  spec: EtsSpec;
  alpha: number;
  beta: number;
  gamma: number;
  phi: number;
  /** Final states after the last observation. */
  level: number;
  slope: number;
  /** Seasonal states; season[0] is the one for the first step ahead. */
  season: number[];
  /** One-step residuals on the fitted scale, one per observation (of the cleaned series: what updates the states). */
  residuals: Float64Array;
  /** The same against the observations as they were (spikes included: what the next days may look like). */
  obsResiduals: Float64Array;
  /** Days whose spike was replaced before fitting (see cleanSpikes). */
  cleaned: number;
  /** Level shifts the history was adjusted for before fitting (see detectLevelShifts). */
  levelShifts: LevelShift[];
  /** Yearly factors by calendar-day slot the history was divided by before fitting (forecast-yearly.ts), when it spans two years. */
  yearly?: Float64Array;
  /**
   * The blend of candidate forecasts (the model, the MSTL peer, run rate) that gives the point
   * forecast, chosen on the series' own rolling-origin errors (forecast-fit-daily.ts); none: the
   * model alone.
   */
  blend?: BlendWeights;
  /** The series' rolling-origin errors (forecast-validate.ts): what the peer weight and the interval calibration use. */
  validation?: ValidationRecord[];
  /**
   * In-sample relative error of the forecasts of a `sumHorizon`-step total
   * starting `lead` steps after the origin (root mean square of
   * (forecast - actual) / actual, against the observations as they were), for
   * leads 0, H, 2H, … while enough origins remain: what the simulated spread
   * is checked against (see simulateJoint, which pools it with `validation`). Leads up to MAX_CALIBRATION_LEADS × H
   * that a short history cannot measure are extrapolated from the last measured one
   * (`extrapolated`), in proportion to the time to the middle of the total (as a slope error grows).
   * `errors` are a measured lead's relative errors themselves (their
   * quantiles calibrate each interval level: effectiveCalibration).
   */
  calibration: Array<{ lead: number; rmse: number; extrapolated?: boolean; errors?: Float64Array }>;
  sumHorizon: number;
  /** Fitted one-step forecasts on the scale of y. */
  fitted: Float64Array;
  sigma: number;
  /** The criterion's value (lower is better): AICc for 'lik', the sum-forecast squared error for 'sum'. */
  score: number;
  criterion: Criterion;
  n: number;
}

export type Criterion = 'lik' | 'sum' | 'amse';

/** Origins of the 'amse' criterion are every few steps (the criterion barely changes, the fit is 3× faster). */
const AMSE_STRIDE = 3;

export interface FitOptions {
  /** Season length in steps (7 for daily data, 12 for monthly); 0 or 1 for none. */
  period?: number;
  /** Bounds of the damping parameter φ (default 0.8–0.98, the usual ones for monthly data; see DAILY_FIT). */
  phiMin?: number;
  phiMax?: number;
  /** Restrict the candidates (all by default). */
  trends?: TrendKind[];
  transforms?: Array<'none' | 'log'>;
  seasonal?: Array<boolean>;
  /**
   * What the parameters minimise and the candidates are compared on:
   * 'lik' — one-step squared errors, compared by AICc (the textbook choice
   * when the next step is what matters); 'sum' — squared error of the
   * in-sample forecasts of the total of the next `sumHorizon` steps, on the
   * scale of y (what matters for a month's cost, and robust to noise that
   * persists for a few days, which one-step fitting chases); 'amse' — the
   * average squared error of the in-sample 1…H-step forecasts (Hyndman et
   * al. 2008, §2.5; forecast::ets(opt.crit = "amse")), on the scale of y:
   * like 'sum' it favours a level that predicts weeks ahead rather than
   * tomorrow, and unlike it also judges the weekday pattern.
   */
  criterion?: Criterion;
  /** H of the 'sum' and 'amse' criteria, and of the in-sample error the simulated spread is checked against. */
  sumHorizon?: number;
  /** Replace short spikes before fitting (see cleanSpikes); default false. */
  clean?: boolean;
  /**
   * Find lasting level shifts in the (cleaned) series and fit to the history
   * brought to the latest level (detectLevelShifts, adjustLevelShifts), so a
   * resource launched or retired moves the level, not the trend: a step
   * extrapolated as a trend would keep "launching" every month. The
   * residuals and the interval calibration are measured on the adjusted
   * observations too. Default false.
   */
  levelShifts?: boolean;
  /**
   * Decide between the best trended and the best untrended form out of
   * sample: refit both on the data before each of the last `holdout` windows
   * of `sumHorizon` steps and keep the one whose totals of those windows were
   * closer (rolling-origin evaluation, Tashman 2000). A trend learnt from past
   * step changes (a cluster launched) is then kept only while it still
   * predicts. Default: off (in-sample criterion only).
   */
  holdout?: number;
  /**
   * The last steps, which cleaning cannot judge yet (a spike or a lasting
   * change?): the parameters are fitted to the steps before them, and through
   * them each error moves the states by at most TAIL_BOUND robust standard
   * deviations (a Huber filter, as in Gelper, Fried & Croux 2010), so a spike
   * in progress does not set the level and trend. Default: 7 with `clean`, else 0.
   */
  tail?: number;
}

/** The fitting problem of one form: the series on its fitted scale and what the criteria compare against. */
interface Problem {
  spec: EtsSpec;
  /** The series on the fitted scale (log(y + shift) for a log form). */
  x: Float64Array;
  /** The series as fitted, on the scale of y. */
  y: Float64Array;
  /** Prefix sums of y, and of what the calibration judges against (the observations as billed). */
  prefix: Float64Array;
  rawPrefix: Float64Array;
  /** Steps fitted to (the tail after it is not), the first origin of the criteria and their horizon. */
  end: number;
  from: number;
  H: number;
}

export interface SpecFitOptions {
  /** The observations as they were (spikes included), at the latest level. */
  raw: ArrayLike<number>;
  phiMin: number;
  phiMax: number;
  criterion: Criterion;
  sumHorizon: number;
  /** Last steps not fitted to (see FitOptions.tail). */
  tail: number;
  /** The history was adjusted for level shifts: the series as billed and each day's factor. */
  shifted?: { y: ArrayLike<number>; factor: Float64Array };
}

function problemOf(y: ArrayLike<number>, spec: EtsSpec, opts: SpecFitOptions): Problem {
  const n = y.length;
  // the last `tail` steps are not fitted to, and move the states at most TAIL_BOUND robust SDs (see FitOptions.tail)
  const end = n - Math.min(opts.tail, Math.floor(n / 4));
  const x = new Float64Array(n);
  const prefix = new Float64Array(n + 1);
  const rawPrefix = new Float64Array(n + 1);
  for (let t = 0; t < n; t++) {
    x[t] = spec.log ? Math.log(y[t]! + spec.shift) : y[t]!;
    prefix[t + 1] = prefix[t]! + y[t]!;
    // the calibration judges forecasts against what was billed, level shifts included (see calibrate)
    rawPrefix[t + 1] = rawPrefix[t]! + (opts.shifted ? opts.shifted.y[t]! : opts.raw[t]!);
  }
  const H = Math.max(1, Math.min(opts.sumHorizon, Math.floor(end / 3)));
  const from = Math.min(Math.max(4 * spec.period, 28), Math.floor(end / 3));
  return { spec, x, y: Float64Array.from(y), prefix, rawPrefix, end, from, H };
}

/** Squared error of the in-sample forecasts of the next H steps' total, summed over the origins. */
function sumCriterion(pr: Problem, r: Recursion): number {
  let crit = 0;
  scanSums(pr.x, r, { H: pr.H, from: pr.from, end: pr.end, visit: (f, t) => (crit += (f - (pr.prefix[t + pr.H]! - pr.prefix[t]!)) ** 2) });
  return crit;
}

/**
 * Average squared error of the in-sample 1…H-step forecasts (the "amse" of
 * Hyndman et al.): every AMSE_STRIDE-th origin t ≥ from, every horizon that
 * still has an observation.
 */
function amseCriterion(pr: Problem, r: Recursion): number {
  const { spec, y, end, H } = pr;
  const D = dampedSlopeSums(r.p.phi, H, spec.trend !== 'none');
  let sq = 0;
  let count = 0;
  scan(pr.x, r, {
    from: pr.from,
    until: end,
    stride: AMSE_STRIDE,
    visit: (state, t) => {
      const last = Math.min(H, end - t);
      for (let h = 0; h < last; h++) {
        const xh = state.ahead(t, h, D);
        sq += ((spec.log ? Math.exp(xh) - spec.shift : xh) - y[t + h]!) ** 2;
      }
      count += last;
    },
  });
  return count ? sq / count : 0;
}

/** Smoothing parameters and initial level as an unconstrained vector (for Nelder–Mead), and back. */
function parameterisation(pr: Problem, opts: SpecFitOptions) {
  const m = pr.spec.period;
  const trend = pr.spec.trend !== 'none';
  const init = initialStates(pr.x, m, trend);
  // the initial level is fitted too (as an offset from the decomposition's, in units of the series' spread)
  const spread = Math.sqrt(mean(Array.from(pr.x, (v) => (v - mean(pr.x)) ** 2))) || 1;
  const params = (z: number[]): Params => {
    const alpha = 0.0001 + 0.9998 * sigmoid(z[0]!);
    let i = 1;
    const beta = trend ? alpha * sigmoid(z[i++]!) : 0;
    const gamma = m > 1 ? (1 - alpha) * sigmoid(z[i++]!) : 0;
    const phi = trend ? opts.phiMin + (opts.phiMax - opts.phiMin) * sigmoid(z[i++]!) : 1;
    return { alpha, beta, gamma, phi };
  };
  const recursion = (z: number[]): Recursion => ({ spec: pr.spec, p: params(z), init: { ...init, level: init.level + z[z.length - 1]! * spread } });
  const z0 = [logit(0.2), ...(trend ? [logit(0.05)] : []), ...(m > 1 ? [logit(0.05)] : []), ...(trend ? [logit(0.7)] : []), 0];
  return { recursion, z0 };
}

/** Minimises the criterion over the parameters; returns the fitted recursion and the criterion's value. */
function optimise(pr: Problem, opts: SpecFitOptions): { r: Recursion; f: number } {
  const { recursion, z0 } = parameterisation(pr, opts);
  const objective =
    opts.criterion === 'sum'
      ? (z: number[]) => sumCriterion(pr, recursion(z))
      : opts.criterion === 'amse'
        ? (z: number[]) => amseCriterion(pr, recursion(z))
        : (z: number[]) => runFilter(pr.x, recursion(z), { end: pr.end });
  const best = nelderMead(objective, z0);
  return { r: recursion(best.x), f: best.f };
}

/** Filters the whole series with the fitted recursion, the tail through the Huber bound; returns the errors, states and SSE. */
function filterWithTail(pr: Problem, r: Recursion): { out: FilterOutput; sse: number } {
  const n = pr.x.length;
  const out: FilterOutput = { err: new Float64Array(n), upd: new Float64Array(n), fitted: new Float64Array(n), state: r.init };
  const sse = runFilter(pr.x, r, { end: pr.end, out });
  if (pr.end < n) {
    const early = Array.from(out.err.subarray(Math.min(pr.from, pr.end - 1), pr.end));
    const centre = median(early);
    const bound = TAIL_BOUND * 1.4826 * median(early.map((e) => Math.abs(e - centre)));
    if (bound > 0) runFilter(pr.x, r, { end: pr.end, clipFrom: pr.end, bound, out });
  }
  return { out, sse };
}

/** Parameters and initial states counted by AICc. */
const parameterCount = (spec: EtsSpec) => {
  const trend = spec.trend !== 'none';
  const m = spec.period;
  return 1 + (trend ? 2 : 0) + (m > 1 ? 1 : 0) + 1 + (trend ? 1 : 0) + (m > 1 ? m - 1 : 0);
};

/** AICc of the one-step fit (with the log form's Jacobian), or the criterion's own value. */
function scoreOf(pr: Problem, criterion: Criterion, sse: number, optimum: number): number {
  if (criterion !== 'lik') return optimum;
  const { end } = pr;
  const k = parameterCount(pr.spec);
  let score = end * Math.log(Math.max(sse, 1e-300) / end) + 2 * k + (end - k - 1 > 0 ? (2 * k * (k + 1)) / (end - k - 1) : Infinity);
  if (pr.spec.log) for (let t = 0; t < end; t++) score += 2 * pr.x[t]!;
  return score;
}

/**
 * In-sample relative error of H-step totals at leads 0, H, 2H, 3H, against
 * the observations as billed; leads a short history cannot measure extended
 * from the last measured one (see EtsModel.calibration).
 */
function calibrate(pr: Problem, r: Recursion, shifted: SpecFitOptions['shifted']): EtsModel['calibration'] {
  const { H } = pr;
  const calibration: EtsModel['calibration'] = [];
  for (let lead = 0; lead <= MAX_CALIBRATION_LEADS * H; lead += H) {
    let sq = 0;
    let count = 0;
    const errors: number[] = [];
    scanSums(pr.x, r, {
      H,
      lead,
      from: pr.from,
      end: pr.end,
      visit: (fc, t) => {
        const actual = pr.rawPrefix[t + lead + H]! - pr.rawPrefix[t + lead]!;
        // a history adjusted for level shifts: the forecast at the level of its origin's day, so
        // the shifts that came after it count as errors (what a launch does to a forecast)
        if (shifted) fc /= shifted.factor[t - 1]!;
        if (actual > 0) {
          sq += ((fc - actual) / actual) ** 2;
          errors.push((fc - actual) / actual);
          count++;
        }
      },
    });
    if (count < MIN_CALIBRATION_ORIGINS) break;
    calibration.push({ lead, rmse: Math.sqrt(sq / count), errors: Float64Array.from(errors) });
  }
  // Too short a history to measure the longer leads: extend the last measured error in proportion to
  // the time to the middle of the total, as a slope's error grows, rather than keep it flat — a launch
  // or a drift has more time to happen three months out (on the sandbox's short histories a random
  // walk's square root left too many third months outside their intervals).
  const measured = calibration.at(-1);
  if (measured)
    for (let lead = measured.lead + H; lead <= MAX_CALIBRATION_LEADS * H; lead += H)
      calibration.push({ lead, rmse: (measured.rmse * (lead + H / 2)) / (measured.lead + H / 2), extrapolated: true });
  return calibration;
}

/** Fits one ETS form to y (see fitEts): parameters, states, residuals, score and interval calibration. */
export function fitSpec(y: ArrayLike<number>, spec: EtsSpec, opts: SpecFitOptions): EtsModel {
  const n = y.length;
  const pr = problemOf(y, spec, opts);
  const { r, f: optimum } = optimise(pr, opts);
  const { out, sse } = filterWithTail(pr, r);
  const onScale = (v: number) => (spec.log ? Math.log(v + spec.shift) : v);
  const obsResiduals = Float64Array.from(out.err, (e, t) => e + onScale(opts.raw[t]!) - pr.x[t]!);
  const fitted = Float64Array.from(out.fitted, (v) => (spec.log ? Math.exp(v) - spec.shift : v));
  return {
    spec,
    ...r.p,
    level: out.state.level,
    slope: out.state.slope,
    season: Array.from(out.state.season),
    residuals: out.upd,
    obsResiduals,
    cleaned: 0,
    levelShifts: [],
    calibration: calibrate(pr, r, opts.shifted),
    sumHorizon: pr.H,
    fitted,
    sigma: Math.sqrt(sse / Math.max(1, pr.end - parameterCount(spec))),
    score: scoreOf(pr, opts.criterion, sse, optimum),
    criterion: opts.criterion,
    n,
  };
}

const MAX_CALIBRATION_LEADS = 3;
const MIN_CALIBRATION_ORIGINS = 30;

/** Days at the end that cleaning leaves alone and the fit treats robustly (FitOptions.tail). */
export const CLEAN_KEEP_LAST = 7;
/** Robust SDs an error in the tail may move the states by. */
export const TAIL_BOUND = 2;

/** Largest one-step residual SD (on the log scale) for which the log form stays a candidate. */
export const MAX_LOG_SIGMA = 0.2;

/** The series as fitted: spikes cleaned, level shifts found, the history brought to the latest level. */
function prepare(y: ArrayLike<number>, opts: FitOptions, period: number) {
  const n = y.length;
  const cleaned = opts.clean ? cleanSpikes(y, { period, keepLast: CLEAN_KEEP_LAST }) : null;
  const shifts = opts.levelShifts ? detectLevelShifts(cleaned ? cleaned.values : y) : [];
  return {
    cleaned: cleaned?.count ?? 0,
    shifts,
    // how much each day is scaled by to bring it to the latest level
    factor: levelFactors(n, shifts),
    fitOn: adjustLevelShifts(cleaned ? cleaned.values : y, shifts),
    // the observations as they were, spikes included, at the latest level
    observed: shifts.length ? adjustLevelShifts(y, shifts) : y,
  };
}

/** The candidate forms the series' length and sign allow. */
function candidates(y: ArrayLike<number>, opts: FitOptions, period: number): EtsSpec[] {
  const n = y.length;
  let min = Infinity;
  let avg = 0;
  for (let t = 0; t < n; t++) {
    min = Math.min(min, y[t]!);
    avg += y[t]! / Math.max(1, n);
  }
  const pick = <T>(xs: T[], fallback: T) => (xs.length ? xs : [fallback]);
  const transforms = pick((opts.transforms ?? ['none', 'log']).filter((t) => t === 'none' || (min >= 0 && avg > 0)), 'none');
  const trends = pick((opts.trends ?? ['none', 'damped']).filter((t) => t === 'none' || n >= 10), 'none' as TrendKind);
  const seasonal = pick((opts.seasonal ?? [false, true]).filter((s) => !s || (period > 1 && n >= 3 * period)), false);
  const out: EtsSpec[] = [];
  for (const tr of transforms)
    for (const trend of trends)
      for (const s of seasonal)
        // log(y + c): c = 0 for positive series, else a small share of the mean so zero days stay finite
        out.push({ trend, period: s ? period : 0, log: tr === 'log', shift: tr === 'log' ? (min > 0 ? 0 : Math.max(avg * 0.05, 1e-9)) : 0 });
  return out;
}

/**
 * Trend or not, decided out of sample: refits a form on the data before each
 * of the last `holdout` windows of H steps; the root mean square relative
 * error of the windows' totals (NaN when none could be scored).
 */
function holdoutError(spec: EtsSpec, o: { fitOn: ArrayLike<number>; observed: ArrayLike<number>; end: number; H: number; holdout: number; period: number; fit: (v: ArrayLike<number>, raw: ArrayLike<number>, spec: EtsSpec) => EtsModel }): number {
  let sq = 0;
  let count = 0;
  for (let k = 1; k <= o.holdout; k++) {
    const origin = o.end - k * o.H;
    if (origin < Math.max(3 * o.period, 8 * 7)) break;
    const m = o.fit(Array.from(o.fitOn).slice(0, origin), Array.from(o.observed).slice(0, origin), spec);
    const forecast = pointPath(m, o.H).reduce((a, b) => a + b, 0);
    let actual = 0;
    for (let t = origin; t < origin + o.H; t++) actual += o.observed[t]!;
    if (actual > 0) {
      sq += ((forecast - actual) / actual) ** 2;
      count++;
    }
  }
  return count ? sq / count : NaN;
}

/**
 * Fits every candidate ETS form to y and returns the best by the criterion
 * (AICc for 'lik'; the criterion's own value, on the scale of y, for 'amse'
 * and 'sum'). Short series fall back to simpler forms: seasonality needs
 * three full seasons, a trend ten points.
 */
export function fitEts(y: ArrayLike<number>, opts: FitOptions = {}): EtsModel {
  const n = y.length;
  const period = opts.period && opts.period > 1 ? opts.period : 0;
  const phiMax = opts.phiMax ?? 0.98;
  const criterion = opts.criterion ?? 'lik';
  const tail = opts.tail ?? (opts.clean ? CLEAN_KEEP_LAST : 0);
  const base = {
    phiMin: Math.min(opts.phiMin ?? 0.8, phiMax),
    phiMax,
    criterion,
    sumHorizon: opts.sumHorizon ?? (criterion === 'lik' ? 1 : 28),
    tail,
  };
  const prep = prepare(y, opts, period);
  const fit = (values: ArrayLike<number>, raw: ArrayLike<number>, spec: EtsSpec, whole = true) =>
    fitSpec(values, spec, { ...base, raw, shifted: whole && prep.shifts.length ? { y, factor: prep.factor } : undefined });
  const bestOf: Partial<Record<TrendKind, EtsModel>> = {};
  let fallback: EtsModel | null = null;
  for (const spec of candidates(y, opts, period)) {
    const model = fit(prep.fitOn, prep.observed, spec);
    model.cleaned = prep.cleaned;
    model.levelShifts = prep.shifts;
    if (!fallback || model.score < fallback.score) fallback = model;
    // the log form's simulated mean exceeds its median by about σ²/2: keep it only where that is small
    if (model.spec.log && model.sigma > MAX_LOG_SIGMA) continue;
    const held = bestOf[spec.trend];
    if (!held || model.score < held.score) bestOf[spec.trend] = model;
  }
  const flat = bestOf.none;
  const trended = bestOf.damped;
  if (!flat || !trended) return (flat ?? trended ?? fallback)!;
  const byScore = flat.score <= trended.score ? flat : trended;
  if (!opts.holdout) return byScore;
  const ho = { ...prep, end: n - Math.min(tail, Math.floor(n / 4)), H: trended.sumHorizon, holdout: opts.holdout, period, fit: (v: ArrayLike<number>, raw: ArrayLike<number>, spec: EtsSpec) => fit(v, raw, spec, false) };
  const eFlat = holdoutError(flat.spec, ho);
  const eTrend = holdoutError(trended.spec, ho);
  if (Number.isFinite(eFlat) && Number.isFinite(eTrend)) return eTrend < eFlat ? trended : flat;
  return byScore;
}

/** The model's recursion from its final states (step 0 the first step ahead). */
export function modelState(model: EtsModel): EtsState {
  return new EtsState(model.spec, model, { level: model.level, slope: model.slope, season: model.season });
}

/** Point forecast on the scale of y h steps ahead (h ≥ 1), without simulation. */
export function pointPath(model: EtsModel, horizon: number): Float64Array {
  const out = new Float64Array(horizon);
  const state = modelState(model);
  for (let h = 0; h < horizon; h++) {
    const xh = state.next(h);
    out[h] = model.spec.log ? Math.exp(xh) - model.spec.shift : xh;
    state.update(h, 0);
  }
  return out;
}
