import { RefreshIcon } from '../../../components/icons';

/** A quiet "Updating…" pill while new filters load and the previous figures stay on screen. */
export function UpdatingPill() {
  return (
    <span
      aria-hidden="true"
      className="inline-flex items-center gap-1.5 rounded-full border border-border bg-surface px-2.5 py-0.5 text-xs text-muted shadow-card"
    >
      <RefreshIcon size={12} className="animate-spin" />
      Updating…
    </span>
  );
}

/** Announces the update to screen readers; always present so the change is heard. */
export function UpdatingAnnouncer({ updating }: { updating: boolean }) {
  return (
    <span role="status" aria-live="polite" className="sr-only">
      {updating ? 'Updating the figures for the new filters…' : ''}
    </span>
  );
}
