import { describe, expect, it } from 'vitest';
import { DAY_MS } from './forecast-numerics.ts';
import { blendFactors, fitSeries, modelPoints, validate, type PeerForecaster } from './forecast-fit-daily.ts';
import { forecastDaily } from './forecast.ts';
import { mstlPeer } from './forecast-mstl-node.ts';

const START = Date.UTC(2022, 0, 1);
/** Weekly pattern and a yearly swing: the model sees the week, the yearly part only from two years on. */
const series = (days: number) =>
  Array.from({ length: days }, (_, i) => 500 * (1 + 0.3 * Math.sin((2 * Math.PI * i) / 365.25)) * (i % 7 < 5 ? 1.1 : 0.75));

describe('fitSeries with a peer', () => {
  it('gives the point forecast to a peer that forecast the series better from its rolling origins, not to a worse one', () => {
    const y = series(400);
    const oracle: PeerForecaster = (h, horizon) => Float64Array.from({ length: horizon }, (_, k) => series(h.length + horizon)[h.length + k]!);
    const wrong: PeerForecaster = (_h, horizon) => new Float64Array(horizon).fill(1);
    const spec = fitSeries(y, { startMs: START }).spec;
    const records = validate(y, { startMs: START, peer: oracle, spec });
    // 400 days from 1 Jan 2022: the forecast starts on 5 Feb 2023, so the origins are the 5th of each month
    // before, while 90 days remain before them (5 Apr 2022 is day 94, 5 Mar day 63): ten; each scores the
    // rest of its month, the next month and the month after, as far as the history goes
    expect(records.filter((r) => r.window === 0)).toHaveLength(10);
    expect(records.filter((r) => r.window === 1)).toHaveLength(9);
    expect(records.filter((r) => r.window === 2)).toHaveLength(8);
    const latest = records.filter((r) => r.age === 1);
    expect(latest.map((r) => [r.window, r.lead, r.days])).toEqual([[0, 0, 27]]);
    expect(records.filter((r) => r.age === 3).map((r) => [r.window, r.lead, r.days])).toEqual([
      [0, 0, 26],
      [1, 26, 31],
      [2, 57, 31],
    ]);
    expect(Math.max(...records.map((r) => Math.abs(r.peer!)))).toBeLessThan(1e-9);
    // the run rate and seasonal naive of every record: the last 28 days' mean over the days, and the last week repeated
    const r0 = latest[0]!;
    const sum = (from: number, to: number) => y.slice(from, to).reduce((a, b) => a + b, 0);
    const origin = 369; // 5 Jan 2023
    const actual = sum(origin, origin + 27);
    expect(r0.runRate).toBeCloseTo(((sum(origin - 28, origin) / 28) * 27 - actual) / actual, 12);
    let naive = 0;
    for (let t = 0; t < 27; t++) naive += y[origin - 7 + (t % 7)]!;
    expect(r0.naive).toBeCloseTo((naive - actual) / actual, 12);
    expect(fitSeries(y, { startMs: START, peer: oracle }).blend).toEqual({ peer: 1 });
    expect(fitSeries(y, { startMs: START, peer: wrong }).blend!.peer).toBeUndefined();
    expect(fitSeries(y, { startMs: START }).blend!.peer).toBeUndefined();
  });

  it("the model's rolling-origin errors are its out-of-sample errors: a refit on the days before each origin", () => {
    const y = series(300);
    const model = fitSeries(y, { startMs: START });
    const records = model.validation!;
    // 300 days from 1 Jan 2022: the forecast starts on 28 Oct, the latest origin is 28 Sep (day 270), its first
    // window the rest of September (3 days); refit by hand on the same days, same form
    const past = y.slice(0, 270);
    const refit = fitSeries(past, { startMs: START, fit: { transforms: [model.spec.log ? 'log' : 'none'], trends: [model.spec.trend], seasonal: [model.spec.period > 1], holdout: 0 } });
    const forecast = modelPoints(refit, START + 270 * DAY_MS, 3).reduce((a, b) => a + b, 0);
    const actual = y.slice(270, 273).reduce((a, b) => a + b, 0);
    expect([records[0]!.lead, records[0]!.days, records[0]!.window]).toEqual([0, 3, 0]);
    expect(records[0]!.model).toBeCloseTo((forecast - actual) / actual, 9);
  });

  it("scales the model's simulated days to the chosen peer's points", () => {
    const y = series(400);
    const peer: PeerForecaster = (_h, horizon) => new Float64Array(horizon).fill(800);
    const model = { ...fitSeries(y, { startMs: START }), blend: { peer: 1 } };
    const first = START + y.length * DAY_MS;
    const f = blendFactors(model, y, first, 10, peer)!;
    const m = modelPoints(model, first, 10);
    for (let h = 0; h < 10; h++) expect(f[h]! * m[h]!).toBeCloseTo(800, 6);
    // run rate: the last 28 days' mean every day
    const rate = y.slice(-28).reduce((a, b) => a + b, 0) / 28;
    const g = blendFactors({ ...model, blend: { runRate: 1 } }, y, first, 40)!;
    const m40 = modelPoints(model, first, 40);
    for (let h = 0; h < 40; h++) expect(g[h]! * m40[h]!).toBeCloseTo(rate, 6);
    const fc = forecastDaily([{ key: 'x', values: y }], { start: '2022-01-01', throughMonth: '2023-03', level: 0.8, models: [model], peer, paths: 400 });
    const days = fc.total.monthly.reduce((a, mo) => a + mo.days, 0);
    const sum = fc.total.monthly.reduce((a, mo) => a + mo.mean, 0);
    expect(Math.abs(sum / days - 800) / 800).toBeLessThan(0.05);
  });

  it('with two years of history forecasts the yearly swing (the library as peer or not)', () => {
    const y = series(800);
    for (const peer of [undefined, mstlPeer]) {
      const fc = forecastDaily([{ key: 'x', values: y }], { start: '2022-01-01', throughMonth: '2024-12', level: 0.8, paths: 300, peer, dailyIntervals: false });
      // actual monthly sums of the same process
      const all = series(800 + 400);
      const firstMs = START + 800 * DAY_MS;
      for (const mo of fc.total.monthly.slice(1, 6)) {
        let actual = 0;
        for (let i = 800; i < all.length; i++) if (new Date(firstMs + (i - 800) * DAY_MS).toISOString().startsWith(mo.month)) actual += all[i]!;
        expect(Math.abs(mo.mean - actual) / actual).toBeLessThan(0.06);
      }
    }
  });
});
