import { useLastUpdated } from '../../api/use-last-updated';
import { formatAgo, formatTime } from '../../lib/format';
import { useNow } from './use-now';

/** "Updated 3 min ago" for the data on screen, or "Updating…" while it loads. */
export function UpdatedAgo() {
  const { updatedAt, fetching } = useLastUpdated();
  const now = useNow();
  if (updatedAt === undefined) {
    return fetching ? <span className="text-xs text-muted">Updating…</span> : null;
  }
  return (
    <span className="text-xs whitespace-nowrap text-muted tabular-nums" data-testid="updated-ago">
      {fetching ? (
        'Updating…'
      ) : (
        <>
          Updated{' '}
          <time dateTime={new Date(updatedAt).toISOString()} title={`Loaded at ${formatTime(updatedAt)}`}>
            {formatAgo(updatedAt, Math.max(now, updatedAt))}
          </time>
        </>
      )}
    </span>
  );
}
