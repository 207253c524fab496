import { lazy, useMemo, Suspense } from 'react';
import { MetricCard } from '../../components/metric-card';
import { PageHeader } from '../../components/page-header';
import { ErrorPanel } from '../../components/states/error-panel';
import { Skeleton } from '../../components/states/skeleton';
import { ExportCsvButton } from '../../components/export-csv-button';
import { CURRENCY_DECIMALS, type Currency } from '../../contract/billing';
import type { CsvColumn } from '../../lib/csv';
import { formatMoney, formatPercent, formatPeriod } from '../../lib/format';
import { TIME_RANGE_LABELS } from '../../lib/labels';
import { FilterIssuesNotice } from '../../url-state/components/filter-issues-notice';
import { useUrlState } from '../../url-state/use-url-state';
import { teamGranularity, useTeamUsage } from './api/get-team-usage';
import { useApiClock } from '../../api/api-clock';
import { partialBucket } from '../../lib/partial-buckets';
import { rangeDays } from '../../lib/period';
import { CsvNamingContext, periodName } from '../../lib/csv-naming';
import { ChangeBadge } from './components/change-badge';
import { SearchBox } from './components/search-box';
import { defaultDirection, filterTeams, sortTeams, teamRows, type TeamRow, type TeamSort } from './team-metrics';
import { teamsHandle, teamsView } from './teams-view';
import { useTeamLinks } from './use-team-href';
import { CardFallback } from '../../components/card-fallback';

// Charts (Recharts) and tables load after the page has painted; each card keeps its place meanwhile.
const TeamLeaderboard = lazy(() => import('./components/team-leaderboard').then((m) => ({ default: m.TeamLeaderboard })));
const TeamsByResourceChart = lazy(() => import('./components/teams-by-resource-chart').then((m) => ({ default: m.TeamsByResourceChart })));
// `lazy` drops the table's type parameter; the cast restores it (the component is the same).
const TopUsersTable = lazy(() => import('./components/top-users-table').then((m) => ({ default: m.TopUsersTable }))) as unknown as typeof import('./components/top-users-table').TopUsersTable;

export const handle = teamsHandle;

function leaderboardCsv(currency: Currency): CsvColumn<TeamRow>[] {
  const decimals = CURRENCY_DECIMALS[currency];
  return [
    { header: 'Rank', value: (r) => r.rank },
    { header: 'Team', value: (r) => r.teamName },
    { header: 'Team ID', value: (r) => r.teamId },
    { header: `Total cost (${currency})`, value: (r) => r.totalCost, decimals },
    { header: 'Share (%)', value: (r) => r.percentage },
    { header: 'Members', value: (r) => r.memberCount },
    { header: `Average per member (${currency})`, value: (r) => r.perMember, decimals },
    { header: `Previous period (${currency})`, value: (r) => r.previousCost, decimals },
    { header: 'Change (%)', value: (r) => (r.change === undefined ? undefined : Math.round(r.change * 10) / 10) },
  ];
}

function HeadlineCards({ rows, currency, total }: { rows: readonly TeamRow[] | undefined; currency: Currency; total: number | undefined }) {
  if (!rows || total === undefined)
    return (
      <section aria-label="Team summary" aria-busy="true" className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        {['Total cost', 'Teams', 'Costliest team', 'Largest increase'].map((t) => (
          <MetricCard key={t} title={t} />
        ))}
      </section>
    );
  const members = rows.reduce((n, r) => n + r.memberCount, 0);
  const top = rows[0];
  const riser = [...rows].filter((r) => r.change !== undefined).sort((a, b) => b.change! - a.change!)[0];
  return (
    <section aria-label="Team summary" aria-busy="false" className="grid grid-cols-2 gap-3 lg:grid-cols-4">
      <MetricCard title="Total cost" value={formatMoney(total, currency)} rawValue={total} footnote="All teams, this period" />
      <MetricCard title="Teams" value={String(rows.length)} rawValue={rows.length} footnote={`${members} members`} />
      <MetricCard
        title="Costliest team"
        value={top?.teamName ?? '—'}
        footnote={top ? `${formatMoney(top.totalCost, currency)} · ${formatPercent(top.percentage)} of total` : undefined}
      />
      <MetricCard
        title="Largest increase"
        value={riser?.teamName ?? '—'}
        footnote={
          riser ? (
            <span className="flex items-center gap-1.5">
              <ChangeBadge change={riser.change} previous={riser.previousCost} currency={currency} /> vs previous period
            </span>
          ) : (
            'No previous period to compare'
          )
        }
      />
    </section>
  );
}

