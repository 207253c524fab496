import type { ReactNode } from 'react';
import { InboxIcon } from '../icons';

/** Nothing to show for the current filters: says so, and what to try. */
export function EmptyState({
  title = 'No data for these filters',
  description,
  action,
  className = '',
}: {
  title?: string;
  description?: ReactNode;
  action?: ReactNode;
  className?: string;
}) {
  return (
    <div
      role="status"
      className={`flex flex-col items-center justify-center gap-1 px-6 py-10 text-center ${className}`}
    >
      <InboxIcon size={22} className="mb-1 text-subtle" />
      <p className="text-sm font-medium text-foreground">{title}</p>
      {description && <div className="max-w-sm text-[13px] text-muted">{description}</div>}
      {action && <div className="mt-3">{action}</div>}
    </div>
  );
}
