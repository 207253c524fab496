/**
 * Cost forecasting: exponential smoothing (ETS) state-space models with
 * prediction intervals from a joint block bootstrap of their residuals.
 * Pure: numbers and dates in, numbers out; no I/O.
 *
 * Model. Each series is fitted with additive-error ETS (Hyndman et al.,
 * "Forecasting with Exponential Smoothing", 2008), on the series itself or on
 * log(y + c) — the log form is ETS with multiplicative trend and seasonality,
 * kept only while its residual SD is small (MAX_LOG_SIGMA), where its mean
 * and median agree. Candidates: level only or level + damped trend, each
 * with and without seasonality of the given period; smoothing parameters and
 * the initial level are fitted by Nelder–Mead, other initial states come from
 * a classical decomposition of the first seasons. The criterion is the
 * textbook one-step likelihood with AICc selection ('lik'), or for daily cost
 * (DAILY_FIT) the average squared error of the 1…28-day-ahead in-sample
 * forecasts ('amse'), which keeps a noisy series such as training jobs (whose
 * days are correlated: a job runs for days) from being fitted as a random walk.
 *
 * Robustness (daily cost). Short spikes (a launch, a runaway job) are
 * replaced by the local level before fitting (cleanSpikes), lasting steps
 * kept. Lasting level shifts (a cluster launched, an endpoint retired) are
 * then found and the history before each is scaled to the level after it
 * (detectLevelShifts), so a step moves the level rather than teaching the
 * model a trend that would keep "launching" every month; the interval
 * calibration still counts the shifts as errors, so intervals allow for
 * launches at the history's pace. The last week, which cleaning cannot judge
 * yet, is not fitted to and moves the states through a Huber filter, so a
 * spike in progress does not become the new level and trend.
 *
 * Intervals. One-step residuals of every series are resampled jointly with a
 * stationary bootstrap (Politis & Romano 1994): blocks of consecutive days of
 * mean length `blockLength`, the same days for every series. Each sampled
 * residual drives the model's own state recursion (the spike days' raw
 * residual what is observed, their cleaned one what updates the states), so
 * a simulated path has the model's error growth with horizon, the residuals'
 * autocorrelation and the correlation between series. A month's (or any
 * period's) distribution is that of its summed daily paths, so monthly
 * intervals account for day-to-day dependence, and totals are path sums
 * across series, so the total's point forecast is the sum of the series'.
 * Parameter uncertainty is not simulated; instead, where the model's
 * in-sample error of four-week totals (at leads of 0, 4, 8 and 12 weeks) is
 * larger than the simulated spread, the paths are widened around their mean
 * to match it.
 */

export const DAY_MS = 86_400_000;

// ---------------------------------------------------------------- small numerics

/** Deterministic PRNG (mulberry32): uniform in [0, 1). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
const logit = (p: number) => Math.log(p / (1 - p));

/** Nelder–Mead minimisation of f over R^d. */
export function nelderMead(f: (x: number[]) => number, x0: number[], opts: { step?: number; maxEvals?: number; tol?: number } = {}): { x: number[]; f: number } {
  const d = x0.length;
  const step = opts.step ?? 0.6;
  const maxEvals = opts.maxEvals ?? 100 * (d + 1);
  const tol = opts.tol ?? 1e-7;
  let evals = 0;
  const fx = (x: number[]) => {
    evals++;
    const v = f(x);
    return Number.isFinite(v) ? v : Number.MAX_VALUE;
  };
  const simplex: Array<{ x: number[]; f: number }> = [{ x: x0.slice(), f: fx(x0) }];
  for (let i = 0; i < d; i++) {
    const x = x0.slice();
    x[i]! += step;
    simplex.push({ x, f: fx(x) });
  }
  const combine = (a: number[], b: number[], t: number) => a.map((ai, i) => ai + t * (b[i]! - ai));
  while (evals < maxEvals) {
    simplex.sort((p, q) => p.f - q.f);
    const best = simplex[0]!;
    const worst = simplex[d]!;
    if (Math.abs(worst.f - best.f) <= tol * (Math.abs(best.f) + 1e-12)) break;
    const centroid = new Array<number>(d).fill(0);
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) centroid[j]! += simplex[i]!.x[j]! / d;
    const xr = combine(centroid, worst.x, -1);
    const fr = fx(xr);
    if (fr < best.f) {
      const xe = combine(centroid, worst.x, -2);
      const fe = fx(xe);
      simplex[d] = fe < fr ? { x: xe, f: fe } : { x: xr, f: fr };
    } else if (fr < simplex[d - 1]!.f) {
      simplex[d] = { x: xr, f: fr };
    } else {
      const outside = fr < worst.f;
      const xc = combine(centroid, worst.x, outside ? -0.5 : 0.5);
      const fc = fx(xc);
      if (fc < (outside ? fr : worst.f)) simplex[d] = { x: xc, f: fc };
      else
        for (let i = 1; i <= d; i++) {
          const x = combine(best.x, simplex[i]!.x, 0.5);
          simplex[i] = { x, f: fx(x) };
        }
    }
  }
  simplex.sort((p, q) => p.f - q.f);
  return simplex[0]!;
}