export default function TeamsPage() {
  const { filters, view: values, set: setValues, viewIssues, cleanUp } = useUrlState(teamsView);
  const { teamHref } = useTeamLinks();
  const usage = useTeamUsage(filters);
  const { data, error, isError, isFetching, isPlaceholderData, refetch } = usage;
  const currency = data?.summary.currency ?? filters.currency;

  // Trend buckets that are partial (today's, or a week the range cuts) by the API's clock and the answer's period: dashed.
  const { clock } = useApiClock();
  const all = useMemo(() => {
    if (!data?.teamBreakdown) return undefined;
    const granularity = teamGranularity(rangeDays(data.period));
    return teamRows(data.teamBreakdown, (t) => partialBucket(t, granularity, { now: clock?.now, period: data.period }) !== undefined);
  }, [data, clock?.now]);
  const partialTrend = all?.some((r) => r.trend.some((p) => p.partial)) ?? false;
  const shown = useMemo(
    () => (all ? sortTeams(filterTeams(all, values.q), values.sort, values.dir) : []),
    [all, values.q, values.sort, values.dir],
  );

  const onSort = (sort: TeamSort) => {
    const dir = sort === values.sort ? (values.dir === 'asc' ? 'desc' : 'asc') : defaultDirection(sort);
    setValues({ sort, dir });
  };
  const retry = () => void refetch();
  const updating = isPlaceholderData ? 'opacity-60' : '';

  return (
    <CsvNamingContext value={{ period: periodName(data?.period), currency }}>
      <PageHeader
        title="Teams"
        description={
          data ? (
            <span className="tabular-nums">{formatPeriod(data.period)}</span>
          ) : isError ? (
            TIME_RANGE_LABELS[filters.timeRange]
          ) : (
            <Skeleton className="h-4 w-64" />
          )
        }
      />

      {viewIssues.length > 0 && (
        <div className="mb-4">
          <FilterIssuesNotice issues={viewIssues} onClear={() => cleanUp()} />
        </div>
      )}
      {isError && !data ? (
        <ErrorPanel error={error} onRetry={retry} retrying={isFetching} />
      ) : (
        <div className={`flex flex-col gap-4 transition-opacity ${updating}`}>
          {/* A failed refresh with data on screen: the shell's stale-data banner says so. */}
          <HeadlineCards rows={all} currency={currency} total={data?.summary.totalCost} />

          <section aria-labelledby="team-leaderboard-title" aria-busy={!all} className="rounded-card border border-border bg-surface p-4 shadow-card">
            <div className="mb-3 flex flex-wrap items-start justify-between gap-x-4 gap-y-2">
              <div className="min-w-0">
                <h2 id="team-leaderboard-title" className="text-sm font-semibold text-foreground">
                  Team leaderboard
                </h2>
                <p className="mt-0.5 text-xs text-muted">
                  {all
                    ? values.q
                      ? `${shown.length} of ${all.length} teams match “${values.q}”`
                      : `${all.length} teams, ranked by cost. Change is against the same number of days just before this period.${
                          partialTrend ? ' Trend: dashed where a bucket is partial (today, or a week cut by the range).' : ''
                        }`
                    : 'Loading teams…'}
                </p>
              </div>
              <div className="flex w-full flex-wrap items-center gap-1.5 sm:w-auto">
                <SearchBox label="Search teams" value={values.q} onChange={(q) => setValues({ q }, { replace: true })} />
                <ExportCsvButton columns={leaderboardCsv(currency)} rows={() => shown} fileName="team-leaderboard" disabled={shown.length === 0} />
              </div>
            </div>
            {all ? (
              <Suspense fallback={<Skeleton className="h-64 w-full" />}>
                <TeamLeaderboard
                  rows={shown}
                  currency={currency}
                  sort={values.sort}
                  dir={values.dir}
                  onSort={onSort}
                  teamHref={teamHref}
                  empty={values.q ? `No team matches “${values.q}”.` : 'No teams in this period.'}
                />
              </Suspense>
            ) : (
              <div aria-hidden="true" className="flex flex-col gap-2">
                {[0, 1, 2, 3, 4].map((i) => (
                  <Skeleton key={i} className="h-7 w-full" />
                ))}
              </div>
            )}
          </section>

          <div className="grid items-start gap-4 xl:grid-cols-2">
            <Suspense fallback={<CardFallback title="Cost by team and resource type" height={240} />}>
              <TeamsByResourceChart
                teams={data?.teamBreakdown}
                currency={currency}
                loading={!data}
                description="Each team's cost, split by resource type"
              />
            </Suspense>
            <section aria-labelledby="top-users-title" className="flex min-w-0 flex-col rounded-card border border-border bg-surface p-4 shadow-card">
              <h2 id="top-users-title" className="text-sm font-semibold text-foreground">
                Top users
              </h2>
              <p className="mt-0.5 mb-1 text-xs text-muted">Every user by cost, with their team.</p>
              {data?.userBreakdown ? (
                <Suspense fallback={<Skeleton className="mt-2 h-64 w-full" />}>
                  <TopUsersTable users={data.userBreakdown} currency={currency} teamHref={teamHref} />
                </Suspense>
              ) : (
                <div aria-hidden="true" className="mt-2 flex flex-col gap-2">
                  {[0, 1, 2, 3, 4, 5].map((i) => (
                    <Skeleton key={i} className="h-7 w-full" />
                  ))}
                </div>
              )}
            </section>
          </div>
        </div>
      )}
    </CsvNamingContext>
  );
}
