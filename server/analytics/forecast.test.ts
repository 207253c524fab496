import { describe, expect, it } from 'vitest';
import {
  DAILY_FIT,
  adjustLevelShifts,
  cleanSpikes,
  detectLevelShifts,
  fitEts,
  forecastDaily,
  nelderMead,
  pointPath,
  rng,
  scenarios,
  simulateJoint,
  CALIBRATION_PRIOR,
  effectiveCalibration,
  type EtsModel,
} from './forecast.ts';

/** The model's in-sample 80% error quantile at lead 0 (the prior's other half). */
const inSample80 = (model: EtsModel) => effectiveCalibration(model).leads[0]!.inSample[1]!;

/** Standard normal draws from a seeded generator (Box–Muller). */
function normal(seed: number): () => number {
  const u = rng(seed);
  return () => Math.sqrt(-2 * Math.log(Math.max(u(), 1e-12))) * Math.cos(2 * Math.PI * u());
}

const WEEK = [60, 35, 10, 0, -15, -40, -50]; // sums to zero

/** Linear trend + additive weekly pattern + white noise. */
function additiveSeries(n: number, seed: number, sd = 10, slope = 2, level = 1000): { y: number[]; truth: (t: number) => number } {
  const z = normal(seed);
  const truth = (t: number) => level + slope * t + WEEK[t % 7]!;
  return { y: Array.from({ length: n }, (_, t) => truth(t) + sd * z()), truth };
}

describe('nelderMead', () => {
  it('finds the minimum of a shifted quadratic', () => {
    const r = nelderMead(([a, b]) => (a! - 3) ** 2 + 2 * (b! + 1) ** 2, [0, 0], { maxEvals: 1000, tol: 1e-14 });
    expect(r.x[0]).toBeCloseTo(3, 3);
    expect(r.x[1]).toBeCloseTo(-1, 3);
  });
});

describe('fitEts on synthetic daily series', () => {
  it('recovers a known trend and weekly pattern (additive)', () => {
    const { y, truth } = additiveSeries(364, 1);
    const m = fitEts(y, { ...DAILY_FIT, transforms: ['none'], trends: ['damped'], seasonal: [true] });
    expect(m.spec).toMatchObject({ trend: 'damped', period: 7, log: false });
    // the slope after the last day: 2 a day
    expect(m.slope).toBeGreaterThan(1.6);
    expect(m.slope).toBeLessThan(2.4);
    // the weekly states (season[j] is for day n + j) match the pattern within a few noise SDs of its mean
    const meanSeason = m.season.reduce((a, b) => a + b, 0) / 7;
    m.season.forEach((s, j) => expect(Math.abs(s - meanSeason - WEEK[(364 + j) % 7]!)).toBeLessThan(8));
    // four weeks ahead: within 1.5% of the truth every day
    const f = pointPath(m, 28);
    f.forEach((v, h) => expect(Math.abs(v / truth(364 + h) - 1)).toBeLessThan(0.015));
  });

  it('recovers exponential growth with a multiplicative weekly pattern (log form chosen by the criterion)', () => {
    const z = normal(2);
    const growth = 0.002; // a day, about 6% a month
    const truth = (t: number) => 1000 * Math.exp(growth * t) * (1 + WEEK[t % 7]! / 400);
    const y = Array.from({ length: 364 }, (_, t) => truth(t) * Math.exp(0.02 * z()));
    const m = fitEts(y, DAILY_FIT);
    expect(m.spec.period).toBe(7);
    if (m.spec.log) {
      expect(m.slope).toBeGreaterThan(0.0012);
      expect(m.slope).toBeLessThan(0.0028);
    }
    const f = pointPath(m, 28);
    const sum = (xs: ArrayLike<number>) => Array.from(xs).reduce((a, b) => a + b, 0);
    const actual = sum(Array.from({ length: 28 }, (_, h) => truth(364 + h)));
    expect(Math.abs(sum(f) / actual - 1)).toBeLessThan(0.02);
    // weekday shape: the ratio of the busiest to the quietest forecast day is the true one (±3%)
    const week = Array.from(f.slice(0, 7));
    const trueWeek = Array.from({ length: 7 }, (_, h) => truth(364 + h));
    expect(Math.max(...week) / Math.min(...week)).toBeCloseTo(Math.max(...trueWeek) / Math.min(...trueWeek), 1);
  });

  it('prefers the seasonal form when there is a weekly pattern, and none when there is not', () => {
    const seasonal = fitEts(additiveSeries(200, 3).y, { period: 7, criterion: 'lik' });
    expect(seasonal.spec.period).toBe(7);
    const z = normal(4);
    const flat = fitEts(
      Array.from({ length: 200 }, () => 500 + 10 * z()),
      { period: 7, criterion: 'lik' },
    );
    expect(flat.spec.period).toBe(0);
  });

  it('falls back to simpler forms on short series and copes with zeros', () => {
    expect(fitEts([5, 6, 7]).spec).toMatchObject({ trend: 'none', period: 0 });
    const m = fitEts([0, 0, 10, 0, 0, 12, 0, 0, 9, 0, 0, 11], { period: 7 });
    expect(m.spec.period).toBe(0);
    expect(Number.isFinite(pointPath(m, 5)[4]!)).toBe(true);
  });
});

