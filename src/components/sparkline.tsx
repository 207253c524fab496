import { useId, useMemo } from 'react';
import { sparklinePaths } from '../lib/sparkline';

const WIDTH = 240;

/**
 * A small decorative trend line (the figures are in the card and on the type's
 * page). Partial buckets at the end (`partial`, by the API's clock) are drawn
 * dashed, and `partialLabel` says so in text beside it.
 */
export function Sparkline({
  points,
  color,
  height = 36,
}: {
  points: readonly { t: number; y: number; partial?: boolean }[];
  color: string;
  height?: number;
}) {
  const gradientId = useId();
  const paths = useMemo(() => sparklinePaths(points, WIDTH, height), [points, height]);
  if (!paths) return <span className="block" style={{ height }} />;
  return (
    <svg
      aria-hidden="true"
      viewBox={`0 0 ${WIDTH} ${height}`}
      preserveAspectRatio="none"
      className="block w-full overflow-visible"
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
}
