import { lazy, useId, useMemo, Suspense } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import { BUTTON_CLASS } from '../../components/field';
import { filterSearch } from '../../url-state/filter-url';
import { RESOURCE_TYPES, isKnown, type GroupItem, type UsageResponse } from '../../contract/billing';
import { useApiClock } from '../../api/api-clock';
import { useUsage } from '../../api/usage';
import { CsvNamingContext, periodName } from '../../lib/csv-naming';
import { PageHeader } from '../../components/page-header';
import { ErrorPanel } from '../../components/states/error-panel';
import { Notice } from '../../components/states/notice';
import { Skeleton } from '../../components/states/skeleton';
import { CHART_COLORS, RESOURCE_LABELS } from '../../lib/colors';
import { formatMoney } from '../../lib/format';
import { partialBucket } from '../../lib/partial-buckets';
import { GROUP_BY_LABELS, TIME_RANGE_LABELS } from '../../lib/labels';
import { FilterIssuesNotice } from '../../url-state/components/filter-issues-notice';
import { useUrlState } from '../../url-state/use-url-state';
import { ExportFocusLink } from './components/export-focus-link';
import { PeriodLine } from './components/period-line';
import { SelectionBar } from './components/selection-bar';
import { TypeCard } from './components/type-card';
import { usageTypeHref, type UsageIndexState } from './usage-links';
import { usageExplorerRequest } from './usage-request';
import { describeSelection, documentedGroupRows, findGroup, groupRows, typeSummaries, type GroupRow, type SelectionDetail } from './usage-transforms';
import { CLEAR_SELECTIONS, selectionsOf, toggleSelection, usageView, type UsageViewValues } from './usage-view';
import { CardFallback } from '../../components/card-fallback';

// Charts (Recharts) and tables load after the page has painted; each card keeps its place meanwhile.
const BreakdownSection = lazy(() => import('./components/breakdown-section').then((m) => ({ default: m.BreakdownSection })));
const BreakdownOverTimeCard = lazy(() => import('./components/breakdown-over-time-card').then((m) => ({ default: m.BreakdownOverTimeCard })));

function indexNote(focus: SelectionDetail | undefined, count: number): string | undefined {
  if (!focus) return undefined;
  const dim = GROUP_BY_LABELS[focus.dimension].toLowerCase();
  const combined = count > 1 ? ` Selections cannot be combined: the cards use ${focus.name}.` : '';
  return `The billing API has no ${dim} filter: the cards show ${focus.name}’s cost and usage per type from the breakdown by ${dim}, and the sparklines are hidden (there is no time series per ${dim}).${combined}`;
}

/** The group member the cards are narrowed to: the first selection the response has figures for. */
function focusItem(data: UsageResponse, values: UsageViewValues): GroupItem | undefined {
  for (const s of selectionsOf(values)) {
    const item = findGroup(data, s.dimension)?.items.find((i) => i.key === s.key);
    if (item) return item;
  }
  return undefined;
}

