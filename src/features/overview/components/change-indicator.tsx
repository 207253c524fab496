import type { Change } from '../period-comparison';
import { formatPercent } from '../../../lib/format';

/**
 * `▲ 12.4%` against the previous period. For cost, up reads as worse (danger
 * colour) and down as better; for usage the arrow stays neutral. The arrow,
 * the signed figure and the screen-reader text carry the meaning, never the
 * colour alone.
 */
export function ChangeIndicator({
  change,
  compared,
  shortCompared = compared,
  tone,
  detail,
}: {
  change: Change;
  /** What it is compared with, e.g. `1–16 Dec 2023`. */
  compared: string;
  /** Shorter form shown on screen (the full one is in the tooltip and for screen readers). */
  shortCompared?: string;
  /** `cost`: up is worse; `neutral`: no judgement. */
  tone: 'cost' | 'neutral';
  /** Extra explanation for the tooltip. */
  detail?: string;
}) {
  const { direction, percent } = change;
  const arrow = direction === 'up' ? '▲' : direction === 'down' ? '▼' : '■';
  const colour =
    tone === 'neutral' || direction === 'flat' ? 'text-foreground' : direction === 'up' ? 'text-danger' : 'text-success';
  const words = direction === 'up' ? 'Up' : direction === 'down' ? 'Down' : 'Unchanged,';
  const figure = formatPercent(Math.abs(percent));
  return (
    <span
      data-testid="change"
      data-direction={direction}
      data-percent={percent}
      title={`${words} ${figure} compared with ${compared}${detail ? `. ${detail}` : ''}`}
      className="inline-flex min-w-0 items-baseline gap-1 text-2xs tabular-nums"
    >
      <span aria-hidden="true" className={`shrink-0 font-semibold ${colour}`}>
        <span className="mr-0.5 text-[0.6rem]">{arrow}</span>
        {direction === 'flat' ? '0.0%' : figure}
      </span>
      <span aria-hidden="true" className="truncate text-muted">
        vs {shortCompared}
      </span>
      <span className="sr-only">
        {words} {figure} compared with {compared}
      </span>
    </span>
  );
}
