import { lazy, Suspense } from 'react';
import { useMatches } from 'react-router';
import { FilterIssuesNotice } from '../../url-state/components/filter-issues-notice';
import { filterBarConfigFromMatches, visibleIssues } from '../../url-state/filter-bar-config';
import { useUrlState } from '../../url-state/use-url-state';
import { UpdatedAgo } from './updated-ago';

// The filter bar's controls load beside the page's own chunk, not in the entry every page waits
// for; a placeholder of the bar's height keeps the page from moving meanwhile.
const FilterBar = lazy(() => import('../../url-state/components/filter-bar').then((m) => ({ default: m.FilterBar })));

// Shown once the API's clock has answered, so its code loads off the first page's bundle.
const DataThrough = lazy(() => import('./data-through').then((m) => ({ default: m.DataThrough })));

/** The filter bar across the top of the content, configured by the page's route handle. */
export function FilterHeader() {
  const config = filterBarConfigFromMatches(useMatches());
  if (config === false) return null;
  return (
    <section aria-label="Filters" className="border-b border-border bg-surface">
      <div className="mx-auto w-full max-w-[1440px] px-4 py-2.5 md:px-8">
        <Suspense fallback={<div className="h-9" aria-busy="true" aria-label="Loading filters" />}>
          <FilterBar hide={config.hide} aside={
              <span className="flex flex-col items-start leading-tight sm:items-end">
                {/* busy while its code loads: it asks for the API's clock once it mounts */}
                <Suspense fallback={<span aria-busy="true" />}>
                  <DataThrough />
                </Suspense>
                <UpdatedAgo />
              </span>
            } />
        </Suspense>
      </div>
    </section>
  );
}

/** The notice of URL values the page ignored (for the controls it shows). */
export function FilterIssuesBanner() {
  const config = filterBarConfigFromMatches(useMatches());
  const { filterIssues, cleanUp } = useUrlState();
  const shown = visibleIssues(filterIssues, config);
  if (shown.length === 0) return null;
  return (
    <div className="mb-4">
      <FilterIssuesNotice issues={shown} onClear={() => cleanUp()} />
    </div>
  );
}
