import type { Currency, ForecastResponse } from '../../../contract/billing';
import { MetricCard } from '../../../components/metric-card';
import { SummaryGrid } from '../../../components/summary-grid';
import { formatMoney, formatNumber } from '../../../lib/format';
import type { MonthEnd } from '../../../api/month-end';
import { confidenceLabel } from '../forecast-view';
import { currentProjection, formatMonthLong, formatMonthShort, projectedTotal } from '../forecast-series';

export const FORECAST_SUMMARY_TITLES = ['Projected this month', 'Projected total', 'Monthly baseline', 'Growth rate'] as const;

const signed = (v: number, digits = 1) => `${v > 0 ? '+' : v < 0 ? '−' : ''}${formatNumber(Math.abs(v), digits)}`;

/** Headline figures: this month's projected end, the period total, the baseline and the growth trend. */
export function ForecastSummary({
  data,
  record,
  currency,
  level,
  updating = false,
}: {
  data?: ForecastResponse;
  /** The month-end projection of record (src/api/month-end.ts), shown as this month's figure. */
  record?: Pick<MonthEnd, 'projected'>;
  currency: Currency;
  level: number;
  updating?: boolean;
}) {
  if (!data) return <SummaryGrid loadingTitles={FORECAST_SUMMARY_TITLES} />;

  const current = currentProjection(data);
  // the projection of record once in; the forecast's own figure for the month, named, where it differs
  const thisMonth = record?.projected ?? current?.projectedCost;
  const modelDiffers = current !== undefined && record?.projected !== undefined && Math.abs(record.projected - current.projectedCost) > 0.005;
  const months = data.monthlyProjections;
  const first = months[0]?.month;
  const last = months[months.length - 1]?.month;
  const growth = data.baseline.growthRate;

  return (
    <SummaryGrid updating={updating}>
      <MetricCard
        title="Projected this month"
        value={thisMonth !== undefined ? formatMoney(thisMonth, currency) : '—'}
        rawValue={thisMonth}
        className="max-sm:col-span-2"
        footnote={
          current && (
            <span className="flex flex-col">
              {modelDiffers && <span data-testid="forecast-model-month">Forecast model: {formatMoney(current.projectedCost, currency)}</span>}
              {current.actualToDate !== undefined && (
                <span>
                  {formatMoney(current.actualToDate, currency)} so far in {formatMonthShort(current.month)}
                </span>
              )}
              {current.lowerBound !== undefined && current.upperBound !== undefined && (
                <span>
                  {confidenceLabel(level)}: {formatMoney(current.lowerBound, currency)} – {formatMoney(current.upperBound, currency)}
                </span>
              )}
            </span>
          )
        }
      />
      <MetricCard
        title="Projected total"
        value={formatMoney(projectedTotal(data), currency)}
        rawValue={projectedTotal(data)}
        className="max-sm:col-span-2"
        footnote={first && last ? `${months.length} months, ${formatMonthShort(first)} – ${formatMonthShort(last)}` : undefined}
      />
      <MetricCard
        title="Monthly baseline"
        value={formatMoney(data.baseline.avgMonthlyCost, currency)}
        rawValue={data.baseline.avgMonthlyCost}
        footnote="Average of the last 3 complete months"
      />
      <MetricCard
        title="Growth rate"
        value={`${signed(growth)}%`}
        rawValue={growth}
        unit="/ month"
        footnote={
          first ? `Trend of the 6 complete months before ${formatMonthLong(first)}` : 'Trend of the last 6 complete months'
        }
      />
    </SummaryGrid>
  );
}
