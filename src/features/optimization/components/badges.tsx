import type { ReactNode } from 'react';
import type { OptimizationRecommendation } from '../../../contract/billing';
import { labelFor, lookup } from '../../../lib/format';
import { EFFORT_LABELS, IMPACT_LABELS, type Effort, type Impact } from '../recommendations';

/** A level the dashboard does not know is shown by its id, in a neutral style. */
const NEUTRAL = 'bg-surface-muted text-muted ring-border-strong';

const BADGE = 'inline-flex items-center gap-1 rounded px-1.5 py-px text-2xs font-medium whitespace-nowrap ring-1 ring-inset';

const IMPACT_CLASS: Record<Impact, string> = {
  high: 'bg-accent-soft text-accent ring-accent/25',
  medium: 'bg-warning-soft text-warning ring-warning/25',
  low: 'bg-surface-muted text-muted ring-border-strong',
};

const EFFORT_CLASS: Record<Effort, string> = {
  low: 'bg-surface text-success ring-success/30',
  medium: 'bg-surface text-warning ring-warning/30',
  high: 'bg-surface text-danger ring-danger/30',
};

/** Size of the saving, as text: "High impact". */
export function ImpactBadge({ impact }: { impact: OptimizationRecommendation['impact'] }) {
  return (
    <span className={`${BADGE} ${lookup(IMPACT_CLASS, impact, NEUTRAL)}`} data-impact={impact}>
      {labelFor(IMPACT_LABELS, impact)} impact
    </span>
  );
}

/** Work to put a recommendation in place, as text: "Low effort". */
export function EffortBadge({ effort }: { effort: OptimizationRecommendation['implementationEffort'] }) {
  return (
    <span className={`${BADGE} ${lookup(EFFORT_CLASS, effort, NEUTRAL)}`} data-effort={effort}>
      {labelFor(EFFORT_LABELS, effort)} effort
    </span>
  );
}

/** A neutral tag (category, resource count). */
export function TagBadge({ children, color }: { children: ReactNode; color?: string }) {
  return (
    <span className={`${BADGE} bg-surface text-muted ring-border`}>
      {color && <span aria-hidden="true" className="size-1.5 rounded-full" style={{ background: color }} />}
      {children}
    </span>
  );
}
