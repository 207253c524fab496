import { lazy, useMemo, Suspense } from 'react';
import { FORECAST_PERIOD_MONTHS } from '../../contract/billing';
import { PageHeader } from '../../components/page-header';
import { formatDate } from '../../lib/format';
import { ErrorPanel } from '../../components/states/error-panel';
import { FilterIssuesNotice } from '../../url-state/components/filter-issues-notice';
import type { FilterRouteHandle } from '../../url-state/filter-bar-config';
import { filtersToSearchParams, toSearchString } from '../../url-state/filter-url';
import { useUrlState } from '../../url-state/use-url-state';
import { useBudgetStatus } from '../../api/budget-status';
import { useForecast } from './api/get-forecast';
import { CsvNamingContext } from '../../lib/csv-naming';
import { useMonthEnd } from '../../api/month-end';
import { ForecastControls } from './components/forecast-controls';
import { ForecastSummary } from './components/forecast-summary';
import { ScenarioCards } from './components/scenario-cards';
import { buildForecastSeries, currentProjection, monthStart, scenarioCards } from './forecast-series';
import { forecastView } from './forecast-view';
import { CardFallback } from '../../components/card-fallback';

// Charts (Recharts) and tables load after the page has painted; each card keeps its place meanwhile.
const BudgetOutlookCard = lazy(() => import('./components/budget-outlook').then((m) => ({ default: m.BudgetOutlookCard })));
const ForecastChart = lazy(() => import('./components/forecast-chart').then((m) => ({ default: m.ForecastChart })));
const ProjectionsTable = lazy(() => import('./components/projections-table').then((m) => ({ default: m.ProjectionsTable })));
const GrowthDriversTable = lazy(() => import('./components/growth-drivers-table').then((m) => ({ default: m.GrowthDriversTable })));
// the accuracy report (its query and model) loads with its panel, off the page's first load
const ForecastAccuracyCard = lazy(() => import('./components/forecast-accuracy').then((m) => ({ default: m.ForecastAccuracyCard })));

/** The forecast covers every resource from the stored history: only the currency applies. */
export const handle: FilterRouteHandle = {
  filterBar: { hide: ['timeRange', 'resourceType', 'granularity', 'groupBy'] },
};

export default function ForecastPage() {
  const { filters, view: values, set: setValues, viewIssues, cleanUp } = useUrlState(forecastView);
  const currency = filters.currency;
  const level = values.confidenceInterval;

  const forecast = useForecast({
    forecastPeriod: values.forecastPeriod,
    confidenceInterval: level,
    includeScenarios: true,
    currency,
  });
  const budgets = useBudgetStatus();
  const { data, error, isError, isFetching, isPlaceholderData, refetch } = forecast;
  const shownCurrency = data?.currency ?? currency;
  const shownLevel = data?.confidenceInterval ?? level;

  const points = useMemo(() => (data ? buildForecastSeries(data) : []), [data]);
  const scenarios = useMemo(() => (data ? scenarioCards(data) : []), [data]);
  const current = data ? currentProjection(data) : undefined;
  // the month-end projection of record (the figure Overview and Budgets show); the forecast model's own beside it if it differs
  const record = useMonthEnd(['all'], shownCurrency).data;
  const explorerSearch = toSearchString(filtersToSearchParams({ ...filters, resourceType: [] }));

  return (
    <CsvNamingContext value={{ period: data && `${data.monthlyProjections[0]?.month}-to-${data.monthlyProjections.at(-1)?.month}`, currency: shownCurrency }}>
      <PageHeader
        title="Forecast"
        description={
          `Projected monthly cost for the next ${FORECAST_PERIOD_MONTHS[values.forecastPeriod]} months, this one included, in ${currency}` +
          (data?.exchangeRate && data.currency === currency
            ? `; computed in USD and shown at one rate, 1 USD = ${data.exchangeRate.rate.toFixed(4)} ${currency} (${formatDate(data.exchangeRate.date)})`
            : '')
        }
        actions={
          <ForecastControls
            period={values.forecastPeriod}
            level={level}
            onChange={(patch) => setValues(patch)}
          />
        }
      />

      <div className="flex flex-col gap-4">
        {viewIssues.length > 0 && (
          <FilterIssuesNotice issues={viewIssues} onClear={() => cleanUp()} />
        )}
        {isError && !data ? (
          <ErrorPanel error={error} onRetry={() => void refetch()} retrying={isFetching} />
        ) : (
          <>
            {/* A failed refresh with data on screen: the shell's stale-data banner says so. */}
            <ForecastSummary data={data} record={record} currency={shownCurrency} level={shownLevel} updating={isPlaceholderData} />
            <div className="grid grid-cols-1 gap-4 xl:grid-cols-3">
              <div className="min-w-0 xl:col-span-2">
                <Suspense fallback={<CardFallback title="Actual and projected cost" height={300} />}>
                  <ForecastChart
                    points={points}
                    currency={shownCurrency}
                    level={shownLevel}
                    loading={!data}
                    currentMonthT={current ? monthStart(current.month) : undefined}
                  />
                </Suspense>
              </div>
              <Suspense fallback={<CardFallback title="This month against budgets" height={240} />}>
                <BudgetOutlookCard
                  month={current?.month}
                  projected={record?.projected ?? current?.projectedCost}
                  lower={current?.lowerBound}
                  upper={current?.upperBound}
                  level={shownLevel}
                  currency={shownCurrency}
                  budgets={budgets.data?.budgets}
                  loading={budgets.isPending}
                  error={budgets.isError ? budgets.error : undefined}
                  onRetry={() => void budgets.refetch()}
                  retrying={budgets.isFetching}
                />
              </Suspense>
            </div>
            <ScenarioCards scenarios={scenarios} currency={shownCurrency} loading={!data} />
            {/* the projections' five numeric columns need more room than the drivers' wrapping text */}
            <div className="grid grid-cols-1 gap-4 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
              <Suspense fallback={<CardFallback title="Monthly projections" height={320} />}>
                <ProjectionsTable
                  projections={data?.monthlyProjections}
                  currency={shownCurrency}
                  level={shownLevel}
                  updating={isPlaceholderData}
                />
              </Suspense>
              <Suspense fallback={<CardFallback title="Growth drivers" height={320} />}>
                <GrowthDriversTable
                  drivers={data ? (data.growthDrivers ?? null) : undefined}
                  currency={shownCurrency}
                  filterSearch={explorerSearch}
                  updating={isPlaceholderData}
                />
              </Suspense>
            </div>
            <Suspense fallback={<CardFallback title="How the forecast has done" height={240} />}>
              <ForecastAccuracyCard currency={currency} />
            </Suspense>
          </>
        )}
      </div>
    </CsvNamingContext>
  );
}
