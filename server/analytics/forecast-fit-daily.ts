/**
 * How one daily cost series is fitted: the ETS model (DAILY_FIT), with
 * yearly seasonality taken out first when the history spans two years
 * (forecast-yearly.ts), and optionally a peer forecaster (the server uses
 * MSTL + AutoETS from @bsull/augurs, forecast-mstl.ts) that takes over the
 * series' point forecast when it did better on the series' own recent
 * months: from each of the SELECT_ORIGINS origins 28, 56 and 84 days before
 * the end, both forecast the next 28 days (four whole weeks), and the one
 * with the lower mean absolute percentage error of those totals is chosen.
 * The chosen peer's daily points then scale the model's simulated paths
 * (peerFactors), so intervals keep the model's calibrated relative spread.
 * Measured by bench:forecast. Pure (the peer is passed in).
 */
import { DAY_MS } from './forecast-numerics.ts';
import { fitEts, pointPath, type EtsModel, type FitOptions } from './forecast-ets.ts';
import { factorsFrom, yearlyFactors } from './forecast-yearly.ts';

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

export const SELECT_ORIGINS = 3;
export const SELECT_DAYS = 28;
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

/** Mean absolute percentage errors of the model and the peer on the series' last SELECT_ORIGINS four-week totals. */
export function validate(
  values: ArrayLike<number>,
  opts: { fit?: FitOptions; startMs?: number; peer: PeerForecaster },
): { model: number; peer: number; origins: number } {
  let model = 0;
  let peer = 0;
  let origins = 0;
  for (let k = 1; k <= SELECT_ORIGINS; k++) {
    const origin = values.length - k * SELECT_DAYS;
    if (origin < SELECT_MIN_HISTORY) break;
    let actual = 0;
    for (let t = origin; t < origin + SELECT_DAYS; t++) actual += values[t]!;
    if (!(actual > 0)) continue;
    const past = Float64Array.from(Array.prototype.slice.call(values, 0, origin) as number[]);
    const m = fitModel(past, opts.fit, opts.startMs);
    const firstMs = (opts.startMs ?? 0) + origin * DAY_MS;
    const mSum = modelPoints(m, firstMs, SELECT_DAYS).reduce((a, b) => a + b, 0);
    const pSum = opts.peer(past, SELECT_DAYS).reduce((a, b) => a + b, 0);
    model += Math.abs(mSum - actual) / actual;
    peer += Math.abs(pSum - actual) / actual;
    origins++;
  }
  return origins ? { model: model / origins, peer: peer / origins, origins } : { model: NaN, peer: NaN, origins };
}

/** Fits one daily series (see the module comment); `startMs` is the first value's day. */
export function fitSeries(values: ArrayLike<number>, opts: { fit?: FitOptions; startMs?: number; peer?: PeerForecaster } = {}): EtsModel {
  const model = fitModel(values, opts.fit, opts.startMs);
  if (opts.peer) {
    const v = validate(values, { fit: opts.fit, startMs: opts.startMs, peer: opts.peer });
    if (v.origins > 0 && v.peer < v.model) model.peer = true;
  }
  return model;
}

/**
 * Per forecast day, what the model's simulated value is multiplied by: the
 * yearly factor, or where the peer was chosen, the peer's point over the
 * model's (each bounded to 1/5…5 so a near-zero day cannot blow up).
 */
export function peerFactors(model: EtsModel, values: ArrayLike<number>, firstMs: number, horizon: number, peer?: PeerForecaster): Float64Array | undefined {
  const yearly = model.yearly ? factorsFrom(model.yearly, firstMs, horizon) : undefined;
  if (!model.peer || !peer || horizon === 0) return yearly;
  const p = peer(Float64Array.from(values), horizon);
  const m = modelPoints(model, firstMs, horizon);
  return Float64Array.from(m, (mv, h) => {
    const base = yearly ? yearly[h]! : 1;
    if (!(mv > 0)) return base;
    return Math.min(5, Math.max(0.2, p[h]! / mv)) * base;
  });
}
