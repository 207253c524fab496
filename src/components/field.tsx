import type { ReactNode } from 'react';

/** Shared look of compact form controls (selects, date inputs, select-like buttons). */
export const CONTROL_CLASS =
  'h-8 w-full min-w-0 rounded-md border border-border-strong bg-surface px-2.5 text-[13px] font-medium text-foreground shadow-card hover:border-subtle disabled:opacity-60';

/** Small secondary button (toolbar actions: Copy link, Show as table, Export CSV). */
export const BUTTON_CLASS =
  'inline-flex h-8 shrink-0 items-center justify-center gap-1.5 rounded-md border border-border-strong bg-surface px-2.5 text-[13px] font-medium text-foreground shadow-card hover:bg-surface-muted disabled:cursor-not-allowed disabled:opacity-60';

/** A compact label stacked over its control. Pass `htmlFor` for native controls, `labelId` for custom ones. */
export function Field({
  label,
  htmlFor,
  labelId,
  children,
  className = '',
}: {
  label: string;
  htmlFor?: string;
  labelId?: string;
  children: ReactNode;
  className?: string;
}) {
  const labelClass = 'block pb-1 text-2xs font-medium text-muted';
  return (
    <div className={`flex min-w-0 flex-col ${className}`}>
      {htmlFor ? (
        <label htmlFor={htmlFor} id={labelId} className={labelClass}>
          {label}
        </label>
      ) : (
        <span id={labelId} className={labelClass}>
          {label}
        </span>
      )}
      {children}
    </div>
  );
}
