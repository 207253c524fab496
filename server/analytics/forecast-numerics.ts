/** Small numerics for the forecast model: PRNG, Nelder–Mead, quantiles. Pure. */

export { DAY_MS } from '../../src/lib/time.ts';

// ---------------------------------------------------------------- small numerics

/** Deterministic PRNG (mulberry32): uniform in [0, 1). */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));
export const logit = (p: number) => Math.log(p / (1 - p));

/** Nelder–Mead minimisation of f over R^d. */
export function nelderMead(f: (x: number[]) => number, x0: number[], opts: { step?: number; maxEvals?: number; tol?: number } = {}): { x: number[]; f: number } {
  const d = x0.length;
  const step = opts.step ?? 0.6;
  const maxEvals = opts.maxEvals ?? 100 * (d + 1);
  const tol = opts.tol ?? 1e-7;
  let evals = 0;
  const fx = (x: number[]) => {
    evals++;
    const v = f(x);
    return Number.isFinite(v) ? v : Number.MAX_VALUE;
  };
  const simplex: Array<{ x: number[]; f: number }> = [{ x: x0.slice(), f: fx(x0) }];
  for (let i = 0; i < d; i++) {
    const x = x0.slice();
    x[i]! += step;
    simplex.push({ x, f: fx(x) });
  }
  const combine = (a: number[], b: number[], t: number) => a.map((ai, i) => ai + t * (b[i]! - ai));
  while (evals < maxEvals) {
    simplex.sort((p, q) => p.f - q.f);
    const best = simplex[0]!;
    const worst = simplex[d]!;
    if (Math.abs(worst.f - best.f) <= tol * (Math.abs(best.f) + 1e-12)) break;
    const centroid = new Array<number>(d).fill(0);
    for (let i = 0; i < d; i++) for (let j = 0; j < d; j++) centroid[j]! += simplex[i]!.x[j]! / d;
    const xr = combine(centroid, worst.x, -1);
    const fr = fx(xr);
    if (fr < best.f) {
      const xe = combine(centroid, worst.x, -2);
      const fe = fx(xe);
      simplex[d] = fe < fr ? { x: xe, f: fe } : { x: xr, f: fr };
    } else if (fr < simplex[d - 1]!.f) {
      simplex[d] = { x: xr, f: fr };
    } else {
      const outside = fr < worst.f;
      const xc = combine(centroid, worst.x, outside ? -0.5 : 0.5);
      const fc = fx(xc);
      if (fc < (outside ? fr : worst.f)) simplex[d] = { x: xc, f: fc };
      else
        for (let i = 1; i <= d; i++) {
          const x = combine(best.x, simplex[i]!.x, 0.5);
          simplex[i] = { x, f: fx(x) };
        }
    }
  }
  simplex.sort((p, q) => p.f - q.f);
  return simplex[0]!;
}

/** Quantile of a sorted array (linear interpolation, type 7). */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * Math.min(1, Math.max(0, p));
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo]! + (h - lo) * (sorted[hi]! - sorted[lo]!);
}

export const mean = (xs: ArrayLike<number>) => {
  let s = 0;
  for (let i = 0; i < xs.length; i++) s += xs[i]!;
  return xs.length ? s / xs.length : 0;
};

