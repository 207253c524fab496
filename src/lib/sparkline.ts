import { lttb } from './lttb';

/**
 * SVG paths of a sparkline `width`×`height` px (line and the area under it),
 * the series thinned to about one point per pixel. Zero sits on the bottom
 * edge; a single point draws a flat line. Partial buckets (`partial`, see
 * lib/partial-buckets.ts) at the end, and at the start, are left out of
 * `line` and drawn as `partialLine` (one or two subpaths), each joined to the
 * nearest complete point (the caller dashes it).
 */
export function sparklinePaths(
  points: readonly { t: number; y: number; partial?: boolean }[],
  width: number,
  height: number,
  padding = 1.5,
): { line: string; area: string; partialLine?: string } | undefined {
  if (points.length === 0 || width <= 0 || height <= 0) return undefined;
  const kept = lttb(points, Math.max(3, Math.floor(width)), (p) => p.t, (p) => p.y);
  const t0 = kept[0]!.t;
  const span = kept[kept.length - 1]!.t - t0;
  const max = Math.max(0, ...kept.map((p) => p.y));
  const min = Math.min(0, ...kept.map((p) => p.y));
  const range = max - min || 1;
  const round = (n: number) => Math.round(n * 100) / 100;
  const x = (t: number) => (span > 0 ? ((t - t0) / span) * width : 0);
  const y = (v: number) => round(padding + (1 - (v - min) / range) * (height - 2 * padding));
  const coords = kept.length === 1 ? [`0,${y(kept[0]!.y)}`, `${width},${y(kept[0]!.y)}`] : kept.map((p) => `${round(x(p.t))},${y(p.y)}`);
  const all = `M${coords.join('L')}`;
  const base = round(y(0));
  const lastX = kept.length === 1 ? width : round(x(kept[kept.length - 1]!.t));
  const area = `${all}L${lastX},${base}L0,${base}Z`;
  // Partial buckets at either end (a week cut by the range's start; today's, or the range's end):
  // drawn apart, each joined to the nearest complete point.
  let firstPartial = kept.length;
  while (firstPartial > 0 && kept[firstPartial - 1]!.partial) firstPartial--;
  if (kept.length < 2) return { line: all, area };
  if (firstPartial === 0) return { line: '', area, partialLine: all };
  let head = 0;
  while (head < firstPartial && kept[head]!.partial) head++;
  if (head === 0 && firstPartial === kept.length) return { line: all, area };
  const path = (from: number, to: number) => (to - from >= 2 ? `M${coords.slice(from, to).join('L')}` : '');
  const partialLine = [head > 0 ? path(0, head + 1) : '', firstPartial < kept.length ? path(firstPartial - 1, kept.length) : '']
    .filter(Boolean)
    .join('');
  return { line: path(head, firstPartial), area, partialLine };
}
