/**
 * Compare: the page's period against a like-for-like earlier one (or a year
 * earlier, or dates the user chooses), as a URL: both periods' daily cost
 * overlaid, what drove the change (by resource type, then team and
 * resource), and the change by team and by region. Every figure is in the
 * display currency's minor units, so the parts add up to the change exactly.
 */
import { lazy, Suspense, useMemo } from 'react';
import { CardFallback } from '../../components/card-fallback';
import { MetricCard } from '../../components/metric-card';
import { PageHeader } from '../../components/page-header';
import { Panel } from '../../components/panel';
import { ErrorPanel } from '../../components/states/error-panel';
import { Notice } from '../../components/states/notice';
import { Skeleton } from '../../components/states/skeleton';
import { currencyDecimals, formatDate, formatDateRange } from '../../lib/format';
import { describeComparison, type ComparisonSpans } from '../../lib/like-for-like';
import { FilterIssuesNotice } from '../filters/components/filter-issues-notice';
import { useFilters } from '../filters/use-filters';
import { useViewParams } from '../filters/use-view-params';
import { useComparisonSpans, useSpanAnswers, spanGranularity } from './api/use-comparison';
import { ChangeTable, signedMoney, signedPercent, minorMoney } from './components/change-table';
import { CompareControls } from './components/compare-controls';
import { DriversSection, sliceLinks } from './components/drivers-section';
import { chosenSpan, compareHandle, compareView } from './compare-view';
import { byRegion, byResourceType, byTeam, decompose, hasTeams, spanParts, totalCost } from './drivers';
import { overlaySeries } from './overlay-series';

const OverlayChartCard = lazy(() => import('./components/overlay-chart-card').then((m) => ({ default: m.OverlayChartCard })));

export const handle = compareHandle;

/** How the earlier span's last day was counted, when today is still running. */
function proRataNote(spans: ComparisonSpans): string | undefined {
  if (spans.lastDayFraction >= 1) return undefined;
  const hour = new Date(spans.dataEnd).toISOString().slice(11, 16);
  return `Today has data up to ${hour} UTC, so ${formatDate(spans.previous.endDate)} counts up to ${hour} UTC too (pro rata)`;
}

