import { useCallback, useMemo } from 'react';
import { useLocation, useNavigate } from 'react-router';
import type { FilterIssue } from './filter-schema';
import { toSearchString } from './filter-url';
import type { SetFiltersOptions } from './use-filters';
import { parseViewParams, viewParamsToSearchParams, type ViewSpec, type ViewValues } from './view-params';

export interface UseViewParams<S extends ViewSpec> {
  values: ViewValues<S>;
  setValues: (patch: Partial<ViewValues<S>>, options?: SetFiltersOptions) => void;
  issues: FilterIssue[];
}

/**
 * A page's own view options in the URL (see view-params.ts). Keep `spec` at
 * module scope so it is stable. Show `issues` with <FilterIssuesNotice>.
 */
export function useViewParams<S extends ViewSpec>(spec: S): UseViewParams<S> {
  const { search, pathname, hash } = useLocation();
  const navigate = useNavigate();
  const { values, issues } = useMemo(() => parseViewParams(new URLSearchParams(search), spec), [search, spec]);

  const setValues = useCallback(
    (patch: Partial<ViewValues<S>>, options: SetFiltersOptions = {}) => {
      const next = toSearchString(viewParamsToSearchParams(patch, spec, search));
      if (next === search) return;
      void navigate({ pathname, search: next, hash }, { replace: options.replace });
    },
    [spec, search, pathname, hash, navigate],
  );

  return { values, setValues, issues };
}
