import { ChartTooltipBox, ChartTooltipRow } from './chart-tooltip';
import type { SparklinePoint, SparklineText } from './sparkline';

/** Where a point sits across the line, 0…1 (the same time scale as the drawn path). */
export function across(points: readonly SparklinePoint[], i: number): number {
  const t0 = points[0]!.t;
  const span = points[points.length - 1]!.t - t0;
  return span > 0 ? (points[i]!.t - t0) / span : 0;
}

/**
 * What a sparkline shows once hovered or focused: the tooltip of point `index`
 * (with a marker on the line), that point's figures announced politely, and
 * every point as a table for screen readers, after the line.
 */
export function SparklineDetails({
  points,
  index,
  label,
  text,
  color,
  height,
}: {
  points: readonly SparklinePoint[];
  /** The point shown; none: no tooltip. */
  index: number | undefined;
  label: string;
  text: SparklineText;
  color: string;
  /** Height of the line in px. */
  height: number;
}) {
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
