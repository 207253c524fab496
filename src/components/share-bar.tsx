import { formatPercent } from '../lib/format';

export interface ShareSegment {
  key: string;
  label: string;
  /** 0–100 */
  percentage: number;
  color: string;
}

/**
 * A single stacked bar of shares with a compact legend. The bar is one image
 * with a text alternative; the legend repeats the figures as text.
 */
export function ShareBar({ label, segments }: { label: string; segments: readonly ShareSegment[] }) {
  const total = segments.reduce((sum, s) => sum + s.percentage, 0) || 1;
  const description = segments.map((s) => `${s.label} ${formatPercent(s.percentage)}`).join(', ');
  return (
    <div className="mt-3">
      <div
        role="img"
        aria-label={`${label}: ${description}`}
        className="flex h-1.5 w-full gap-px overflow-hidden rounded-full bg-surface-muted"
      >
        {segments.map((s) => (
          <span key={s.key} className="h-full" style={{ width: `${(s.percentage / total) * 100}%`, background: s.color }} />
        ))}
      </div>
      <ul aria-hidden="true" className="mt-2 flex flex-wrap gap-x-3 gap-y-1 text-2xs text-muted">
        {segments.map((s) => (
          <li key={s.key} className="flex items-center gap-1.5">
            <span className="size-1.5 rounded-full" style={{ background: s.color }} />
            <span>{s.label}</span>
            <span className="font-medium text-foreground tabular-nums">{formatPercent(s.percentage)}</span>
          </li>
        ))}
      </ul>
    </div>
  );
}
