import { Link, useLocation } from 'react-router';
import type { ResourceTypeId, UsageResponse } from '../../../contract/billing';
import { filterSearch } from '../../../url-state/filter-url';
import { MetricCard } from '../../../components/metric-card';
import { ShareBar } from '../../../components/share-bar';
import { Skeleton } from '../../../components/states/skeleton';
import { RESOURCE_COLORS, resourceColor, resourceLabel } from '../../../lib/colors';
import { formatDate, formatDateRange, formatMetricNumber, formatMoney, formatNumber, formatPercent, UNIT_LABELS, labelFor } from '../../../lib/format';
import { costOf, costShares, GPU_HOUR_TYPES, hoursWithData, perDayOver } from '../../../lib/usage-summary';
import type { PeriodComparison } from '../api/use-period-comparison';
import { currentTotals, percentChange, type PeriodTotals } from '../period-comparison';
import { ChangeIndicator } from './change-indicator';

export const SUMMARY_TITLES = ['Total cost', 'GPU hours', 'API requests', 'Storage', 'Bandwidth'] as const;

const TREND_LABELS = { increasing: 'trending up', decreasing: 'trending down', stable: 'steady' } as const;

/**
 * `1–16 Dec 2023` (and `1–16 Dec` to show in a card), plus how the last day
 * was counted when today is still running.
 */
function comparedWith(comparison: PeriodComparison): { label: string; short: string; detail?: string } | undefined {
  const { plan } = comparison;
  if (!plan) return undefined;
  const label = formatDateRange(plan.previous.startDate, plan.previous.endDate);
  // Leave the year out on screen unless the span crosses into another year.
  const short = (label.match(/\d{4}/g) ?? []).length > 1 ? label : label.replace(/ \d{4}$/, '');
  if (plan.lastDayFraction >= 1) return { label, short };
  const hour = new Date(plan.dataEnd).toISOString().slice(11, 16);
  return {
    label,
    short,
    detail: `Today has data up to ${hour} UTC, so ${formatDate(plan.previous.endDate)} counts up to ${hour} UTC too (pro rata)`,
  };
}

/** The change line of a card: the change, a placeholder while it loads, or nothing to compare. */
function CardChange({
  comparison,
  metric,
  current,
  tone,
  explainMissing = false,
}: {
  comparison?: PeriodComparison;
  metric: keyof PeriodTotals;
  current: number;
  tone: 'cost' | 'neutral';
  explainMissing?: boolean;
}) {
  if (!comparison) return null;
  if (comparison.loading) return <Skeleton className="my-0.5 h-3.5 w-28" />;
  const compared = comparedWith(comparison);
  if (!compared) return null;
  if (comparison.error !== undefined) {
    if (!explainMissing) return null;
    return (
      <p className="flex flex-wrap items-center gap-x-1.5 text-2xs text-muted">
        Change vs {compared.label} unavailable
        <button
          type="button"
          onClick={comparison.retry}
          className="rounded px-1 font-medium text-accent hover:bg-accent-soft"
        >
          Retry
        </button>
      </p>
    );
  }
  const previous = comparison.previous;
  if (!previous) return null;
  const change = percentChange(current, previous[metric]);
  if (!change) {
    return explainMissing ? (
      <p className="text-2xs text-muted">No usage in {compared.label} to compare with</p>
    ) : null;
  }
  const partial = previous.dataFrom ? `Usage is recorded from ${formatDate(previous.dataFrom)} only` : undefined;
  return (
    <p className="flex min-w-0">
      <ChangeIndicator
        change={change}
        compared={compared.label}
        shortCompared={compared.short}
        tone={tone}
        detail={[compared.detail, partial].filter(Boolean).join('. ') || undefined}
      />
      {partial && explainMissing && <span className="ml-1 text-2xs text-muted">(partial)</span>}
    </p>
  );
}

