import { useId } from 'react';
import { Link } from 'react-router';
import { READ_ONLY_NOTE_ID } from '../read-only';
import type { BudgetStatus } from '../../../contract/billing';
import { useBreachOutlook } from '../../../api/breach-outlook';
import { BreachLine } from './breach-line';
import { resourceLabel } from '../../../lib/colors';
import { formatMoney, formatPercent } from '../../../lib/format';
import { BudgetProgress } from './budget-progress';
import { StatusBadge } from './status-badge';
import { GHOST_BUTTON_CLASS } from './styles';

/** `All resources` or the covered types' names; undefined when the API does not say. */
export function coverageLabel(types: BudgetStatus['resourceTypes']): string | undefined {
  if (!types) return undefined;
  if (types.includes('all')) return 'All resources';
  return types.map((t) => resourceLabel(t)).join(', ');
}

function Figure({ label, value, note, testId }: { label: string; value: string; note?: string; testId: string }) {
  return (
    <div className="min-w-0">
      <dt className="text-2xs font-medium text-muted">{label}</dt>
      <dd className="mt-0.5 text-sm font-semibold text-foreground tabular-nums" data-testid={testId}>
        {value}
      </dd>
      {note && <dd className="text-2xs text-muted tabular-nums">{note}</dd>}
    </div>
  );
}

/** One budget this month: status, figures, the progress bar, and Edit / Delete. */
export function BudgetCard({
  item,
  onDelete,
  readOnly = false,
}: {
  item: BudgetStatus;
  onDelete: (item: BudgetStatus) => void;
  /** The user's role may not change budgets: Edit and Delete are shown disabled (the page says why). */
  readOnly?: boolean;
}) {
  const titleId = useId();
  const breach = useBreachOutlook(item.resourceTypes, item.currency, [item.monthlyBudget]);
  // the forecast from the scope's usage is the projection of record; the API's run rate until it is in
  const projected = breach.view?.projected.mean ?? item.projectedSpend;
  const projectedPercent = item.monthlyBudget > 0 && projected !== undefined ? (projected / item.monthlyBudget) * 100 : 0;
  const crossed = item.thresholdsCrossed;
  const coverage = coverageLabel(item.resourceTypes);
  return (
    <article aria-labelledby={titleId} className="rounded-card border border-border bg-surface p-4 shadow-card">
      <div className="flex flex-wrap items-start justify-between gap-x-4 gap-y-2">
        <div className="min-w-0">
          <div className="flex flex-wrap items-center gap-2">
            <h2 id={titleId} className="truncate text-sm font-semibold text-foreground">
              {item.name}
            </h2>
            <StatusBadge status={item.status} />
          </div>
          <p className="mt-0.5 text-xs text-muted">
            {coverage ? `${coverage} · ` : ''}
            {formatMoney(item.monthlyBudget, item.currency)} per month
          </p>
        </div>
        {/* Without an id from the API the budget can be shown but not addressed. */}
        {item.budgetId !== undefined && (
          <div className="-mr-2 flex items-center gap-0.5">
            {readOnly ? (
              <button type="button" disabled aria-describedby={READ_ONLY_NOTE_ID} className={GHOST_BUTTON_CLASS}>
                Edit<span className="sr-only"> {item.name}</span>
              </button>
            ) : (
              <Link to={`/budgets/${encodeURIComponent(item.budgetId)}/edit`} className={GHOST_BUTTON_CLASS}>
                Edit<span className="sr-only"> {item.name}</span>
              </Link>
            )}
            <button
              type="button"
              disabled={readOnly}
              aria-describedby={readOnly ? READ_ONLY_NOTE_ID : undefined}
              onClick={() => onDelete(item)}
              className={`${GHOST_BUTTON_CLASS} hover:text-danger`}
            >
              Delete<span className="sr-only"> {item.name}</span>
            </button>
          </div>
        )}
      </div>

      <dl className="mt-3 grid grid-cols-2 gap-x-4 gap-y-3 sm:grid-cols-4">
        <Figure
          label="Spent this month"
          value={formatMoney(item.currentSpent, item.currency)}
          note={`${formatPercent(item.percentageUsed)} of budget`}
          testId="budget-spent"
        />
        {projected !== undefined ? (
          <Figure
            label="Projected month end"
            value={formatMoney(projected, item.currency)}
            note={`${formatPercent(projectedPercent)} of budget${breach.view ? '' : ' (run rate)'}`}
            testId="budget-projected"
          />
        ) : (
          <Figure label="Projected month end" value="—" note="The API gave no projection" testId="budget-projected" />
        )}
        <Figure
          label="Days left"
          value={String(item.daysRemainingInPeriod)}
          note={item.daysRemainingInPeriod === 1 ? 'day in this month' : 'days in this month'}
          testId="budget-days-left"
        />
        <Figure
          label="Thresholds crossed"
          value={crossed.length === 0 ? 'None' : crossed.map((t) => `${t}%`).join(', ')}
          note={item.alertThresholds.length > 0 ? `of ${item.alertThresholds.map((t) => `${t}%`).join(', ')}` : 'No thresholds given'}
          testId="budget-crossed"
        />
      </dl>

      <div className="mt-3">
        <BudgetProgress item={item} />
      </div>
      <BreachLine breach={breach} className="mt-2" />
    </article>
  );
}
