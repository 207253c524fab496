import { Link } from 'react-router';
import type { BudgetStatusKind, Currency } from '../../../contract/billing';
import { Panel } from '../../../components/panel';
import { ErrorPanel } from '../../../components/states/error-panel';
import { Skeleton } from '../../../components/states/skeleton';
import { resourceLabel } from '../../../lib/colors';
import { formatMoney, formatPercent, lookup } from '../../../lib/format';
import { confidenceLabel } from '../forecast-view';
import { useBreachOutlook } from '../../../api/breach-outlook';
import { breachSentence } from '../../../lib/breach-text';
import { formatMonthLong, type BudgetOutlook as Outlook } from '../forecast-series';

const STATUS_CLASS: Record<BudgetStatusKind, string> = {
  on_track: 'text-success',
  at_risk: 'text-warning',
  exceeded: 'text-danger',
};
const STATUS_BAR: Record<BudgetStatusKind, string> = {
  on_track: 'var(--success)',
  at_risk: 'var(--warning)',
  exceeded: 'var(--danger)',
};

function scopeLabel(types: Outlook['resourceTypes']): string {
  if (!types) return '';
  if (types.includes('all')) return 'All resources';
  return types.map((t) => resourceLabel(t)).join(', ');
}

/** A status the API did not give or the dashboard does not know: neutral. */
const statusClass = (s: Outlook['status']) => (s === undefined ? 'text-muted' : lookup(STATUS_CLASS, s, 'text-muted'));
const statusBar = (s: Outlook['status']) => (s === undefined ? 'var(--accent)' : lookup(STATUS_BAR, s, 'var(--border-strong)'));

/** Spent so far (solid) and projected (light) against the budget (the 100% tick); scaled so 120% fits. */
function BudgetBar({ b }: { b: Outlook }) {
  const max = Math.max(120, b.projectedPercent ?? 0, b.spentPercent);
  const w = (v: number) => `${Math.min(100, (v / max) * 100)}%`;
  return (
    <div
      role="img"
      aria-label={`${formatPercent(b.spentPercent, 0)} spent${b.projectedPercent === undefined ? '' : `, ${formatPercent(b.projectedPercent, 0)} projected`} of the budget`}
      className="relative mt-2 h-1.5 rounded-full bg-surface-muted"
    >
      {b.projectedPercent !== undefined && (
        <span className="absolute inset-y-0 left-0 rounded-full opacity-35" style={{ width: w(b.projectedPercent), background: statusBar(b.status) }} />
      )}
      <span className="absolute inset-y-0 left-0 rounded-full" style={{ width: w(b.spentPercent), background: statusBar(b.status) }} />
      <span aria-hidden="true" className="absolute -inset-y-1 w-px bg-foreground/60" style={{ left: w(100) }} />
    </div>
  );
}

/** The budget's own month-end forecast from its resource types' usage history (the projection of record). */
function BreachForecast({ b }: { b: Outlook }) {
  const breach = useBreachOutlook(b.resourceTypes, b.currency, [b.monthlyBudget]);
  const t = breach.view?.thresholds[0];
  if (breach.unavailable)
    return (
      <p className="mt-1.5 text-xs text-muted" data-testid="outlook-breach">
        No breach forecast: the API does not say which resource types this budget covers, or names a type or currency this dashboard cannot ask for.
      </p>
    );
  if (breach.isError)
    return (
      <p className="mt-1.5 text-xs text-muted" data-testid="outlook-breach">
        Breach forecast unavailable.{' '}
        <button type="button" className="font-medium text-accent hover:underline" onClick={() => void breach.refetch()}>
          Retry
        </button>
      </p>
    );
  if (!breach.view || !t) return <p className="mt-1.5 text-xs text-muted">Forecasting the month end…</p>;
  const p = breach.view.projected;
  return (
    <div className="mt-1.5 text-xs">
      <p data-testid="outlook-breach" className={`font-semibold ${t.reached || t.probability >= 0.5 ? 'text-danger' : t.probability >= 0.2 ? 'text-warning' : 'text-success'}`}>
        {breachSentence(t)}
      </p>
      <p className="text-muted tabular-nums">
        Forecast month end <span className="font-medium text-foreground">{formatMoney(p.mean, b.currency)}</span>, {formatPercent((p.mean / b.monthlyBudget) * 100, 0)} of budget (
        {Math.round(p.level * 100)}%: {formatMoney(p.lower, b.currency)}–{formatMoney(p.upper, b.currency)})
      </p>
    </div>
  );
}