describe('prediction intervals', () => {
  // 60 fits and 30,000 simulated paths: about a minute on a busy 2-core machine.
  it('cover close to nominal on synthetic noise, day by day and for four-week totals', { timeout: 180_000 }, () => {
    // Trend + weekly pattern + white noise, 60 replications, fitted as daily
    // cost is (DAILY_FIT); 28 days ahead.
    // (With a level that itself wanders, four-week totals come out under-
    // covered by several points: the smoothing parameters' own uncertainty is
    // not simulated.)
    const levels = [0.8, 0.95];
    const reps = 60;
    const horizon = 28;
    const daily = [0, 0];
    const monthly = [0, 0];
    let days = 0;
    for (let r = 0; r < reps; r++) {
      const { y } = additiveSeries(196 + horizon, 100 + r, 20, 1);
      const model = fitEts(y.slice(0, 196), DAILY_FIT);
      const sim = simulateJoint([model], horizon, {
        paths: 500,
        seed: r,
        levels,
        buckets: new Array<number>(horizon).fill(0),
        bucketCount: 1,
      });
      const s = sim.series[0]!;
      for (let h = 0; h < horizon; h++) {
        const actual = y[196 + h]!;
        s.steps[h]!.intervals.forEach((iv, k) => {
          if (actual >= iv.lower && actual <= iv.upper) daily[k]!++;
        });
        days++;
      }
      const total = y.slice(196).reduce((a, b) => a + b, 0);
      s.buckets[0]!.intervals.forEach((iv, k) => {
        if (total >= iv.lower && total <= iv.upper) monthly[k]!++;
      });
    }
    levels.forEach((level, k) => {
      expect(Math.abs(daily[k]! / days - level), `daily ${level}`).toBeLessThan(0.05);
      expect(Math.abs(monthly[k]! / reps - level), `four-week total ${level}`).toBeLessThan(0.1);
    });
  });

  it('widen with the level and with the horizon', () => {
    const { y } = additiveSeries(200, 5, 30);
    const model = fitEts(y, { period: 7, criterion: 'lik' });
    const sim = simulateJoint([model], 60, { paths: 2000, levels: [0.5, 0.8, 0.95] });
    const width = (h: number, k: number) => sim.series[0]!.steps[h]!.intervals[k]!.upper - sim.series[0]!.steps[h]!.intervals[k]!.lower;
    expect(width(0, 0)).toBeLessThan(width(0, 1));
    expect(width(0, 1)).toBeLessThan(width(0, 2));
    expect(width(0, 2)).toBeLessThan(width(59, 2));
  });
});

