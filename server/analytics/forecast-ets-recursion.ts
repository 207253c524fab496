/**
 * The ETS recursions (additive error, level + optional damped trend +
 * optional seasonality), written once: EtsState holds the states and moves
 * them past one step; the filter that fits, the scans that measure the
 * in-sample multi-step errors, the point forecast and the simulation all
 * drive it. Pure.
 */
import { mean } from './forecast-numerics.ts';

export type TrendKind = 'none' | 'damped';

export interface EtsSpec {
  trend: TrendKind;
  /** Season length in steps, or 0 for none. */
  period: number;
  /** Fit log(y + shift) instead of y. */
  log: boolean;
  shift: number;
}

export interface Params {
  alpha: number;
  beta: number;
  gamma: number;
  phi: number;
}

export interface Init {
  level: number;
  slope: number;
  /** Seasonal states; season[0] is the one for the first step. */
  season: ArrayLike<number>;
}

/** A fitted form: what a recursion needs to run. */
export interface Recursion {
  spec: EtsSpec;
  p: Params;
  init: Init;
}

/** The states of one recursion (fitted scale), moved one step at a time. */
export class EtsState {
  l = 0;
  b = 0;
  readonly season: Float64Array;
  readonly m: number;
  readonly trend: boolean;
  readonly p: Params;

  constructor(spec: Pick<EtsSpec, 'trend' | 'period'>, p: Params, init: Init) {
    this.m = spec.period > 1 ? spec.period : 0;
    this.trend = spec.trend !== 'none';
    this.p = p;
    this.season = new Float64Array(Math.max(1, this.m));
    this.reset(init);
  }

  /** Back to the given states (the season's first entry is step 0's). */
  reset(init: Init): void {
    this.l = init.level;
    this.b = this.trend ? init.slope : 0;
    if (this.m > 1) for (let j = 0; j < this.m; j++) this.season[j] = init.season[j]!;
  }

  /** One-step forecast of step t. */
  next(t: number): number {
    return this.l + (this.trend ? this.p.phi * this.b : 0) + (this.m > 1 ? this.season[t % this.m]! : 0);
  }

  /** Forecast of step t + h made before step t, given D = dampedSlopeSums(φ). */
  ahead(t: number, h: number, D: Float64Array): number {
    return this.l + D[h]! * this.b + (this.m > 1 ? this.season[(t + h) % this.m]! : 0);
  }

  /** Moves the states past step t, whose error (the part that updates them) is u. */
  update(t: number, u: number): void {
    const damped = this.trend ? this.p.phi * this.b : 0;
    this.l += damped + this.p.alpha * u;
    if (this.trend) this.b = damped + this.p.beta * u;
    if (this.m > 1) this.season[t % this.m]! += this.p.gamma * u;
  }

  /** The seasonal states in the order of the steps from t on. */
  seasonFrom(t: number): number[] {
    return this.m > 1 ? Array.from({ length: this.m }, (_, j) => this.season[(t + j) % this.m]!) : [];
  }
}

/** D[h] = φ + φ² + … + φ^(h+1): how much of the slope the forecast h + 1 steps ahead carries (all 0 without a trend). */
export function dampedSlopeSums(phi: number, steps: number, trend: boolean): Float64Array {
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

/** Initial states from a classical decomposition of the first few seasons. */
export function initialStates(x: ArrayLike<number>, m: number, trend: boolean): Init {
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

export interface FilterOutput {
  /** One-step errors, the part of them that updated the states (clipped in the tail), the one-step forecasts. */
  err: Float64Array;
  upd: Float64Array;
  fitted: Float64Array;
  /** The states after the last step. */
  state: Init;
}

export interface FilterOptions {
  /** Errors from `end` on are not summed (default: all). */
  end?: number;
  /** From step `clipFrom` on, an error moves the states at most `bound` (a Huber filter). */
  clipFrom?: number;
  bound?: number;
  out?: FilterOutput;
}

/** Runs the recursion over x and returns the sum of squared one-step errors before `end`; fills `out` when given. */
export function runFilter(x: ArrayLike<number>, r: Recursion, opts: FilterOptions = {}): number {
  const state = new EtsState(r.spec, r.p, r.init);
  const end = opts.end ?? x.length;
  const clipFrom = opts.clipFrom ?? Infinity;
  const bound = opts.bound ?? Infinity;
  const out = opts.out;
  let sse = 0;
  for (let t = 0; t < x.length; t++) {
    const yhat = state.next(t);
    const e = x[t]! - yhat;
    if (t < end) sse += e * e;
    // Huber: in the last steps, an error beyond the bound moves the states only as far as the bound
    const u = t >= clipFrom ? Math.max(-bound, Math.min(bound, e)) : e;
    if (out) {
      out.err[t] = e;
      out.upd[t] = u;
      out.fitted[t] = yhat;
    }
    state.update(t, u);
  }
  if (out) out.state = { level: state.l, slope: state.b, season: state.seasonFrom(x.length) };
  return sse;
}

export interface ScanOptions {
  /** First origin visited. */
  from: number;
  /** Origins t < until are visited (and the states moved past them). */
  until: number;
  /** Every `stride`-th origin from `from` (default 1). */
  stride?: number;
  /** Called at each origin with the states before step t. */
  visit: (state: EtsState, t: number) => void;
}

/** Runs the recursion over x (errors unclipped) and visits the states at the origins asked for. */
export function scan(x: ArrayLike<number>, r: Recursion, opts: ScanOptions): void {
  const state = new EtsState(r.spec, r.p, r.init);
  const stride = opts.stride ?? 1;
  for (let t = 0; t < opts.until; t++) {
    if (t >= opts.from && (t - opts.from) % stride === 0) opts.visit(state, t);
    state.update(t, x[t]! - state.next(t));
  }
}

export interface SumScanOptions {
  /** Steps in each total, and how many steps after the origin it starts (default 0). */
  H: number;
  lead?: number;
  from: number;
  /** Origins need lead + H observations before `end` (default x.length). */
  end?: number;
  visit: (forecast: number, t: number) => void;
}

/**
 * At every origin t ≥ from with lead + H observations after it (before
 * `end`), calls visit(forecast, t) with the forecast of
 * y[t+lead] + … + y[t+lead+H-1] made from the states after y[t-1] (on the
 * scale of y; the median for a log model).
 */
export function scanSums(x: ArrayLike<number>, r: Recursion, opts: SumScanOptions): void {
  const { spec } = r;
  const lead = opts.lead ?? 0;
  const steps = lead + opts.H;
  const D = dampedSlopeSums(r.p.phi, steps, spec.trend !== 'none');
  scan(x, r, {
    from: opts.from,
    until: (opts.end ?? x.length) - steps + 1,
    visit: (state, t) => {
      let f = 0;
      for (let h = lead; h < steps; h++) {
        const xh = state.ahead(t, h, D);
        f += spec.log ? Math.exp(xh) - spec.shift : xh;
      }
      opts.visit(f, t);
    },
  });
}
