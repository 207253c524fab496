import { lazy, useMemo, Suspense } from 'react';
import { Link, Navigate, useLocation, useParams } from 'react-router';
import { resourceTypeSchema, type ResourceType } from '../../contract/billing';
import { useApiClock } from '../../api/api-clock';
import { useUsage } from '../../api/usage';
import { CsvNamingContext, periodName } from '../../lib/csv-naming';
import { PageHeader } from '../../components/page-header';
import { ErrorPanel } from '../../components/states/error-panel';
import { Skeleton } from '../../components/states/skeleton';
import { resourceLabel, resourceColor } from '../../lib/colors';
import { GROUP_BY_LABELS, TIME_RANGE_LABELS } from '../../lib/labels';
import { FilterIssuesNotice } from '../../url-state/components/filter-issues-notice';
import type { FilterRouteHandle } from '../../url-state/filter-bar-config';
import { useUrlState } from '../../url-state/use-url-state';
import { PeriodLine } from './components/period-line';
import { SelectionBar } from './components/selection-bar';
import { TypeKpis } from './components/type-kpis';
import { TypeSwitcher } from './components/type-switcher';
import { usageIndexHref, type UsageIndexState } from './usage-links';
import { usageExplorerRequest } from './usage-request';
import {
  describeSelection,
  findGroup,
  groupRows,
  documentedGroupRows,
  toSeriesPoints,
  topResourceRows,
  type GroupRow,
  type SelectionDetail,
  type TopResourceRow,
} from './usage-transforms';
import { CLEAR_SELECTIONS, selectionsOf, toggleSelection, usageView } from './usage-view';
import { CardFallback } from '../../components/card-fallback';

// Charts (Recharts) and tables load after the page has painted; each card keeps its place meanwhile.
const BreakdownSection = lazy(() => import('./components/breakdown-section').then((m) => ({ default: m.BreakdownSection })));
const TimeSeriesCard = lazy(() => import('./components/time-series-card').then((m) => ({ default: m.TimeSeriesCard })));
const UtilizationCard = lazy(() => import('./components/utilization-card').then((m) => ({ default: m.UtilizationCard })));
const AnomaliesCard = lazy(() => import('../../components/anomalies-card').then((m) => ({ default: m.AnomaliesCard })));
const TopResourcesCard = lazy(() => import('./components/top-resources-card').then((m) => ({ default: m.TopResourcesCard })));

/** The path names the type, so the resource-type filter has no say here. */
export const handle: FilterRouteHandle = { filterBar: { hide: ['resourceType'] } };

/** `/usage/:resourceType`; an unknown type goes back to `/usage`, which says so. */
export default function UsageTypePage() {
  const { resourceType } = useParams();
  const { search } = useLocation();
  const { filters } = useUrlState();
  const parsed = resourceTypeSchema.safeParse(resourceType);
  if (!parsed.success) {
    const state: UsageIndexState = { unknownResourceType: resourceType ?? '' };
    return <Navigate to={usageIndexHref(filters, search)} replace state={state} />;
  }
  return <UsageTypeView resourceType={parsed.data} />;
}

function selectionNote(details: readonly SelectionDetail[], label: string): string | undefined {
  const parts: string[] = [];
  const groups = details.filter((d) => d.dimension !== 'resource');
  for (const d of groups) {
    const dim = GROUP_BY_LABELS[d.dimension].toLowerCase();
    parts.push(
      `The billing API has no ${dim} filter, so only ${d.name}’s totals (from the breakdown by ${dim}) are shown; the charts and top resources still cover every ${dim}.`,
    );
  }
  const resource = details.find((d) => d.dimension === 'resource');
  if (resource)
    parts.push(
      `${resource.name} is highlighted in the tables; the time series covers all ${label} (the API has no series per resource).`,
    );
  return parts.length > 0 ? parts.join(' ') : undefined;
}