describe('interval calibration in simulateJoint', () => {
  it('scales a month to the errors measured in its window, level by level, wider or narrower, and keeps its mean', () => {
    const { y } = additiveSeries(300, 9, 30);
    const model = fitEts(y, { ...DAILY_FIT, transforms: ['log'] });
    const buckets = Int32Array.from({ length: 15 }, () => 0);
    const plain = simulateJoint([model], 15, { paths: 2000, levels: [0.8, 0.95], buckets, bucketCount: 1, seed: 5 });
    // out-of-sample errors of ±30% in window 0 (far beyond the simulated spread) on top of the in-sample ones
    const validation = Array.from({ length: 12 }, (_, i) => ({ lead: 0, window: 0, model: i % 2 ? 0.3 : -0.3 }));
    const wide = simulateJoint([{ ...model, validation }], 15, { paths: 2000, levels: [0.8, 0.95], buckets, bucketCount: 1, seed: 5 });
    const [p, w] = [plain.series[0]!.buckets[0]!, wide.series[0]!.buckets[0]!];
    // (the lowest of the paths widened to ±100% at 99% are clipped at zero, which lifts the mean a little)
    expect(Math.abs(w.mean / p.mean - 1)).toBeLessThan(0.03);
    // the 80% interval reaches about ±30% of the (15-day) mean: the records dominate the pooled quantile
    const half = (iv: { lower: number; upper: number }) => (iv.upper - iv.lower) / 2 / w.mean;
    expect(half(w.intervals[0]!)).toBeGreaterThan(0.25);
    expect(half(w.intervals[0]!)).toBeGreaterThan(3 * half(p.intervals[0]!));
    expect(half(w.intervals[1]!)).toBeGreaterThanOrEqual(half(w.intervals[0]!));
    // a day's paths take the same widening, so the days still add up to the month
    expect(Math.abs(wide.series[0]!.steps.reduce((a, st) => a + st.mean, 0) / w.mean - 1)).toBeLessThan(0.03);
    // errors of ±0.1% narrow it: a dozen records against a prior of CALIBRATION_PRIOR (the simulation)
    const small = Array.from({ length: 12 }, (_, i) => ({ lead: 0, window: 0, model: i % 2 ? 0.001 : -0.001 }));
    const narrow = simulateJoint([{ ...model, validation: small }], 15, { paths: 2000, levels: [0.8, 0.95], buckets, bucketCount: 1, seed: 5 }).series[0]!.buckets[0]!;
    // the plain month is the prior (the simulation, widened to the in-sample errors); pooled, √(2/14) ≈ 0.38 of it
    expect(half(p.intervals[0]!)).toBeGreaterThanOrEqual(0.95 * inSample80(model));
    expect(half(narrow.intervals[0]!)).toBeLessThan(1.5 * Math.sqrt(CALIBRATION_PRIOR / (CALIBRATION_PRIOR + 12)) * half(p.intervals[0]!));
    expect(Math.abs(narrow.mean / p.mean - 1)).toBeLessThan(0.002);
  });
});

describe('cleanSpikes', () => {
  it('replaces a three-day spike and keeps a lasting step', () => {
    const { y } = additiveSeries(200, 6);
    const spiky = y.map((v, t) => (t >= 60 && t < 63 ? v * 2.5 : t >= 120 ? v + 600 : v));
    const c = cleanSpikes(spiky, { period: 7 });
    for (const t of [60, 61, 62]) {
      expect(c.flagged[t]).toBe(1);
      expect(Math.abs(c.values[t]! / y[t]! - 1)).toBeLessThan(0.05);
    }
    // the step at day 120 stays
    for (let t = 118; t < 200; t++) expect(c.values[t]).toBe(spiky[t]);
    expect(c.count).toBeLessThan(8);
  });

  it('leaves the last days alone, and the fit does not chase a spike there', () => {
    const { y, truth } = additiveSeries(200, 7);
    const spiky = y.map((v, t) => (t >= 195 ? v * 2.4 : v));
    expect(cleanSpikes(spiky, { period: 7 }).flagged.slice(193).every((f) => f === 0)).toBe(true);
    const m = fitEts(spiky, DAILY_FIT);
    const f = pointPath(m, 28);
    // 28 days on, the forecast is near the pre-spike course, not 2.4 times it
    expect(f[27]! / truth(227)).toBeLessThan(1.15);
  });
});

