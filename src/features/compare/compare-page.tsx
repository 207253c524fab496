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
import { ErrorPanel } from '../../components/states/error-panel';
import { Notice } from '../../components/states/notice';
import { Skeleton } from '../../components/states/skeleton';
import { currencyDecimals, formatDate, formatDateRange } from '../../lib/format';
import { describeComparison, type ComparisonSpans } from '../../lib/like-for-like';
import { FilterIssuesNotice } from '../../url-state/components/filter-issues-notice';
import { useUrlState } from '../../url-state/use-url-state';
import { useComparisonSpans, useSpanAnswers, spanGranularity } from './api/use-comparison';
import { signedMoney, signedPercent, minorMoney, spanTotalMinor } from './money';
import { CompareControls } from './components/compare-controls';
import { chosenSpan, compareHandle, compareView } from './compare-view';
import { CsvNamingContext, periodName } from '../../lib/csv-naming';

// The tables (and their drill-downs) load after the summary has painted, like the chart.
const ComparisonTables = lazy(() => import('./components/comparison-tables').then((m) => ({ default: m.ComparisonTables })));
const OverlayChartCard = lazy(() => import('./components/overlay-chart-card').then((m) => ({ default: m.OverlayChartCard })));

export const handle = compareHandle;

/** How the earlier span's last day was counted, when today is still running. */
function proRataNote(spans: ComparisonSpans): string | undefined {
  if (spans.lastDayFraction >= 1) return undefined;
  const hour = new Date(spans.dataEnd).toISOString().slice(11, 16);
  return `Today has data up to ${hour} UTC, so ${formatDate(spans.previous.endDate)} counts up to ${hour} UTC too (pro rata)`;
}

export default function ComparePage() {
  const { filters, view: values, set: setValues, viewIssues: issues } = useUrlState(compareView);
  const chosen = chosenSpan(values);
  const setup = useComparisonSpans(filters, values.compare, chosen.span);
  const { spans } = setup;
  const answers = useSpanAnswers(spans, filters);

  const labels = spans
    ? { current: formatDateRange(spans.current.startDate, spans.current.endDate), previous: formatDateRange(spans.previous.startDate, spans.previous.endDate) }
    : undefined;
  const currency = answers.current?.whole.summary.currency ?? filters.currency;
  const decimals = currencyDecimals(currency);

  const totals = useMemo(() => {
    const { current, previous } = answers;
    if (!current || !previous) return undefined;
    const currentTotal = spanTotalMinor(current, decimals);
    const previousTotal = spanTotalMinor(previous, decimals);
    const change = currentTotal - previousTotal;
    return { currentTotal, previousTotal, change, percent: previousTotal > 0 ? (change / previousTotal) * 100 : undefined };
  }, [answers, decimals]);

  const note = spans ? proRataNote(spans) : undefined;

  return (
    <CsvNamingContext value={{ period: spans && `${periodName(spans.current)}-vs-${periodName(spans.previous)}`, currency }}>
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
          <Notice>
            <p>Nothing to compare yet: this period has no data, it starts after the API’s newest hour.</p>
          </Notice>
        ) : (
          <>
            <section aria-label="Comparison summary" aria-busy={!totals} className="grid grid-cols-1 gap-3 sm:grid-cols-3">
              <MetricCard
                title="This period"
                value={totals ? minorMoney(totals.currentTotal, currency) : undefined}
                footnote={labels?.current}
              />
              <MetricCard
                title="Compared with"
                value={totals ? minorMoney(totals.previousTotal, currency) : undefined}
                footnote={labels && (note ? `${labels.previous} (last day pro rata)` : labels.previous)}
              />
              <MetricCard
                title="Change"
                value={totals ? signedMoney(totals.change, currency) : undefined}
                footnote={totals && <span data-testid="change-percent">{signedPercent(totals.percent, totals.currentTotal)}</span>}
              />
            </section>
            {note && <p className="-mt-2 text-xs text-muted">{note}.</p>}
            {totals && labels && totals.previousTotal === 0 && (
              <Notice>
                <p>No usage is recorded in {labels.previous} to compare with (the account’s history may start later), so every figure counts as new.</p>
              </Notice>
            )}

            {answers.error !== undefined && !totals && <ErrorPanel error={answers.error} onRetry={answers.retry} />}

            {answers.current && answers.previous && labels && spans ? (
              <Suspense fallback={<CardFallback title="Cost, both periods overlaid" height={260} />}>
                <OverlayChartCard
                  current={answers.current.whole}
                  previous={answers.previous.whole}
                  currency={currency}
                  labels={labels}
                  monthly={spanGranularity(spans.current) === 'monthly' || spanGranularity(spans.previous) === 'monthly'}
                />
              </Suspense>
            ) : (
              <CardFallback title="Cost, both periods overlaid" height={260} />
            )}

            {spans && labels && (
              <Suspense fallback={<CardFallback title="What drove the change" height={320} />}>
                <ComparisonTables
                  answers={answers}
                  spans={spans}
                  filters={filters}
                  currency={currency}
                  labels={labels}
                  drill={values.drill}
                  onDrill={(drill) => setValues({ drill }, { replace: true })}
                />
              </Suspense>
            )}
          </>
        )}
      </div>
    </CsvNamingContext>
  );
}
