import type { BudgetStatus } from '../../../contract/billing';
import { STATUS_LABELS } from '../budget-status';

const TONES: Record<BudgetStatus['status'], { badge: string; dot: string }> = {
  on_track: { badge: 'bg-success/10 text-success', dot: 'bg-success' },
  at_risk: { badge: 'bg-warning-soft text-warning', dot: 'bg-warning' },
  exceeded: { badge: 'bg-danger-soft text-danger', dot: 'bg-danger' },
};

/** Colour for a status, for bars. */
export const STATUS_FILL: Record<BudgetStatus['status'], string> = {
  on_track: 'bg-success',
  at_risk: 'bg-warning',
  exceeded: 'bg-danger',
};

/** The status in words, with its colour. */
export function StatusBadge({ status }: { status: BudgetStatus['status'] }) {
  const tone = TONES[status];
  return (
    <span className={`inline-flex h-5 shrink-0 items-center gap-1.5 rounded-full px-2 text-2xs font-semibold ${tone.badge}`}>
      <span aria-hidden="true" className={`size-1.5 rounded-full ${tone.dot}`} />
      {STATUS_LABELS[status]}
    </span>
  );
}
