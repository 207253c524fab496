import type { Currency, Granularity, ResourceTypeId, UnitId } from '../../../contract/billing';
import { resourceSeries } from '../../../lib/colors';
import { formatBucketLong, formatMoney, formatQuantity, formatResourceQuantity } from '../../../lib/format';
import type { SeriesRow } from '../cost-series';

/**
 * Tooltip of the time-series charts: the bucket in full, then every type with
 * its quantity (in its unit) and cost, and the total. Figures are the
 * bucket's own, also when the chart is downsampled.
 */
export function SeriesTooltip({
  row,
  types,
  hidden,
  currency,
  granularity,
  totalUnit,
}: {
  row: SeriesRow | undefined;
  /** Every type, in legend order. */
  types: readonly ResourceTypeId[];
  hidden: ReadonlySet<ResourceTypeId>;
  currency: Currency;
  granularity: Granularity;
  /** In a usage panel: the unit its quantities add up in. */
  totalUnit?: UnitId;
}) {
  if (!row) return null;
  const totalQuantity = types.reduce((s, t) => s + (row.quantity[t] ?? 0), 0);
  const totalCost = types.reduce((s, t) => s + (row.cost[t] ?? 0), 0);
  return (
    <div className="min-w-56 rounded-md border border-border-strong bg-surface px-3 py-2 text-xs text-foreground shadow-lg">
      <p className="mb-1.5 flex items-center justify-between gap-3 font-medium">
        <span>{formatBucketLong(row.t, granularity)}</span>
        {row.provisional && (
          <span className="rounded bg-warning-soft px-1.5 py-px text-2xs font-medium text-warning">Provisional</span>
        )}
      </p>
      <table className="w-full border-collapse tabular-nums">
        <tbody>
          {types.map((type) => {
            const { label, color } = resourceSeries(type);
            const isHidden = hidden.has(type);
            return (
              <tr key={type} className={isHidden ? 'text-muted' : ''}>
                <th scope="row" className="py-0.5 pr-3 text-left font-normal">
                  <span className="flex items-center gap-1.5">
                    <span
                      className="size-2 shrink-0 rounded-sm border-2"
                      style={{ borderColor: color, background: isHidden ? 'transparent' : color }}
                    />
                    {label}
                    {isHidden && <span className="text-2xs">(hidden)</span>}
                  </span>
                </th>
                <td className="py-0.5 pr-3 text-right text-muted">{formatResourceQuantity(row.quantity[type] ?? 0, type)}</td>
                <td className="py-0.5 text-right font-medium">{formatMoney(row.cost[type] ?? 0, currency)}</td>
              </tr>
            );
          })}
          {types.length > 1 && (
            <tr className="border-t border-border">
              <th scope="row" className="pt-1 pr-3 text-left font-medium">
                Total
              </th>
              <td className="pt-1 pr-3 text-right text-muted">{totalUnit ? formatQuantity(totalQuantity, totalUnit) : ''}</td>
              <td className="pt-1 text-right font-semibold">{formatMoney(totalCost, currency)}</td>
            </tr>
          )}
        </tbody>
      </table>
    </div>
  );
}
