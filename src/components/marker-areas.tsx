import { ReferenceArea } from 'recharts';
import { ANOMALY_COLOR, type ChartMarker } from '../lib/chart-markers';
import { MARKER_LABEL } from './chart-frame';

/** Shaded spans of unusual spend on a time chart, the selected one stronger, each labelled at the top. */
export function markerAreas(markers: readonly ChartMarker[] | undefined) {
  return (markers ?? []).map((m) => (
    <ReferenceArea
      key={m.id}
      x1={m.x1}
      x2={m.x2}
      ifOverflow="hidden"
      fill={ANOMALY_COLOR}
      fillOpacity={m.selected ? 0.3 : 0.14}
      stroke={ANOMALY_COLOR}
      strokeOpacity={m.selected ? 0.9 : 0.45}
      label={{ value: m.label, position: 'insideTop', ...MARKER_LABEL, fill: ANOMALY_COLOR, fontWeight: 600 }}
    />
  ));
}
