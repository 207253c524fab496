import type { Currency, OptimizationResponse, TimeRange } from '../../../contract/billing';
import { TIME_RANGE_LABELS } from '../../../lib/labels';
import { MetricCard } from '../../../components/metric-card';
import { SummaryGrid } from '../../../components/summary-grid';
import { formatDateRange, formatMoney, formatNumber, formatPercent } from '../../../lib/format';
import { analysedDays, countByImpact } from '../recommendations';

export const SUMMARY_TITLES = ['Potential savings', 'Identified waste', 'Recommendations', 'Analysed period'] as const;

/** The headline figures: monthly savings, waste, recommendation count and what was analysed. */
export function SavingsSummary({
  data,
  currency,
  timeRange,
  updating = false,
}: {
  data?: OptimizationResponse;
  currency: Currency;
  timeRange: TimeRange;
  updating?: boolean;
}) {
  if (!data) return <SummaryGrid loadingTitles={SUMMARY_TITLES} />;

  const { potentialSavings, wasteAnalysis, analysis } = data;
  const recs = data.recommendations ?? [];
  const counts = countByImpact(recs);
  const analysedCost = potentialSavings?.byCategory.reduce((sum, c) => sum + c.currentCost, 0) ?? 0;
  const wasteShare =
    potentialSavings && wasteAnalysis && potentialSavings.totalMonthly > 0 ? (wasteAnalysis.totalWaste / potentialSavings.totalMonthly) * 100 : undefined;
  const absent = "not in the API's answer";

  return (
    <SummaryGrid updating={updating}>
      <MetricCard
        title="Potential savings"
        value={potentialSavings ? formatMoney(potentialSavings.totalMonthly, currency) : '—'}
        rawValue={potentialSavings?.totalMonthly}
        footnote={
          !potentialSavings
            ? absent
            : analysedCost > 0
            ? `per month · ${formatPercent((potentialSavings.totalMonthly / analysedCost) * 100)} of the cost of affected categories`
            : 'per month'
        }
      />
      <MetricCard
        title="Identified waste"
        value={wasteAnalysis ? formatMoney(wasteAnalysis.totalWaste, currency) : '—'}
        rawValue={wasteAnalysis?.totalWaste}
        footnote={
          wasteAnalysis
            ? `per month · ${wasteAnalysis.items.length} ${wasteAnalysis.items.length === 1 ? 'item' : 'items'}${
                wasteShare === undefined ? '' : `, ${formatPercent(wasteShare, 0)} of savings`
              }`
            : absent
        }
      />
      <MetricCard
        title="Recommendations"
        value={data.recommendations ? formatNumber(recs.length) : '—'}
        rawValue={data.recommendations ? recs.length : undefined}
        footnote={
          data.recommendations
            ? `${counts.high} high · ${counts.medium} medium · ${counts.low} low impact${counts.other > 0 ? ` · ${counts.other} other` : ''}`
            : absent
        }
      />
      <MetricCard
        title="Analysed period"
        value={analysis ? `${formatNumber(Math.round((analysis.hoursAnalysed / 24) * 10) / 10, analysis.hoursAnalysed % 24 === 0 ? 0 : 1)} days` : TIME_RANGE_LABELS[timeRange]}
        footnote={
          analysis
            ? `${formatDateRange(analysedDays(analysis).startDate, analysedDays(analysis).endDate)} · ${formatNumber(analysis.hoursAnalysed)} h of data${analysis.monthlyFactor !== 1 ? `, ×${formatNumber(analysis.monthlyFactor, 2)} to a month` : ''}`
            : undefined
        }
      />
    </SummaryGrid>
  );
}
