import { lazy, Suspense } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { ApiError } from '../../api/errors';
import { PageHeader } from '../../components/page-header';
import { ErrorPanel } from '../../components/states/error-panel';
import { Notice } from '../../components/states/notice';
import { Skeleton } from '../../components/states/skeleton';
import type { Budget } from '../../contract/billing';
import type { FilterRouteHandle } from '../../url-state/filter-bar-config';
import { useBudget } from './api/get-budget';
import { budgetToFormValues, NEW_BUDGET_VALUES } from './budget-form';
import type { BudgetsLocationState } from './budgets-page';
import { ReadOnlyNote, useReadOnly } from './read-only';

export const handle: FilterRouteHandle = { filterBar: false };

// The form and its validation code load after the page has painted (the form skeleton stands in meanwhile).
const BudgetForm = lazy(() => import('./components/budget-form').then((m) => ({ default: m.BudgetForm })));

const DESCRIPTION = 'A monthly budget (calendar month, UTC) with alert thresholds and what happens at each.';

function BackLink() {
  return (
    <Link to="/budgets" className="text-[13px] font-medium text-accent hover:underline">
      ← All budgets
    </Link>
  );
}

function FormSkeleton() {
  return (
    <div aria-hidden="true" className="flex flex-col gap-4">
      {[48, 96, 240, 72].map((h, i) => (
        <div key={i} className="rounded-card border border-border bg-surface p-4 shadow-card">
          <Skeleton className="h-3.5 w-32" />
          <div className="mt-3" style={{ height: h }}>
            <Skeleton className="h-full w-full" />
          </div>
        </div>
      ))}
    </div>
  );
}

function useSaved() {
  const navigate = useNavigate();
  return (budget: Pick<Budget, 'name'>) => {
    const state: BudgetsLocationState = { saved: budget.name };
    void navigate('/budgets', { state });
  };
}

function EditBudget({ budgetId }: { budgetId: string }) {
  const budget = useBudget(budgetId);
  const onSaved = useSaved();
  const { data, error, isFetching, refetch } = budget;

  let body;
  if (data)
    body = (
      <Suspense fallback={<FormSkeleton />}>
        <BudgetForm key={budgetId} budgetId={budgetId} defaultValues={budgetToFormValues(data)} onSaved={onSaved} />
      </Suspense>
    );
  else if (error instanceof ApiError && error.status === 404)
    body = (
      <Notice action={<BackLink />}>
        There is no budget with id <code className="font-mono text-xs">{budgetId}</code>. It may have been deleted.
      </Notice>
    );
  else if (error) body = <ErrorPanel error={error} onRetry={() => void refetch()} retrying={isFetching} />;
  else body = <FormSkeleton />;

  return (
    <>
      <PageHeader title="Edit budget" description={data ? `${data.name} · ${DESCRIPTION}` : DESCRIPTION} actions={<BackLink />} />
      {body}
    </>
  );
}

function NewBudget() {
  const onSaved = useSaved();
  return (
    <>
      <PageHeader title="New budget" description={DESCRIPTION} actions={<BackLink />} />
      <Suspense fallback={<FormSkeleton />}>
        <BudgetForm defaultValues={NEW_BUDGET_VALUES} onSaved={onSaved} />
      </Suspense>
    </>
  );
}

/** /budgets/new and /budgets/:budgetId/edit */
export default function BudgetEditorPage() {
  const { budgetId } = useParams();
  if (useReadOnly())
    return (
      <>
        <PageHeader title={budgetId === undefined ? 'New budget' : 'Edit budget'} description={DESCRIPTION} actions={<BackLink />} />
        <ReadOnlyNote />
      </>
    );
  return budgetId === undefined ? <NewBudget /> : <EditBudget key={budgetId} budgetId={budgetId} />;
}