function BudgetRow({ b }: { b: Outlook }) {
  return (
    <li data-testid="budget-outlook" data-budget={b.budgetId} className="border-b border-border py-3 first:pt-0 last:border-b-0 last:pb-0">
      <div className="flex items-baseline justify-between gap-3">
        <p className="min-w-0 truncate text-[13px] font-medium text-foreground">{b.name}</p>
        <p className="shrink-0 text-2xs text-muted">{scopeLabel(b.resourceTypes)}</p>
      </div>
      <p data-testid="budget-status" className={`text-xs font-semibold ${statusClass(b.status)}`}>
        {b.statusText}
      </p>
      <BudgetBar b={b} />
      <dl className="mt-2 grid grid-cols-3 gap-2 text-xs tabular-nums">
        <div>
          <dt className="text-2xs text-muted">Budget</dt>
          <dd className="font-medium text-foreground">{formatMoney(b.monthlyBudget, b.currency)}</dd>
        </div>
        <div>
          <dt className="text-2xs text-muted">Spent so far</dt>
          <dd className="font-medium text-foreground">{formatMoney(b.currentSpent, b.currency)}</dd>
        </div>
        <div>
          <dt className="text-2xs text-muted">Projected (run rate)</dt>
          <dd className="font-medium text-foreground">{b.projectedSpend === undefined ? '—' : formatMoney(b.projectedSpend, b.currency)}</dd>
        </div>
      </dl>
      <BreachForecast b={b} />
    </li>
  );
}

/** This month's projected end beside each budget, with status text. */
export function BudgetOutlookCard({
  month,
  projected,
  lower,
  upper,
  level,
  currency,
  budgets,
  loading,
  error,
  onRetry,
  retrying,
}: {
  month?: string;
  projected?: number;
  lower?: number;
  upper?: number;
  level: number;
  currency: Currency;
  budgets?: readonly Outlook[];
  loading: boolean;
  error?: unknown;
  onRetry: () => void;
  retrying: boolean;
}) {
  return (
    <Panel
      title="This month against budgets"
      busy={loading}
      description={
        month && projected !== undefined ? (
          <span className="tabular-nums">
            {formatMonthLong(month)} is projected to end at{' '}
            <span data-testid="month-projection" className="font-semibold text-foreground">
              {formatMoney(projected, currency)}
            </span>
            {lower !== undefined && upper !== undefined && (
              <>
                {' '}
                ({confidenceLabel(level)}: {formatMoney(lower, currency)} – {formatMoney(upper, currency)})
              </>
            )}
            .
          </span>
        ) : (
          <Skeleton className="h-3.5 w-64" />
        )
      }
    >
      {error ? (
        <ErrorPanel error={error} onRetry={onRetry} retrying={retrying} title="Could not load budgets" />
      ) : loading || !budgets ? (
        <div className="flex flex-col gap-3" aria-hidden="true">
          <Skeleton className="h-16 w-full" />
          <Skeleton className="h-16 w-full" />
        </div>
      ) : budgets.length === 0 ? (
        <p className="rounded-md border border-dashed border-border-strong px-3 py-4 text-center text-xs text-muted">
          No budgets set.{' '}
          <Link to="/budgets" className="font-medium text-accent hover:underline">
            Create a budget
          </Link>{' '}
          to compare it with the projection.
        </p>
      ) : (
        <ul>
          {budgets.map((b) => (
            <BudgetRow key={b.budgetId} b={b} />
          ))}
        </ul>
      )}
    </Panel>
  );
}
