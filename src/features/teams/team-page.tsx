import { lazy, useMemo, Suspense } from 'react';
import { Link, useParams } from 'react-router';
import { MetricCard } from '../../components/metric-card';
import { PageHeader } from '../../components/page-header';
import { ErrorPanel } from '../../components/states/error-panel';
import { Notice } from '../../components/states/notice';
import { Skeleton } from '../../components/states/skeleton';
import { formatMoney, formatPercent, formatPeriod } from '../../lib/format';
import { useUrlState } from '../../url-state/use-url-state';
import { useTeamUsage, useTeamUsageRequest } from './api/get-team-usage';
import { CsvNamingContext, periodName } from '../../lib/csv-naming';
import { ChangeBadge } from './components/change-badge';
import { TeamTrendCard } from './components/team-trend-card';
import { teamMembers, teamRows } from './team-metrics';
import { teamsHandle } from './teams-view';
import { useTeamLinks } from './use-team-href';
import { CardFallback } from '../../components/card-fallback';

// Charts (Recharts) and tables load after the page has painted; each card keeps its place meanwhile.
const TeamResourcesChart = lazy(() => import('./components/team-resources-chart').then((m) => ({ default: m.TeamResourcesChart })));
const TeamCostCard = lazy(() => import('./components/team-cost-card').then((m) => ({ default: m.TeamCostCard })));
const TeamJobsCard = lazy(() => import('./components/team-jobs-card').then((m) => ({ default: m.TeamJobsCard })));
// `lazy` drops the table's type parameter; the cast restores it (the component is the same).
const TopUsersTable = lazy(() => import('./components/top-users-table').then((m) => ({ default: m.TopUsersTable }))) as unknown as typeof import('./components/top-users-table').TopUsersTable;

export const handle = teamsHandle;

function BackLink({ to }: { to: string }) {
  return (
    <Link to={to} className="text-[13px] font-medium text-accent hover:underline">
      ← All teams
    </Link>
  );
}

/** /teams/:teamId: one team's cost, resources, users and trend. */
export default function TeamPage() {
  const { teamId = '' } = useParams();
  const { filters } = useUrlState();
  const { teamHref, teamsHref } = useTeamLinks();
  const usage = useTeamUsage(filters);
  const teamRequest = useTeamUsageRequest(filters).request;
  const { data, error, isError, isFetching, refetch } = usage;
  const currency = data?.summary.currency ?? filters.currency;

  const rows = useMemo(() => (data?.teamBreakdown ? teamRows(data.teamBreakdown) : undefined), [data]);
  const row = rows?.find((r) => r.teamId === teamId);
  const team = data?.teamBreakdown?.find((t) => t.teamId === teamId);
  const members = useMemo(() => (team && data?.userBreakdown ? teamMembers(data.userBreakdown, team) : []), [team, data]);

  if (isError && !data)
    return (
      <>
        <PageHeader title="Team" actions={<BackLink to={teamsHref} />} />
        <ErrorPanel error={error} onRetry={() => void refetch()} retrying={isFetching} />
      </>
    );

  if (!data || !rows)
    return (
      <>
        <PageHeader title="Team" description={<Skeleton className="h-4 w-64" />} actions={<BackLink to={teamsHref} />} />
        <div aria-busy="true" className="grid grid-cols-2 gap-3 lg:grid-cols-4">
          {['Total cost', 'Members', 'Average per member', 'Previous period'].map((t) => (
            <MetricCard key={t} title={t} />
          ))}
        </div>
      </>
    );

  if (!row || !team)
    return (
      <>
        <PageHeader title="Team not found" actions={<BackLink to={teamsHref} />} />
        <Notice action={<BackLink to={teamsHref} />}>
          There is no team <code className="font-mono text-xs">{teamId}</code> in this account.
        </Notice>
      </>
    );

  return (
    <CsvNamingContext value={{ period: periodName(data.period), currency }}>
      <PageHeader
        title={team.teamName}
        description={
          <span className="tabular-nums">
            Rank {row.rank} of {rows.length} · {formatPeriod(data.period)}
          </span>
        }
        actions={<BackLink to={teamsHref} />}
      />
      <div className="flex flex-col gap-4">
        <section aria-label="Team summary" className="grid grid-cols-2 gap-3 lg:grid-cols-4">
          <MetricCard
            title="Total cost"
            value={formatMoney(team.totalCost, currency)}
            rawValue={team.totalCost}
            footnote={`${formatPercent(team.percentage)} of all teams`}
          />
          <MetricCard title="Members" value={String(team.memberCount)} rawValue={team.memberCount} />
          <MetricCard
            title="Average per member"
            value={row.perMember === undefined ? '—' : formatMoney(row.perMember, currency)}
            rawValue={row.perMember}
          />
          <MetricCard
            title="Previous period"
            value={row.previousCost === undefined ? '—' : formatMoney(row.previousCost, currency)}
            rawValue={row.previousCost}
            footnote={
              <span className="flex items-center gap-1.5">
                <ChangeBadge change={row.change} previous={row.previousCost} currency={currency} /> since then
              </span>
            }
          />
        </section>

        <div className="grid items-start gap-4 lg:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
          <Suspense fallback={<CardFallback title="Resources by type" height={200} />}>
            <TeamResourcesChart team={team} currency={currency} />
          </Suspense>
          <TeamTrendCard team={row} currency={currency} />
        </div>

        <Suspense fallback={<CardFallback title="Cost over time" height={220} />}>
          <TeamCostCard
            filters={filters}
            team={team}
            period={data.period}
            totalCost={data.summary.totalCost}
            granularity={teamRequest?.granularity ?? 'daily'}
          />
        </Suspense>

        <section aria-labelledby="team-users-title" className="flex min-w-0 flex-col rounded-card border border-border bg-surface p-4 shadow-card">
          <h2 id="team-users-title" className="text-sm font-semibold text-foreground">
            Users
          </h2>
          <p className="mt-0.5 mb-1 text-xs text-muted">{team.teamName}'s members by cost.</p>
          <Suspense fallback={<Skeleton className="mt-2 h-64 w-full" />}>
            <TopUsersTable
              users={members}
              currency={currency}
              teamHref={teamHref}
              caption={`Users in ${team.teamName}`}
              showTeam={false}
              shareLabel="Share of team"
              share={shareOfTeam}
              exportFileName={`team-${team.teamId}-users`}
            />
          </Suspense>
        </section>

        <Suspense fallback={<CardFallback title="Training jobs" height={200} />}>
          {/* The jobs extension is asked only where the API sends extensions (a team's own series). */}
          <TeamJobsCard filters={filters} team={team} currency={currency} extended={team.timeSeries !== undefined} />
        </Suspense>
      </div>
    </CsvNamingContext>
  );
}

const shareOfTeam = (u: { shareOfTeam: number | undefined }) => u.shareOfTeam;
