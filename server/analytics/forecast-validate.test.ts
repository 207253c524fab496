import { describe, expect, it } from 'vitest';
import { CALIBRATION_LEVELS, CALIBRATION_PRIOR, atLevel, chooseWeight, effectiveCalibration, servedError, type ValidationRecord } from './forecast-validate.ts';

describe('chooseWeight', () => {
  it('picks the weight with the lowest mean absolute error: the peer, the combination or the model', () => {
    const peerBetter: ValidationRecord[] = [0.1, -0.12, 0.08].map((e) => ({ lead: 0, model: e, peer: e / 10 }));
    expect(chooseWeight(peerBetter)).toBe(1);
    // opposite errors: the equal-weight combination cancels them
    const opposite: ValidationRecord[] = [0.1, -0.12, 0.08].map((e) => ({ lead: 0, model: e, peer: -e }));
    expect(chooseWeight(opposite)).toBe(0.5);
    const modelBetter: ValidationRecord[] = [0.01, -0.02, 0.01].map((e) => ({ lead: 0, model: e, peer: 5 * e }));
    expect(chooseWeight(modelBetter)).toBe(0);
  });

  it('keeps the model with fewer than three records or without a peer', () => {
    expect(chooseWeight([{ lead: 0, model: 0.5, peer: 0 }, { lead: 0, model: 0.5, peer: 0 }])).toBe(0);
    expect(chooseWeight([0.1, 0.2, 0.3].map((e) => ({ lead: 0, model: e })))).toBe(0);
  });
});

describe('effectiveCalibration', () => {
  // in-sample relative errors 0.01, 0.02, …, 1.00 (alternating sign) at leads 0 and 28; 56 and 84 too short to measure
  const errors = Float64Array.from({ length: 100 }, (_, i) => ((i % 2 ? -1 : 1) * (i + 1)) / 100);
  const calibration = [
    { lead: 0, rmse: 0.58, errors },
    { lead: 28, rmse: 0.58, errors },
    { lead: 56, rmse: 1.16, extrapolated: true },
    { lead: 84, rmse: 1.74, extrapolated: true },
  ];

  it('without records: the quantiles of the absolute in-sample errors, and the extrapolated leads scaled by their error', () => {
    const out = effectiveCalibration({ calibration, validation: [] });
    expect(out.map((c) => c.lead)).toEqual([0, 28, 56, 84]);
    // the smallest |e| with at least level × 100 of the 100 errors at or below it
    expect(out[0]!.quantiles).toEqual(CALIBRATION_LEVELS.map((l) => expect.closeTo(Math.ceil(l * 100 - 1e-9) / 100, 12) as unknown as number));
    out[2]!.quantiles.forEach((q, k) => expect(q).toBeCloseTo(2 * out[0]!.quantiles[k]!, 12));
    out[3]!.quantiles.forEach((q, k) => expect(q).toBeCloseTo(3 * out[0]!.quantiles[k]!, 12));
  });

  it("pools the in-sample errors (weighing CALIBRATION_PRIOR records) with the served forecast's out-of-sample errors", () => {
    // eight records of error 2 at lead 0 (the served forecast with w = 0.5: (1 − w)·3 + w·1)
    const validation: ValidationRecord[] = Array.from({ length: 8 }, () => ({ lead: 0, model: 3, peer: 1 }));
    expect(servedError(validation[0]!, 0.5)).toBe(2);
    const out = effectiveCalibration({ calibration, validation, peerWeight: 0.5 });
    // weights: the 100 in-sample errors CALIBRATION_PRIOR / 100 each, the records 1 each; levels raised to
    // ⌈(n + 1)·level⌉ / n with n = 8 + CALIBRATION_PRIOR: above the in-sample mass every quantile is the records' 2
    const n = 8 + CALIBRATION_PRIOR;
    const plainQ = effectiveCalibration({ calibration, validation: [] })[0]!.quantiles;
    CALIBRATION_LEVELS.forEach((level, k) => {
      const adjusted = Math.min(1, Math.ceil((n + 1) * level - 1e-9) / n);
      const pooled = adjusted * n > CALIBRATION_PRIOR + 1e-9 ? 2 : NaN;
      // past 80% the tail is no thinner than the in-sample errors': 2 × q_k / q_80
      const expected = level > 0.8 ? Math.max(pooled, (2 * plainQ[k]!) / plainQ[1]!) : pooled;
      expect(out[0]!.quantiles[k]).toBeCloseTo(expected, 12);
    });
    // lead 28 has no records: its in-sample quantiles times the ratios measured at lead 0
    const plain = effectiveCalibration({ calibration, validation: [] });
    out[1]!.quantiles.forEach((q, k) => expect(q).toBeCloseTo((plain[1]!.quantiles[k]! * out[0]!.quantiles[k]!) / plain[0]!.quantiles[k]!, 12));
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
