import type { ResourceType, UsageResponse } from '../../../contract/billing';
import { MetricCard } from '../../../components/metric-card';
import { ShareBar } from '../../../components/share-bar';
import { RESOURCE_COLORS, RESOURCE_LABELS } from '../../../lib/colors';
import {
  formatDate,
  formatMetricNumber,
  formatMoney,
  formatNumber,
  formatPercent,
  UNIT_LABELS,
} from '../../../lib/format';
import { costOf, costShares, dailyAverage, GPU_HOUR_TYPES } from '../../../lib/usage-summary';

export const SUMMARY_TITLES = ['Total cost', 'GPU hours', 'API requests', 'Storage', 'Bandwidth'] as const;

function CostFootnote({ data, types }: { data: UsageResponse; types: readonly ResourceType[] }) {
  const { cost, present } = costOf(data.breakdown, types);
  if (!present) return <span>No usage this period</span>;
  return <span>{formatMoney(cost, data.summary.currency)} cost</span>;
}

/** Foot of a card: this metric's share of total cost, as a bar in its resource colour and as text. */
function CostShareMeter({ data, types, color }: { data: UsageResponse; types: readonly ResourceType[]; color: string }) {
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
}: {
  data: UsageResponse;
  title: string;
  value: number;
  decimals: number;
  unit?: string;
  types: readonly ResourceType[];
  color: string;
}) {
  return (
    <MetricCard
      title={title}
      value={formatMetricNumber(value, decimals)}
      rawValue={value}
      exactValue={formatNumber(value, decimals)}
      unit={unit}
      marker={color}
      footnote={<CostFootnote data={data} types={types} />}
    >
      <span className="min-h-3 flex-1" />
      <CostShareMeter data={data} types={types} color={color} />
    </MetricCard>
  );
}

function TotalCostCard({ data }: { data: UsageResponse }) {
  const { summary, period, projections, breakdown } = data;
  const perDay = dailyAverage(summary.totalCost, period.daysElapsed);
  const shares = costShares(breakdown).map((s) => ({
    key: s.resourceType,
    label: RESOURCE_LABELS[s.resourceType],
    percentage: s.percentage,
    color: RESOURCE_COLORS[s.resourceType],
  }));
  return (
    <MetricCard
      title="Total cost"
      value={formatMoney(summary.totalCost, summary.currency)}
      rawValue={summary.totalCost}
      aside={<span className="rounded bg-surface-muted px-1.5 py-0.5 text-2xs font-medium text-muted">{summary.currency}</span>}
      footnote={
        <span className="flex flex-wrap gap-x-3">
          {perDay !== undefined && <span>{formatMoney(perDay, summary.currency)} per day</span>}
          {projections && (
            <span>
              Projected {formatMoney(projections.projectedCost, summary.currency)} by {formatDate(period.endDate)}
            </span>
          )}
        </span>
      }
      className="col-span-2"
    >
      {shares.length > 0 && <ShareBar label="Cost by resource type" segments={shares} />}
    </MetricCard>
  );
}

/** The five headline figures for the period, or their skeletons while loading. */
export function SummaryCards({ data, updating = false }: { data?: UsageResponse; updating?: boolean }) {
  return (
    <section
      aria-label="Summary"
      aria-busy={!data || updating}
      className={`grid grid-cols-2 gap-3 transition-opacity md:grid-cols-3 xl:grid-cols-6 ${updating ? 'opacity-60' : ''}`}
    >
      {data ? (
        <>
          <TotalCostCard data={data} />
          <ResourceMetricCard
            data={data}
            title="GPU hours"
            value={data.summary.totalGpuHours}
            decimals={UNIT_LABELS.gpu_hours.decimals}
            unit={UNIT_LABELS.gpu_hours.short}
            types={GPU_HOUR_TYPES}
            color={RESOURCE_COLORS.clusters}
          />
          <ResourceMetricCard
            data={data}
            title="API requests"
            value={data.summary.totalApiRequests}
            decimals={0}
            types={['ai-services']}
            color={RESOURCE_COLORS['ai-services']}
          />
          <ResourceMetricCard
            data={data}
            title="Storage"
            value={data.summary.totalStorageGB}
            decimals={UNIT_LABELS.gb_hours.decimals}
            unit={UNIT_LABELS.gb_hours.short}
            types={['storage']}
            color={RESOURCE_COLORS.storage}
          />
          <ResourceMetricCard
            data={data}
            title="Bandwidth"
            value={data.summary.totalBandwidthGB}
            decimals={UNIT_LABELS.gb.decimals}
            unit={UNIT_LABELS.gb.short}
            types={['bandwidth']}
            color={RESOURCE_COLORS.bandwidth}
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
