import { describe, expect, it } from 'vitest';
import {
  BLENDS,
  CALIBRATION_LEVELS,
  CALIBRATION_PRIOR,
  CHOICE_MARGIN,
  ERROR_SHAPE,
  smallSampleFactors,
  MIN_CHOICE_RECORDS,
  atLevel,
  bestBlend,
  effectiveCalibration,
  servedError,
  targetQuantiles,
  type ValidationRecord,
} from './forecast-validate.ts';

/** Records at `lead` whose model errors are `errors`, the other candidates' from f. */
const records = (errors: number[], f: (e: number) => Omit<ValidationRecord, 'lead' | 'model' | 'age'>, lead = 0): ValidationRecord[] =>
  errors.map((e, i) => ({ lead, age: i + 1, model: e, ...f(e) }));
const six = [0.1, -0.12, 0.08, 0.1, -0.09, 0.11];

describe('bestBlend and chooseBlend', () => {
  it('picks the blend with the lowest mean absolute error, by a margin over the model: the peer, the combination, run rate', () => {
    expect(bestBlend(records(six, (e) => ({ peer: e / 10 })))).toEqual({ peer: 1 });
    // opposite errors: the equal-weight combination cancels them
    expect(bestBlend(records(six, (e) => ({ peer: -e })))).toEqual({ model: 0.5, peer: 0.5 });
    expect(bestBlend(records(six, (e) => ({ peer: 5 * e, runRate: e / 4, naive: e / 100 })))).toEqual({ runRate: 1 });
    // seasonal naive is recorded, never chosen
    expect(bestBlend(records(six, (e) => ({ peer: 5 * e, runRate: 3 * e, naive: e / 100 })))).toEqual({ model: 1 });
    // better, but not by the margin: the model stays
    expect(bestBlend(records(six, (e) => ({ peer: (e / CHOICE_MARGIN) * 1.05 })))).toEqual({ model: 1 });
    expect(bestBlend(records(six, (e) => ({ peer: (e / CHOICE_MARGIN) * 0.95 })))).toEqual({ peer: 1 });
  });

  it('weighs recent origins more', () => {
    // the peer is far better at the three latest origins, far worse at the three older ones, by the same amounts
    const r: ValidationRecord[] = Array.from({ length: 6 }, (_, i) => ({ lead: 0, age: i + 1, model: 0.3, peer: i < 3 ? 0 : 0.5 }));
    // unweighted the peer's mean error (0.25) misses the margin (0.3 / 1.5 = 0.2); 0.85^age tips it
    expect(bestBlend(r.map(({ age: _age, ...rest }) => rest))).toEqual({ model: 1 });
    expect(bestBlend(r)).toEqual({ peer: 1 });
  });

  it(`keeps the model with fewer than ${MIN_CHOICE_RECORDS} records, and a blend needs every record to have its candidates`, () => {
    expect(bestBlend(records(six.slice(0, MIN_CHOICE_RECORDS - 1), () => ({ peer: 0 })))).toEqual({ model: 1 });
    expect(bestBlend(records(six, () => ({})))).toEqual({ model: 1 });
  });

  it('every blend shares the point forecast out in full', () => {
    for (const w of BLENDS) expect(Object.values(w).reduce((a, b) => a + b, 0)).toBe(1);
    expect(servedError({ lead: 0, model: 3, peer: 1 }, { model: 0.5, peer: 0.5 })).toBe(2);
    expect(servedError({ lead: 0, model: 3, runRate: -1 }, { runRate: 1 })).toBe(-1);
  });
});

