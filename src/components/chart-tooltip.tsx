import type { ReactNode } from 'react';

/**
 * The box of a chart tooltip, in the theme's surface colours. The title is
 * muted (a date, say); `strongTitle` draws it in the foreground colour, for
 * tooltips titled by what the figures belong to (a team, a resource type).
 */
export function ChartTooltipBox({ title, children, strongTitle = false }: { title: ReactNode; children: ReactNode; strongTitle?: boolean }) {
  return (
    <div
      className={`${strongTitle ? 'min-w-44' : 'min-w-40'} rounded-md border border-border-strong bg-surface px-3 py-2 text-xs text-foreground shadow-lg`}
    >
      <p className={`mb-1 font-medium ${strongTitle ? 'text-foreground' : 'text-muted'}`}>{title}</p>
      <dl className="flex flex-col gap-0.5">{children}</dl>
    </div>
  );
}

/** One labelled figure in a tooltip, with an optional colour marker; `strong` sets a total apart. */
export function ChartTooltipRow({ label, value, color, strong }: { label: string; value: ReactNode; color?: string; strong?: boolean }) {
  return (
    <div className={`flex items-center justify-between gap-4 ${strong ? 'mt-0.5 border-t border-border pt-0.5' : ''}`}>
      <dt className="flex items-center gap-1.5 text-muted">
        {color && <span aria-hidden="true" className="size-2 rounded-full" style={{ background: color }} />}
        {label}
      </dt>
      <dd className={`tabular-nums ${strong ? 'font-semibold' : 'font-medium'}`}>{value}</dd>
    </div>
  );
}
