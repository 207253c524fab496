import { formatPercent } from '../../../lib/format';
import { barPosition } from '../budget-status';
import type { BudgetFigures, BudgetRank } from '../../../lib/budget-view';
import { rankFill } from './status-badge';

/**
 * Spend against the budget as one bar on the scale every card shares: the
 * spent part in the status colour, a line at the budget (100%), ticks at the
 * alert thresholds and a marker at the projected month end. A spend or
 * projection beyond the scale's end is drawn as overflow there (an arrow and
 * its percentage), never as if it were at the end. One image with its figures
 * as the text alternative; the card repeats them as text.
 */
export function BudgetProgress({
  figures,
  thresholds,
  crossed,
  scale,
  rank,
}: {
  figures: Pick<BudgetFigures, 'spentPercent' | 'projectedPercent'>;
  thresholds: readonly number[];
  crossed: readonly number[];
  scale: number;
  rank: BudgetRank | undefined;
}) {
  const { spentPercent, projectedPercent } = figures;
  const spentAt = barPosition(spentPercent, scale);
  const projectedAt = projectedPercent === undefined ? undefined : barPosition(projectedPercent, scale);
  const fill = rankFill(rank);
  const budgetAt = barPosition(100, scale);
  const overflow = Math.max(spentPercent, projectedPercent ?? 0) > scale ? Math.max(spentPercent, projectedPercent ?? 0) : undefined;
  const label =
    `${formatPercent(spentPercent)} of the budget spent, ` +
    (projectedPercent === undefined ? 'no projection given; ' : `projected ${formatPercent(projectedPercent)} by month end; `) +
    (thresholds.length > 0 ? `alert thresholds at ${thresholds.map((t) => `${t}%`).join(', ')}` : 'no alert thresholds given') +
    `; scale 0–${scale}%`;
  return (
    <div>
      <div role="img" aria-label={label} className="relative h-5" data-scale={scale}>
        <div className="absolute inset-x-0 top-1.5 h-2 overflow-hidden rounded-full bg-surface-muted">
          <div className={`h-full rounded-full ${fill}`} style={{ width: `${spentAt}%` }} />
        </div>
        {thresholds.filter((t) => t <= scale).map((t) => (
          <span
            key={t}
            aria-hidden="true"
            className={`absolute top-1 h-3 w-px ${crossed.includes(t) ? 'bg-foreground/50' : 'bg-border-strong'}`}
            style={{ left: `${barPosition(t, scale)}%` }}
          />
        ))}
        <span aria-hidden="true" className="absolute top-0 h-5 w-0.5 -translate-x-1/2 rounded bg-foreground" style={{ left: `${budgetAt}%` }} />
        {projectedAt !== undefined && projectedPercent! <= scale && (
          <span
            aria-hidden="true"
            data-testid="projected-marker"
            className="absolute top-0 h-5 -translate-x-1/2 border-l-2 border-dashed border-accent"
            style={{ left: `${projectedAt}%` }}
          />
        )}
        {overflow !== undefined && (
          <span
            aria-hidden="true"
            data-testid="scale-overflow"
            className="absolute -right-1 top-0 flex h-5 items-center rounded bg-surface px-0.5 text-2xs font-semibold text-danger"
          >
            ▶
          </span>
        )}
      </div>
      <div aria-hidden="true" className="mt-1 flex justify-between text-2xs text-muted tabular-nums">
        <span>0%</span>
        <span className="flex flex-wrap items-center justify-center gap-x-3">
          <span className="flex items-center gap-1">
            <span className={`inline-block h-1.5 w-3 rounded-full ${fill}`} />
            Spent
          </span>
          {projectedAt !== undefined && (
            <span className="flex items-center gap-1">
              <span className="inline-block h-2.5 border-l-2 border-dashed border-accent" />
              Projected
            </span>
          )}
          <span className="flex items-center gap-1">
            <span className="inline-block h-2.5 w-0.5 bg-foreground" />
            Budget
          </span>
        </span>
        <span className={overflow !== undefined ? 'font-semibold text-danger' : ''} data-testid="scale-end">
          {overflow !== undefined ? `${scale}% ▶ ${formatPercent(overflow, 0)}` : `${scale}%`}
        </span>
      </div>
    </div>
  );
}