export default function ComparePage() {
  const { filters } = useFilters();
  const { values, setValues, issues } = useViewParams(compareView);
  const chosen = chosenSpan(values);
  const setup = useComparisonSpans(filters, values.compare, chosen.span);
  const { spans } = setup;
  const answers = useSpanAnswers(spans, filters);

  const labels = spans
    ? { current: formatDateRange(spans.current.startDate, spans.current.endDate), previous: formatDateRange(spans.previous.startDate, spans.previous.endDate) }
    : undefined;
  const currency = answers.current?.whole.summary.currency ?? filters.currency;
  const decimals = currencyDecimals(currency);

  const figures = useMemo(() => {
    const { current, previous } = answers;
    if (!current || !previous) return undefined;
    const split = (parts: typeof byTeam, remainderLabel: string) =>
      decompose({ previous: spanParts(previous, parts, totalCost), current: spanParts(current, parts, totalCost), decimals, remainderLabel });
    return {
      types: split(byResourceType, 'Not itemised by type'),
      teams: hasTeams(current.whole) ? split(byTeam, 'Not attributed to a team') : undefined,
      regions: split(byRegion, 'Not attributed to a region'),
      overlay: overlaySeries(current.whole, previous.whole),
    };
  }, [answers, decimals]);

  const links = sliceLinks(filters);
  const note = spans ? proRataNote(spans) : undefined;

  return (
    <>
      <PageHeader
        title="Compare periods"
        description={
          spans && labels ? (
            <span data-testid="compare-label">
              <span className="font-medium text-foreground tabular-nums">{labels.current}</span> vs{' '}
              <span className="font-medium text-foreground tabular-nums">{labels.previous}</span>
              <span className="text-muted"> · {describeComparison(spans, chosen.span !== undefined)}</span>
            </span>
          ) : setup.error !== undefined ? (
            'Compare periods'
          ) : (
            <Skeleton className="h-4 w-72" />
          )
        }
      />
      <div className="flex flex-col gap-4">
        <FilterIssuesNotice
          issues={[...issues, ...chosen.issues]}
          onClear={() => setValues({ compare: 'previous', vsStart: '', vsEnd: '', drill: '' }, { replace: true })}
        />
        <CompareControls
          key={`${values.vsStart}|${values.vsEnd}`}
          mode={values.compare}
          chosen={chosen.span}
          suggested={spans?.previous}
          onMode={(compare) => setValues({ compare, vsStart: '', vsEnd: '' })}
          onChosen={(span) => setValues({ compare: 'previous', vsStart: span.startDate, vsEnd: span.endDate })}
        />
        {setup.error !== undefined ? (
          <ErrorPanel error={setup.error} onRetry={setup.retry} />
        ) : setup.period && !spans && !setup.loading ? (
          <Panel title="Nothing to compare yet">
            <p className="text-sm text-muted">This period has no data yet: it starts after the API’s newest hour.</p>
          </Panel>
        ) : (
          <>
            <section aria-label="Comparison summary" aria-busy={!figures} className="grid grid-cols-1 gap-3 sm:grid-cols-3">
              <MetricCard
                title="This period"
                value={figures ? minorMoney(figures.types.currentTotal, currency) : undefined}
                footnote={labels?.current}
              />
              <MetricCard
                title="Compared with"
                value={figures ? minorMoney(figures.types.previousTotal, currency) : undefined}
                footnote={labels && (note ? `${labels.previous} (last day pro rata)` : labels.previous)}
              />
              <MetricCard
                title="Change"
                value={figures ? signedMoney(figures.types.change, currency) : undefined}
                footnote={figures && <span data-testid="change-percent">{signedPercent(figures.types.percent, figures.types.currentTotal)}</span>}
              />
            </section>
            {note && <p className="-mt-2 text-xs text-muted">{note}.</p>}
            {figures && labels && figures.types.previousTotal === 0 && (
              <Notice>
                <p>No usage is recorded in {labels.previous} to compare with (the account’s history may start later), so every figure counts as new.</p>
              </Notice>
            )}

            {answers.error !== undefined && !figures && <ErrorPanel error={answers.error} onRetry={answers.retry} />}

            {figures && labels && spans ? (
              <Suspense fallback={<CardFallback title="Cost, both periods overlaid" height={260} />}>
                <OverlayChartCard
                  points={figures.overlay}
                  currency={currency}
                  labels={labels}
                  monthly={spanGranularity(spans.current) === 'monthly' || spanGranularity(spans.previous) === 'monthly'}
                />
              </Suspense>
            ) : (
              <CardFallback title="Cost, both periods overlaid" height={260} />
            )}

            {spans && labels && (
              <DriversSection
                types={figures?.types}
                answers={answers}
                spans={spans}
                filters={filters}
                currency={currency}
                labels={labels}
                drill={values.drill}
                onDrill={(drill) => setValues({ drill }, { replace: true })}
              />
            )}

            {figures && labels && (
              <div className="grid grid-cols-1 items-start gap-4 xl:grid-cols-2">
                <Panel title="Change by team" description="Ranked by the size of the change; a team opens its page for this period.">
                  {figures.teams ? (
                    <ChangeTable
                      caption="Change by team"
                      nameHeader="Team"
                      decomposition={figures.teams}
                      currency={currency}
                      labels={labels}
                      href={(r) => links.team(r.key)}
                      totalLabel="Total change"
                      testId="change-by-team"
                    />
                  ) : (
                    <p className="text-sm text-muted">The API sent no team metrics for these periods.</p>
                  )}
                </Panel>
                <Panel title="Change by region" description="Ranked by the size of the change; a region opens Usage narrowed to it.">
                  <ChangeTable
                    caption="Change by region"
                    nameHeader="Region"
                    decomposition={figures.regions}
                    currency={currency}
                    labels={labels}
                    href={(r) => links.region(r.key)}
                    totalLabel="Total change"
                    testId="change-by-region"
                  />
                </Panel>
              </div>
            )}
          </>
        )}
      </div>
    </>
  );
}
