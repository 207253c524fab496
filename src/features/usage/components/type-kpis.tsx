import type { BreakdownItem, Currency, Granularity, Period, UnitId } from '../../../contract/billing';
import { MetricCard } from '../../../components/metric-card';
import { resourceColor } from '../../../lib/colors';
import { formatBucketLong, formatMetricNumber, formatMoney, formatNumber, resourceUnit } from '../../../lib/format';
import { unitTitle } from '../usage-format';
import { seriesPeak, unitCost, type SeriesPoint } from '../usage-transforms';

const PEAK_TITLE: Record<Granularity, string> = {
  hourly: 'Peak hour',
  daily: 'Peak day',
  weekly: 'Peak week',
  monthly: 'Peak month',
};

const BUCKET_NOUN: Record<Granularity, string> = { hourly: 'hour', daily: 'day', weekly: 'week', monthly: 'month' };

const TITLES = (unit: UnitId, granularity: Granularity) => ['Cost', unitTitle(unit), 'Average rate', PEAK_TITLE[granularity]] as const;

/** A type's headline figures: cost, quantity, average rate and the busiest bucket. */
export function TypeKpis({
  item,
  points,
  period,
  currency,
  granularity,
  resourceType,
  updating,
}: {
  item: BreakdownItem | undefined;
  points: readonly SeriesPoint[] | undefined;
  period: Period | undefined;
  currency: Currency;
  granularity: Granularity;
  resourceType: BreakdownItem['resourceType'];
  updating: boolean;
}) {
  const unit = resourceUnit(resourceType);
  const titles = TITLES(unit.unit, granularity);
  const className = `grid grid-cols-2 gap-3 transition-opacity lg:grid-cols-4 ${updating ? 'opacity-60' : ''}`;
  if (!item || !points || !period)
    return (
      <section aria-label="Key figures" aria-busy="true" className={className}>
        {titles.map((t) => (
          <MetricCard key={t} title={t} />
        ))}
      </section>
    );
  const { cost, quantity } = item.usage;
  const rate = unitCost(cost, quantity, unit.unit);
  const peak = seriesPeak(points);
  const perDay = period.daysElapsed > 0 ? cost / period.daysElapsed : undefined;
  return (
    <section aria-label="Key figures" aria-busy={updating} className={className}>
      <MetricCard
        title={titles[0]}
        value={formatMoney(cost, currency)}
        rawValue={cost}
        marker={resourceColor(resourceType)}
        footnote={perDay !== undefined ? `${formatMoney(perDay, currency)} per day` : undefined}
      />
      <MetricCard
        title={titles[1]}
        value={formatMetricNumber(quantity, unit.decimals)}
        rawValue={quantity}
        exactValue={formatNumber(quantity, 2)}
        unit={unit.short}
        footnote={
          points.length > 0
            ? `${formatNumber(quantity / points.length, unit.decimals)} ${unit.short} per ${BUCKET_NOUN[granularity]} on average`
            : undefined
        }
      />
      <MetricCard
        title={titles[2]}
        value={rate ? formatMoney(rate.amount, currency) : '—'}
        rawValue={rate?.amount}
        unit={rate ? `per ${rate.per}` : undefined}
        footnote="Cost ÷ usage over the period"
      />
      <MetricCard
        title={titles[3]}
        value={peak ? formatMetricNumber(peak.value, unit.decimals) : '—'}
        rawValue={peak?.value}
        exactValue={peak ? formatNumber(peak.value, 2) : undefined}
        unit={peak ? unit.short : undefined}
        footnote={peak ? `${formatBucketLong(peak.timestamp, granularity)} · ${formatMoney(peak.cost, currency)}` : 'No usage'}
      />
    </section>
  );
}
