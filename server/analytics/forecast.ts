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
 * Parameter uncertainty is not simulated; instead the paths are scaled
 * around their mean, level by level, to the errors of four-week totals (at
 * leads of 0, 4, 8 and 12 weeks) that the served forecast made from the
 * series' own rolling origins, pooled with the model's in-sample ones
 * (effectiveCalibration in forecast-validate.ts).
 */


export * from './forecast-numerics.ts';
export * from './forecast-spikes.ts';
export * from './forecast-ets.ts';
export * from './forecast-simulate.ts';
export * from './forecast-yearly.ts';
export * from './forecast-fit-daily.ts';
export * from './forecast-validate.ts';

import { DAY_MS, mean } from './forecast-numerics.ts';
import type { EtsModel, FitOptions } from './forecast-ets.ts';
import { fitSeries, blendFactors, type PeerForecaster } from './forecast-fit-daily.ts';
import { DEFAULT_PATHS, simulateJoint, type Interval, type SeriesSimulation } from './forecast-simulate.ts';

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
  /** Forecaster each series may be handed to when it did better on the series' recent months (see fitSeries). */
  peer?: PeerForecaster;
  /** Models already fitted to these series (fitDaily, with the same peer), to skip fitting. */
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
  /** With daily intervals: the total of every path on every forecast day (path-major, paths × days). */
  totalDayPaths?: Float64Array;
  paths: number;
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
 * Fits each daily series (see fitSeries in forecast-fit-daily.ts): given the
 * date of the first value, a series of two years or more is divided by its
 * yearly factors first; given a peer forecaster, each series is forecast by
 * whichever of the model and the peer did better on its own recent months.
 */
export function fitDaily(series: DailySeries[], fit?: FitOptions, start?: string, peer?: PeerForecaster): EtsModel[] {
  return series.map((s) => fitSeries(s.values, { fit, startMs: start ? dayMs(start) : undefined, peer }));
}

/** The forecast days' calendar months: each day's month index, its day factor, and the months' keys and lengths. */
function calendar(firstMs: number, horizon: number, dayFactors?: ArrayLike<number>) {
  const months: string[] = [];
  const buckets = new Int32Array(horizon);
  const factors = new Float64Array(horizon);
  for (let h = 0; h < horizon; h++) {
    const key = monthKey(firstMs + h * DAY_MS);
    if (months.at(-1) !== key) months.push(key);
    buckets[h] = months.length - 1;
    factors[h] = dayFactors ? dayFactors[h]! : 1;
  }
  const daysIn = months.map((_, i) => buckets.filter((b) => b === i).length);
  return { months, buckets, factors, daysIn };
}

/** A simulated series as days and calendar months. */
function summaries(s: SeriesSimulation, firstMs: number, cal: ReturnType<typeof calendar>) {
  const daily: DayForecast[] = s.steps.map((st, h) => ({
    date: isoDay(firstMs + h * DAY_MS),
    mean: st.mean,
    lower: st.intervals[0]?.lower ?? NaN,
    upper: st.intervals[0]?.upper ?? NaN,
  }));
  const monthly: MonthForecast[] = s.buckets.map((b, i) => ({
    month: cal.months[i]!,
    days: cal.daysIn[i]!,
    mean: b.mean,
    sd: b.sd,
    lower: b.intervals[0]!.lower,
    upper: b.intervals[0]!.upper,
    intervals: b.intervals,
  }));
  return { daily, monthly };
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
  const cal = calendar(first, horizon, opts.dayFactors);
  const levels = [opts.level, ...(opts.levels ?? []).filter((l) => l !== opts.level)];
  const models = opts.models ?? fitDaily(series, opts.fit, opts.start, opts.peer);
  if (models.length !== series.length) throw new Error('one model per series');
  const sim = simulateJoint(models, horizon, {
    paths: opts.paths,
    seed: opts.seed,
    blockLength: opts.blockLength,
    stepFactors: cal.factors,
    firstStepShare: typeof opts.firstDayShare === 'number' ? series.map(() => opts.firstDayShare as number) : opts.firstDayShare,
    seriesStepFactors: models.map((m, k) => blendFactors(m, series[k]!.values, first, horizon, opts.peer)),
    buckets: cal.buckets,
    bucketCount: cal.months.length,
    stepIntervals: opts.dailyIntervals ?? true,
    levels,
  });
  return {
    series: series.map((s, k) => ({ key: s.key, model: models[k]!, ...summaries(sim.series[k]!, first, cal) })),
    total: summaries(sim.total, first, cal),
    totalMonthPaths: sim.total.buckets.map((b) => b.paths),
    ...(sim.total.stepPaths ? { totalDayPaths: sim.total.stepPaths } : {}),
    paths: opts.paths ?? DEFAULT_PATHS,
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

