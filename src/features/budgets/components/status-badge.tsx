import type { BudgetStatus, BudgetStatusKind } from '../../../contract/billing';
import { labelFor, lookup } from '../../../lib/format';
import { STATUS_LABELS } from '../budget-status';
import { RANK_LABELS, type BudgetRank } from '../../../lib/budget-view';

const NEUTRAL_TONE = { badge: 'bg-surface-muted text-muted', dot: 'bg-border-strong' };

const TONES: Record<BudgetStatusKind, { badge: string; dot: string }> = {
  on_track: { badge: 'bg-success/10 text-success', dot: 'bg-success' },
  at_risk: { badge: 'bg-warning-soft text-warning', dot: 'bg-warning' },
  exceeded: { badge: 'bg-danger-soft text-danger', dot: 'bg-danger' },
};

/** Colour for a status, for bars. */
const STATUS_FILLS: Record<BudgetStatusKind, string> = {
  on_track: 'bg-success',
  at_risk: 'bg-warning',
  exceeded: 'bg-danger',
};

/** Colour for a status, for bars: neutral for a status the API did not give or the dashboard does not know. */
export function statusFill(status: BudgetStatus['status']): string {
  return status === undefined ? 'bg-accent' : lookup(STATUS_FILLS, status, 'bg-border-strong');
}

/** The status in words, with its colour; nothing when the API gave none. */
export function StatusBadge({ status }: { status: BudgetStatus['status'] }) {
  if (status === undefined) return null;
  const tone = lookup(TONES, status, NEUTRAL_TONE);
  return (
    <span className={`inline-flex h-5 shrink-0 items-center gap-1.5 rounded-full px-2 text-2xs font-semibold ${tone.badge}`}>
      <span aria-hidden="true" className={`size-1.5 rounded-full ${tone.dot}`} />
      {labelFor(STATUS_LABELS, status)}
    </span>
  );
}

const RANK_TONES: Record<BudgetRank, { badge: string; dot: string; fill: string }> = {
  exceeded: { badge: 'bg-danger-soft text-danger', dot: 'bg-danger', fill: 'bg-danger' },
  projected_over: { badge: 'bg-danger-soft text-danger', dot: 'bg-danger', fill: 'bg-warning' },
  at_risk: { badge: 'bg-warning-soft text-warning', dot: 'bg-warning', fill: 'bg-warning' },
  on_track: { badge: 'bg-success/10 text-success', dot: 'bg-success', fill: 'bg-success' },
};

/** Colour of a ranked status for bars; neutral without one. */
export function rankFill(rank: BudgetRank | undefined): string {
  return rank === undefined ? 'bg-accent' : RANK_TONES[rank].fill;
}

/** The ranked status in words (exceeded / projected over / at risk / on track), with its colour. */
export function RankBadge({ rank }: { rank: BudgetRank | undefined }) {
  if (rank === undefined) return null;
  const tone = RANK_TONES[rank];
  return (
    <span data-testid="budget-rank" data-rank={rank} className={`inline-flex h-5 shrink-0 items-center gap-1.5 rounded-full px-2 text-2xs font-semibold ${tone.badge}`}>
      <span aria-hidden="true" className={`size-1.5 rounded-full ${tone.dot}`} />
      {RANK_LABELS[rank]}
    </span>
  );
}