describe('effectiveCalibration', () => {
  // in-sample relative errors ±0.01 … ±1.00 at leads 0 and 28; 56 and 84 too short to measure
  const errors = Float64Array.from({ length: 100 }, (_, i) => ((i % 2 ? -1 : 1) * (i + 1)) / 100);
  const calibration = [
    { lead: 0, rmse: 0.58, errors },
    { lead: 28, rmse: 0.58, errors },
    { lead: 56, rmse: 1.16, extrapolated: true },
    { lead: 84, rmse: 1.74, extrapolated: true },
  ];

  it('Laplace quantiles over the RMS: about 1.14 at 80% and 2.12 at 95%', () => {
    expect(ERROR_SHAPE[1]).toBeCloseTo(1.138, 3);
    expect(ERROR_SHAPE[3]).toBeCloseTo(2.118, 3);
  });

  it('small-sample widening: Student t over normal quantiles (tables: t₈ 1.397 and 2.306, z 1.2816 and 1.960), shrinking towards 1 with records', () => {
    const f = smallSampleFactors(8);
    expect(f[1]).toBeCloseTo(1.397 / 1.2816, 3);
    expect(f[3]).toBeCloseTo(2.306 / 1.96, 3);
    const [f2, f14, f1000] = [2, 14, 1000].map((d) => smallSampleFactors(d)[3]!);
    expect(f2).toBeGreaterThan(2);
    expect(f14).toBeCloseTo(2.145 / 1.96, 3);
    expect(f1000).toBeCloseTo(1, 2);
    expect(smallSampleFactors(0)).toEqual(CALIBRATION_LEVELS.map(() => 1));
  });

  it('in sample: the quantiles of the absolute errors, the extrapolated leads scaled by their error; no windows without records', () => {
    const { leads, windows } = effectiveCalibration({ calibration, validation: [] });
    expect(leads.map((c) => c.lead)).toEqual([0, 28, 56, 84]);
    // the smallest |e| with at least level × 100 of the 100 errors at or below it
    expect(leads[0]!.inSample).toEqual(CALIBRATION_LEVELS.map((l) => expect.closeTo(Math.ceil(l * 100 - 1e-9) / 100, 12) as unknown as number));
    leads[2]!.inSample.forEach((q, k) => expect(q).toBeCloseTo(2 * leads[0]!.inSample[k]!, 12));
    leads[3]!.inSample.forEach((q, k) => expect(q).toBeCloseTo(3 * leads[0]!.inSample[k]!, 12));
    expect(windows).toEqual([]);
    // and then the target is the simulation, widened where the in-sample errors are larger
    const simulated = [0.1, 0.9, 0.9, 0.9, 0.9];
    expect(targetQuantiles({ simulated, inSample: leads[0]!.inSample, middle: 14 })).toEqual(simulated.map((q, k) => Math.max(q, leads[0]!.inSample[k]!)));
  });

  it("out of sample, per window: the shape times the RMS of the served forecast's errors there, pooled with the prior", () => {
    for (const e of [0.05, 2]) {
      // eight records in window 0 (the served one, the combination, e), four in window 2 (2e)
      const at = (window: number, k: number, err: number): ValidationRecord[] =>
        Array.from({ length: k }, (_, i) => ({ lead: 31 * window, days: 30, window, age: i + 1, model: 2 * err, peer: 0 }));
      const validation = [...at(0, 8, e), ...at(2, 4, 2 * e)];
      const { leads, windows } = effectiveCalibration({ calibration, validation, blend: { model: 0.5, peer: 0.5 } });
      expect(windows.map((w) => [w.window, w.records, w.middle])).toEqual([
        [0, 8, 15],
        [2, 4, 77],
      ]);
      // the records' finite-sample allowance, √(9/8) and √(5/4), and the small-sample widening for 8 + 2 and 4 + 2 degrees of freedom
      windows[0]!.quantiles.forEach((q, k) => expect(q).toBeCloseTo(ERROR_SHAPE[k]! * smallSampleFactors(8 + CALIBRATION_PRIOR)[k]! * e * Math.sqrt(9 / 8), 12));
      windows[1]!.quantiles.forEach((q, k) => expect(q).toBeCloseTo(ERROR_SHAPE[k]! * smallSampleFactors(4 + CALIBRATION_PRIOR)[k]! * 2 * e * Math.sqrt(5 / 4), 12));
      // pooled with the prior (the wider of simulation and in-sample), the records weighing 8 and the prior CALIBRATION_PRIOR
      const simulated = [0.3, 0.5, 0.6, 0.7, 0.9];
      const target = targetQuantiles({ simulated, inSample: leads[0]!.inSample, window: windows[0], middle: 15 });
      target.forEach((q, k) => {
        const prior = Math.max(simulated[k]!, leads[0]!.inSample[k]!);
        expect(q).toBeCloseTo(Math.sqrt((CALIBRATION_PRIOR * prior ** 2 + 8 * windows[0]!.quantiles[k]! ** 2) / (CALIBRATION_PRIOR + 8)), 12);
        // small errors narrow the interval below the simulation, large ones widen it
        expect(q < simulated[k]!).toBe(e < 0.1);
      });
      // a bucket past the last window: its errors grown in proportion to the time to the middle
      const later = targetQuantiles({ simulated, window: windows[1], middle: 2 * 77 + 0.5 });
      later.forEach((q, k) => {
        const out = 2 * windows[1]!.quantiles[k]!;
        expect(q).toBeCloseTo(Math.sqrt((CALIBRATION_PRIOR * simulated[k]! ** 2 + 4 * out ** 2) / (CALIBRATION_PRIOR + 4)), 12);
      });
    }
  });
});

describe('atLevel', () => {
  it('interpolates between the calibrated levels and keeps the end values outside them', () => {
    const v = [1, 2, 3, 4, 5];
    expect(atLevel(v, 0.2)).toBe(1);
    expect(atLevel(v, 0.8)).toBe(2);
    expect(atLevel(v, 0.85)).toBeCloseTo(2.5, 12);
    expect(atLevel(v, 0.999)).toBe(5);
  });
});
