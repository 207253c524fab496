/**
 * MSTL decomposition with an AutoETS trend, from `@bsull/augurs` (Grafana's
 * augurs, WebAssembly): the maintained peer the forecast model is measured
 * against (bench:forecast) and combined with (forecast-fit-daily.ts).
 *
 * Seasonal periods follow the history: weekly from four weeks of data, and
 * yearly as well from two full years (MSTL needs at least two cycles of every
 * period it estimates). Daily points and intervals come from the library;
 * a period's interval (a calendar month) is the sum of the daily bounds,
 * i.e. the days' errors taken as fully correlated, which is what a level
 * error (the dominant one a month out) does.
 *
 * Pure and shared by the server and the browser's breach worker: the
 * WebAssembly module must be initialised first, on the server by
 * forecast-mstl-node.ts (from node_modules), in the browser by the worker
 * (fetched as an asset; the production CSP allows 'wasm-unsafe-eval').
 */
import { MSTL } from '@bsull/augurs/mstl';
import type { PeerForecaster } from './forecast-fit-daily.ts';

export const WEEK = 7;
export const YEAR = 365;

/** The seasonal periods a daily history of `n` days supports. */
export function mstlPeriods(n: number): number[] {
  if (n >= 2 * YEAR + 1) return [WEEK, YEAR];
  if (n >= 4 * WEEK) return [WEEK];
  return [];
}

export interface MstlDaily {
  point: Float64Array;
  /** Per level (same order as asked), the daily lower and upper bounds. */
  bounds: Array<{ level: number; lower: Float64Array; upper: Float64Array }>;
  periods: number[];
}

/**
 * Fits MSTL+AutoETS to a daily series and forecasts `horizon` days (the
 * WebAssembly module initialised). Negative forecasts (cost cannot be
 * negative) are clipped at zero.
 */
export function mstlDaily(values: ArrayLike<number>, horizon: number, levels: number[]): MstlDaily {
  const y = Float64Array.from(values);
  const periods = mstlPeriods(y.length);
  const model = MSTL.ets(periods);
  try {
    model.fit(y);
    const clip = (xs: number[]) => Float64Array.from(xs, (v) => (Number.isFinite(v) ? Math.max(0, v) : 0));
    const bounds = levels.map((level) => {
      const f = model.predict(horizon, level);
      return { level, lower: clip(f.intervals?.lower ?? f.point), upper: clip(f.intervals?.upper ?? f.point) };
    });
    const point = clip(model.predict(horizon).point);
    return { point, bounds, periods };
  } finally {
    model.free();
  }
}

/** Sums a daily forecast over days [from, to) of its horizon: point and each level's interval. */
export function mstlPeriod(f: MstlDaily, from: number, to: number): { mean: number; intervals: Array<{ level: number; lower: number; upper: number }> } {
  const sum = (xs: Float64Array) => {
    let s = 0;
    for (let i = from; i < to; i++) s += xs[i]!;
    return s;
  };
  return { mean: sum(f.point), intervals: f.bounds.map((b) => ({ level: b.level, lower: sum(b.lower), upper: sum(b.upper) })) };
}

/** The library as the model's peer (see fitSeries): its daily point forecast (the module initialised). */
export const mstlPoints: PeerForecaster = (history, horizon) => mstlDaily(history, horizon, []).point;