/** Quantile of a sorted array (linear interpolation, type 7). */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * Math.min(1, Math.max(0, p));
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

const mean = (xs: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i]!;
  return xs.length ? s / xs.length : 0;
};

// ---------------------------------------------------------------- ETS

export type TrendKind = 'none' | 'damped';

export interface EtsSpec {
  trend: TrendKind;
  /** Season length in steps, or 0 for none. */
  period: number;
  /** Fit log(y + shift) instead of y. */
  log: boolean;
  shift: number;
}

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
  /**
   * In-sample relative error of the forecasts of a `sumHorizon`-step total
   * starting `lead` steps after the origin (root mean square of
   * (forecast - actual) / actual, against the observations as they were), for
   * leads 0, H, 2H, … while enough origins remain: what the simulated spread
   * is checked against (see simulateJoint). Leads up to MAX_CALIBRATION_LEADS × H
   * that a short history cannot measure are extrapolated from the last measured one
   * (`extrapolated`), as the error of a level drifting like a random walk.
   */
  calibration: Array<{ lead: number; rmse: number; extrapolated?: boolean }>;
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

interface Init {
  level: number;
  slope: number;
  season: number[];
}

/** Initial states from a classical decomposition of the first few seasons. */
function initialStates(x: ArrayLike<number>, m: number, trend: boolean): Init {
  const n = x.length;
  const season = new Array<number>(m > 1 ? m : 0).fill(0);
  if (m > 1) {
    const k = Math.max(2, Math.min(Math.floor(n / m), 4));
    const sums = new Array<number>(m).fill(0);
    for (let c = 0; c < k; c++) {
      let cycleMean = 0;
      for (let j = 0; j < m; j++) cycleMean += x[c * m + j]! / m;
      for (let j = 0; j < m; j++) sums[j]! += (x[c * m + j]! - cycleMean) / k;
    }
    const centre = mean(sums);
    for (let j = 0; j < m; j++) season[j] = sums[j]! - centre;
  }
  const len = Math.min(n, Math.max(10, m > 1 ? 2 * m : 10));
  const adj: number[] = [];
  for (let t = 0; t < len; t++) adj.push(x[t]! - (m > 1 ? season[t % m]! : 0));
  if (!trend || len < 3) return { level: mean(adj), slope: 0, season };
  const tm = (len - 1) / 2;
  const am = mean(adj);
  let sxy = 0;
  let sxx = 0;
  for (let t = 0; t < len; t++) {
    sxy += (t - tm) * (adj[t]! - am);
    sxx += (t - tm) ** 2;
  }
  const slope = sxy / sxx;
  // level "at t = -1", so that the first one-step forecast is level + slope
  return { level: am - slope * (tm + 1), slope, season };
}

interface Params {
  alpha: number;
  beta: number;
  gamma: number;
  phi: number;
}

/**
 * Runs the ETS recursions over x and returns the sum of squared one-step
 * errors; fills `resid` and the final states when given.
 */
function runFilter(
  x: ArrayLike<number>,
  spec: EtsSpec,
  p: Params,
  init: Init,
  out?: { err: Float64Array; upd: Float64Array; fitted: Float64Array; state: Init },
  opts: { end?: number; clipFrom?: number; bound?: number } = {},
): number {
  const m = spec.period;
  const trend = spec.trend !== 'none';
  const season = Float64Array.from(init.season);
  const end = opts.end ?? x.length;
  const clipFrom = opts.clipFrom ?? Infinity;
  const bound = opts.bound ?? Infinity;
  let l = init.level;
  let b = trend ? init.slope : 0;
  let sse = 0;
  for (let t = 0; t < x.length; t++) {
    const si = m > 1 ? t % m : 0;
    const s = m > 1 ? season[si]! : 0;
    const damped = trend ? p.phi * b : 0;
    const yhat = l + damped + s;
    const e = x[t]! - yhat;
    if (t < end) sse += e * e;
    // Huber: in the last steps, an error beyond the bound moves the states only as far as the bound
    const u = t >= clipFrom ? Math.max(-bound, Math.min(bound, e)) : e;
    if (out) {
      out.err[t] = e;
      out.upd[t] = u;
      out.fitted[t] = yhat;
    }
    l = l + damped + p.alpha * u;
    if (trend) b = damped + p.beta * u;
    if (m > 1) season[si] = s + p.gamma * u;
  }
  if (out) {
    const next = x.length;
    out.state = {
      level: l,
      slope: b,
      season: m > 1 ? Array.from({ length: m }, (_, j) => season[(next + j) % m]!) : [],
    };
  }
  return sse;
}

