import { describe, expect, it } from 'vitest';
import { DAY_MS } from './forecast-numerics.ts';
import { fitSeries, modelPoints, peerFactors, validate, type PeerForecaster } from './forecast-fit-daily.ts';
import { forecastDaily } from './forecast.ts';
import { mstlPeer } from './forecast-mstl.ts';

const START = Date.UTC(2022, 0, 1);
/** Weekly pattern and a yearly swing: the model sees the week, the yearly part only from two years on. */
const series = (days: number) =>
  Array.from({ length: days }, (_, i) => 500 * (1 + 0.3 * Math.sin((2 * Math.PI * i) / 365.25)) * (i % 7 < 5 ? 1.1 : 0.75));

describe('fitSeries with a peer', () => {
  it('hands the series to a peer that forecasts it better on its recent months, not to a worse one', () => {
    const y = series(400);
    const oracle: PeerForecaster = (h, horizon) => Float64Array.from({ length: horizon }, (_, k) => series(h.length + horizon)[h.length + k]!);
    const wrong: PeerForecaster = (_h, horizon) => new Float64Array(horizon).fill(1);
    const v = validate(y, { startMs: START, peer: oracle });
    expect(v.origins).toBe(3);
    expect(v.peer).toBeLessThan(1e-9);
    expect(fitSeries(y, { startMs: START, peer: oracle }).peer).toBe(true);
    expect(fitSeries(y, { startMs: START, peer: wrong }).peer).toBeFalsy();
  });

  it("scales the model's simulated days to the chosen peer's points", () => {
    const y = series(400);
    const peer: PeerForecaster = (_h, horizon) => new Float64Array(horizon).fill(800);
    const model = { ...fitSeries(y, { startMs: START }), peer: true };
    const first = START + y.length * DAY_MS;
    const f = peerFactors(model, y, first, 10, peer)!;
    const m = modelPoints(model, first, 10);
    for (let h = 0; h < 10; h++) expect(f[h]! * m[h]!).toBeCloseTo(800, 6);
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
