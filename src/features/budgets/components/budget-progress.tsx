import type { BudgetStatus } from '../../../contract/billing';
import { formatPercent } from '../../../lib/format';
import { barPosition, progressScale } from '../budget-status';
import { statusFill } from './status-badge';

/**
 * Spend against the budget as one bar: the spent part in the status colour,
 * a line at the budget (100%), ticks at the alert thresholds and a marker at
 * the projected month-end spend. One image with its figures as the text
 * alternative; the card repeats them as text.
 */
export function BudgetProgress({ item }: { item: BudgetStatus }) {
  const scale = progressScale(item);
  // No projection from the API: no marker, and the text alternative says so.
  const projectedPercent =
    item.projectedSpend !== undefined && item.monthlyBudget > 0 ? (item.projectedSpend / item.monthlyBudget) * 100 : undefined;
  const spentAt = barPosition(item.percentageUsed, scale);
  const projectedAt = projectedPercent === undefined ? undefined : barPosition(projectedPercent, scale);
  const fill = statusFill(item.status);
  const budgetAt = barPosition(100, scale);
  const label =
    `${formatPercent(item.percentageUsed)} of the budget spent, ` +
    (projectedPercent === undefined ? 'no projection given; ' : `projected ${formatPercent(projectedPercent)} by month end; `) +
    (item.alertThresholds.length > 0 ? `alert thresholds at ${item.alertThresholds.map((t) => `${t}%`).join(', ')}` : 'no alert thresholds given');
  return (
    <div>
      <div role="img" aria-label={label} className="relative h-5">
        <div className="absolute inset-x-0 top-1.5 h-2 overflow-hidden rounded-full bg-surface-muted">
          <div className={`h-full rounded-full ${fill}`} style={{ width: `${spentAt}%` }} />
        </div>
        {item.alertThresholds.map((t) => (
          <span
            key={t}
            aria-hidden="true"
            className={`absolute top-1 h-3 w-px ${item.thresholdsCrossed.includes(t) ? 'bg-foreground/50' : 'bg-border-strong'}`}
            style={{ left: `${barPosition(t, scale)}%` }}
          />
        ))}
        <span
          aria-hidden="true"
          className="absolute top-0 h-5 w-0.5 -translate-x-1/2 rounded bg-foreground"
          style={{ left: `${budgetAt}%` }}
        />
        {projectedAt !== undefined && (
          <span
            aria-hidden="true"
            data-testid="projected-marker"
            className="absolute top-0 h-5 -translate-x-1/2 border-l-2 border-dashed border-accent"
            style={{ left: `${projectedAt}%` }}
          />
        )}
      </div>
      <div aria-hidden="true" className="mt-1 flex justify-between text-2xs text-muted tabular-nums">
        <span>0%</span>
        <span className="flex items-center gap-3">
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
        <span>{scale}%</span>
      </div>
    </div>
  );
}
