import { describe, expect, it } from 'vitest';
import { anchorPaths, breachOutlook, judgeThresholds, simulateMonth } from './forecast-breach.ts';
import { rng } from './forecast-numerics.ts';

/** 120 days of cost around 100 a day (±5% noise) ending the day before 16 April 2025. */
function history() {
  const random = rng(3);
  const daily = Array.from({ length: 120 }, () => 100 * (1 + 0.1 * (random() - 0.5)));
  // 2025-04-16 minus 120 days
  return { start: '2024-12-17', daily, today: '2025-04-16' };
}

describe('breachOutlook', () => {
  const h = history();
  const april = h.daily.slice(-15).reduce((a, b) => a + b, 0);
  const out = breachOutlook({ ...h, todayCost: 40, amounts: [april + 20, april + 510, april + 5000] });

  it("adds the month's complete days and today's cost so far", () => {
    expect(out.month).toBe('2025-04');
    expect(out.spentComplete).toBeCloseTo(april, 6);
    expect(out.spentToDate).toBeCloseTo(april + 40, 6);
  });

  it('projects the month end near 30 days at the daily level, inside its interval', () => {
    expect(Math.abs(out.projected.mean - 3000) / 3000).toBeLessThan(0.03);
    expect(out.projected.lower).toBeLessThan(out.projected.mean);
    expect(out.projected.upper).toBeGreaterThan(out.projected.mean);
  });

  it('marks a threshold the spend so far has reached, and dates the others from the daily level', () => {
    const [reached, soon, never] = out.thresholds;
    expect(reached).toMatchObject({ reached: true, probability: 1 });
    // 510 more at ~100 a day from the 16th: the sixth day, 21 April
    expect(soon!.probability).toBeGreaterThan(0.95);
    expect(soon!.expected!.date).toBe('2025-04-21');
    expect(soon!.expected!.earliest <= soon!.expected!.date && soon!.expected!.date <= soon!.expected!.latest).toBe(true);
    expect(never).toMatchObject({ reached: false, probability: 0 });
    expect(never!.expected).toBeUndefined();
  });

  it("agrees with its own interval: 90% chance to pass the 80% interval's lower end, 10% its upper end, on the last days", () => {
    const { lower, upper } = out.projected;
    const [low, high] = breachOutlook({ ...h, todayCost: 40, amounts: [lower, upper] }).thresholds;
    expect(Math.abs(low!.probability - 0.9)).toBeLessThanOrEqual(0.01);
    expect(Math.abs(high!.probability - 0.1)).toBeLessThanOrEqual(0.01);
    expect(high!.expected!.date >= '2025-04-28').toBe(true);
  });

  it('rejects a history that does not end the day before today', () => {
    expect(() => breachOutlook({ ...h, today: '2025-04-20', todayCost: 0, amounts: [1] })).toThrow(/day before today/);
  });
});

describe('breachOutlook with the peer forecaster', () => {
  // a 50-day cycle the model has no season for; a peer that knows the cycle forecasts it exactly
  const level = (i: number) => 100 + 50 * Math.sin((2 * Math.PI * i) / 50);
  const daily = Array.from({ length: 200 }, (_, i) => level(i));
  // 200 days before 2025-04-16
  const input = { start: '2024-09-28', daily, today: '2025-04-16', todayCost: 0, amounts: [] };
  // the 15 days still to come (16–30 April)
  const rest = Array.from({ length: 15 }, (_, h) => level(200 + h)).reduce((a, b) => a + b, 0);
  const oracle = (history: Float64Array, horizon: number) => Float64Array.from({ length: horizon }, (_, h) => level(history.length + h));

  it("uses the peer where the series' rolling-origin errors chose it, and the model alone without one", () => {
    const withPeer = breachOutlook({ ...input, peer: oracle });
    const alone = breachOutlook(input);
    const error = (o: typeof alone) => Math.abs(o.projected.mean - o.spentToDate - rest);
    // the peer's exact points scale the model's simulated days (whose mean sits a little off its point path)
    expect(error(withPeer) / rest).toBeLessThan(0.08);
    expect(error(alone)).toBeGreaterThan(5 * error(withPeer));
  });
});

describe('anchorPaths', () => {
  const h = history();
  const m = simulateMonth({ ...h, todayCost: 40 });
  const target = m.projected.mean * 1.2;
  const anchored = anchorPaths(m, target);

  it('centres the month ends on the projection of record: half the paths pass it, the budget just below is likelier than not', () => {
    expect(anchored.projected.mean).toBe(target);
    const [below, at, above] = judgeThresholds(anchored, [target * 0.99, target, target * 1.01]);
    expect(below!.probability).toBeGreaterThan(0.5);
    expect(Math.abs(at!.probability - 0.5)).toBeLessThanOrEqual(0.01);
    expect(above!.probability).toBeLessThan(0.5);
    expect(anchored.projected.lower).toBeLessThan(target);
    expect(anchored.projected.upper).toBeGreaterThan(target);
  });

  it('keeps the spend of the complete days and leaves paths alone when the target is not above it', () => {
    expect(anchored.spentComplete).toBe(m.spentComplete);
    expect(anchorPaths(m, m.spentComplete - 1)).toBe(m);
  });
});
