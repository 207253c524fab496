/**
 * How one daily cost series is fitted: the ETS model (DAILY_FIT), with
 * yearly seasonality taken out first when the history spans two years
 * (forecast-yearly.ts), then measured on the series' own history from
 * rolling origins (validate): every SELECT_DAYS days back, up to
 * VALIDATION_ORIGINS origins (VALIDATION_ORIGINS_LONG from two years of
 * history) with SELECT_MIN_HISTORY days before them, the model is refitted
 * (its chosen form, new parameters and yearly factors) on the days before
 * the origin and, with a peer forecaster (the server uses
 * MSTL + AutoETS from @bsull/augurs, forecast-mstl.ts), the peer too; both
 * forecast the SELECT_DAYS-day totals at leads 0, 28 and 56 days. Those
 * out-of-sample errors, with those of run rate (the last SELECT_DAYS days'
 * total) and seasonal naive (the last week repeated), choose per lead the
 * blend that gives the point forecast (chooseBlend: the model, the peer,
 * their equal-weight combination, run rate or seasonal naive, recent origins
 * weighing more) and calibrate the intervals' width at each lead
 * (effectiveCalibration). The blend then scales the model's simulated paths
 * day by day (blendFactors), so intervals keep the model's relative spread,
 * scaled to the measured errors. Measured by
 * bench:forecast. Pure (the peer is passed in).
 */
import { DAY_MS } from './forecast-numerics.ts';
import { fitEts, pointPath, type EtsModel, type EtsSpec, type FitOptions } from './forecast-ets.ts';
import { MIN_YEARLY_DAYS, factorsFrom, yearlyFactors } from './forecast-yearly.ts';
import { blendAt, chooseBlend, type ValidationRecord } from './forecast-validate.ts';

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

/** The series' rolling-origin errors (see the module comment); `spec` is the form the whole history chose. */
export function validate(
  values: ArrayLike<number>,
  opts: { fit?: FitOptions; startMs?: number; peer?: PeerForecaster; spec: EtsSpec },
): ValidationRecord[] {
  const records: ValidationRecord[] = [];
  const fit = { ...opts.fit, ...sameForm(opts.spec) };
  const origins = values.length >= MIN_YEARLY_DAYS ? VALIDATION_ORIGINS_LONG : VALIDATION_ORIGINS;
  for (let k = 1; k <= origins; k++) {
    const origin = values.length - k * SELECT_DAYS;
    if (origin < SELECT_MIN_HISTORY) break;
    const leads = VALIDATION_LEADS.filter((lead) => origin + lead + SELECT_DAYS <= values.length);
    const horizon = leads.at(-1)! + SELECT_DAYS;
    const past = Float64Array.from(Array.prototype.slice.call(values, 0, origin) as number[]);
    const m = modelPoints(fitModel(past, fit, opts.startMs), (opts.startMs ?? 0) + origin * DAY_MS, horizon);
    const p = opts.peer?.(past, horizon);
    const runRate = total(values, origin - SELECT_DAYS, origin);
    const naive = (SELECT_DAYS / 7) * total(values, origin - 7, origin);
    for (const lead of leads) {
      const actual = total(values, origin + lead, origin + lead + SELECT_DAYS);
      if (!(actual > 0)) continue;
      const rel = (f: number) => (f - actual) / actual;
      const record: ValidationRecord = { lead, age: k, model: rel(total(m, lead, lead + SELECT_DAYS)), runRate: rel(runRate), naive: rel(naive) };
      if (p) record.peer = rel(total(p, lead, lead + SELECT_DAYS));
      records.push(record);
    }
  }
  return records;
}

/** Fits one daily series (see the module comment); `startMs` is the first value's day. */
export function fitSeries(values: ArrayLike<number>, opts: { fit?: FitOptions; startMs?: number; peer?: PeerForecaster } = {}): EtsModel {
  const model = fitModel(values, opts.fit, opts.startMs);
  model.validation = validate(values, { ...opts, spec: model.spec });
  model.blend = chooseBlend(model.validation, VALIDATION_LEADS);
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
 * yearly factor, and where the blend in force that day (the lead segment it
 * falls in) gives other candidates a share, the blended point over the
 * model's (bounded to 1/5…5 so a near-zero day cannot blow up).
 */
export function blendFactors(model: EtsModel, values: ArrayLike<number>, firstMs: number, horizon: number, peer?: PeerForecaster): Float64Array | undefined {
  const yearly = model.yearly ? factorsFrom(model.yearly, firstMs, horizon) : undefined;
  const weights = Array.from({ length: horizon }, (_, h) => blendAt(model.blend, h));
  const usesPeer = weights.some((w) => w.peer);
  if (horizon === 0 || weights.every((w) => w.model === 1)) return yearly;
  // without the peer (its module failed to load) the model takes its share
  const candidates = { peer: usesPeer && peer ? peer(Float64Array.from(values), horizon) : undefined, ...simplePoints(values, horizon) };
  const m = modelPoints(model, firstMs, horizon);
  return Float64Array.from(m, (mv, h) => {
    const base = yearly ? yearly[h]! : 1;
    if (!(mv > 0)) return base;
    const w = weights[h]!;
    const blended = (w.model ?? 0) * mv + (w.peer ?? 0) * (candidates.peer?.[h] ?? mv) + (w.runRate ?? 0) * candidates.runRate[h]! + (w.naive ?? 0) * candidates.naive[h]!;
    return Math.min(5, Math.max(0.2, blended / mv)) * base;
  });
}
