import { useId, type ReactNode } from 'react';

/** A titled card: the frame of every section (ChartCard adds its table view and CSV export to it). */
export function Panel({
  title,
  description,
  actions,
  busy = false,
  children,
  className = '',
}: {
  title: string;
  description?: ReactNode;
  actions?: ReactNode;
  busy?: boolean;
  children: ReactNode;
  className?: string;
}) {
  const titleId = useId();
  return (
    <section
      aria-labelledby={titleId}
      aria-busy={busy}
      className={`flex min-w-0 flex-col rounded-card border border-border bg-surface p-4 shadow-card ${className}`}
    >
      <div className="mb-3 flex flex-wrap items-start justify-between gap-x-4 gap-y-2">
        <div className="min-w-0">
          <h2 id={titleId} className="text-sm font-semibold text-foreground">
            {title}
          </h2>
          {description && <div className="mt-0.5 text-xs text-muted">{description}</div>}
        </div>
        {actions && <div className="flex flex-wrap items-center gap-1.5">{actions}</div>}
      </div>
      {children}
    </section>
  );
}