function UsageTypeView({ resourceType }: { resourceType: ResourceType }) {
  const { filters, view: values, set: setValues, viewIssues: issues, cleanUp } = useUrlState(usageView);
  const { search } = useLocation();
  const selections = selectionsOf(values);
  const usage = useUsage(usageExplorerRequest(filters, { resourceType, selections }));
  const { data, error, isError, isFetching, isPlaceholderData, refetch } = usage;
  const { clock } = useApiClock();
  const retry = () => void refetch();

  // Placeholder data of another type (while switching) does not count.
  const item = data?.breakdown.find((b) => b.resourceType === resourceType);
  const current = item ? data : undefined;
  const points = useMemo(() => item && toSeriesPoints(item.timeSeries), [item]);
  const topRows = useMemo(() => item && topResourceRows(item), [item]);
  const group = findGroup(current, filters.groupBy);
  const documented = useMemo(
    () => (current && !group ? documentedGroupRows(current, filters.groupBy, resourceType) : undefined),
    [current, group, filters.groupBy, resourceType],
  );
  const rows = useMemo(
    () => (group ? groupRows(group, resourceType) : current ? (documented ?? []) : undefined),
    [group, resourceType, current, documented],
  );
  const unavailable =
    current && !group && !documented ? `The billing API's answer has no breakdown by ${GROUP_BY_LABELS[filters.groupBy].toLowerCase()}.` : undefined;
  const details = selections.map((s) => describeSelection(current, s, resourceType));

  const label = resourceLabel(resourceType);
  const shareOf = `${label} cost`;
  const loading = !current;

  const selectGroup = (row: GroupRow) => setValues(toggleSelection(values, filters.groupBy, row.key));
  const selectResource = (row: TopResourceRow) => setValues(toggleSelection(values, 'resource', row.resourceId));

  return (
    <CsvNamingContext value={{ period: periodName(data?.period), currency: data?.summary.currency ?? filters.currency }}>
      <PageHeader
        title={`Usage — ${label}`}
        description={
          <span className="flex flex-wrap items-center gap-x-3 gap-y-1">
            <Link to={usageIndexHref(filters, search)} className="font-medium text-accent hover:underline">
              ← All resource types
            </Link>
            {current ? (
              <PeriodLine period={current.period} />
            ) : isError ? (
              TIME_RANGE_LABELS[filters.timeRange]
            ) : (
              <Skeleton className="h-4 w-56" />
            )}
          </span>
        }
        actions={<TypeSwitcher resourceType={resourceType} filters={filters} search={search} />}
      />

      <div className="flex flex-col gap-4">
        {issues.length > 0 && <FilterIssuesNotice issues={issues} onClear={() => cleanUp()} />}
        {isError && !current ? (
          <ErrorPanel error={error} onRetry={retry} retrying={isFetching} />
        ) : (
          <>
            {/* A failed refresh with data on screen: the shell's stale-data banner says so. */}
            <SelectionBar
              details={details}
              currency={filters.currency}
              shareOf={shareOf}
              onRemove={(dimension) => setValues(toggleSelection(values, dimension, values[dimension]))}
              onClearAll={() => setValues(CLEAR_SELECTIONS)}
              note={current ? selectionNote(details, label) : undefined}
            />
            <TypeKpis
              item={item}
              points={points}
              period={current?.period}
              currency={filters.currency}
              granularity={filters.granularity}
              resourceType={resourceType}
              updating={isPlaceholderData}
            />
            <div
              aria-busy={isPlaceholderData}
              className={`flex flex-col gap-4 transition-opacity ${isPlaceholderData ? 'opacity-60' : ''}`}
            >
              <Suspense fallback={<CardFallback title="Usage and cost over time" height={320} />}>
                <TimeSeriesCard
                  resourceType={resourceType}
                  points={points}
                  granularity={filters.granularity}
                  currency={filters.currency}
                  period={data?.period}
                  loading={loading}
                  markerPeriod={selections.length ? undefined : current?.period}
                  cluster={resourceType === 'clusters' && values.resource && current?.groups !== undefined ? { filters, resourceId: values.resource } : undefined}
                />
              </Suspense>
              {/* Only where the API sends the sandbox's extensions (a usage answer with groups). */}
              {resourceType === 'clusters' && values.resource && current?.groups !== undefined && (
                <Suspense fallback={<CardFallback title="GPU utilisation" height={300} />}>
                  <UtilizationCard filters={filters} resourceId={values.resource} />
                </Suspense>
              )}
              {selections.length === 0 && (
                <Suspense fallback={<CardFallback title="Unusual spend" height={120} />}>
                  <AnomaliesCard period={current?.period} today={clock?.today} types={[resourceType]} currency={filters.currency} />
                </Suspense>
              )}
              <Suspense fallback={<CardFallback title={`Cost by ${GROUP_BY_LABELS[filters.groupBy].toLowerCase()}`} height={360} />}>
                <BreakdownSection
                  dimension={filters.groupBy}
                  rows={rows}
                  currency={filters.currency}
                  resourceType={resourceType}
                  color={resourceColor(resourceType)}
                  selectedKey={values[filters.groupBy] || undefined}
                  onSelect={group ? selectGroup : () => undefined}
                  rowHint={group ? undefined : 'From the API’s documented totals'}
                  shareOf={shareOf}
                  loading={loading}
                  unavailable={unavailable}
                />
              </Suspense>
              <Suspense fallback={<CardFallback title="Top resources" height={320} />}>
                <TopResourcesCard
                  resourceType={resourceType}
                  rows={topRows}
                  currency={filters.currency}
                  selectedId={values.resource || undefined}
                  onSelect={selectResource}
                  loading={loading}
                />
              </Suspense>
            </div>
          </>
        )}
      </div>
    </CsvNamingContext>
  );
}
