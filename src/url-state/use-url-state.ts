/**
 * The one hook for URL state: the dashboard's shared filters and the page's
 * own view parameters (declared with `defineView`, see view-params.ts), read
 * leniently with the values that were ignored, changed with one `set`, and
 * rewritten without the ignored values by one `cleanUp`.
 *
 *   const url = useUrlState(usageView);
 *   url.filters.currency; url.view.region;
 *   url.set({ currency: 'EUR', region: 'us-east-1' });   // one navigation
 *   <UrlIssuesNotice issues={url.viewIssues} onClear={() => url.cleanUp()} />
 */
import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { cachedApiNoon } from '../api/cached-api-today';
import { FILTER_PARAMS, filterRangeDays, parseFilters, type DashboardFilters, type FilterIssue } from './filter-schema';
import { applyFilterPatch, filtersToSearchParams, toSearchString, type FilterPatch } from './filter-url';
import { VIEW_CODEC } from './view-codec';
import type { View, ViewSpec, ViewValues } from './view-params';

export interface SetOptions {
  /** Replace the current history entry instead of adding one (default: add, so Back undoes the change). */
  replace?: boolean;
}

/** A change of shared filters and/or view parameters (their names never clash). */
export type UrlPatch<S extends ViewSpec> = FilterPatch & Partial<ViewValues<S>>;

export interface UrlState<S extends ViewSpec> {
  filters: DashboardFilters;
  /** The page's own parameters (defaults where absent or invalid). */
  view: ViewValues<S>;
  /** Filter values that were ignored, with the reason (the shell shows those of the page's controls). */
  filterIssues: FilterIssue[];
  /** View values that were ignored, with the reason (the page shows them with <UrlIssuesNotice>). */
  viewIssues: FilterIssue[];
  /** Days the time range covers (e.g. to pick a granularity or a bucket size). */
  rangeDays: number | undefined;
  /** Changes some filters and view parameters in one navigation; the rest, and every other parameter, stay. */
  set: (patch: UrlPatch<S>, options?: SetOptions) => void;
  /**
   * Rewrites the link without the ignored values (replacing the history
   * entry): filters and view parameters as read, plus `fix` for values the
   * page itself found unusable.
   */
  cleanUp: (fix?: UrlPatch<S>) => void;
}


/** Splits a patch into the shared filters' part and the view's part. */
function splitPatch<S extends ViewSpec>(patch: UrlPatch<S>): { filters: FilterPatch; view: Partial<ViewValues<S>> } {
  const filters: Record<string, unknown> = {};
  const view: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(patch)) {
    if ((FILTER_PARAMS as readonly string[]).includes(key)) filters[key] = value;
    else view[key] = value;
  }
  return { filters: filters as FilterPatch, view: view as Partial<ViewValues<S>> };
}

/**
 * The search string after `patch`: the filters kept consistent (applyFilterPatch)
 * and written canonically, the view's values written over them, other parameters kept.
 */
export function nextSearch<S extends ViewSpec>(options: {
  search: string;
  filters: DashboardFilters;
  view?: View<S>;
  patch: UrlPatch<S>;
  /** The API's day (calendar arithmetic for a switch to a custom range); the browser's when unknown. */
  now?: Date | number;
}): string {
  const { search, filters, view, patch, now } = options;
  const split = splitPatch(patch);
  const params = filtersToSearchParams(applyFilterPatch(filters, split.filters, now), search);
  return toSearchString(view ? view[VIEW_CODEC].write(split.view, params) : params);
}

/** The dashboard's shared filters and the page's own parameters (`view` from `defineView`, at module scope). */
export function useUrlState<S extends ViewSpec = Record<never, never>>(view?: View<S>): UrlState<S> {
  const { search, pathname, hash } = useLocation();
  const navigate = useNavigate();
  const client = useQueryClient();
  // Calendar arithmetic on the API's day (from its cached answers), the browser's only before the first answer.
  const parsed = useMemo(() => {
    const now = cachedApiNoon(client);
    const params = new URLSearchParams(search);
    const { filters, issues } = parseFilters(params, now);
    const own = view ? view[VIEW_CODEC].parse(params) : { values: {}, issues: [] };
    return {
      filters,
      filterIssues: issues,
      view: own.values as ViewValues<S>,
      viewIssues: own.issues,
      rangeDays: filterRangeDays(filters, now),
    };
  }, [search, client, view]);

  const set = useCallback(
    (patch: UrlPatch<S>, options: SetOptions = {}) => {
      const next = nextSearch({ search, filters: parsed.filters, view, patch, now: cachedApiNoon(client) });
      if (next !== search) void navigate({ pathname, search: next, hash }, { replace: options.replace });
    },
    [search, parsed.filters, view, client, navigate, pathname, hash],
  );
  const cleanUp = useCallback(
    (fix: UrlPatch<S> = {}) => set({ ...parsed.filters, ...parsed.view, ...fix }, { replace: true }),
    [set, parsed.filters, parsed.view],
  );

  return { ...parsed, set, cleanUp };
}