/** To the comparison view of the same filters: what drove the change. */
function CompareLink() {
  const { search } = useLocation();
  return (
    <Link to={{ pathname: '/compare', search: filterSearch(search) }} className="text-2xs font-medium text-accent hover:underline">
      What drove the change
    </Link>
  );
}

function CostFootnote({ data, types }: { data: UsageResponse; types: readonly ResourceTypeId[] }) {
  const { cost, present } = costOf(data.breakdown, types);
  if (!present) return <p>No usage this period</p>;
  return <p>{formatMoney(cost, data.summary.currency)} cost</p>;
}

/** Foot of a card: this metric's share of total cost, as a bar in its resource colour and as text. */
function CostShareMeter({ data, types, color }: { data: UsageResponse; types: readonly ResourceTypeId[]; color: string }) {
  const { percentage } = costOf(data.breakdown, types);
  return (
    <div className="flex items-center gap-2">
      <span aria-hidden="true" className="block h-1 flex-1 overflow-hidden rounded-full bg-surface-muted">
        <span className="block h-full rounded-full" style={{ width: `${percentage}%`, background: color }} />
      </span>
      <span className="shrink-0 text-2xs text-muted tabular-nums" title="Share of total cost">
        {formatPercent(percentage)}
        <span className="sr-only"> of total cost</span>
      </span>
    </div>
  );
}

function ResourceMetricCard({
  data,
  title,
  value,
  decimals,
  unit,
  types,
  color,
  metric,
  comparison,
}: {
  data: UsageResponse;
  title: string;
  value: number;
  decimals: number;
  unit?: string;
  types: readonly ResourceTypeId[];
  color: string;
  metric: Exclude<keyof PeriodTotals, 'cost'>;
  comparison?: PeriodComparison;
}) {
  return (
    <MetricCard
      title={title}
      value={formatMetricNumber(value, decimals)}
      rawValue={value}
      exactValue={formatNumber(value, decimals)}
      unit={unit}
      marker={color}
      footnote={
        <>
          <CardChange comparison={comparison} metric={metric} current={value} tone="neutral" />
          <CostFootnote data={data} types={types} />
        </>
      }
    >
      <span className="min-h-3 flex-1" />
      <CostShareMeter data={data} types={types} color={color} />
    </MetricCard>
  );
}

/** A period that is one whole calendar month (the projection of record's period). */
function isCalendarMonth(p: UsageResponse['period']): boolean {
  return p.startDate.endsWith('-01') && p.startDate.slice(0, 7) === p.endDate.slice(0, 7) && p.daysInPeriod >= 28;
}

/** Projected cost at the end of a period that is still running: for the month in progress the projection of record (src/api/month-end.ts). */
function Projection({ data }: { data: UsageResponse }) {
  const { projections, period, summary } = data;
  if (!projections || period.daysElapsed >= period.daysInPeriod) return null;
  return (
    <div className="mt-2.5 flex flex-wrap items-baseline gap-x-2 gap-y-0.5 border-t border-border pt-2.5">
      <span className="text-xs font-medium text-muted">Projected by {formatDate(period.endDate)}</span>
      <span
        data-testid="projected-cost"
        data-value={projections.projectedCost}
        className="text-sm font-semibold text-foreground tabular-nums"
      >
        {formatMoney(projections.projectedCost, summary.currency)}
      </span>
      <span className="text-2xs text-muted">
        {formatPercent(projections.confidence * 100, 0)} confidence (chance to end within ±10%) · {labelFor(TREND_LABELS, projections.trend)}
        {!isCalendarMonth(period) && ' · the API’s projection for this period; the month’s is on Forecast and Budgets'}
      </span>
    </div>
  );
}

