/**
 * Largest-Triangle-Three-Buckets downsampling (Steinarsson, 2013): picks
 * `threshold` points of a series that keep its visual shape — peaks and dips
 * survive, flat stretches thin out. The first and last points are always kept.
 * Pure: the input is never changed, and the points returned are the input's
 * own objects, in order.
 */

/**
 * Indices of the points LTTB keeps, ascending. Use this to downsample several
 * series that share an x axis the same way (pick indices on their total, then
 * take those indices from each series).
 * @param xs x values, ascending (e.g. epoch ms)
 * @param ys y values, same length as xs
 * @param threshold how many points to keep; below 3, or at least xs.length, keeps every point
 */
export function lttbIndices(xs: ArrayLike<number>, ys: ArrayLike<number>, threshold: number): number[] {
  const n = Math.min(xs.length, ys.length);
  const target = Math.floor(threshold);
  if (target >= n || target < 3) return Array.from({ length: n }, (_, i) => i);

  const kept: number[] = [0];
  // Buckets for everything between the first and the last point.
  const every = (n - 2) / (target - 2);
  let a = 0;
  for (let i = 0; i < target - 2; i++) {
    // Average of the next bucket (the last point for the final bucket).
    const nextStart = Math.floor((i + 1) * every) + 1;
    const nextEnd = Math.min(Math.floor((i + 2) * every) + 1, n);
    let avgX = 0;
    let avgY = 0;
    for (let j = nextStart; j < nextEnd; j++) {
      avgX += xs[j]!;
      avgY += ys[j]!;
    }
    const count = nextEnd - nextStart;
    if (count > 0) {
      avgX /= count;
      avgY /= count;
    } else {
      avgX = xs[n - 1]!;
      avgY = ys[n - 1]!;
    }

    // The point of this bucket making the largest triangle with the last kept point and that average.
    const start = Math.floor(i * every) + 1;
    const end = Math.floor((i + 1) * every) + 1;
    const ax = xs[a]!;
    const ay = ys[a]!;
    let maxArea = -1;
    let chosen = start;
    for (let j = start; j < end; j++) {
      const area = Math.abs((ax - avgX) * (ys[j]! - ay) - (ax - xs[j]!) * (avgY - ay));
      if (area > maxArea) {
        maxArea = area;
        chosen = j;
      }
    }
    kept.push(chosen);
    a = chosen;
  }
  kept.push(n - 1);
  return kept;
}

/**
 * Downsamples `data` to at most `threshold` points with LTTB.
 * @example lttb(points, 1000, (p) => p.t, (p) => p.cost)
 */
export function lttb<T>(
  data: readonly T[],
  threshold: number,
  x: (d: T) => number,
  y: (d: T) => number,
): T[] {
  if (threshold >= data.length || threshold < 3) return data.slice();
  const xs = data.map(x);
  const ys = data.map(y);
  return lttbIndices(xs, ys, threshold).map((i) => data[i]!);
}