/** D[h] = φ + φ² + … + φ^(h+1): how much of the slope the forecast h + 1 steps ahead carries (all 0 without a trend). */
function dampedSlopeSums(phi: number, steps: number, trend: boolean): Float64Array {
  const D = new Float64Array(steps);
  if (!trend) return D;
  let acc = 0;
  let pw = 1;
  for (let h = 0; h < steps; h++) {
    pw *= phi;
    acc += pw;
    D[h] = acc;
  }
  return D;
}

/**
 * Runs the recursions and, at every origin t ≥ from with lead + H
 * observations after it (before `end`), calls visit(forecast, t) with the
 * forecast of y[t+lead] + … + y[t+lead+H-1] made from the states after y[t-1]
 * (on the scale of y; the median for a log model).
 */
function scanSums(
  x: Float64Array,
  spec: EtsSpec,
  p: Params,
  init: Init,
  H: number,
  from: number,
  visit: (forecast: number, t: number) => void,
  end = x.length,
  lead = 0,
): void {
  const m = spec.period;
  const trend = spec.trend !== 'none';
  const season = Float64Array.from(init.season);
  const steps = lead + H;
  const D = dampedSlopeSums(p.phi, steps, trend);
  let sumD = 0;
  for (let h = lead; h < steps; h++) sumD += D[h]!;
  let l = init.level;
  let b = trend ? init.slope : 0;
  for (let t = 0; t + steps <= end; t++) {
    if (t >= from) {
      let f = 0;
      if (spec.log) {
        for (let h = lead; h < steps; h++) f += Math.exp(l + D[h]! * b + (m > 1 ? season[(t + h) % m]! : 0)) - spec.shift;
      } else {
        f = H * l + sumD * b;
        if (m > 1) for (let h = lead; h < steps; h++) f += season[(t + h) % m]!;
      }
      visit(f, t);
    }
    const si = m > 1 ? t % m : 0;
    const s = m > 1 ? season[si]! : 0;
    const damped = trend ? p.phi * b : 0;
    const e = x[t]! - (l + damped + s);
    l = l + damped + p.alpha * e;
    if (trend) b = damped + p.beta * e;
    if (m > 1) season[si] = s + p.gamma * e;
  }
}

/** Squared error of the in-sample forecasts of the next H steps' total, summed over the origins. */
function sumCriterion(x: Float64Array, prefix: Float64Array, spec: EtsSpec, p: Params, init: Init, H: number, from: number, end: number): number {
  let crit = 0;
  scanSums(
    x,
    spec,
    p,
    init,
    H,
    from,
    (f, t) => {
      crit += (f - (prefix[t + H]! - prefix[t]!)) ** 2;
    },
    end,
  );
  return crit;
}

/**
 * Average squared error of the in-sample 1…H-step forecasts (the "amse" of
 * Hyndman et al.): every origin t ≥ from (every `stride`-th), every horizon
 * that still has an observation.
 */
function amseCriterion(x: Float64Array, y: Float64Array, spec: EtsSpec, p: Params, init: Init, H: number, from: number, stride: number, end: number): number {
  const n = end;
  const m = spec.period;
  const trend = spec.trend !== 'none';
  const season = Float64Array.from(init.season);
  const D = dampedSlopeSums(p.phi, H, trend);
  let l = init.level;
  let b = trend ? init.slope : 0;
  let sq = 0;
  let count = 0;
  for (let t = 0; t < n; t++) {
    if (t >= from && (t - from) % stride === 0) {
      const last = Math.min(H, n - t);
      for (let h = 0; h < last; h++) {
        const xh = l + D[h]! * b + (m > 1 ? season[(t + h) % m]! : 0);
        const f = spec.log ? Math.exp(xh) - spec.shift : xh;
        sq += (f - y[t + h]!) ** 2;
      }
      count += last;
    }
    const si = m > 1 ? t % m : 0;
    const s = m > 1 ? season[si]! : 0;
    const damped = trend ? p.phi * b : 0;
    const e = x[t]! - (l + damped + s);
    l = l + damped + p.alpha * e;
    if (trend) b = damped + p.beta * e;
    if (m > 1) season[si] = s + p.gamma * e;
  }
  return count ? sq / count : 0;
}

