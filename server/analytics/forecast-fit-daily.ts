/**
 * How one daily cost series is fitted: the ETS model (DAILY_FIT), with
 * yearly seasonality taken out first when the history spans two years
 * (forecast-yearly.ts), then measured on the series' own history from
 * rolling origins (validate): on the same day of the month in each month
 * before (every SELECT_DAYS days back without a calendar), up to
 * VALIDATION_ORIGINS origins (VALIDATION_ORIGINS_LONG from two years of
 * history) with SELECT_MIN_HISTORY days before them, the model is refitted
 * (its chosen form, new parameters and yearly factors) on the days before
 * the origin and, with a peer forecaster (the server uses
 * MSTL + AutoETS from @bsull/augurs, forecast-mstl.ts), the peer too; both
 * forecast the totals of the rest of the origin's month and of the two
 * months after (SELECT_DAYS-day totals at leads 0, 28 and 56 days without a
 * calendar). Those
 * out-of-sample errors, with those of run rate (the last SELECT_DAYS days'
 * daily mean) and seasonal naive (the last week repeated), choose the blend
 * that gives the point forecast (bestBlend: the model unless the peer, their
 * equal-weight combination or run rate did clearly better, recent origins
 * weighing more) and calibrate the intervals' width in each window
 * (effectiveCalibration). The blend then scales the model's simulated paths
 * day by day (blendFactors), so intervals keep the model's relative spread,
 * scaled to the measured errors. Measured by
 * bench:forecast. Pure (the peer is passed in).
 */
import { DAY_MS } from './forecast-numerics.ts';
import { fitEts, pointPath, type EtsModel, type EtsSpec, type FitOptions } from './forecast-ets.ts';
import { MIN_YEARLY_DAYS, factorsFrom, yearlyFactors } from './forecast-yearly.ts';
import { bestBlend, type ValidationRecord } from './forecast-validate.ts';

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

/** Point forecast of `horizon` days from a daily history (non-negative). */
export type PeerForecaster = (history: Float64Array, horizon: number) => Float64Array;

/** Rolling origins of the validation, SELECT_DAYS apart, the latest SELECT_DAYS before the end. */
export const VALIDATION_ORIGINS = 12;
/**
 * Origins for a history of two years or more, whose every refit estimates
 * yearly factors and fits three years of days (several times the cost of a
 * year's refit): half as many, so that each lead still has a few records
 * (a lead-56 total has one from three origins, four from six) and the
 * calibrated scale rests on more than the in-sample errors.
 */
export const VALIDATION_ORIGINS_LONG = 6;
export const SELECT_DAYS = 28;
/** Leads of the validated totals: this month, next month, the month after. */
export const VALIDATION_LEADS = [0, 28, 56] as const;
/** History a validation origin needs before it. */
const SELECT_MIN_HISTORY = 90;

/** What the model forecasts for the `horizon` days after its data, on the scale of the series (yearly factors included). */
export function modelPoints(model: EtsModel, firstMs: number, horizon: number): Float64Array {
  const p = pointPath(model, horizon);
  const f = model.yearly ? factorsFrom(model.yearly, firstMs, horizon) : null;
  return Float64Array.from(p, (v, h) => Math.max(0, v) * (f ? f[h]! : 1));
}

function fitModel(values: ArrayLike<number>, fit: FitOptions | undefined, startMs: number | undefined): EtsModel {
  const factors = startMs === undefined ? null : yearlyFactors(values, startMs);
  if (!factors) return fitEts(values, { ...DAILY_FIT, ...fit });
  const f = factorsFrom(factors, startMs!, values.length);
  const model = fitEts(Float64Array.from(values, (v, i) => v / f[i]!), { ...DAILY_FIT, ...fit });
  model.yearly = factors;
  return model;
}

/** Fit options that refit only the given form (no candidates, no holdout): the validation's refits. */
const sameForm = (spec: EtsSpec): FitOptions => ({ transforms: [spec.log ? 'log' : 'none'], trends: [spec.trend], seasonal: [spec.period > 1], holdout: 0 });

const total = (xs: ArrayLike<number>, from: number, to: number) => {
  let s = 0;
  for (let t = from; t < to; t++) s += xs[t]!;
  return s;
};

/** Days of the calendar month of `ms` (UTC). */
const monthDays = (ms: number) => {
  const d = new Date(ms);
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate();
};

/** A validation origin (index of its first unknown day) and its windows (days after it: [lead, lead + days)). */
interface Origin {
  origin: number;
  windows: Array<{ lead: number; days: number }>;
}

/**
 * The validation's origins, latest first. Given the calendar (startMs): the
 * same day of the month as the forecast's first day (values.length) in each
 * of the months before, each with VALIDATION_WINDOWS windows — the rest of its
 * month, the next month, the month after — what the forecast itself is read
 * as (the month in progress, next month, the third month; a month's launches
 * and retirements start on its 1st). Without it, SELECT_DAYS apart with
 * SELECT_DAYS-day windows.
 */
