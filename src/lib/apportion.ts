/** Largest-remainder rounding to minor units (pure). */

/**
 * Integers for `values` (in minor units, any sign) adding up to `total`
 * exactly: each value rounded down, the units left over given to the largest
 * fractions first (ties by position).
 */
export function apportion(values: readonly number[], total: number): number[] {
  // Drop floating-point noise (12.34 × 100 = 1233.9999999998) before flooring.
  const clean = values.map((v) => Math.round(v * 1e6) / 1e6);
  const floors = clean.map(Math.floor);
  let left = total - floors.reduce((a, b) => a + b, 0);
  const order = clean.map((v, i) => ({ i, r: v - floors[i]! })).sort((a, b) => b.r - a.r || a.i - b.i);
  const out = [...floors];
  if (order.length === 0) return out;
  for (let k = 0; left !== 0; k++) {
    const { i } = order[k % order.length]!;
    const step = left > 0 ? 1 : -1;
    out[i]! += step;
    left -= step;
  }
  return out;
}
