/** A grey placeholder block while content loads (decorative). */
export function Skeleton({ className = '' }: { className?: string }) {
  return <span aria-hidden="true" className={`block animate-pulse rounded bg-surface-muted ${className}`} />;
}
