/**
 * Which time range the Optimization page analyses. The page shares the
 * dashboard's Time range filter but analyses one month: last month (complete)
 * or the current month so far (scaled to a month by the API). Any other value
 * falls back to last month and is reported, like an ignored URL value.
 */
import type { TimeRange } from '../../contract/billing';
import type { DashboardFilters, FilterIssue } from '../../url-state/filter-schema';
import { TIME_RANGE_LABELS } from '../../lib/labels';

export const ANALYSIS_RANGES = ['last_month', 'current_month'] as const satisfies readonly TimeRange[];
export type AnalysisRange = (typeof ANALYSIS_RANGES)[number];
export const DEFAULT_ANALYSIS_RANGE: AnalysisRange = 'last_month';

export function isAnalysisRange(value: TimeRange): value is AnalysisRange {
  return (ANALYSIS_RANGES as readonly TimeRange[]).includes(value);
}

/** The analysed range for these filters, with an issue when the filters ask for one the page does not analyse. */
export function analysisRange(filters: Pick<DashboardFilters, 'timeRange'>): { timeRange: AnalysisRange; issue?: FilterIssue } {
  if (isAnalysisRange(filters.timeRange)) return { timeRange: filters.timeRange };
  const allowed = ANALYSIS_RANGES.map((r) => TIME_RANGE_LABELS[r]).join(' or ');
  return {
    timeRange: DEFAULT_ANALYSIS_RANGE,
    issue: {
      param: 'timeRange',
      value: filters.timeRange,
      reason: `optimization analyses ${allowed}; showing ${TIME_RANGE_LABELS[DEFAULT_ANALYSIS_RANGE]}`,
    },
  };
}