function TotalCostCard({ data, comparison, clockNow }: { data: UsageResponse; comparison?: PeriodComparison; clockNow?: number }) {
  const { search } = useLocation();
  const hourly = new URLSearchParams(search);
  hourly.set('granularity', 'hourly');
  const hourlySearch = `?${hourly.toString()}`;
  const { summary, period, breakdown } = data;
  // per day over the hours with data (the API's clock), not over calendar days begun
  const hours = hoursWithData(period, clockNow);
  const perDay = perDayOver(summary.totalCost, hours);
  const shares = costShares(breakdown).map((s) => ({
    key: s.resourceType,
    label: resourceLabel(s.resourceType),
    percentage: s.percentage,
    color: resourceColor(s.resourceType),
  }));
  return (
    <MetricCard
      title="Total cost"
      value={formatMoney(summary.totalCost, summary.currency)}
      rawValue={summary.totalCost}
      aside={<span className="rounded bg-surface-muted px-1.5 py-0.5 text-2xs font-medium text-muted">{summary.currency}</span>}
      footnote={
        <>
          <CardChange comparison={comparison} metric="cost" current={currentTotals(data).cost} tone="cost" explainMissing />
          <CompareLink />
          {perDay !== undefined && hours !== undefined && (
            <p className="mt-0.5" data-testid="per-day">
              {formatMoney(perDay, summary.currency)} per day
              {hours % 24 !== 0 && ` (over ${formatNumber(hours)} h of data)`}
            </p>
          )}
          {hours !== undefined && hours < 24 && (
            <p className="mt-0.5" data-testid="hourly-hint">
              Only {formatNumber(hours)} h of this period so far:{' '}
              <Link to={{ pathname: '/usage', search: hourlySearch }} className="font-medium text-accent underline">
                see it hour by hour
              </Link>
            </p>
          )}
        </>
      }
      className="col-span-2"
    >
      <Projection data={data} />
      {shares.length > 0 && <ShareBar label="Cost by resource type" segments={shares} />}
    </MetricCard>
  );
}

/** The five headline figures for the period, or their skeletons while loading. */
export function SummaryCards({
  data,
  updating = false,
  comparison,
  clockNow,
}: {
  data?: UsageResponse;
  updating?: boolean;
  comparison?: PeriodComparison;
  /** The API's clock (end of its newest hour with data), for per-day figures. */
  clockNow?: number;
}) {
  return (
    <section
      aria-label="Summary"
      aria-busy={!data || updating}
      className={`grid grid-cols-2 gap-3 transition-opacity md:grid-cols-3 xl:grid-cols-6 ${updating ? 'opacity-60' : ''}`}
    >
      {data ? (
        <>
          <TotalCostCard data={data} comparison={comparison} clockNow={clockNow} />
          <ResourceMetricCard
            data={data}
            title="GPU hours"
            value={data.summary.totalGpuHours}
            decimals={UNIT_LABELS.gpu_hours.decimals}
            unit={UNIT_LABELS.gpu_hours.short}
            types={GPU_HOUR_TYPES}
            color={RESOURCE_COLORS.clusters}
            metric="gpuHours"
            comparison={comparison}
          />
          <ResourceMetricCard
            data={data}
            title="API requests"
            value={data.summary.totalApiRequests}
            decimals={0}
            types={['ai-services']}
            color={RESOURCE_COLORS['ai-services']}
            metric="apiRequests"
            comparison={comparison}
          />
          <ResourceMetricCard
            data={data}
            title="Storage"
            value={data.summary.totalStorageGB}
            decimals={UNIT_LABELS.gb_hours.decimals}
            unit={UNIT_LABELS.gb_hours.short}
            types={['storage']}
            color={RESOURCE_COLORS.storage}
            metric="storageGB"
            comparison={comparison}
          />
          <ResourceMetricCard
            data={data}
            title="Bandwidth"
            value={data.summary.totalBandwidthGB}
            decimals={UNIT_LABELS.gb.decimals}
            unit={UNIT_LABELS.gb.short}
            types={['bandwidth']}
            color={RESOURCE_COLORS.bandwidth}
            metric="bandwidthGB"
            comparison={comparison}
          />
        </>
      ) : (
        SUMMARY_TITLES.map((title) => (
          <MetricCard key={title} title={title} className={title === 'Total cost' ? 'col-span-2' : ''} />
        ))
      )}
    </section>
  );
}
