import { formatPercent } from '../../../lib/format';

/** A share (0–100) as text with a thin bar behind it, for table cells. */
export function ShareCell({ value, color = 'var(--accent)' }: { value: number; color?: string }) {
  return (
    <span className="inline-flex items-center justify-end gap-2">
      <span aria-hidden="true" className="hidden h-1 w-12 overflow-hidden rounded-full bg-surface-muted sm:block">
        <span className="block h-full rounded-full" style={{ width: `${Math.min(100, Math.max(0, value))}%`, background: color }} />
      </span>
      <span className="w-12 text-right">{formatPercent(value)}</span>
    </span>
  );
}

/** Marks the selected row of a table (with `SELECTED_ROW_CLASS` on the table) and says so to screen readers. */
export function SelectedMark({ selected }: { selected: boolean }) {
  if (!selected) return null;
  return (
    <span data-selected="" className="ml-1.5 rounded bg-accent px-1 py-px text-2xs font-semibold text-accent-foreground">
      Selected
    </span>
  );
}

/** Highlights a DataTable row holding a SelectedMark. */
export const SELECTED_ROW_CLASS =
  '[&_tr:has([data-selected])]:bg-accent-soft [&_tr:has([data-selected])]:shadow-[inset_3px_0_0_var(--accent)]';