function origins(n: number, count: number, startMs: number | undefined): Origin[] {
  const out: Origin[] = [];
  for (let k = 1; k <= count; k++) {
    if (startMs === undefined) {
      out.push({ origin: n - k * SELECT_DAYS, windows: VALIDATION_LEADS.map((lead) => ({ lead, days: SELECT_DAYS })) });
      continue;
    }
    const first = new Date(startMs + n * DAY_MS);
    const month = Date.UTC(first.getUTCFullYear(), first.getUTCMonth() - k, 1);
    const originMs = month + (Math.min(first.getUTCDate(), monthDays(month)) - 1) * DAY_MS;
    const origin = Math.round((originMs - startMs) / DAY_MS);
    const windows: Origin['windows'] = [];
    let from = originMs;
    for (let w = 0; w < VALIDATION_LEADS.length; w++) {
      const d = new Date(from);
      const to = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
      windows.push({ lead: Math.round((from - originMs) / DAY_MS), days: Math.round((to - from) / DAY_MS) });
      from = to;
    }
    out.push({ origin, windows });
  }
  return out;
}

/** The series' rolling-origin errors (see the module comment); `spec` is the form the whole history chose. */
export function validate(
  values: ArrayLike<number>,
  opts: { fit?: FitOptions; startMs?: number; peer?: PeerForecaster; spec: EtsSpec },
): ValidationRecord[] {
  const records: ValidationRecord[] = [];
  const fit = { ...opts.fit, ...sameForm(opts.spec) };
  const count = values.length >= MIN_YEARLY_DAYS ? VALIDATION_ORIGINS_LONG : VALIDATION_ORIGINS;
  for (const [i, { origin, windows }] of origins(values.length, count, opts.startMs).entries()) {
    if (origin < SELECT_MIN_HISTORY) break;
    const scored = windows.map((w, window) => ({ ...w, window })).filter((w) => origin + w.lead + w.days <= values.length);
    if (scored.length === 0) continue;
    const horizon = scored.at(-1)!.lead + scored.at(-1)!.days;
    const past = Float64Array.from(Array.prototype.slice.call(values, 0, origin) as number[]);
    const m = modelPoints(fitModel(past, fit, opts.startMs), (opts.startMs ?? 0) + origin * DAY_MS, horizon);
    const p = opts.peer?.(past, horizon);
    const rate = total(values, origin - SELECT_DAYS, origin) / SELECT_DAYS;
    for (const { lead, days, window } of scored) {
      const actual = total(values, origin + lead, origin + lead + days);
      if (!(actual > 0)) continue;
      const rel = (f: number) => (f - actual) / actual;
      let naive = 0;
      for (let t = lead; t < lead + days; t++) naive += values[origin - 7 + (t % 7)]!;
      const record: ValidationRecord = { lead, days, window, age: i + 1, model: rel(total(m, lead, lead + days)), runRate: rel(rate * days), naive: rel(naive) };
      if (p) record.peer = rel(total(p, lead, lead + days));
      records.push(record);
    }
  }
  return records;
}

/** Fits one daily series (see the module comment); `startMs` is the first value's day. */
export function fitSeries(values: ArrayLike<number>, opts: { fit?: FitOptions; startMs?: number; peer?: PeerForecaster } = {}): EtsModel {
  const model = fitModel(values, opts.fit, opts.startMs);
  model.validation = validate(values, { ...opts, spec: model.spec });
  model.blend = bestBlend(model.validation);
  return model;
}

/** Daily points of the simple candidates from a history: run rate (its last SELECT_DAYS days' mean) and seasonal naive (its last week repeated). */
function simplePoints(values: ArrayLike<number>, horizon: number): { runRate: Float64Array; naive: Float64Array } {
  const n = values.length;
  const span = Math.min(SELECT_DAYS, n);
  const rate = span > 0 ? total(values, n - span, n) / span : 0;
  const week = Math.min(7, n);
  return {
    runRate: new Float64Array(horizon).fill(rate),
    naive: Float64Array.from({ length: horizon }, (_, h) => (week > 0 ? Math.max(0, values[n - week + (h % week)]!) : 0)),
  };
}

/**
 * Per forecast day, what the model's simulated value is multiplied by: the
 * yearly factor, and where the series' blend gives other candidates a
 * share, the blended point over the
 * model's (bounded to 1/5…5 so a near-zero day cannot blow up).
 */
export function blendFactors(model: EtsModel, values: ArrayLike<number>, firstMs: number, horizon: number, peer?: PeerForecaster): Float64Array | undefined {
  const yearly = model.yearly ? factorsFrom(model.yearly, firstMs, horizon) : undefined;
  const w = model.blend ?? { model: 1 };
  if (horizon === 0 || w.model === 1) return yearly;
  // without the peer (its module failed to load) the model takes its share
  const candidates = { peer: w.peer && peer ? peer(Float64Array.from(values), horizon) : undefined, ...simplePoints(values, horizon) };
  const m = modelPoints(model, firstMs, horizon);
  return Float64Array.from(m, (mv, h) => {
    const base = yearly ? yearly[h]! : 1;
    if (!(mv > 0)) return base;
    const blended = (w.model ?? 0) * mv + (w.peer ?? 0) * (candidates.peer?.[h] ?? mv) + (w.runRate ?? 0) * candidates.runRate[h]! + (w.naive ?? 0) * candidates.naive[h]!;
    return Math.min(5, Math.max(0.2, blended / mv)) * base;
  });
}
