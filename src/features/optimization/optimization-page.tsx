import { lazy, useMemo, Suspense } from 'react';
import { PageHeader } from '../../components/page-header';
import { ErrorPanel } from '../../components/states/error-panel';
import { Notice } from '../../components/states/notice';
import { Skeleton } from '../../components/states/skeleton';
import { formatDateRange, formatNumber } from '../../lib/format';
import { CsvNamingContext, periodName } from '../../lib/csv-naming';
import { TIME_RANGE_LABELS } from '../../lib/labels';
import { FilterIssuesNotice } from '../../url-state/components/filter-issues-notice';
import type { FilterRouteHandle } from '../../url-state/filter-bar-config';
import type { FilterIssue } from '../../url-state/filter-schema';
import { filtersToSearchParams, toSearchString } from '../../url-state/filter-url';
import { useUrlState } from '../../url-state/use-url-state';
import { MIN_EVIDENCE_DAYS, analysisRange } from './analysis-range';
import { isCommitment } from './recommendations';
import { useOptimization } from './api/get-optimization';
import { RecommendationList } from './components/recommendation-list';
import { SavingsSummary } from './components/savings-summary';
import { optimizationView } from './optimization-view';
import { analysedDays, categoryRows, filterRecommendations, parseExpanded, sortRecommendations, toggleExpanded } from './recommendations';
import { CardFallback } from '../../components/card-fallback';

// Charts (Recharts) and tables load after the page has painted; each card keeps its place meanwhile.
const SavingsByCategoryChart = lazy(() => import('./components/savings-by-category-chart').then((m) => ({ default: m.SavingsByCategoryChart })));
const WasteTable = lazy(() => import('./components/waste-table').then((m) => ({ default: m.WasteTable })));

/** The analysis takes a time range and a currency; resource types, granularity and grouping do not apply. */
export const handle: FilterRouteHandle = { filterBar: { hide: ['resourceType', 'granularity', 'groupBy'] } };

export default function OptimizationPage() {
  const { filters, view: values, set: setValues, viewIssues, cleanUp: cleanUpLink } = useUrlState(optimizationView);
  const range = analysisRange(filters);
  const currency = filters.currency;

  const query = useOptimization({ timeRange: range.timeRange, currency, analysisDepth: 'detailed' });
  const { data, error, isError, isFetching, isPlaceholderData, refetch } = query;
  const retry = () => void refetch();
  const shownCurrency = data?.potentialSavings?.currency ?? currency;

  // a commitment needs 30 days of evidence: withheld from a shorter analysis (or, without `analysis`, a month so far)
  const evidenceHours = data?.analysis?.hoursAnalysed;
  const shortEvidence = evidenceHours !== undefined ? evidenceHours < MIN_EVIDENCE_DAYS * 24 : range.timeRange === 'current_month';
  const all = useMemo(() => (data ? sortRecommendations(data.recommendations ?? []) : undefined), [data]);
  const sorted = useMemo(() => (all && shortEvidence ? all.filter((r) => !isCommitment(r)) : all), [all, shortEvidence]);
  const withheld = (all?.length ?? 0) - (sorted?.length ?? 0);
  const shown = useMemo(
    () => (sorted ? filterRecommendations(sorted, { impact: values.impact, effort: values.effort }) : []),
    [sorted, values.impact, values.effort],
  );
  const rows = useMemo(() => (data ? categoryRows(data.potentialSavings?.byCategory ?? []) : []), [data]);
  const days = data?.analysis ? analysedDays(data.analysis) : undefined;
  const expanded = useMemo(() => parseExpanded(values.expanded), [values.expanded]);

  // Links to the Usage explorer carry the analysed range and the currency (no resource-type filter: the path has it).
  const explorerSearch = toSearchString(filtersToSearchParams({ ...filters, timeRange: range.timeRange, resourceType: [] }));

  const issues: FilterIssue[] = [...(range.issue ? [range.issue] : []), ...viewIssues];
  const unknownExpanded =
    sorted && !isPlaceholderData ? expanded.filter((id) => !sorted.some((r) => r.id === id)) : [];
  const allIssues = [
    ...issues,
    ...unknownExpanded.map((id) => ({
      param: 'expanded',
      value: id,
      reason: `no such recommendation in the analysis of ${TIME_RANGE_LABELS[range.timeRange].toLowerCase()}`,
    })),
  ];
  // The built-in clean-up, plus what only this page knows: the analysed range and the recommendations that exist.
  const cleanUp = () =>
    cleanUpLink({ timeRange: range.timeRange, expanded: expanded.filter((id) => !unknownExpanded.includes(id)).join(',') });

  return (
    <CsvNamingContext value={{ period: periodName(days), currency: shownCurrency }}>
      <PageHeader
        title="Optimization"
        description={
          days && data?.analysis ? (
            <span className="tabular-nums" data-testid="analysed-window">
              Analysed {formatDateRange(days.startDate, days.endDate)} ({formatNumber(data.analysis.hoursAnalysed)} h of data
              {data.analysis.hoursAnalysed >= MIN_EVIDENCE_DAYS * 24 && range.timeRange === 'current_month' ? `, the last ${MIN_EVIDENCE_DAYS} days` : ''}) ·
              savings and waste per month, in {shownCurrency}
            </span>
          ) : isError || data ? (
            // No `analysis` (an extension) in the answer: the range as asked for.
            `${TIME_RANGE_LABELS[range.timeRange]} · savings and waste per month, in ${shownCurrency}`
          ) : (
            <Skeleton className="h-4 w-72" />
          )
        }
      />

      <div className="flex flex-col gap-4">
        {allIssues.length > 0 && <FilterIssuesNotice issues={allIssues} onClear={cleanUp} />}
        {isError && !data ? (
          <ErrorPanel error={error} onRetry={retry} retrying={isFetching} />
        ) : (
          <>
            {/* A failed refresh with data on screen: the shell's stale-data banner says so. */}
            <SavingsSummary data={data} currency={shownCurrency} timeRange={range.timeRange} updating={isPlaceholderData} />
            <div className="grid grid-cols-1 gap-4 xl:grid-cols-2">
              <Suspense fallback={<CardFallback title="Savings by category" height={220} />}>
                <SavingsByCategoryChart rows={rows} currency={shownCurrency} loading={!data} absent={data !== undefined && !data.potentialSavings} />
              </Suspense>
              <Suspense fallback={<CardFallback title="Identified waste" height={220} />}>
                <WasteTable
                  waste={data ? (data.wasteAnalysis ?? null) : undefined}
                  currency={shownCurrency}
                  filterSearch={explorerSearch}
                  updating={isPlaceholderData}
                />
              </Suspense>
            </div>
            {withheld > 0 && (
              <Notice>
                {withheld} reservation{withheld === 1 ? '' : 's'} withheld: a commitment needs {MIN_EVIDENCE_DAYS} days of data, this analysis has{' '}
                {evidenceHours !== undefined ? `${evidenceHours} h` : 'the month so far'}.
              </Notice>
            )}
            {data && !data.recommendations && (
              <Notice>The billing API sent no recommendations for this period, so none are listed.</Notice>
            )}
            <RecommendationList
              all={sorted}
              shown={shown}
              currency={shownCurrency}
              impact={values.impact}
              effort={values.effort}
              onFilterChange={(patch) => setValues(patch)}
              expanded={expanded}
              onToggle={(id) => setValues({ expanded: toggleExpanded(values.expanded, id) }, { replace: true })}
              filterSearch={explorerSearch}
              loading={!data}
              updating={isPlaceholderData}
            />
          </>
        )}
      </div>
    </CsvNamingContext>
  );
}
