import { lazy, Suspense, useState } from 'react';
import { Link, useLocation } from 'react-router';
import { PageHeader } from '../../components/page-header';
import { EmptyState } from '../../components/states/empty-state';
import { ErrorPanel } from '../../components/states/error-panel';
import { Skeleton } from '../../components/states/skeleton';
import { CheckIcon, CloseIcon } from '../../components/icons';
import type { BudgetStatus } from '../../contract/billing';
import type { FilterRouteHandle } from '../../url-state/filter-bar-config';
import { useBudgetStatus } from '../../api/budget-status';
import { useDeleteBudget } from './api/delete-budget';
import { useUrlState } from '../../url-state/use-url-state';
import { PRIMARY_BUTTON_CLASS } from './components/styles';
import { READ_ONLY_NOTE_ID, ReadOnlyNote, useReadOnly } from './read-only';

// The delete confirmation is closed when the page paints: its code loads just after.
// The cards (their projections, breach forecasts and bars) load just after the page paints.
const BudgetList = lazy(() => import('./components/budget-list').then((m) => ({ default: m.BudgetList })));
const ConfirmDialog = lazy(() => import('./components/confirm-dialog').then((m) => ({ default: m.ConfirmDialog })));

/** Budgets are monthly: only the display currency of the shared filters applies. */
export const handle: FilterRouteHandle = { filterBar: { hide: ['timeRange', 'resourceType', 'granularity', 'groupBy'] } };

/** What the editor passes back after a save (router location state). */
export interface BudgetsLocationState {
  saved?: string;
}

function NewBudgetLink() {
  if (useReadOnly())
    return (
      <button type="button" disabled aria-describedby={READ_ONLY_NOTE_ID} className={PRIMARY_BUTTON_CLASS}>
        <span aria-hidden="true" className="text-base leading-none">
          +
        </span>
        New budget
      </button>
    );
  return (
    <Link to="/budgets/new" className={PRIMARY_BUTTON_CLASS}>
      <span aria-hidden="true" className="text-base leading-none">
        +
      </span>
      New budget
    </Link>
  );
}

function ListSkeleton() {
  return (
    <ul aria-hidden="true" className="flex flex-col gap-3">
      {[0, 1].map((i) => (
        <li key={i} className="rounded-card border border-border bg-surface p-4 shadow-card">
          <Skeleton className="h-4 w-40" />
          <Skeleton className="mt-2 h-3 w-64" />
          <div className="mt-4 grid grid-cols-2 gap-4 sm:grid-cols-4">
            {[0, 1, 2, 3].map((j) => (
              <Skeleton key={j} className="h-8" />
            ))}
          </div>
          <Skeleton className="mt-4 h-2 w-full" />
        </li>
      ))}
    </ul>
  );
}

export default function BudgetsPage() {
  const status = useBudgetStatus();
  const remove = useDeleteBudget();
  const location = useLocation();
  const saved = (location.state as BudgetsLocationState | null)?.saved;
  const [confirming, setConfirming] = useState<BudgetStatus | null>(null);
  const [deleted, setDeleted] = useState<string | null>(null);
  const [savedShown, setSavedShown] = useState(true);
  const readOnly = useReadOnly();

  const confirmDelete = () => {
    const item = confirming;
    setConfirming(null);
    if (!item?.budgetId) return;
    const { budgetId } = item;
    setDeleted(null);
    remove.mutate(
      { budgetId, name: item.name },
      { onSuccess: () => setDeleted(item.name) },
    );
  };

  const { data, error, isError, isPending, isFetching, refetch } = status;
  const budgets = data?.budgets ?? [];
  const { filters } = useUrlState();
  const currency = filters.currency;
  const failedDelete = remove.isError ? remove.variables : undefined;

  return (
    <>
      <PageHeader
        title="Budgets"
        description={`This calendar month's spend (UTC) against each monthly budget, in ${currency}; a budget kept in another currency is converted at this month's rate, its own amount noted. Every bar shares one scale.`}
        actions={<NewBudgetLink />}
      />

      <div className="flex flex-col gap-3">
        <ReadOnlyNote />
        <div role="status" aria-live="polite" className="empty:hidden">
          {saved && savedShown && !deleted && (
            <p className="flex items-center gap-2 rounded-card border border-success/30 bg-success/10 px-3.5 py-2.5 text-[13px] text-foreground">
              <CheckIcon size={16} className="shrink-0 text-success" />
              <span className="min-w-0 flex-1">Saved budget “{saved}”.</span>
              <button
                type="button"
                onClick={() => setSavedShown(false)}
                className="rounded p-0.5 text-muted hover:text-foreground"
              >
                <CloseIcon size={14} />
                <span className="sr-only">Dismiss</span>
              </button>
            </p>
          )}
          {deleted && (
            <p className="flex items-center gap-2 rounded-card border border-border bg-surface px-3.5 py-2.5 text-[13px] text-foreground">
              <CheckIcon size={16} className="shrink-0 text-success" />
              Deleted budget “{deleted}”.
            </p>
          )}
        </div>

        {failedDelete && (
          <ErrorPanel
            title={`Could not delete “${failedDelete.name}”: it is back in the list`}
            error={remove.error}
            onRetry={() => remove.mutate(failedDelete, { onSuccess: () => setDeleted(failedDelete.name) })}
            retrying={remove.isPending}
          />
        )}

        {isError && !data ? (
          <ErrorPanel error={error} onRetry={() => void refetch()} retrying={isFetching} />
        ) : isPending ? (
          <ListSkeleton />
        ) : (
          <>
            {/* A failed refresh with data on screen: the shell's stale-data banner says so. */}
            {budgets.length === 0 ? (
              <div className="rounded-card border border-border bg-surface shadow-card">
                <EmptyState
                  title="No budgets yet"
                  description="Set a monthly budget with alert thresholds to hear about spend before it runs over."
                  action={<NewBudgetLink />}
                />
              </div>
            ) : (
              <Suspense fallback={<ListSkeleton />}>
                <BudgetList budgets={budgets} currency={currency} busy={isFetching} onDelete={setConfirming} readOnly={readOnly} />
              </Suspense>
            )}
          </>
        )}
      </div>

      <Suspense fallback={null}>
        <ConfirmDialog
          open={confirming !== null}
          title={`Delete budget “${confirming?.name ?? ''}”?`}
          confirmLabel="Delete budget"
          tone="danger"
          onConfirm={confirmDelete}
          onCancel={() => setConfirming(null)}
        >
          Its alerts stop at once. This cannot be undone.
        </ConfirmDialog>
      </Suspense>
    </>
  );
}
