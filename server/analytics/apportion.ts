/**
 * Exact rounding: splits an integer total (in minor units) across parts in
 * proportion to their exact values, so that the rounded parts add up to the
 * total exactly (largest-remainder method). Each part is within one unit of
 * its exact value; the rounding residue goes to the parts that lost the most.
 */
export function apportion(exact: readonly number[], total: number): number[] {
  const n = exact.length;
  if (n === 0) return [];
  const sum = exact.reduce((a, b) => a + Math.max(0, b), 0);
  if (sum <= 0 || total === 0) {
    const out = new Array<number>(n).fill(0);
    if (total !== 0) out[0] = total;
    return out;
  }
  const floors = new Array<number>(n);
  const rem = new Float64Array(n);
  let residue = total;
  for (let i = 0; i < n; i++) {
    const x = (Math.max(0, exact[i]!) / sum) * total;
    const f = Math.floor(x);
    floors[i] = f;
    rem[i] = x - f;
    residue -= f;
  }
  if (residue > 0) {
    const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => rem[b]! - rem[a]! || a - b);
    for (let k = 0; residue > 0; k = (k + 1) % n, residue--) floors[order[k]!]! += 1;
  }
  return floors;
}

/** Rounds to an integer number of minor units (10^-decimals). */
export function toMinor(x: number, decimals: number): number {
  return Math.round(x * 10 ** decimals);
}

/** An integer divided by a power of ten is the double nearest the decimal, as parsing it would give. */
export function fromMinor(units: number, decimals: number): number {
  return units / 10 ** decimals;
}

/**
 * Shares of a whole, in percent with one decimal, adding up to exactly 100
 * (or all zero when the whole is zero).
 */
export function percentages(parts: readonly number[]): number[] {
  const sum = parts.reduce((a, b) => a + b, 0);
  if (sum <= 0) return parts.map(() => 0);
  return apportion(parts, 1000).map((t) => t / 10);
}
