import { ReferenceArea } from 'recharts';
import type { Granularity } from '../../../contract/billing';
import { markerSpan } from '../../../lib/chart-markers';
import type { UtilKind, UtilPeriod } from '../../../lib/utilization-periods';

export const KIND_COLOR: Record<UtilKind, string> = { idle: 'var(--subtle)', oversized: 'var(--warning)' };
export const KIND_LABEL: Record<UtilKind, string> = { idle: 'Idle', oversized: 'Oversized' };

/** A cluster's idle and oversized stretches shaded on a time chart; those of `focus` stronger and outlined. */
export function stretchAreas(periods: readonly UtilPeriod[], granularity: Granularity, focus?: UtilKind) {
  return periods.map((p) => {
    const { x1, x2 } = markerSpan(p, granularity);
    const strong = p.kind === focus;
    return (
      <ReferenceArea
        key={`${p.kind}-${p.start}`}
        x1={x1}
        x2={x2}
        ifOverflow="hidden"
        fill={KIND_COLOR[p.kind]}
        fillOpacity={strong ? 0.34 : 0.18}
        {...(strong ? { stroke: KIND_COLOR[p.kind], strokeOpacity: 0.9 } : {})}
      />
    );
  });
}