describe('level shifts', () => {
  // a flat business (no trend) that launches two resources: +30% on day 120, +20% on day 200
  const stepped = (seed: number) => {
    const { y } = additiveSeries(280, seed, 10, 0);
    const level = (t: number) => (t >= 200 ? 1.3 * 1.2 : t >= 120 ? 1.3 : 1);
    return { y: y.map((v, t) => v * level(t)), level };
  };

  it('finds each launch within a day and measures its size', () => {
    const { y } = stepped(11);
    const shifts = detectLevelShifts(y);
    expect(shifts).toHaveLength(2);
    expect(Math.abs(shifts[0]!.at - 120)).toBeLessThanOrEqual(1);
    expect(Math.abs(shifts[1]!.at - 200)).toBeLessThanOrEqual(1);
    expect(shifts[0]!.ratio).toBeCloseTo(1.3, 1);
    expect(shifts[1]!.ratio).toBeCloseTo(1.2, 1);
    // the adjusted history sits at the latest level throughout
    const adjusted = adjustLevelShifts(y, shifts);
    const mean = (from: number, to: number) => adjusted.slice(from, to).reduce((a, b) => a + b, 0) / (to - from);
    expect(mean(0, 112) / mean(210, 280)).toBeCloseTo(1, 1);
  });

  it('finds none in a growing, noisy or lumpy series', () => {
    // steady growth of 6% a month with a weekly pattern
    const z = normal(12);
    expect(detectLevelShifts(Array.from({ length: 365 }, (_, t) => 1000 * Math.exp(0.002 * t) * (1 + WEEK[t % 7]! / 400) * Math.exp(0.03 * z())))).toEqual([]);
    expect(detectLevelShifts(additiveSeries(365, 13, 40).y)).toEqual([]);
    // training-like: jobs of random size running for days
    const u = rng(14);
    const jobs = new Array<number>(365).fill(0);
    for (let d = 0; d < 365; d++)
      if (u() < 0.8) {
        const size = 200 + 2000 * u() ** 2;
        for (let k = 0; k < 1 + Math.floor(5 * u()) && d + k < 365; k++) jobs[d + k]! += size;
      }
    expect(detectLevelShifts(jobs)).toEqual([]);
  });

  it('moves the level, not the trend: the forecast after a launch stays flat', () => {
    const { y, level } = stepped(15);
    const m = fitEts(y, DAILY_FIT);
    expect(m.levelShifts.map((s) => s.at)).toHaveLength(2);
    const f = pointPath(m, 90);
    const total = (from: number, to: number) => Array.from(f.slice(from, to)).reduce((a, b) => a + b, 0);
    // the third month ahead is within 3% of the true (flat) level, not two more launches on
    const truth = 1000 * level(279) * 28;
    expect(Math.abs(total(56, 84) / truth - 1)).toBeLessThan(0.03);
    // the same fit without the adjustment takes the launches for growth
    const plain = fitEts(y, { ...DAILY_FIT, levelShifts: false });
    expect(Array.from(pointPath(plain, 84).slice(56)).reduce((a, b) => a + b, 0) / truth).toBeGreaterThan(1.03);
  });

  it('extends the interval calibration of a short history to longer leads, growing with the lead', () => {
    const short = fitEts(stepped(17).y.slice(0, 110), DAILY_FIT);
    const long = fitEts(stepped(17).y, DAILY_FIT);
    expect(long.calibration.every((c) => !c.extrapolated)).toBe(true);
    const measured = short.calibration.filter((c) => !c.extrapolated);
    const extended = short.calibration.filter((c) => c.extrapolated);
    expect(measured.length).toBeGreaterThan(0);
    expect(extended.length).toBeGreaterThan(0);
    expect(short.calibration.map((c) => c.lead)).toEqual([0, 28, 56, 84]);
    for (let i = 1; i < short.calibration.length; i++)
      if (short.calibration[i]!.extrapolated) expect(short.calibration[i]!.rmse).toBeGreaterThan(short.calibration[i - 1]!.rmse);
  });

  it('keeps the launches in the interval calibration: a stepped history gets wider monthly intervals than its adjusted copy', () => {
    const { y } = stepped(16);
    const m = fitEts(y, DAILY_FIT);
    const calm = fitEts(adjustLevelShifts(y, m.levelShifts), DAILY_FIT);
    expect(calm.levelShifts).toEqual([]);
    const last = (model: typeof m) => model.calibration.at(-1)!.rmse;
    expect(last(m)).toBeGreaterThan(2 * last(calm));
  });
});

