import type { ReactNode } from 'react';
import { InfoIcon } from '../icons';

/** A polite, non-blocking notice (e.g. an invalid URL value that was replaced). */
export function Notice({ children, action }: { children: ReactNode; action?: ReactNode }) {
  return (
    <div
      role="status"
      className="flex items-start gap-2.5 rounded-card border border-warning/30 bg-warning-soft px-3.5 py-2.5 text-[13px] text-foreground"
    >
      <InfoIcon size={16} className="mt-0.5 shrink-0 text-warning" />
      <div className="min-w-0 flex-1">{children}</div>
      {action}
    </div>
  );
}
