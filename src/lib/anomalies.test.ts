import { describe, expect, it } from 'vitest';
import { anomalyEpisodes, unusualDays } from './anomalies';

const DAY = 86_400_000;
const START = Date.UTC(2024, 0, 1);

/** A weekday pattern, slow growth and ±3% deterministic wobble. */
function series(days: number, bump: (i: number) => number = () => 1) {
  return Array.from({ length: days }, (_, i) => {
    const weekday = new Date(START + i * DAY).getUTCDay();
    const level = (weekday === 0 || weekday === 6 ? 60 : 100) * (1 + i * 0.002);
    const wobble = 1 + 0.03 * Math.sin(i * 2.3);
    return { t: START + i * DAY, value: level * wobble * bump(i) };
  });
}

describe('unusualDays', () => {
  it('finds nothing in an ordinary series with a weekly pattern and growth', () => {
    expect(unusualDays(series(200))).toEqual([]);
  });

  it('finds a three-day spike on its days, with its excess over the expected value', () => {
    const pts = series(200, (i) => (i >= 100 && i < 103 ? 1.6 : 1));
    const eps = anomalyEpisodes(unusualDays(pts));
    expect(eps).toHaveLength(1);
    expect(eps[0]!.start).toBe(START + 100 * DAY);
    expect(eps[0]!.end).toBe(START + 103 * DAY);
    const plain = series(200);
    const trueExcess = [100, 101, 102].reduce((a, i) => a + pts[i]!.value - plain[i]!.value, 0);
    expect(eps[0]!.excess / trueExcess).toBeGreaterThan(0.85);
    expect(eps[0]!.excess / trueExcess).toBeLessThan(1.15);
  });

  it('does not flag a lasting step for weeks, only a rise that goes away', () => {
    const pts = series(200, (i) => (i >= 90 ? 1.3 : 1));
    expect(unusualDays(pts).length).toBeLessThanOrEqual(1);
  });

  it('ignores drops, and days without enough neighbours', () => {
    expect(unusualDays(series(200, (i) => (i === 100 ? 0.3 : 1)))).toEqual([]);
    expect(unusualDays(series(15, (i) => (i === 10 ? 3 : 1)))).toEqual([]);
  });
});
