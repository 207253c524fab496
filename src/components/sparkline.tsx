import { useId, useMemo, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { sparklinePaths } from '../lib/sparkline';
import { across, SparklineDetails } from './sparkline-details';

const WIDTH = 240;

export interface SparklinePoint {
  t: number;
  y: number;
  partial?: boolean;
}

/** How a sparkline writes its points, for its name, tooltip and table. */
export interface SparklineText {
  /** A bucket's start, e.g. "Jan 16, 2024". */
  date: (t: number) => string;
  /** What the values are ("Cost (USD)") and how one reads ("$1,234.50"). */
  value: { label: string; format: (y: number) => string };
}

const KEYS: Record<string, (i: number, last: number) => number | undefined> = {
  ArrowRight: (i, last) => Math.min(last, i + 1),
  ArrowUp: (i, last) => Math.min(last, i + 1),
  ArrowLeft: (i) => Math.max(0, i - 1),
  ArrowDown: (i) => Math.max(0, i - 1),
  Home: () => 0,
  End: (_i, last) => last,
  Escape: () => undefined,
};

/** The accessible name of a sparkline: what it shows, and where it starts, ends and peaks. */
export function sparklineName(label: string, points: readonly SparklinePoint[], text: SparklineText): string {
  if (points.length === 0) return `${label}: no data`;
  const first = points[0]!;
  const last = points[points.length - 1]!;
  const peak = points.reduce((a, p) => (p.y > a.y ? p : a), first);
  return `${label}: ${text.value.format(first.y)} on ${text.date(first.t)}, ${text.value.format(last.y)} on ${text.date(last.t)}${
    last.partial ? ' (partial)' : ''
  }, highest ${text.value.format(peak.y)} on ${text.date(peak.t)}`;
}

/**
 * A small trend line. Partial buckets at the end (`partial`, by the API's
 * clock) are drawn dashed, and the caller says so in text beside it.
 *
 * With `label` and `text` it is a chart of the frame's kind: one named tab stop
 * (its name says where the line starts, ends and peaks), a tooltip on hover or
 * with the arrow keys (Home and End for the ends, Escape to close), and, once
 * hovered or focused, its figures as a table for screen readers. Without them
 * it is decorative (hidden from assistive technology). Pages load it lazily.
 */
export function Sparkline({
  points,
  color,
  height = 36,
  label,
  text,
}: {
  points: readonly SparklinePoint[];
  color: string;
  height?: number;
  label?: string;
  text?: SparklineText;
}) {
  const gradientId = useId();
  const [engaged, setEngaged] = useState(false);
  const [index, setIndex] = useState<number | undefined>(undefined);
  const paths = useMemo(() => sparklinePaths(points, WIDTH, height), [points, height]);
  if (!paths) return <span className="block" style={{ height }} />;
  const named = label !== undefined && text !== undefined;
  const last = points.length - 1;
  const nearest = (e: PointerEvent<SVGSVGElement>) => {
    const box = e.currentTarget.getBoundingClientRect();
    const x = box.width > 0 ? (e.clientX - box.left) / box.width : 0;
    let best = 0;
    for (let i = 1; i < points.length; i++) if (Math.abs(across(points, i) - x) < Math.abs(across(points, best) - x)) best = i;
    return best;
  };
  const handlers = {
    onPointerMove: (e: PointerEvent<SVGSVGElement>) => setIndex(nearest(e)),
    onPointerLeave: (e: PointerEvent<SVGSVGElement>) => {
      if (document.activeElement !== e.currentTarget) setIndex(undefined);
    },
    onFocus: () => setIndex((i) => i ?? last),
    onBlur: () => setIndex(undefined),
    onKeyDown: (e: KeyboardEvent<SVGSVGElement>) => {
      const move = KEYS[e.key];
      if (!move) return;
      e.preventDefault();
      setIndex((i) => move(i ?? last, last));
    },
  };
  const svg = (
    <svg
      {...(named
        ? { role: 'img', tabIndex: 0, 'aria-label': sparklineName(label, points, text), ...handlers }
        : { 'aria-hidden': true })}
      viewBox={`0 0 ${WIDTH} ${height}`}
      preserveAspectRatio="none"
      className={`block w-full overflow-visible ${named ? 'rounded-sm focus:outline-none focus-visible:outline-2 focus-visible:outline-solid focus-visible:outline-offset-2 focus-visible:outline-accent' : ''}`}
      style={{ height }}
    >
      <defs>
        <linearGradient id={gradientId} x1="0" x2="0" y1="0" y2="1">
          <stop offset="0%" stopColor={color} stopOpacity={0.22} />
          <stop offset="100%" stopColor={color} stopOpacity={0} />
        </linearGradient>
      </defs>
      <path d={paths.area} fill={`url(#${gradientId})`} />
      {paths.line && (
        <path d={paths.line} fill="none" stroke={color} strokeWidth={1.5} vectorEffect="non-scaling-stroke" strokeLinejoin="round" />
      )}
      {paths.partialLine && (
        <path
          d={paths.partialLine}
          data-partial=""
          fill="none"
          stroke={color}
          strokeWidth={1.5}
          strokeDasharray="3 3"
          strokeOpacity={0.8}
          vectorEffect="non-scaling-stroke"
          strokeLinejoin="round"
        />
      )}
    </svg>
  );
  if (!named) return svg;
  return (
    <span
      className="relative block"
      data-chart={label}
      onPointerEnter={() => setEngaged(true)}
      onFocus={() => setEngaged(true)}
    >
      {svg}
      {engaged && <SparklineDetails points={points} index={index} label={label} text={text} color={color} height={height} />}
    </span>
  );
}