/** `/usage`: one card per resource type, and the breakdown by the chosen Group by. */
export default function UsagePage() {
  const { filters, view: values, set: setValues, viewIssues: issues, cleanUp } = useUrlState(usageView);
  const { search, state } = useLocation();
  const navigate = useNavigate();
  const typesTitleId = useId();
  const unknownType = (state as UsageIndexState | null)?.unknownResourceType;

  const selections = selectionsOf(values);
  const usage = useUsage(usageExplorerRequest(filters, { selections }));
  const { data, error, isError, isFetching, isPlaceholderData, refetch } = usage;
  const retry = () => void refetch();
  // Partial buckets by the API's clock: today (or this week, this month), and weeks or months the range cuts.
  const { clock } = useApiClock();
  const isPartial = (t: number) => partialBucket(t, filters.granularity, { now: clock?.now, period: data?.period }) !== undefined;

  const details = selections.map((s) => describeSelection(data, s));
  const focus = details.find((d) => d.found);
  const summaries = useMemo(() => data && typeSummaries(data, focusItem(data, values)), [data, values]);
  const group = findGroup(data, filters.groupBy);
  // Without `groups` (an extension), what the documented fields give, else a note.
  const documented = useMemo(() => (data && !group ? documentedGroupRows(data, filters.groupBy) : undefined), [data, group, filters.groupBy]);
  const rows = useMemo(() => (group ? groupRows(group) : data ? (documented ?? []) : undefined), [group, data, documented]);
  const unavailable =
    data && !group && !documented ? `The billing API's answer has no breakdown by ${GROUP_BY_LABELS[filters.groupBy].toLowerCase()}.` : undefined;
  const shareOf = focus ? focus.name : 'total cost';

  const select = (row: GroupRow) => {
    const first = row.resourceTypes.length === 1 ? row.resourceTypes[0] : undefined;
    const only = first !== undefined && isKnown(RESOURCE_TYPES, first) ? first : undefined;
    // A resource belongs to one type: show it on that type's page.
    if (filters.groupBy === 'resource' && only) void navigate(usageTypeHref(only, filters, search, { resource: row.key }));
    else setValues(toggleSelection(values, filters.groupBy, row.key));
  };

  return (
    <CsvNamingContext value={{ period: periodName(data?.period), currency: data?.summary.currency ?? filters.currency }}>
      <PageHeader
        title="Usage"
        description={
          data ? (
            <span className="flex flex-wrap items-center gap-x-3 gap-y-1">
              <PeriodLine period={data.period} />
              <span className="tabular-nums">
                Total <span className="font-medium text-foreground">{formatMoney(data.summary.totalCost, data.summary.currency)}</span>
              </span>
            </span>
          ) : isError ? (
            TIME_RANGE_LABELS[filters.timeRange]
          ) : (
            <Skeleton className="h-4 w-64" />
          )
        }
        actions={
          <>
            <Link to={{ pathname: '/compare', search: filterSearch(search) }} className={BUTTON_CLASS}>
              Compare with the previous period
            </Link>
            <ExportFocusLink filters={filters} />
          </>
        }
      />

      <div className="flex flex-col gap-4">
        {unknownType !== undefined && (
          <Notice>
            <p>
              There is no resource type “{unknownType}”, so all resource types are shown. The types are{' '}
              {Object.values(RESOURCE_LABELS).join(', ')}.
            </p>
          </Notice>
        )}
        {issues.length > 0 && <FilterIssuesNotice issues={issues} onClear={() => cleanUp()} />}
        {isError && !data ? (
          <ErrorPanel error={error} onRetry={retry} retrying={isFetching} />
        ) : (
          <>
            {/* A failed refresh with data on screen: the shell's stale-data banner says so. */}
            <SelectionBar
              details={details}
              currency={filters.currency}
              shareOf="total cost"
              onRemove={(dimension) => setValues(toggleSelection(values, dimension, values[dimension]))}
              onClearAll={() => setValues(CLEAR_SELECTIONS)}
              note={indexNote(focus, details.length)}
            />
            <section aria-labelledby={typesTitleId} aria-busy={!data || isPlaceholderData} className="flex flex-col gap-2">
              <h2 id={typesTitleId} className="text-sm font-semibold text-foreground">
                Resource types{focus ? ` · ${focus.name}` : ''}
              </h2>
              <div
                className={`grid grid-cols-1 gap-3 transition-opacity min-[480px]:grid-cols-2 lg:grid-cols-3 ${isPlaceholderData ? 'opacity-60' : ''}`}
              >
                {summaries
                  ? summaries.map((s) => (
                      <TypeCard
                        key={s.resourceType}
                        summary={s}
                        currency={filters.currency}
                        shareOf={shareOf}
                        isPartial={isPartial}
                        granularity={filters.granularity}
                        to={isKnown(RESOURCE_TYPES, s.resourceType) ? usageTypeHref(s.resourceType, filters, search) : undefined}
                      />
                    ))
                  : Array.from({ length: filters.resourceType.length || 6 }, (_, i) => (
                      <div key={i} className="rounded-card border border-border bg-surface px-4 py-3.5 shadow-card">
                        <Skeleton className="h-3.5 w-28" />
                        <Skeleton className="mt-2.5 h-7 w-32" />
                        <Skeleton className="mt-2 h-3 w-20" />
                        <Skeleton className="mt-3 h-9 w-full" />
                      </div>
                    ))}
              </div>
            </section>
            <div aria-busy={isPlaceholderData} className={`transition-opacity ${isPlaceholderData ? 'opacity-60' : ''}`}>
              <Suspense fallback={<CardFallback title={`Cost by ${GROUP_BY_LABELS[filters.groupBy].toLowerCase()}`} height={360} />}>
                <BreakdownSection
                  dimension={filters.groupBy}
                  rows={rows}
                  currency={filters.currency}
                  color={CHART_COLORS.accent}
                  selectedKey={values[filters.groupBy] || undefined}
                  onSelect={group ? select : () => undefined}
                  shareOf="total cost"
                  rowHint={!group ? 'From the API’s documented totals' : filters.groupBy === 'resource' ? 'Click a row to open it on its type’s page' : undefined}
                  loading={!data}
                  unavailable={unavailable}
                />
              </Suspense>
            </div>
            <Suspense fallback={<CardFallback title={`Cost over time by ${GROUP_BY_LABELS[filters.groupBy].toLowerCase()}`} height={260} />}>
              <BreakdownOverTimeCard
                filters={filters}
                available={data ? data.groups !== undefined : undefined}
                period={data && !isPlaceholderData ? data.period : undefined}
                totalCost={data && !isPlaceholderData ? data.summary.totalCost : undefined}
              />
            </Suspense>
          </>
        )}
      </div>
    </CsvNamingContext>
  );
}
