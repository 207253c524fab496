import type { ReactNode } from 'react';
import type { Currency, GroupBy } from '../../../contract/billing';
import { CloseIcon } from '../../../components/icons';
import { formatMoney, formatPercent } from '../../../lib/format';
import { GROUP_BY_LABELS } from '../../../lib/labels';
import { formatExactQuantity } from '../usage-format';
import type { SelectionDetail } from '../usage-transforms';

/**
 * What the view is narrowed to: one removable chip per selection with its
 * figures from the API, and a short note on what the narrowing covers.
 */
export function SelectionBar({
  details,
  currency,
  shareOf,
  onRemove,
  onClearAll,
  note,
}: {
  details: readonly SelectionDetail[];
  currency: Currency;
  /** What shares are of: "total cost", "GPU clusters cost". */
  shareOf: string;
  onRemove: (dimension: GroupBy) => void;
  onClearAll: () => void;
  note?: ReactNode;
}) {
  if (details.length === 0) return null;
  return (
    <section
      aria-label="Drill-down"
      className="rounded-card border border-accent/30 bg-accent-soft px-4 py-3 text-[13px]"
    >
      <ul className="flex flex-col gap-2">
        {details.map((d) => (
          <li key={d.dimension} className="flex flex-wrap items-center gap-x-3 gap-y-1">
            <span className="inline-flex h-7 max-w-full items-center gap-1 rounded-full border border-accent/40 bg-surface pr-1 pl-2.5 text-xs shadow-card">
              <span className="text-muted">{GROUP_BY_LABELS[d.dimension]}:</span>
              <span className="truncate font-semibold text-foreground">{d.name}</span>
              <button
                type="button"
                onClick={() => onRemove(d.dimension)}
                aria-label={`Remove ${GROUP_BY_LABELS[d.dimension].toLowerCase()} ${d.name}`}
                className="ml-0.5 inline-flex size-5 items-center justify-center rounded-full text-muted hover:bg-surface-muted hover:text-foreground"
              >
                <CloseIcon size={12} />
              </button>
            </span>
            {d.found ? (
              <span className="flex flex-wrap gap-x-3 text-xs text-foreground tabular-nums" data-testid="selection-figures">
                <span className="font-semibold">{formatMoney(d.cost ?? 0, currency)}</span>
                <span>
                  {formatPercent(d.share ?? 0)} of {shareOf}
                </span>
                {d.quantity !== undefined && d.unit && <span>{formatExactQuantity(d.quantity, d.unit)}</span>}
              </span>
            ) : (
              <span className="text-xs text-muted">No figures for it in this period.</span>
            )}
          </li>
        ))}
      </ul>
      {(note || details.length > 1) && (
        <div className="mt-2 flex flex-wrap items-start justify-between gap-2">
          {note && <p className="max-w-3xl text-xs text-muted">{note}</p>}
          {details.length > 1 && (
            <button type="button" onClick={onClearAll} className="text-xs font-medium text-accent hover:underline">
              Clear all
            </button>
          )}
        </div>
      )}
    </section>
  );
}