function fitSpec(
  y: ArrayLike<number>,
  raw: ArrayLike<number>,
  spec: EtsSpec,
  phiMin: number,
  phiMax: number,
  criterion: Criterion,
  sumHorizon: number,
  tail: number,
  shifted?: { y: ArrayLike<number>; factor: Float64Array },
): EtsModel {
  const n = y.length;
  // the last `tail` steps are not fitted to, and move the states at most TAIL_BOUND robust SDs (see FitOptions.tail)
  const end = n - Math.min(tail, Math.floor(n / 4));
  const f = (v: number) => (spec.log ? Math.log(v + spec.shift) : v);
  const x = new Float64Array(n);
  const prefix = new Float64Array(n + 1);
  const rawPrefix = new Float64Array(n + 1);
  for (let t = 0; t < n; t++) {
    x[t] = f(y[t]!);
    prefix[t + 1] = prefix[t]! + y[t]!;
    // the calibration judges forecasts against what was billed, level shifts included (see below)
    rawPrefix[t + 1] = rawPrefix[t]! + (shifted ? shifted.y[t]! : raw[t]!);
  }
  const m = spec.period;
  const trend = spec.trend !== 'none';
  const init = initialStates(x, m, trend);
  const unpack = (z: number[]): Params => {
    const alpha = 0.0001 + 0.9998 * sigmoid(z[0]!);
    let i = 1;
    const beta = trend ? alpha * sigmoid(z[i++]!) : 0;
    const gamma = m > 1 ? (1 - alpha) * sigmoid(z[i++]!) : 0;
    const phi = trend ? phiMin + (phiMax - phiMin) * sigmoid(z[i++]!) : 1;
    return { alpha, beta, gamma, phi };
  };
  // the initial level is fitted too (as an offset from the decomposition's, in units of the series' spread)
  const spread = Math.sqrt(mean(Array.from(x, (v) => (v - mean(x)) ** 2))) || 1;
  const withLevel = (z: number[]): Init => ({ ...init, level: init.level + z[z.length - 1]! * spread });
  const z0 = [logit(0.2), ...(trend ? [logit(0.05)] : []), ...(m > 1 ? [logit(0.05)] : []), ...(trend ? [logit(0.7)] : []), 0];
  const H = Math.max(1, Math.min(sumHorizon, Math.floor(end / 3)));
  const from = Math.min(Math.max(4 * m, 28), Math.floor(end / 3));
  const yy = Float64Array.from(y as ArrayLike<number>);
  const objective =
    criterion === 'sum'
      ? (z: number[]) => sumCriterion(x, prefix, spec, unpack(z), withLevel(z), H, from, end)
      : criterion === 'amse'
        ? (z: number[]) => amseCriterion(x, yy, spec, unpack(z), withLevel(z), H, from, AMSE_STRIDE, end)
        : (z: number[]) => runFilter(x, spec, unpack(z), withLevel(z), undefined, { end });
  const best = nelderMead(objective, z0);
  const params = unpack(best.x);
  const start = withLevel(best.x);
  const out = { err: new Float64Array(n), upd: new Float64Array(n), fitted: new Float64Array(n), state: start };
  const sse = runFilter(x, spec, params, start, out, { end });
  if (end < n) {
    const early = Array.from(out.err.subarray(Math.min(from, end - 1), end));
    const centre = median(early);
    const bound = TAIL_BOUND * 1.4826 * median(early.map((e) => Math.abs(e - centre)));
    if (bound > 0) runFilter(x, spec, params, start, out, { end, clipFrom: end, bound });
  }
  const fittedX = out.fitted;
  const obsResid = new Float64Array(n);
  for (let t = 0; t < n; t++) obsResid[t] = out.err[t]! + f(raw[t]!) - x[t]!;
  const k = 1 + (trend ? 2 : 0) + (m > 1 ? 1 : 0) + 1 + (trend ? 1 : 0) + (m > 1 ? m - 1 : 0); // parameters + initial states
  let score: number;
  if (criterion !== 'lik') score = best.f;
  else {
    score = end * Math.log(Math.max(sse, 1e-300) / end) + 2 * k + (end - k - 1 > 0 ? (2 * k * (k + 1)) / (end - k - 1) : Infinity);
    if (spec.log) for (let t = 0; t < end; t++) score += 2 * x[t]!;
  }
  // in-sample relative error of H-step totals at increasing leads, against the raw observations
  const calibration: EtsModel['calibration'] = [];
  for (let lead = 0; lead <= MAX_CALIBRATION_LEADS * H; lead += H) {
    let sq = 0;
    let count = 0;
    scanSums(
      x,
      spec,
      params,
      start,
      H,
      from,
      (fc, t) => {
        const actual = rawPrefix[t + lead + H]! - rawPrefix[t + lead]!;
        // a history adjusted for level shifts: the forecast at the level of its origin's day, so
        // the shifts that came after it count as errors (what a launch does to a forecast)
        if (shifted) fc /= shifted.factor[t - 1]!;
        if (actual > 0) {
          sq += ((fc - actual) / actual) ** 2;
          count++;
        }
      },
      end,
      lead,
    );
    if (count < MIN_CALIBRATION_ORIGINS) break;
    calibration.push({ lead, rmse: Math.sqrt(sq / count) });
  }
  // Too short a history to measure the longer leads: extend the last measured error as the error of
  // a level that drifts like a random walk (variance growing with the time to the middle of the
  // total), rather than keep it flat — a launch or a drift has more time to happen three months out.
  const measured = calibration.at(-1);
  if (measured)
    for (let lead = measured.lead + H; lead <= MAX_CALIBRATION_LEADS * H; lead += H)
      calibration.push({ lead, rmse: measured.rmse * Math.sqrt((lead + H / 2) / (measured.lead + H / 2)), extrapolated: true });
  const fitted = new Float64Array(n);
  for (let t = 0; t < n; t++) fitted[t] = spec.log ? Math.exp(fittedX[t]!) - spec.shift : fittedX[t]!;
  return {
    spec,
    ...params,
    level: out.state.level,
    slope: out.state.slope,
    season: out.state.season,
    residuals: out.upd,
    obsResiduals: obsResid,
    cleaned: 0,
    levelShifts: [],
    calibration,
    sumHorizon: H,
    fitted,
    sigma: Math.sqrt(sse / Math.max(1, end - k)),
    score,
    criterion,
    n,
  };
}

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

