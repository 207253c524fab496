/** ETS state-space models: candidate forms, fitting, interval calibration (see forecast.ts for the whole model). Pure. */

import { logit, mean, nelderMead, sigmoid } from './forecast-numerics.ts';
import { adjustLevelShifts, cleanSpikes, detectLevelShifts, levelFactors, median, type LevelShift } from './forecast-spikes.ts';

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
  /** Yearly factors by calendar-day slot the history was divided by before fitting (forecast-yearly.ts), when it spans two years. */
  yearly?: Float64Array;
  /** The peer forecaster did better on this series' recent months and gives its point forecast (forecast-fit-daily.ts). */
  peer?: boolean;
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

