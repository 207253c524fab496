import type { ResourceTypeId } from '../../../contract/billing';
import { resourceSeries } from '../../../lib/colors';

export interface LegendItem {
  type: ResourceTypeId;
  /** The series' total for the period, formatted. */
  value: string;
}

/**
 * The chart's legend as toggle buttons: pressed = the series is drawn.
 * The swatch is filled when shown and hollow when hidden, so the state does
 * not rest on colour or on aria-pressed alone.
 */
export function SeriesLegend({
  items,
  hidden,
  onToggle,
}: {
  items: readonly LegendItem[];
  hidden: ReadonlySet<ResourceTypeId>;
  onToggle: (type: ResourceTypeId) => void;
}) {
  return (
    <div role="group" aria-label="Series shown in the chart" className="flex flex-wrap gap-1.5">
      {items.map(({ type, value }) => {
        const { label, color } = resourceSeries(type);
        const shown = !hidden.has(type);
        return (
          <button
            key={type}
            type="button"
            aria-pressed={shown}
            title={shown ? `Hide ${label}` : `Show ${label}`}
            onClick={() => onToggle(type)}
            className="inline-flex h-7 max-w-full items-center gap-1.5 rounded-md border border-border px-2 text-xs text-foreground hover:bg-surface-muted aria-[pressed=false]:text-muted"
          >
            <span
              aria-hidden="true"
              className="size-2.5 shrink-0 rounded-sm border-2"
              style={{ borderColor: color, background: shown ? color : 'transparent' }}
            />
            <span className={`truncate ${shown ? '' : 'line-through decoration-1'}`}>{label}</span>
            <span className="shrink-0 font-medium tabular-nums">{value}</span>
          </button>
        );
      })}
    </div>
  );
}
