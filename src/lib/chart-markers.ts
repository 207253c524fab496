/**
 * Markers of unusual spend on a time chart: the span of days to shade, in the
 * chart's numeric time axis (epoch ms), and whether it is the one selected.
 */
import type { Granularity } from '../contract/billing';
import type { AnomalyMarker } from './anomalies';
import { DAY_MS as DAY } from './time';


/** The colour of unusual spend on cost charts. */
export const ANOMALY_COLOR = 'var(--warning)';

export interface ChartMarker {
  id: string;
  x1: number;
  x2: number;
  /** Short text for the marker's label ("+$1.2k"). */
  label: string;
  selected: boolean;
}

/**
 * Where a marker's days sit on a chart of `granularity`: a daily point (or
 * bar) is drawn at its day's start, so a day's band is centred on it; hourly
 * points cover the days themselves; a week or month bucket holds them.
 */
export function markerSpan(m: Pick<AnomalyMarker, 'start' | 'end'>, granularity: Granularity): { x1: number; x2: number } {
  if (granularity === 'daily') return { x1: m.start - DAY / 2, x2: m.end - DAY / 2 };
  return { x1: m.start, x2: m.end };
}