describe('forecastDaily', () => {
  const series = ['a', 'b', 'c'].map((key, i) => ({ key, values: additiveSeries(120, 10 + i, 10, i).y }));

  it('sums to calendar months, the total being the sum of the series', () => {
    // 120 days from 2024-01-01: the data end on 2024-04-29, so April has one day left
    const f = forecastDaily(series, { start: '2024-01-01', throughMonth: '2024-06', level: 0.9, paths: 500 });
    expect(f.firstDay).toBe('2024-04-30');
    expect(f.total.monthly.map((m) => [m.month, m.days])).toEqual([
      ['2024-04', 1],
      ['2024-05', 31],
      ['2024-06', 30],
    ]);
    expect(f.total.daily).toHaveLength(62);
    f.total.monthly.forEach((m, i) => {
      const parts = f.series.reduce((a, s) => a + s.monthly[i]!.mean, 0);
      expect(m.mean).toBeCloseTo(parts, 6);
      expect(m.lower).toBeLessThanOrEqual(m.mean);
      expect(m.upper).toBeGreaterThanOrEqual(m.mean);
    });
    f.total.daily.forEach((d, h) => expect(d.mean).toBeCloseTo(f.series.reduce((a, s) => a + s.daily[h]!.mean, 0), 6));
  });

  it('applies day factors and the share of a day in progress, and is deterministic', () => {
    const opts = { start: '2024-01-01', throughMonth: '2024-05', level: 0.9, paths: 300, dailyIntervals: false } as const;
    const base = forecastDaily(series, opts);
    const again = forecastDaily(series, opts);
    expect(again.total.monthly).toEqual(base.total.monthly);
    const models = base.series.map((s) => s.model);
    const scaled = forecastDaily(series, { ...opts, models, dayFactors: new Array<number>(40).fill(150), firstDayShare: 0.5 });
    expect(scaled.total.monthly[1]!.mean / base.total.monthly[1]!.mean).toBeCloseTo(150, 6);
    expect(scaled.total.daily[0]!.mean / base.total.daily[0]!.mean).toBeCloseTo(75, 6);
  });
});

describe('scenarios', () => {
  it('slices the outcomes low to high with the given probabilities; the weighted totals give the mean', () => {
    const u = rng(9);
    const months = [Float64Array.from({ length: 1000 }, () => 100 + 20 * u()), Float64Array.from({ length: 1000 }, () => 120 + 40 * u())];
    const [opt, exp, pes] = scenarios(months, [50, 0], 2, [0.2, 0.6, 0.2]);
    expect(opt!.total).toBeLessThan(exp!.total);
    expect(exp!.total).toBeLessThan(pes!.total);
    expect(opt!.probability + exp!.probability + pes!.probability).toBeCloseTo(1, 12);
    const meanTotal = months[0]!.reduce((a, b) => a + b, 0) / 1000 + 50 + months[1]!.reduce((a, b) => a + b, 0) / 1000;
    expect(0.2 * opt!.total + 0.6 * exp!.total + 0.2 * pes!.total).toBeCloseTo(meanTotal, 6);
    expect(opt!.months[0]! + opt!.months[1]!).toBeCloseTo(opt!.total, 6);
  });
});
