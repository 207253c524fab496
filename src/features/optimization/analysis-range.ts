/**
 * Which time range the Optimization page analyses. The page shares the
 * dashboard's Time range filter but analyses a window long enough to judge:
 * by default the current month, which the sandbox analyses over the trailing
 * 30 days through its newest hour (at least MIN_EVIDENCE_DAYS whatever the
 * range), or last month. Any other value falls back to the default and is
 * reported, like an ignored URL value.
 */
import type { TimeRange } from '../../contract/billing';
import type { DashboardFilters, FilterIssue } from '../../url-state/filter-schema';
import { TIME_RANGE_LABELS } from '../../lib/labels';

export const ANALYSIS_RANGES = ['last_month', 'current_month'] as const satisfies readonly TimeRange[];
export type AnalysisRange = (typeof ANALYSIS_RANGES)[number];
export const DEFAULT_ANALYSIS_RANGE: AnalysisRange = 'current_month';
/** A commitment (reservation) is recommended only from at least this many days of data. */
export const MIN_EVIDENCE_DAYS = 30;

export function isAnalysisRange(value: TimeRange): value is AnalysisRange {
  return (ANALYSIS_RANGES as readonly TimeRange[]).includes(value);
}

/** The analysed range for these filters, with an issue when the filters ask for one the page does not analyse. */
export function analysisRange(filters: Pick<DashboardFilters, 'timeRange'>): { timeRange: AnalysisRange; issue?: FilterIssue } {
  if (isAnalysisRange(filters.timeRange)) return { timeRange: filters.timeRange };
  return {
    timeRange: DEFAULT_ANALYSIS_RANGE,
    issue: {
      param: 'timeRange',
      value: filters.timeRange,
      reason: `optimization analyses the last ${MIN_EVIDENCE_DAYS} days or ${TIME_RANGE_LABELS.last_month}; showing the last ${MIN_EVIDENCE_DAYS} days`,
    },
  };
}
