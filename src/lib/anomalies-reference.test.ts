import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { expectation, unusualDays, type AnomalyOptions, type SeriesPoint } from './anomalies';

/*
 * The detector as first written (lists, Map, Date per weekday): the fast one
 * must give the same figures, to the last bit, for any series.
 */
const DAY = 86_400_000;

function median(xs: number[]): number {
  if (xs.length === 0) return NaN;
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

const weekday = (t: number) => new Date(t).getUTCDay();

function referenceExpectation(points: readonly SeriesPoint[], i: number, options: AnomalyOptions = {}) {
  const { halfWindow = 28, minNeighbours = 21 } = options;
  const lo = Math.max(0, i - halfWindow);
  const hi = Math.min(points.length - 1, i + halfWindow);
  const nb: SeriesPoint[] = [];
  for (let j = lo; j <= hi; j++) if (j !== i) nb.push(points[j]!);
  if (nb.length < minNeighbours) return null;
  const level = median(nb.map((p) => p.value));
  if (!(level > 0)) return null;
  const byDay = new Map<number, number[]>();
  for (const p of nb) {
    const w = weekday(p.t);
    const list = byDay.get(w) ?? [];
    list.push(p.value / level);
    byDay.set(w, list);
  }
  const factor = (t: number) => {
    const r = byDay.get(weekday(t));
    return r && r.length >= 2 ? median(r) : 1;
  };
  const residuals = nb.map((p) => p.value - level * factor(p.t));
  const mr = median(residuals);
  const scale = 1.4826 * median(residuals.map((r) => Math.abs(r - mr)));
  return { expected: level * factor(points[i]!.t), scale };
}

function referenceUnusualDays(points: readonly SeriesPoint[], options: AnomalyOptions = {}) {
  const { threshold = 5, minExcessShare = 0.12 } = options;
  const out = [];
  for (let i = 0; i < points.length; i++) {
    const e = referenceExpectation(points, i, options);
    if (!e || e.expected <= 0) continue;
    const actual = points[i]!.value;
    const excess = actual - e.expected;
    const score = excess / Math.max(e.scale, 0.02 * e.expected);
    if (score >= threshold && excess >= minExcessShare * e.expected) out.push({ index: i, t: points[i]!.t, actual, expected: e.expected, excess, score });
  }
  return out;
}

/** Daily series from any start day (before and after 1970), with weekly shape, zeros and spikes. */
const series = fc
  .record({
    startDay: fc.integer({ min: -4000, max: 25_000 }),
    values: fc.array(
      fc.oneof(
        fc.constant(0),
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        fc.integer({ min: 0, max: 500 }).map((x) => x / 4),
      ),
      { minLength: 0, maxLength: 120 },
    ),
  })
  .map(({ startDay, values }) => values.map((value, i) => ({ t: (startDay + i) * DAY, value })));

describe('the detector gives the reference implementation’s figures', () => {
  it('for every day of any series (expectation and unusual days)', () => {
    fc.assert(
      fc.property(series, fc.constantFrom<AnomalyOptions>({}, { halfWindow: 7, minNeighbours: 5, threshold: 2, minExcessShare: 0.05 }), (points, options) => {
        expect(unusualDays(points, options)).toEqual(referenceUnusualDays(points, options));
        for (let i = 0; i < points.length; i++) expect(expectation(points, i, options)).toEqual(referenceExpectation(points, i, options));
      }),
      { numRuns: 300 },
    );
  });

  it('on a realistic series with spikes it finds some (the comparison is not between empty lists)', () => {
    const points = Array.from({ length: 200 }, (_, i) => {
      const w = weekday(i * DAY);
      return { t: Date.UTC(2023, 0, 1) + i * DAY, value: (w === 0 || w === 6 ? 60 : 100) * (1 + 0.03 * Math.sin(i * 2.3)) * (i % 50 === 30 ? 1.8 : 1) };
    });
    const found = unusualDays(points);
    expect(found.length).toBeGreaterThan(0);
    expect(found).toEqual(referenceUnusualDays(points));
  });
});
