import { useEffect, useState, type RefObject } from 'react';
import { ChartTooltipBox, ChartTooltipRow } from './chart-tooltip';
import type { SparklinePoint, SparklineText } from './sparkline';

/** Where a point sits across the line, 0…1 (the same time scale as the drawn path). */
function across(points: readonly SparklinePoint[], i: number): number {
  const t0 = points[0]!.t;
  const span = points[points.length - 1]!.t - t0;
  return span > 0 ? (points[i]!.t - t0) / span : 0;
}

/**
 * What a sparkline adds once it is hovered or focused (loaded apart from the
 * page's chunk): a tooltip that follows the pointer or the arrow keys (Home and
 * End for the ends, Escape to close), the point's figures announced politely,
 * and the figures as a table for screen readers, after the line.
 */
export default function SparklineDetails({
  points,
  label,
  text,
  color,
  surface,
  height,
}: {
  points: readonly SparklinePoint[];
  label: string;
  text: SparklineText;
  color: string;
  /** The line's one tab stop. */
  surface: RefObject<SVGSVGElement | null>;
  /** Height of the line in px. */
  height: number;
}) {
  const [index, setIndex] = useState<number | undefined>(() =>
    typeof document !== 'undefined' && document.activeElement === surface.current ? points.length - 1 : undefined,
  );
  const last = points.length - 1;

  useEffect(() => {
    const svg = surface.current;
    if (!svg) return undefined;
    const nearest = (clientX: number) => {
      const box = svg.getBoundingClientRect();
      const x = box.width > 0 ? (clientX - box.left) / box.width : 0;
      let best = 0;
      for (let i = 1; i < points.length; i++) if (Math.abs(across(points, i) - x) < Math.abs(across(points, best) - x)) best = i;
      return best;
    };
    const onMove = (e: PointerEvent) => setIndex(nearest(e.clientX));
    const onLeave = () => setIndex((i) => (document.activeElement === svg ? i : undefined));
    const onFocus = () => setIndex((i) => i ?? last);
    const onBlur = () => setIndex(undefined);
    const onKey = (e: KeyboardEvent) => {
      const step: Record<string, (i: number) => number | undefined> = {
        ArrowRight: (i) => Math.min(last, i + 1),
        ArrowUp: (i) => Math.min(last, i + 1),
        ArrowLeft: (i) => Math.max(0, i - 1),
        ArrowDown: (i) => Math.max(0, i - 1),
        Home: () => 0,
        End: () => last,
        Escape: () => undefined,
      };
      const move = step[e.key];
      if (!move) return;
      e.preventDefault();
      setIndex((i) => move(i ?? last));
    };
    svg.addEventListener('pointermove', onMove);
    svg.addEventListener('pointerleave', onLeave);
    svg.addEventListener('focus', onFocus);
    svg.addEventListener('blur', onBlur);
    svg.addEventListener('keydown', onKey);
    return () => {
      svg.removeEventListener('pointermove', onMove);
      svg.removeEventListener('pointerleave', onLeave);
      svg.removeEventListener('focus', onFocus);
      svg.removeEventListener('blur', onBlur);
      svg.removeEventListener('keydown', onKey);
    };
  }, [points, last, surface]);

  const point = index === undefined ? undefined : points[index];
  const x = index === undefined ? 0 : across(points, index) * 100;
  // The point's height as sparklinePaths draws it (zero at the bottom, 1.5 px inside the edges).
  const ys = points.map((p) => p.y);
  const max = Math.max(0, ...ys);
  const min = Math.min(0, ...ys);
  const top = point ? 1.5 + (1 - (point.y - min) / (max - min || 1)) * (height - 3) : 0;
  return (
    <>
      {point && (
        <>
          <span
            aria-hidden="true"
            className="pointer-events-none absolute top-0 bottom-0 w-px bg-border-strong"
            style={{ left: `${x}%` }}
          >
            <span className="absolute -left-[3px] size-[7px] rounded-full border border-surface" style={{ top: top - 3.5, background: color }} />
          </span>
          <span
            aria-hidden="true"
            className="pointer-events-none absolute top-full z-30 mt-1"
            style={x > 60 ? { right: `${100 - x}%` } : { left: `${x}%` }}
          >
            <ChartTooltipBox title={text.date(point.t)}>
              <ChartTooltipRow label={text.value.label} value={`${text.value.format(point.y)}${point.partial ? ' (partial)' : ''}`} color={color} />
            </ChartTooltipBox>
          </span>
        </>
      )}
      <span className="sr-only" aria-live="polite">
        {point ? `${text.date(point.t)}: ${text.value.format(point.y)}${point.partial ? ', partial' : ''}` : ''}
      </span>
      <table className="sr-only">
        <caption>{label}</caption>
        <thead>
          <tr>
            <th scope="col">Date</th>
            <th scope="col">{text.value.label}</th>
          </tr>
        </thead>
        <tbody>
          {points.map((p) => (
            <tr key={p.t}>
              <th scope="row">{text.date(p.t)}</th>
              <td>
                {text.value.format(p.y)}
                {p.partial ? ' (partial)' : ''}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
