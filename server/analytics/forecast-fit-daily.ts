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
 * out-of-sample errors choose how much of the point forecast the peer gives
 * (none, half or all: chooseWeight) and calibrate the intervals'
 * width at each lead (effectiveCalibration). The peer's share then scales
 * the model's simulated paths day by day (peerFactors), so intervals keep
 * the model's relative spread, widened to the measured errors. Measured by
 * bench:forecast. Pure (the peer is passed in).
 */
import { DAY_MS } from './forecast-numerics.ts';
import { fitEts, pointPath, type EtsModel, type EtsSpec, type FitOptions } from './forecast-ets.ts';
import { MIN_YEARLY_DAYS, factorsFrom, yearlyFactors } from './forecast-yearly.ts';
import { chooseWeight, type ValidationRecord } from './forecast-validate.ts';

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
 * yearly factors over it too (about twenty times the cost of a year's refit):
 * fewer records, the intervals then lean more on the in-sample errors.
 */
export const VALIDATION_ORIGINS_LONG = 3;
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
    for (const lead of leads) {
      const actual = total(values, origin + lead, origin + lead + SELECT_DAYS);
      if (!(actual > 0)) continue;
      const record: ValidationRecord = { lead, model: (total(m, lead, lead + SELECT_DAYS) - actual) / actual };
      if (p) record.peer = (total(p, lead, lead + SELECT_DAYS) - actual) / actual;
      records.push(record);
    }
  }
  return records;
}

/** Fits one daily series (see the module comment); `startMs` is the first value's day. */
export function fitSeries(values: ArrayLike<number>, opts: { fit?: FitOptions; startMs?: number; peer?: PeerForecaster } = {}): EtsModel {
  const model = fitModel(values, opts.fit, opts.startMs);
  model.validation = validate(values, { ...opts, spec: model.spec });
  model.peerWeight = opts.peer ? chooseWeight(model.validation) : 0;
  return model;
}

/**
 * Per forecast day, what the model's simulated value is multiplied by: the
 * yearly factor, and where the peer has a weight w, the combined point
 * ((1 − w)·model + w·peer) over the model's (each bounded to 1/5…5 so a
 * near-zero day cannot blow up).
 */
export function peerFactors(model: EtsModel, values: ArrayLike<number>, firstMs: number, horizon: number, peer?: PeerForecaster): Float64Array | undefined {
  const yearly = model.yearly ? factorsFrom(model.yearly, firstMs, horizon) : undefined;
  const w = model.peerWeight ?? 0;
  if (!(w > 0) || !peer || horizon === 0) return yearly;
  const p = peer(Float64Array.from(values), horizon);
  const m = modelPoints(model, firstMs, horizon);
  return Float64Array.from(m, (mv, h) => {
    const base = yearly ? yearly[h]! : 1;
    if (!(mv > 0)) return base;
    return Math.min(5, Math.max(0.2, ((1 - w) * mv + w * p[h]!) / mv)) * base;
  });
}