const median = (xs: number[]) => {
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
function levelFactors(n: number, shifts: LevelShift[]): Float64Array {
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
const MAX_CALIBRATION_LEADS = 3;
const MIN_CALIBRATION_ORIGINS = 30;

/** Days at the end that cleaning leaves alone and the fit treats robustly (FitOptions.tail). */
export const CLEAN_KEEP_LAST = 7;
/** Robust SDs an error in the tail may move the states by. */
export const TAIL_BOUND = 2;

/** Largest one-step residual SD (on the log scale) for which the log form stays a candidate. */
export const MAX_LOG_SIGMA = 0.2;

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
  const phiMin = Math.min(opts.phiMin ?? 0.8, phiMax);
  const criterion = opts.criterion ?? 'lik';
  const sumHorizon = opts.sumHorizon ?? (criterion === 'lik' ? 1 : 28);
  const tail = opts.tail ?? (opts.clean ? CLEAN_KEEP_LAST : 0);
  const cleaned = opts.clean ? cleanSpikes(y, { period, keepLast: CLEAN_KEEP_LAST }) : null;
  const shifts = opts.levelShifts ? detectLevelShifts(cleaned ? cleaned.values : y) : [];
  // how much each day is scaled by to bring it to the latest level
  const factor = levelFactors(n, shifts);
  const fitOn = adjustLevelShifts(cleaned ? cleaned.values : y, shifts);
  // the observations as they were, spikes included, at the latest level
  const observed = shifts.length ? adjustLevelShifts(y, shifts) : y;
  let min = Infinity;
  let avg = 0;
  for (let t = 0; t < n; t++) {
    min = Math.min(min, y[t]!);
    avg += y[t]! / Math.max(1, n);
  }
  const transforms = (opts.transforms ?? ['none', 'log']).filter((t) => t === 'none' || (min >= 0 && avg > 0));
  const trends = (opts.trends ?? ['none', 'damped']).filter((t) => t === 'none' || n >= 10);
  const seasonal = (opts.seasonal ?? [false, true]).filter((s) => !s || (period > 1 && n >= 3 * period));
  if (seasonal.length === 0) seasonal.push(false);
  if (trends.length === 0) trends.push('none');
  if (transforms.length === 0) transforms.push('none');
  const fit = (values: ArrayLike<number>, raw: ArrayLike<number>, spec: EtsSpec, whole = true) =>
    fitSpec(values, raw, spec, phiMin, phiMax, criterion, sumHorizon, tail, whole && shifts.length ? { y, factor } : undefined);
  const bestOf: Partial<Record<TrendKind, EtsModel>> = {};
  let fallback: EtsModel | null = null;
  for (const tr of transforms)
    for (const trend of trends)
      for (const s of seasonal) {
        // log(y + c): c = 0 for positive series, else a small share of the mean so zero days stay finite
        const shift = tr === 'log' ? (min > 0 ? 0 : Math.max(avg * 0.05, 1e-9)) : 0;
        const model = fit(fitOn, observed, { trend, period: s ? period : 0, log: tr === 'log', shift });
        model.cleaned = cleaned?.count ?? 0;
        model.levelShifts = shifts;
        if (!fallback || model.score < fallback.score) fallback = model;
        // the log form's simulated mean exceeds its median by about σ²/2: keep it only where that is small
        if (model.spec.log && model.sigma > MAX_LOG_SIGMA) continue;
        const held = bestOf[trend];
        if (!held || model.score < held.score) bestOf[trend] = model;
      }
  const flat = bestOf.none;
  const trended = bestOf.damped;
  if (!flat || !trended) return (flat ?? trended ?? fallback)!;
  if (!opts.holdout) return flat.score <= trended.score ? flat : trended;
  // Trend or not, decided out of sample: refit both forms on the data before
  // each of the last `holdout` windows of H steps and compare their relative
  // errors on the windows' totals.
  const H = trended.sumHorizon;
  const end = n - Math.min(tail, Math.floor(n / 4));
  const error = (spec: EtsSpec) => {
    let sq = 0;
    let count = 0;
    for (let k = 1; k <= opts.holdout!; k++) {
      const origin = end - k * H;
      if (origin < Math.max(3 * period, 8 * 7)) break;
      const m = fit(Array.from(fitOn).slice(0, origin), Array.from(observed).slice(0, origin), spec, false);
      const forecast = pointPath(m, H).reduce((a, b) => a + b, 0);
      let actual = 0;
      for (let t = origin; t < origin + H; t++) actual += observed[t]!;
      if (actual > 0) {
        sq += ((forecast - actual) / actual) ** 2;
        count++;
      }
    }
    return count ? sq / count : NaN;
  };
  const eFlat = error(flat.spec);
  const eTrend = error(trended.spec);
  if (Number.isFinite(eFlat) && Number.isFinite(eTrend)) return eTrend < eFlat ? trended : flat;
  return flat.score <= trended.score ? flat : trended;
}

/** Point forecast on the fitted scale h steps ahead (h ≥ 1), without simulation. */
export function pointPath(model: EtsModel, horizon: number): Float64Array {
  const out = new Float64Array(horizon);
  let l = model.level;
  let b = model.slope;
  const m = model.spec.period;
  for (let h = 0; h < horizon; h++) {
    const damped = model.spec.trend === 'none' ? 0 : model.phi * b;
    const s = m > 1 ? model.season[h % m]! : 0;
    const xh = l + damped + s;
    out[h] = model.spec.log ? Math.exp(xh) - model.spec.shift : xh;
    l = l + damped;
    b = damped;
  }
  return out;
}

// ---------------------------------------------------------------- joint simulation

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
  const P = opts.paths ?? 2000;
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
        const yh = value * factor(h) * (h === 0 ? share0 : 1);
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
    steps: Array.from({ length: horizon }, (_, h) => {
      if (!totalSteps) return { mean: totalStepSum[h]! / P, intervals: [] };
      for (let p = 0; p < P; p++) column[p] = totalSteps[p * horizon + h]!;
      return { mean: totalStepSum[h]! / P, intervals: summarise(column, levels, scratch).intervals };
    }),
    buckets: totalBuckets.map((paths) => ({ ...summarise(paths, levels, scratch), paths })),
  };
  return { series, total };
}

