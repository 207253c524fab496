import { useMemo } from 'react';
import { Link, useLocation } from 'react-router';
import { ApiError } from '../../../api/errors';
import { DataTable, type DataColumn } from '../../../components/data-table';
import { ErrorPanel } from '../../../components/states/error-panel';
import { Skeleton } from '../../../components/states/skeleton';
import { CURRENCY_DECIMALS, type Currency, type TeamBreakdownItem, type UserBreakdownItem } from '../../../contract/billing';
import type { TeamJob } from '../../../contract/team-jobs';
import { formatDateRange, formatMoney } from '../../../lib/format';
import type { DashboardFilters } from '../../../url-state/filter-schema';
import { filtersToSearchParams, toSearchString } from '../../../url-state/filter-url';
import { useTeamJobs, useTrainingByUser } from '../api/get-team-jobs';

/** Usage › Training with the page's filters, narrowed to a job (`resource`) or a user. */
export function trainingHref(filters: DashboardFilters, search: string, narrow: { resource: string } | { user: string }): string {
  const params = filtersToSearchParams({ ...filters, resourceType: [] }, search);
  for (const k of ['resource', 'region', 'project', 'service', 'user']) params.delete(k);
  const [k, v] = Object.entries(narrow)[0]!;
  params.set(k, v);
  return `/usage/training${toSearchString(params)}`;
}

const link = 'text-accent hover:underline';
const day = (ts: string) => ts.slice(0, 10);

function jobColumns(currency: Currency, href: (n: { resource: string }) => string): DataColumn<TeamJob>[] {
  return [
    { id: 'job', header: 'Job', value: (j) => j.name, cell: (j) => <Link to={href({ resource: j.resourceId })} className={link}>{j.name}</Link> },
    { id: 'user', header: 'User', value: (j) => j.userName },
    { id: 'ran', header: 'Ran (UTC)', value: (j) => `${day(j.firstUsed)}–${day(j.lastUsed)}`, cell: (j) => formatDateRange(day(j.firstUsed), day(j.lastUsed)) },
    { id: 'cost', header: `Cost (${currency})`, value: (j) => j.cost, cell: (j) => formatMoney(j.cost, currency), numeric: true, decimals: CURRENCY_DECIMALS[currency] },
  ];
}

function userColumns(currency: Currency, href: (n: { user: string }) => string): DataColumn<UserBreakdownItem>[] {
  return [
    { id: 'user', header: 'User', value: (u) => u.userName, cell: (u) => <Link to={href({ user: u.userId })} className={link}>{u.userName}</Link> },
    {
      id: 'cost',
      header: `Training cost (${currency})`,
      value: (u) => u.totalCost,
      cell: (u) => formatMoney(u.totalCost, currency),
      numeric: true,
      decimals: CURRENCY_DECIMALS[currency],
    },
  ];
}

/**
 * "Training jobs": the team's users' jobs with their cost, each linked to
 * Usage › Training with the job highlighted, from the sandbox's `/usage/jobs`
 * where the API sends extensions (`extended`); elsewhere each member's
 * training cost from the documented breakdown by user, linked to Usage ›
 * Training narrowed to that user.
 */
export function TeamJobsCard({ filters, team, currency, extended }: { filters: DashboardFilters; team: TeamBreakdownItem; currency: Currency; extended: boolean }) {
  const { search } = useLocation();
  const jobs = useTeamJobs(filters, team.teamId, extended);
  const missing = !extended || (jobs.error instanceof ApiError && (jobs.error.status === 404 || jobs.error.status === 403) && !jobs.data);
  const byUser = useTrainingByUser(filters, missing);
  const href = (n: { resource: string } | { user: string }) => trainingHref(filters, search, n);
  const members = useMemo(
    () =>
      (byUser.data?.userBreakdown ?? [])
        .filter((u) => (u.teamId !== undefined ? u.teamId === team.teamId : u.team === team.teamName))
        .filter((u) => u.totalCost !== 0),
    [byUser.data, team.teamId, team.teamName],
  );
  const q = missing ? byUser : jobs;

  return (
    <section aria-labelledby="team-jobs-title" className="flex min-w-0 flex-col rounded-card border border-border bg-surface p-4 shadow-card">
      <h2 id="team-jobs-title" className="text-sm font-semibold text-foreground">
        Training jobs
      </h2>
      <p className="mt-0.5 mb-1 text-xs text-muted">
        {missing ? (
          <>
            The billing API does not say which user ran a training job, so this is each member’s training cost (the API’s breakdown by user, training
            only). Each opens Usage › Training for that user.
          </>
        ) : (
          <>{team.teamName}’s users’ training jobs in this period, costliest first. Each opens on Usage › Training.</>
        )}
      </p>
      {q.error && !q.data ? (
        <ErrorPanel error={q.error} onRetry={() => void q.refetch()} retrying={q.isFetching} />
      ) : !q.data ? (
        <Skeleton className="mt-2 h-40 w-full" />
      ) : missing ? (
        <DataTable
          columns={userColumns(currency, href)}
          rows={members}
          caption={`Training cost of ${team.teamName}’s users`}
          hideCaption
          getRowId={(u) => u.userId}
          initialSort={{ id: 'cost', desc: true }}
          exportFileName={`team-${team.teamId}-training-by-user`}
          maxHeight={360}
          empty="No training in this period."
        />
      ) : (
        <>
          <DataTable
            columns={jobColumns(currency, href)}
            rows={jobs.data!.jobs}
            caption={`Training jobs of ${team.teamName}’s users`}
            hideCaption
            getRowId={(j) => `${j.resourceId}:${j.userId}`}
            initialSort={{ id: 'cost', desc: true }}
            exportFileName={`team-${team.teamId}-training-jobs`}
            maxHeight={360}
            empty="No training jobs in this period."
          />
          {jobs.data!.more.count > 0 && (
            <p className="mt-2 text-xs text-muted">
              and {jobs.data!.more.count} more jobs costing {formatMoney(jobs.data!.more.cost, currency)}
            </p>
          )}
        </>
      )}
    </section>
  );
}
