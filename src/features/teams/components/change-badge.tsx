import type { Currency } from '../../../contract/billing';
import { formatMoney, formatPercent } from '../../../lib/format';

/**
 * Change against the previous period: ▲ for more spend (red), ▼ for less
 * (green), in words for screen readers, and the previous figure as a tooltip.
 */
export function ChangeBadge({
  change,
  previous,
  currency,
}: {
  change: number | undefined;
  previous: number | undefined;
  currency: Currency;
}) {
  if (change === undefined) {
    const why = previous === undefined ? 'No figure for the previous period' : 'Nothing spent in the previous period';
    return (
      <span title={why} className="text-muted">
        <span aria-hidden="true">—</span>
        <span className="sr-only">{why}</span>
      </span>
    );
  }
  const rounded = Math.round(change * 10) / 10;
  const up = rounded > 0;
  const down = rounded < 0;
  const tone = up ? 'text-danger' : down ? 'text-success' : 'text-muted';
  return (
    <span
      data-change={change}
      title={previous === undefined ? undefined : `Previous period: ${formatMoney(previous, currency)}`}
      className={`inline-flex items-center gap-1 font-medium whitespace-nowrap tabular-nums ${tone}`}
    >
      <span aria-hidden="true" className="text-[0.7em]">
        {up ? '▲' : down ? '▼' : '●'}
      </span>
      <span className="sr-only">{up ? 'up ' : down ? 'down ' : 'unchanged '}</span>
      {formatPercent(Math.abs(change))}
    </span>
  );
}