// ---------------------------------------------------------------- daily cost → calendar months

export interface DailySeries {
  key: string;
  /** One value per day from `start`, the last one the last complete day. */
  values: ArrayLike<number>;
}

export interface DailyForecastOptions {
  /** Date of the first value, YYYY-MM-DD (UTC). */
  start: string;
  /** Forecast through the end of this month (YYYY-MM), at least the month after the data. */
  throughMonth: string;
  /** Interval level (e.g. 0.95); more may be given in `levels`. */
  level: number;
  levels?: number[];
  /** Share of the first forecast day still to come (a day in progress), one for all series or one per series; default 1. */
  firstDayShare?: number | ArrayLike<number>;
  /** Multiplier of every forecast day, e.g. the exchange rate of that day; default 1. */
  dayFactors?: ArrayLike<number>;
  paths?: number;
  seed?: number;
  blockLength?: number;
  /** Per-day intervals (default true; the monthly ones are always there). */
  dailyIntervals?: boolean;
  fit?: FitOptions;
  /** Models already fitted to these series (fitDaily), to skip fitting. */
  models?: EtsModel[];
}

export interface PeriodForecast {
  mean: number;
  lower: number;
  upper: number;
  sd: number;
  intervals: Interval[];
}

export interface MonthForecast extends PeriodForecast {
  month: string;
  /** Forecast days in the month (fewer than its length for the month in progress). */
  days: number;
}

