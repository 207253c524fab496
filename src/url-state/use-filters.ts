import { useQueryClient } from '@tanstack/react-query';
import { useCallback, useMemo } from 'react';
import { useLocation, useNavigate } from 'react-router';
import { cachedApiNoon } from '../api/cached-api-today';
import { filterRangeDays, parseFilters, type DashboardFilters, type FilterIssue } from './filter-schema';
import { applyFilterPatch, filtersToSearchParams, toSearchString, type FilterPatch } from './filter-url';

export interface SetFiltersOptions {
  /** Replace the current history entry instead of adding one (default: add, so Back undoes the change). */
  replace?: boolean;
}

export interface UseFilters {
  filters: DashboardFilters;
  /** Changes some filters; the rest, and every other search parameter, stay. */
  setFilters: (patch: FilterPatch, options?: SetFiltersOptions) => void;
  /** URL values that were ignored, with the reason. */
  issues: FilterIssue[];
  /** Days the time range covers (e.g. to pick a granularity or a bucket size). */
  rangeDays: number | undefined;
}

/** The dashboard's shared filters, read from and written to the URL. */
export function useFilters(): UseFilters {
  const location = useLocation();
  const navigate = useNavigate();
  const { search, pathname, hash } = location;
  const client = useQueryClient();
  // Calendar arithmetic on the API's day (from its cached answers), the browser's only before the first answer.
  const { filters, issues, rangeDays } = useMemo(() => {
    const now = cachedApiNoon(client);
    const parsed = parseFilters(new URLSearchParams(search), now);
    return { ...parsed, rangeDays: filterRangeDays(parsed.filters, now) };
  }, [search, client]);

  const setFilters = useCallback(
    (patch: FilterPatch, options: SetFiltersOptions = {}) => {
      const next = toSearchString(filtersToSearchParams(applyFilterPatch(filters, patch, cachedApiNoon(client)), search));
      if (next === search) return;
      void navigate({ pathname, search: next, hash }, { replace: options.replace });
    },
    [filters, search, pathname, hash, navigate, client],
  );

  return { filters, setFilters, issues, rangeDays };
}
