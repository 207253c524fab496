/**
 * Yearly seasonality of a daily series by classical decomposition, for
 * histories of two years or more: the ratio of each day to its centred
 * 365-day mean (the trend), smoothed over the week (so the weekday pattern,
 * which the ETS model keeps, drops out), averaged by calendar day over the
 * years and smoothed over neighbouring days. The model is fitted to the
 * series divided by these factors and its forecast multiplied by them, so
 * the ETS states carry level, trend and weekday only. Pure.
 */
import { DAY_MS } from './forecast-numerics.ts';

/** Days of history from which yearly factors are estimated (two years: a full year of centred trend). */
export const MIN_YEARLY_DAYS = 730;
const HALF_YEAR = 182;
const SLOTS = 366;
/** Cumulative days before each month in a leap year: a calendar day's slot is the same every year. */
const BEFORE = [0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335];

/** Slot of a UTC day (0…365; 29 February is 59 and 1 March always 60). */
export function yearSlot(ms: number): number {
  const d = new Date(ms);
  return BEFORE[d.getUTCMonth()]! + d.getUTCDate() - 1;
}

/** One factor per calendar-day slot (mean 1 over a year), or null when the history is shorter than two years or not positive. */
export function yearlyFactors(values: ArrayLike<number>, startMs: number): Float64Array | null {
  const n = values.length;
  if (n < MIN_YEARLY_DAYS) return null;
  const prefix = new Float64Array(n + 1);
  for (let i = 0; i < n; i++) prefix[i + 1] = prefix[i]! + values[i]!;
  const ratio = new Float64Array(n).fill(NaN);
  for (let i = HALF_YEAR; i < n - HALF_YEAR; i++) {
    const trend = (prefix[i + HALF_YEAR + 1]! - prefix[i - HALF_YEAR]!) / (2 * HALF_YEAR + 1);
    if (trend > 0) ratio[i] = values[i]! / trend;
  }
  const sums = new Float64Array(SLOTS);
  const counts = new Float64Array(SLOTS);
  for (let i = HALF_YEAR + 3; i < n - HALF_YEAR - 3; i++) {
    let s = 0;
    let k = 0;
    for (let j = i - 3; j <= i + 3; j++)
      if (Number.isFinite(ratio[j]!)) {
        s += ratio[j]!;
        k++;
      }
    if (k === 7) {
      const slot = yearSlot(startMs + i * DAY_MS);
      sums[slot]! += s / 7;
      counts[slot]!++;
    }
  }
  if (counts.reduce((a, c) => a + (c > 0 ? 1 : 0), 0) < 300) return null;
  const raw = new Float64Array(SLOTS);
  for (let s = 0; s < SLOTS; s++) raw[s] = counts[s]! > 0 ? sums[s]! / counts[s]! : NaN;
  // smooth over ±3 neighbouring slots (circularly), skipping slots never seen
  const out = new Float64Array(SLOTS);
  for (let s = 0; s < SLOTS; s++) {
    let a = 0;
    let k = 0;
    for (let j = -3; j <= 3; j++) {
      const v = raw[(s + j + SLOTS) % SLOTS]!;
      if (Number.isFinite(v)) {
        a += v;
        k++;
      }
    }
    out[s] = k ? a / k : 1;
  }
  // mean 1 over a common year (29 February left out)
  let total = 0;
  for (let s = 0; s < SLOTS; s++) if (s !== 59) total += out[s]!;
  const norm = total / (SLOTS - 1);
  if (!(norm > 0)) return null;
  for (let s = 0; s < SLOTS; s++) out[s]! /= norm;
  return out;
}

/** The factor of each of `length` days from `firstMs`. */
export function factorsFrom(factors: Float64Array, firstMs: number, length: number): Float64Array {
  return Float64Array.from({ length }, (_, i) => factors[yearSlot(firstMs + i * DAY_MS)]!);
}