export interface DayForecast {
  date: string;
  mean: number;
  lower: number;
  upper: number;
}

export interface SeriesForecast {
  key: string;
  model: EtsModel;
  daily: DayForecast[];
  monthly: MonthForecast[];
}

export interface DailyForecast {
  series: SeriesForecast[];
  total: { daily: DayForecast[]; monthly: MonthForecast[] };
  /** Per month, the total's sum on every simulated path (for scenarios and horizon totals). */
  totalMonthPaths: Float64Array[];
  /** First forecast day (YYYY-MM-DD). */
  firstDay: string;
}

export const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const monthKey = (ms: number) => new Date(ms).toISOString().slice(0, 7);
const dayMs = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

/** Days from the day after the data through the end of `throughMonth`. */
export function forecastDays(start: string, length: number, throughMonth: string): number {
  const first = dayMs(start) + length * DAY_MS;
  const [y, m] = throughMonth.split('-').map(Number);
  const end = Date.UTC(y!, m!, 1);
  return Math.max(0, Math.round((end - first) / DAY_MS));
}

/**
 * How daily cost series are fitted (see FitOptions): weekly seasonality, the
 * 'amse' criterion over four weeks, spikes cleaned, and the usual damping
 * bounds (0.8–0.98 a month) taken per day: φ_day = φ_month^(1/30.44), so a
 * trend fades over months, not weeks.
 */
export const DAILY_FIT: FitOptions = {
  period: 7,
  phiMin: 0.8 ** (12 / 365.25),
  phiMax: 0.98 ** (12 / 365.25),
  criterion: 'amse',
  sumHorizon: 28,
  clean: true,
  levelShifts: true,
  holdout: 3,
};

/** Fits each daily series (DAILY_FIT unless told otherwise). */
export function fitDaily(series: DailySeries[], fit?: FitOptions): EtsModel[] {
  return series.map((s) => fitEts(s.values, { ...DAILY_FIT, ...fit }));
}

/**
 * Fits each daily series, simulates them jointly through `throughMonth` and
 * sums the days into calendar months. The first month may be partial (the
 * month in progress): its forecast covers only the days still to come.
 */
