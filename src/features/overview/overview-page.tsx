import { useUsage } from '../../api/usage';
import { PageHeader } from '../../components/page-header';
import { ErrorPanel } from '../../components/states/error-panel';
import { Skeleton } from '../../components/states/skeleton';
import { TIME_RANGE_LABELS } from '../../lib/labels';
import { useFilters } from '../filters/use-filters';
import { filtersToUsageQuery } from '../filters/usage-query';
import { PeriodSummary } from './components/period-summary';
import { SummaryCards } from './components/summary-cards';

export default function OverviewPage() {
  const { filters } = useFilters();
  const usage = useUsage(filtersToUsageQuery(filters, { includeProjections: true }));
  const { data, error, isError, isFetching, isPlaceholderData, refetch } = usage;
  const retry = () => void refetch();

  return (
    <>
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
      />

      <div className="flex flex-col gap-4">
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
