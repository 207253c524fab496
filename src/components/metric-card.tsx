import type { ReactNode } from 'react';
import { Skeleton } from './states/skeleton';

export interface MetricCardProps {
  /** Visible title, also the group's accessible name. */
  title: string;
  /** Formatted value; left out while loading. */
  value?: string;
  /** The unrounded figure, kept on the element as `data-value` (and as a tooltip when `value` is rounded). */
  rawValue?: number;
  /** Full-precision text for the tooltip when `value` is abbreviated. */
  exactValue?: string;
  /** Unit shown after the value (`GPU h`, `GB`). */
  unit?: string;
  /** A CSS colour for the marker dot (resource colour). */
  marker?: string;
  /** Small print under the value. */
  footnote?: ReactNode;
  /** Right side of the title row. */
  aside?: ReactNode;
  children?: ReactNode;
  className?: string;
}

/**
 * One headline figure. Stable structure for tests and assistive tech:
 * `role="group"` named by the title, the figure in `data-testid="metric-value"`.
 */
export function MetricCard({
  title,
  value,
  rawValue,
  exactValue,
  unit,
  marker,
  footnote,
  aside,
  children,
  className = '',
}: MetricCardProps) {
  const loading = value === undefined;
  return (
    <div
      role="group"
      aria-label={title}
      className={`@container flex min-w-0 flex-col rounded-card border border-border bg-surface px-4 py-3.5 shadow-card ${className}`}
    >
      <div className="flex items-center justify-between gap-2">
        <p className="flex min-w-0 items-center gap-1.5 text-xs font-medium text-muted">
          {marker && <span aria-hidden="true" className="size-2 shrink-0 rounded-full" style={{ background: marker }} />}
          <span className="truncate">{title}</span>
        </p>
        {aside}
      </div>
      {loading ? (
        <>
          <Skeleton className="mt-2.5 h-7 w-28" />
          <Skeleton className="mt-2 h-3.5 w-20" />
        </>
      ) : (
        <>
          {/* The figure scales with the card (container query) and the unit wraps under it
              before the figure is ever cut off. */}
          <p className="mt-1.5 flex min-w-0 flex-wrap items-baseline gap-x-1 text-foreground">
            <span
              data-testid="metric-value"
              data-value={rawValue}
              title={exactValue && exactValue !== value ? `${exactValue}${unit ? ` ${unit}` : ''}` : undefined}
              className="max-w-full truncate text-xl leading-8 font-semibold tracking-tight tabular-nums @min-[10.5rem]:text-2xl"
            >
              {value}
            </span>
            {unit && <span className="shrink-0 text-xs font-medium text-muted">{unit}</span>}
          </p>
          {footnote && <div className="mt-0.5 text-xs text-muted tabular-nums">{footnote}</div>}
        </>
      )}
      {children}
    </div>
  );
}