export function forecastDaily(series: DailySeries[], opts: DailyForecastOptions): DailyForecast {
  if (series.length === 0) throw new Error('forecastDaily needs at least one series');
  const n = series[0]!.values.length;
  if (series.some((s) => s.values.length !== n)) throw new Error('series must have the same length');
  const horizon = forecastDays(opts.start, n, opts.throughMonth);
  const first = dayMs(opts.start) + n * DAY_MS;
  const months: string[] = [];
  const buckets = new Int32Array(horizon);
  const factors = new Float64Array(horizon);
  for (let h = 0; h < horizon; h++) {
    const key = monthKey(first + h * DAY_MS);
    if (months.at(-1) !== key) months.push(key);
    buckets[h] = months.length - 1;
    factors[h] = opts.dayFactors ? opts.dayFactors[h]! : 1;
  }
  const levels = [opts.level, ...(opts.levels ?? []).filter((l) => l !== opts.level)];
  const models = opts.models ?? fitDaily(series, opts.fit);
  if (models.length !== series.length) throw new Error('one model per series');
  const sim = simulateJoint(models, horizon, {
    paths: opts.paths,
    seed: opts.seed,
    blockLength: opts.blockLength,
    stepFactors: factors,
    firstStepShare: typeof opts.firstDayShare === 'number' ? series.map(() => opts.firstDayShare as number) : opts.firstDayShare,
    buckets,
    bucketCount: months.length,
    stepIntervals: opts.dailyIntervals ?? true,
    levels,
  });
  const daysIn = months.map((_, i) => buckets.filter((b) => b === i).length);
  const toDaily = (s: SeriesSimulation): DayForecast[] =>
    s.steps.map((st, h) => ({
      date: isoDay(first + h * DAY_MS),
      mean: st.mean,
      lower: st.intervals[0]?.lower ?? NaN,
      upper: st.intervals[0]?.upper ?? NaN,
    }));
  const toMonthly = (s: SeriesSimulation): MonthForecast[] =>
    s.buckets.map((b, i) => ({
      month: months[i]!,
      days: daysIn[i]!,
      mean: b.mean,
      sd: b.sd,
      lower: b.intervals[0]!.lower,
      upper: b.intervals[0]!.upper,
      intervals: b.intervals,
    }));
  return {
    series: series.map((s, k) => ({ key: s.key, model: models[k]!, daily: toDaily(sim.series[k]!), monthly: toMonthly(sim.series[k]!) })),
    total: { daily: toDaily(sim.total), monthly: toMonthly(sim.total) },
    totalMonthPaths: sim.total.buckets.map((b) => b.paths),
    firstDay: isoDay(first),
  };
}

// ---------------------------------------------------------------- scenarios and summaries

export interface Scenario {
  probability: number;
  /** Mean total over the paths in this scenario's slice. */
  total: number;
  /** Mean of each month over the same paths. */
  months: number[];
}

/**
 * Splits simulated paths by their total over the first `months` buckets into
 * consecutive slices with the given probabilities (summing to 1), low to
 * high: e.g. [0.2, 0.6, 0.2] gives the optimistic, expected and pessimistic
 * cases. `offsets` are added to each bucket (e.g. the cost already incurred
 * in the month in progress). The probability-weighted totals add up to the
 * mean total.
 */
export function scenarios(bucketPaths: Float64Array[], offsets: number[], months: number, probabilities: number[]): Scenario[] {
  const k = Math.min(months, bucketPaths.length);
  const P = bucketPaths[0]?.length ?? 0;
  const totals = new Float64Array(P);
  for (let m = 0; m < k; m++) for (let p = 0; p < P; p++) totals[p]! += bucketPaths[m]![p]! + (offsets[m] ?? 0);
  const order = Array.from({ length: P }, (_, p) => p).sort((a, b) => totals[a]! - totals[b]! || a - b);
  const out: Scenario[] = [];
  let from = 0;
  let cum = 0;
  probabilities.forEach((probability, i) => {
    cum += probability;
    const to = i === probabilities.length - 1 ? P : Math.max(from + 1, Math.round(cum * P));
    const slice = order.slice(from, to);
    const avg = (f: (p: number) => number) => slice.reduce((a, p) => a + f(p), 0) / Math.max(1, slice.length);
    out.push({
      probability,
      total: avg((p) => totals[p]!),
      months: Array.from({ length: k }, (_, m) => avg((p) => bucketPaths[m]![p]! + (offsets[m] ?? 0))),
    });
    from = to;
  });
  return out;
}

/**
 * Share of samples (each plus `offset`) within ±tolerance (relative) of a
 * centre: how likely the outcome lands near the projection.
 */
export function shareWithin(samples: ArrayLike<number>, centre: number, tolerance: number, offset = 0): number {
  if (samples.length === 0) return 0;
  let k = 0;
  const band = Math.abs(centre) * tolerance;
  for (let i = 0; i < samples.length; i++) if (Math.abs(samples[i]! + offset - centre) <= band) k++;
  return k / samples.length;
}

/** Ordinary least-squares slope and intercept of y on x. */
export function olsSlope(x: ArrayLike<number>, y: ArrayLike<number>): { slope: number; intercept: number } {
  const mx = mean(x);
  const my = mean(y);
  let sxy = 0;
  let sxx = 0;
  for (let i = 0; i < x.length; i++) {
    sxy += (x[i]! - mx) * (y[i]! - my);
    sxx += (x[i]! - mx) ** 2;
  }
  const slope = sxx > 0 ? sxy / sxx : 0;
  return { slope, intercept: my - slope * mx };
}
