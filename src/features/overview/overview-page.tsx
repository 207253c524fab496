import { lazy, Suspense } from 'react';
import { useApiClock } from '../../api/api-clock';
import { useUsage } from '../../api/usage';
import { CsvNamingContext, periodName } from '../../lib/csv-naming';
import { PageHeader } from '../../components/page-header';
import { ErrorPanel } from '../../components/states/error-panel';
import { Skeleton } from '../../components/states/skeleton';
import { TIME_RANGE_LABELS } from '../../lib/labels';
import { FilterIssuesNotice } from '../../url-state/components/filter-issues-notice';
import { useUrlState } from '../../url-state/use-url-state';
import { usageRequest } from '../../url-state/request-builders';
import { usePeriodComparison } from './api/use-period-comparison';
import { PeriodSummary } from './components/period-summary';
import { SummaryCards } from './components/summary-cards';
import { UpdatingAnnouncer, UpdatingPill } from './components/updating-indicator';
import { CardFallback } from '../../components/card-fallback';
import { costChartView } from './cost-chart-view';
import type { FilterRouteHandle } from '../../url-state/filter-bar-config';

// The charts (and Recharts) load after the figures, so the summary paints first.
const CostOverTimeCard = lazy(() => import('./components/cost-over-time-card').then((m) => ({ default: m.CostOverTimeCard })));
const RegionalCard = lazy(() => import('./components/regional-card').then((m) => ({ default: m.RegionalCard })));
// So does the table machinery below the fold.
const TopResourcesCard = lazy(() => import('./components/top-resources-card').then((m) => ({ default: m.TopResourcesCard })));
// Unusual spend, with its causes, under the charts.
const AnomaliesCard = lazy(() => import('../../components/anomalies-card').then((m) => ({ default: m.AnomaliesCard })));
// And the alerts beside it (their labels and figures), off the first load.
const AlertsCard = lazy(() => import('./components/alerts-card').then((m) => ({ default: m.AlertsCard })));

/** Overview breaks spend down by resource type and region only: Group by is the Usage page's, so it is not offered here (the URL keeps it). */
export const handle: FilterRouteHandle = { filterBar: { hide: ['groupBy'] } };

export default function OverviewPage() {
  const url = useUrlState(costChartView);
  const { filters } = url;
  const usage = useUsage(usageRequest(filters, { includeProjections: true }));
  const { data, error, isError, isFetching, isPlaceholderData, refetch } = usage;
  const apiClock = useApiClock();
  const { clock } = apiClock;
  const comparison = usePeriodComparison(filters, isPlaceholderData ? undefined : data?.period, clock, apiClock.error);
  const retry = () => {
    void refetch();
    if (comparison.error !== undefined) comparison.retry();
  };
  const loading = data === undefined;
  const updating = isPlaceholderData;
  const dim = `transition-opacity ${updating ? 'opacity-60' : ''}`;

  return (
    <CsvNamingContext value={{ period: periodName(data?.period), currency: data?.summary.currency ?? filters.currency }}>
      <PageHeader
        title="Overview"
        description={
          data ? (
            <PeriodSummary period={data.period} />
          ) : isError ? (
            TIME_RANGE_LABELS[filters.timeRange]
          ) : (
            <Skeleton className="h-4 w-64" />
          )
        }
        actions={updating ? <UpdatingPill /> : undefined}
      />

      <UpdatingAnnouncer updating={updating} />
      <div className="flex flex-col gap-4">
        {url.viewIssues.length > 0 && <FilterIssuesNotice issues={url.viewIssues} onClear={() => url.cleanUp()} />}
        {isError && !data ? (
          <ErrorPanel error={error} onRetry={retry} retrying={isFetching} />
        ) : (
          <>
            {/* A failed refresh with data on screen: the shell's stale-data banner says so. */}
            <SummaryCards data={data} updating={updating} comparison={comparison} clockNow={clock?.now} />
            <div aria-busy={loading || updating} className={`grid grid-cols-1 gap-4 xl:grid-cols-3 ${dim}`}>
              <Suspense fallback={<CardFallback title="Cost over time" height={300} className="xl:col-span-2" />}>
                <CostOverTimeCard
                  data={data}
                  loading={loading}
                  granularity={filters.granularity}
                  now={clock?.now}
                  className="xl:col-span-2"
                />
              </Suspense>
              <Suspense fallback={<CardFallback title="Cost by region" height={240} />}>
                <RegionalCard data={data} loading={loading} />
              </Suspense>
              <Suspense fallback={<CardFallback title="Unusual spend" height={120} className="xl:col-span-3" />}>
                <AnomaliesCard
                  period={isPlaceholderData ? undefined : data?.period}
                  today={clock?.today}
                  types={data?.breakdown.map((b) => b.resourceType) ?? []}
                  currency={filters.currency}
                  className="xl:col-span-3"
                />
              </Suspense>
              <Suspense fallback={<CardFallback title="Top resources" height={320} className="xl:col-span-2" />}>
                <TopResourcesCard data={data} loading={loading} filters={filters} className="xl:col-span-2" />
              </Suspense>
              <Suspense fallback={<CardFallback title="Alerts" height={240} />}>
                <AlertsCard data={data} loading={loading} />
              </Suspense>
            </div>
          </>
        )}
      </div>
    </CsvNamingContext>
  );
}
