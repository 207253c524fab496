import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { PageHeader } from '../../components/page-header';
import { ErrorPanel } from '../../components/states/error-panel';
import { Notice } from '../../components/states/notice';
import { Skeleton } from '../../components/states/skeleton';
import { formatTime } from '../../lib/format';
import { usageQueryOptions } from './api/get-usage';
import { CurrencySelect } from './components/currency-select';
import { PeriodSummary } from './components/period-summary';
import { SummaryCards } from './components/summary-cards';
import { DEFAULT_CURRENCY, useCurrencyParam } from './currency-param';

export default function OverviewPage() {
  const { currency, rejected, setCurrency } = useCurrencyParam();
  const usage = useQuery({
    ...usageQueryOptions({ timeRange: 'current_month', currency, includeProjections: true }),
    placeholderData: keepPreviousData,
  });
  const { data, error, isError, isFetching, isPlaceholderData, refetch, dataUpdatedAt } = usage;
  const retry = () => void refetch();

  return (
    <>
      <PageHeader
        title="Overview"
        description={
          data ? (
            <PeriodSummary period={data.period} />
          ) : isError ? (
            'Current billing month'
          ) : (
            <Skeleton className="h-4 w-64" />
          )
        }
        actions={
          <>
            {data && !isPlaceholderData && (
              <span className="text-xs text-muted tabular-nums">Updated {formatTime(dataUpdatedAt)}</span>
            )}
            <CurrencySelect value={currency} onChange={setCurrency} />
          </>
        }
      />

      <div className="flex flex-col gap-4">
        {rejected !== null && (
          <Notice>
            “{rejected}” is not a supported currency, so amounts are shown in {DEFAULT_CURRENCY}. Choose another in
            the Currency menu.
          </Notice>
        )}

        {isError && !data ? (
          <ErrorPanel error={error} onRetry={retry} retrying={isFetching} />
        ) : (
          <>
            {isError && (
              <ErrorPanel
                title="Could not refresh: showing the last figures loaded"
                error={error}
                onRetry={retry}
                retrying={isFetching}
              />
            )}
            <SummaryCards data={data} updating={isPlaceholderData} />
          </>
        )}
      </div>
    </>
  );
}
