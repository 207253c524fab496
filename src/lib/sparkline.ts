import { lttb } from './lttb';

/**
 * SVG paths of a sparkline `width`×`height` px (line and the area under it),
 * the series thinned to about one point per pixel. Zero sits on the bottom
 * edge; a single point draws a flat line.
 */
export function sparklinePaths(
  points: readonly { t: number; y: number }[],
  width: number,
  height: number,
  padding = 1.5,
): { line: string; area: string } | undefined {
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
  const line = `M${coords.join('L')}`;
  const base = round(y(0));
  const lastX = kept.length === 1 ? width : round(x(kept[kept.length - 1]!.t));
  return { line, area: `${line}L${lastX},${base}L0,${base}Z` };
}
