import { describe, expect, it } from 'vitest';
import { alertMarker, alertType, type AnomalyMarker } from '../api/anomalies';
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

describe('alerts and markers', () => {
  const marker = (type: string, start: string, days: number): AnomalyMarker => ({
    id: `${type}:${start}`,
    type,
    start: Date.parse(start),
    end: Date.parse(start) + days * DAY,
    actual: 1,
    expected: 1,
    excess: 0,
    flagged: [],
  });

  it('reads the resource type an unusual_spike message names', () => {
    expect(alertType({ message: 'AI service requests increased by 45% compared to last week' })).toBe('ai-services');
    expect(alertType({ message: 'GPU cluster hours increased by 30.0% compared to last week' })).toBe('clusters');
    expect(alertType({ message: 'Data transfer increased by 80.0% compared to last week' })).toBe('bandwidth');
    expect(alertType({ message: 'Something else' })).toBeUndefined();
  });

  it('points an unusual_spike alert to the latest marker of its type in the last two weeks', () => {
    const markers = [marker('ai-services', '2023-12-01', 2), marker('ai-services', '2024-01-10', 6), marker('clusters', '2024-01-12', 1)];
    const alert = { type: 'unusual_spike', message: 'AI service requests increased by 45% compared to last week' };
    expect(alertMarker(alert, markers, '2024-01-16')?.id).toBe('ai-services:2024-01-10');
    expect(alertMarker(alert, markers.slice(0, 1), '2024-01-16')).toBeUndefined();
    expect(alertMarker({ ...alert, type: 'budget_exceeded' }, markers, '2024-01-16')).toBeUndefined();
  });
});
