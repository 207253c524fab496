import { Link } from 'react-router';
import type { BudgetStatus, Currency } from '../../../contract/billing';
import { Panel } from '../../../components/panel';
import { ErrorPanel } from '../../../components/states/error-panel';
import { Skeleton } from '../../../components/states/skeleton';
import { resourceLabel } from '../../../lib/colors';
import { formatMoney, formatPercent } from '../../../lib/format';
import { confidenceLabel } from '../forecast-view';
import { useBudgetView } from '../../../api/use-budget-view';
import { RANK_LABELS, SCALE_MAX, type BudgetFigures, type BudgetRank } from '../../../lib/budget-view';
import { breachSentence } from '../../../lib/breach-text';
import { formatMonthLong } from '../forecast-series';

function scopeLabel(types: BudgetStatus['resourceTypes']): string {
  if (!types) return '';
  if (types.includes('all')) return 'All resources';
  return types.map((t) => resourceLabel(t)).join(', ');
}

const RANK_CLASS: Record<BudgetRank, string> = {
  exceeded: 'text-danger',
  projected_over: 'text-danger',
  at_risk: 'text-warning',
  on_track: 'text-success',
};
const RANK_BAR: Record<BudgetRank, string> = {
  exceeded: 'var(--danger)',
  projected_over: 'var(--warning)',
  at_risk: 'var(--warning)',
  on_track: 'var(--success)',
};

/** Spent so far (solid) and projected (light) against the budget (the 100% tick); scaled so 120% fits, overflow marked. */
function BudgetBar({ f, rank }: { f: BudgetFigures; rank: BudgetRank | undefined }) {
  const max = Math.min(SCALE_MAX, Math.max(120, f.projectedPercent ?? 0, f.spentPercent));
  const w = (v: number) => `${Math.min(100, (v / max) * 100)}%`;
  const colour = rank === undefined ? 'var(--accent)' : RANK_BAR[rank];
  const over = Math.max(f.spentPercent, f.projectedPercent ?? 0) > max;
  return (
    <div
      role="img"
      aria-label={`${formatPercent(f.spentPercent, 0)} spent${f.projectedPercent === undefined ? '' : `, ${formatPercent(f.projectedPercent, 0)} projected`} of the budget`}
      className="relative mt-2 h-1.5 rounded-full bg-surface-muted"
    >
      {f.projectedPercent !== undefined && (
        <span className="absolute inset-y-0 left-0 rounded-full opacity-35" style={{ width: w(f.projectedPercent), background: colour }} />
      )}
      <span className="absolute inset-y-0 left-0 rounded-full" style={{ width: w(f.spentPercent), background: colour }} />
      <span aria-hidden="true" className="absolute -inset-y-1 w-px bg-foreground/60" style={{ left: w(100) }} />
      {over && (
        <span aria-hidden="true" className="absolute -right-1 -top-1.5 text-2xs font-semibold text-danger">
          ▶
        </span>
      )}
    </div>
  );
}

/** The breach forecast, centred on the projection of record. */
function BreachForecast({ view }: { view: ReturnType<typeof useBudgetView> }) {
  const { breach, threshold } = view;
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
  if (!breach.view || !threshold) return <p className="mt-1.5 text-xs text-muted">Forecasting the month end…</p>;
  const t = threshold;
  return (
    <p
      data-testid="outlook-breach"
      className={`mt-1.5 text-xs font-semibold ${t.reached || t.probability >= 0.5 ? 'text-danger' : t.probability >= 0.2 ? 'text-warning' : 'text-success'}`}
    >
      {breachSentence(t)}
    </p>
  );
}

function BudgetRow({ item, currency }: { item: BudgetStatus; currency: Currency }) {
  const view = useBudgetView(item, currency);
  const { figures: f, rank } = view;
  const money = (x: number) => formatMoney(x, currency);
  return (
    <li data-testid="budget-outlook" data-budget={item.budgetId} className="border-b border-border py-3 first:pt-0 last:border-b-0 last:pb-0">
      <div className="flex items-baseline justify-between gap-3">
        <p className="min-w-0 truncate text-[13px] font-medium text-foreground">{item.name}</p>
        <p className="shrink-0 text-2xs text-muted">{scopeLabel(item.resourceTypes)}</p>
      </div>
      {f ? (
        <>
          <p data-testid="budget-status" className={`text-xs font-semibold ${rank === undefined ? 'text-muted' : RANK_CLASS[rank]}`}>
            {rank === undefined ? '' : `${RANK_LABELS[rank]}: `}
            {f.projectedPercent === undefined
              ? `${formatPercent(f.spentPercent, 0)} of budget spent`
              : `projected ${formatPercent(f.projectedPercent, 0)} of budget`}
          </p>
          <BudgetBar f={f} rank={rank} />
          <dl className="mt-2 grid grid-cols-3 gap-2 text-xs tabular-nums">
            <div>
              <dt className="text-2xs text-muted">Budget</dt>
              <dd className="font-medium text-foreground" data-testid="outlook-budget">
                {money(f.budget)}
              </dd>
              {f.own && <dd className="text-2xs text-muted">kept in {f.own.currency}: {formatMoney(f.own.budget, f.own.currency)}</dd>}
            </div>
            <div>
              <dt className="text-2xs text-muted">Spent so far</dt>
              <dd className="font-medium text-foreground">{money(f.spent)}</dd>
            </div>
            <div>
              <dt className="text-2xs text-muted">{f.projectedFrom === 'budget-status' ? 'Projected (API budget status)' : 'Projected month end'}</dt>
              <dd className="font-medium text-foreground" data-testid="outlook-projected">
                {f.projected === undefined ? '—' : money(f.projected)}
              </dd>
            </div>
          </dl>
        </>
      ) : (
        <Skeleton className="mt-2 h-10 w-full" />
      )}
      <BreachForecast view={view} />
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
  budgets?: readonly BudgetStatus[];
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
          {budgets.map((b, i) => (
            <BudgetRow key={b.budgetId ?? `${b.name}-${i}`} item={b} currency={currency} />
          ))}
        </ul>
      )}
    </Panel>
  );
}
