/**
 * Activity: every write made through the dashboard (who, when, from where,
 * what, the value before and after), newest first, for administrators. The
 * filters live in the URL, each entry has its own address, and the matching
 * entries download as CSV.
 */
import { useLocation, useNavigate } from 'react-router';
import { BUTTON_CLASS } from '../../components/field';
import { DownloadIcon } from '../../components/icons';
import { PageHeader } from '../../components/page-header';
import { Panel } from '../../components/panel';
import { EmptyState } from '../../components/states/empty-state';
import { ErrorPanel } from '../../components/states/error-panel';
import { Notice } from '../../components/states/notice';
import { Skeleton } from '../../components/states/skeleton';
import { useSession } from '../../app/session';
import type { FilterRouteHandle } from '../../url-state/filter-bar-config';
import { activitySearch, csvHref, PAGE_SIZE, parseActivityFilters, type ActivityFilters } from './activity-filters';
import { useAuditPage } from './api/get-audit';
import { ActivityFilterForm } from './components/activity-filter-form';
import { ActivityTable, EntryDetails } from './components/activity-table';

/** The audit log is not billing data: the shared filters do not apply. */
export const handle: FilterRouteHandle = { filterBar: false };

export default function ActivityPage() {
  const session = useSession();
  const { search } = useLocation();
  const navigate = useNavigate();
  const { filters, issues } = parseActivityFilters(search);
  const admin = session.role === 'admin';
  const page = useAuditPage(filters, admin);
  const go = (f: ActivityFilters) => void navigate({ pathname: '/activity', search: activitySearch(f) });

  if (!admin)
    return (
      <>
        <PageHeader title="Activity" />
        <Notice>Only administrators can read the activity log. Your role is {session.role}.</Notice>
      </>
    );

  const entryMissing = filters.entry && page.data && page.data.entries.length === 0;
  const offset = filters.offset ?? 0;
  const total = page.data?.total ?? 0;

  return (
    <>
      <PageHeader
        title="Activity"
        description="Every change made through this dashboard, newest first: who, when, from which address, and the value before and after."
        actions={
          <a href={csvHref(filters)} download className={BUTTON_CLASS}>
            <DownloadIcon size={14} /> Download CSV
          </a>
        }
      />
      <div className="flex flex-col gap-3">
        {issues.map((i) => (
          <Notice key={i}>{i}.</Notice>
        ))}
        {entryMissing && (
          <Notice action={<button type="button" className={BUTTON_CLASS} onClick={() => go({ ...filters, entry: undefined })}>Show all</button>}>
            No entry with the id “{filters.entry}” matches: it may be from another dashboard or the filters exclude it.
          </Notice>
        )}
        <ActivityFilterForm key={search} value={filters} onApply={go} />
        {page.isPending ? (
          <div aria-hidden="true" className="flex flex-col gap-2">
            {[0, 1, 2, 3].map((i) => (
              <Skeleton key={i} className="h-10 w-full" />
            ))}
          </div>
        ) : page.isError ? (
          <ErrorPanel error={page.error} title="Could not load the activity log" onRetry={() => void page.refetch()} retrying={page.isFetching} />
        ) : filters.entry && page.data.entries[0] ? (
          <Panel
            title="Change details"
            actions={
              <button type="button" className={BUTTON_CLASS} onClick={() => go({ ...filters, entry: undefined })}>
                Back to the list
              </button>
            }
          >
            <EntryDetails entry={page.data.entries[0]} />
          </Panel>
        ) : page.data.entries.length === 0 ? (
          <EmptyState title="No activity" description="Nothing matches these filters yet. Budget changes appear here as they are made." />
        ) : (
          <>
            <p className="text-xs text-muted" aria-live="polite">
              {total === 1 ? '1 entry' : `Entries ${offset + 1}–${offset + page.data.entries.length} of ${total}`}
            </p>
            <ActivityTable entries={page.data.entries} filters={filters} />
            {(offset > 0 || offset + PAGE_SIZE < total) && (
              <nav aria-label="Pages of activity" className="flex gap-2">
                <button type="button" className={BUTTON_CLASS} disabled={offset === 0} onClick={() => go({ ...filters, offset: Math.max(0, offset - PAGE_SIZE) })}>
                  Newer
                </button>
                <button type="button" className={BUTTON_CLASS} disabled={offset + PAGE_SIZE >= total} onClick={() => go({ ...filters, offset: offset + PAGE_SIZE })}>
                  Older
                </button>
              </nav>
            )}
          </>
        )}
      </div>
    </>
  );
}
