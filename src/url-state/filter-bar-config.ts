/**
 * Which filter controls a page shows. A page module exports a route handle:
 *
 *   export const handle: FilterRouteHandle = { filterBar: { hide: ['granularity'] } };
 *
 * (`filterBar: false` hides the whole bar). The shell reads it from the
 * matched route and renders the bar, and the notice of ignored URL values
 * for the controls the page shows.
 */
import type { FilterIssue, FilterParam } from './filter-schema';

export const FILTER_CONTROLS = ['timeRange', 'resourceType', 'granularity', 'groupBy', 'currency'] as const;
export type FilterControl = (typeof FILTER_CONTROLS)[number];

export interface FilterBarConfig {
  /** Controls this page does not use. */
  hide?: readonly FilterControl[];
}

export interface FilterRouteHandle {
  filterBar?: FilterBarConfig | false;
}

/** The control that sets a parameter (the dates belong to the time range). */
export function controlOf(param: string): FilterControl | undefined {
  if (param === 'startDate' || param === 'endDate') return 'timeRange';
  return (FILTER_CONTROLS as readonly string[]).includes(param) ? (param as FilterParam as FilterControl) : undefined;
}

/** The issues a page should show: those of the controls it uses. */
export function visibleIssues(issues: readonly FilterIssue[], config: FilterBarConfig | false): FilterIssue[] {
  if (config === false) return [];
  const hidden = new Set(config.hide ?? []);
  return issues.filter((issue) => {
    const control = controlOf(issue.param);
    return control === undefined || !hidden.has(control);
  });
}

/** The filter-bar settings of the deepest matched route that declares any (all controls by default). */
export function filterBarConfigFromMatches(matches: readonly { handle?: unknown }[]): FilterBarConfig | false {
  for (let i = matches.length - 1; i >= 0; i--) {
    const handle = matches[i]!.handle as FilterRouteHandle | undefined;
    if (handle && handle.filterBar !== undefined) return handle.filterBar;
  }
  return {};
}
