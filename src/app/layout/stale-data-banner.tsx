import { useSyncExternalStore } from 'react';
import { useQueryClient, type Query } from '@tanstack/react-query';
import { errorMessage } from '../../api/errors';
import { AlertIcon } from '../../components/icons';
import { formatTime } from '../../lib/format';

/** Queries on screen whose data is kept while their latest refresh failed. */
function staleQueries(queries: Query[]): Query[] {
  return queries.filter((q) => q.state.status === 'error' && q.state.data !== undefined && q.getObserversCount() > 0);
}

/**
 * When a refresh fails but earlier data is on screen, the data stays and this
 * banner says how old it is, why it was not refreshed, and offers a retry.
 */
export function StaleDataBanner() {
  const client = useQueryClient();
  const cache = client.getQueryCache();
  // A string snapshot keeps useSyncExternalStore stable between renders.
  const snapshot = useSyncExternalStore(
    (notify) => cache.subscribe(notify),
    () => {
      const stale = staleQueries(cache.getAll());
      if (stale.length === 0) return '';
      const oldest = Math.min(...stale.map((q) => q.state.dataUpdatedAt));
      return JSON.stringify({ oldest, message: errorMessage(stale[0]!.state.error), fetching: stale.some((q) => q.state.fetchStatus === 'fetching') });
    },
  );
  if (!snapshot) return null;
  const { oldest, message, fetching } = JSON.parse(snapshot) as { oldest: number; message: string; fetching: boolean };
  const retry = () => {
    for (const q of staleQueries(cache.getAll())) void client.refetchQueries({ queryKey: q.queryKey, exact: true });
  };
  return (
    <div
      role="alert"
      className="mb-4 flex flex-wrap items-start gap-2.5 rounded-card border border-warning/30 bg-warning-soft px-3.5 py-2.5 text-[13px] text-foreground"
    >
      <AlertIcon size={16} className="mt-0.5 shrink-0 text-warning" />
      <p className="min-w-0 flex-1">
        <strong className="font-semibold">Showing data from {formatTime(oldest)}.</strong> The latest refresh failed: {message}
      </p>
      <button
        type="button"
        onClick={retry}
        disabled={fetching}
        className="inline-flex h-7 items-center rounded-md border border-border-strong bg-surface px-2.5 text-[12px] font-medium hover:bg-surface-muted disabled:opacity-60"
      >
        {fetching ? 'Retrying…' : 'Retry'}
      </button>
    </div>
  );
}
