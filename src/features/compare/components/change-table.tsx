import { Fragment, useId, useState, type ReactNode } from 'react';
import { Link, type To } from 'react-router';
import type { CurrencyId } from '../../../contract/billing';
import { minorMoney, signedMoney, signedPercent } from '../money';
import type { Contributor, Decomposition } from '../drivers';

/** A bar from the middle: increases to the right in the danger colour, decreases to the left in the success colour. */
function ChangeBar({ change, max }: { change: number; max: number }) {
  const width = max > 0 ? Math.max(change === 0 ? 0 : 1, (Math.abs(change) / max) * 100) : 0;
  return (
    <div aria-hidden="true" className="grid h-3 w-full min-w-20 grid-cols-2">
      <div className="flex justify-end border-r border-border-strong">
        {change < 0 && <div className="h-full rounded-l-sm bg-success" style={{ width: `${width}%` }} />}
      </div>
      <div className="flex">{change > 0 && <div className="h-full rounded-r-sm bg-danger" style={{ width: `${width}%` }} />}</div>
    </div>
  );
}

export interface ChangeTableProps {
  /** The table's caption (its accessible name), e.g. "Change by team". */
  caption: string;
  /** Column header of the names. */
  nameHeader: string;
  decomposition: Decomposition;
  currency: CurrencyId;
  labels: { current: string; previous: string };
  /** Link to the slice a row stands for (none for the remainder or a slice without a page). */
  href?: (row: Contributor) => To | undefined;
  /** A row's display name (e.g. a resource type's label). */
  name?: (row: Contributor) => string;
  /** Drill-down: the open row and what it shows. */
  expanded?: string;
  onToggle?: (row: Contributor) => void;
  /** Whether a row opens (default: every row but the remainder). */
  canExpand?: (row: Contributor) => boolean;
  renderExpanded?: (row: Contributor) => ReactNode;
  /** Rows shown before "Show all" (the rest summed in one line meanwhile). */
  limit?: number;
  /** What the rows are, for "12 more resources". */
  noun?: string;
  /** Name of the total line (default "Total"). */
  totalLabel?: string;
  testId?: string;
}

const th = 'px-2 py-1.5 text-left text-2xs font-medium tracking-wide text-muted uppercase';
const td = 'px-2 py-1.5 align-middle';

/**
 * The change per member of a split, ranked by its size, each row a link to
 * that slice, with ranked bars; the total line adds up the rows. An HTML
 * table, so it is its own accessible alternative to the bars.
 */
export function ChangeTable({
  caption,
  nameHeader,
  decomposition,
  currency,
  labels,
  href,
  name = (r) => r.label,
  expanded,
  onToggle,
  canExpand = () => true,
  renderExpanded,
  totalLabel = 'Total',
  limit,
  noun = 'rows',
  testId,
}: ChangeTableProps) {
  const id = useId();
  const [all, setAll] = useState(false);
  const rows = decomposition.contributors;
  const shown = !all && limit !== undefined && rows.length > limit + 1 ? rows.slice(0, limit) : rows;
  const hidden = rows.slice(shown.length);
  const hiddenSum = (k: 'previous' | 'current' | 'change') => hidden.reduce((a, r) => a + r[k], 0);
  const max = Math.max(0, ...decomposition.contributors.map((c) => Math.abs(c.change)));
  const cols = onToggle ? 7 : 6;
  return (
    <div className="relative -mx-2 overflow-x-auto">
      <table className="w-full min-w-[40rem] border-collapse text-xs" data-testid={testId}>
        <caption className="sr-only">{caption}</caption>
        <thead className="border-b border-border">
          <tr>
            {onToggle && (
              <th className={`${th} w-8`}>
                <span className="sr-only">Details</span>
              </th>
            )}
            <th scope="col" className={th}>
              {nameHeader}
            </th>
            <th scope="col" className={`${th} text-right`}>
              {labels.previous}
            </th>
            <th scope="col" className={`${th} text-right`}>
              {labels.current}
            </th>
            <th scope="col" className={`${th} text-right`}>
              Change
            </th>
            <th scope="col" className={`${th} text-right`}>
              %
            </th>
            <th scope="col" className={`${th} w-1/5`}>
              <span className="sr-only">Change as a bar</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {shown.map((row) => {
            const to = row.remainder ? undefined : href?.(row);
            const open = expanded === row.key;
            const panelId = `${id}-${row.key}`;
            return (
              <Fragment key={row.key}>
                <tr className="border-b border-border/60" data-key={row.key} data-change={row.change}>
                  {onToggle && (
                    <td className={td}>
                      {!row.remainder && canExpand(row) && (
                        <button
                          type="button"
                          aria-expanded={open}
                          aria-controls={open ? panelId : undefined}
                          aria-label={`${open ? 'Hide' : 'Show'} what drove ${name(row)}`}
                          onClick={() => onToggle(row)}
                          className="rounded px-1 text-muted hover:bg-surface-muted hover:text-foreground"
                        >
                          <span aria-hidden="true">{open ? '▾' : '▸'}</span>
                        </button>
                      )}
                    </td>
                  )}
                  <th scope="row" className={`${td} text-left font-medium text-foreground`}>
                    {to ? (
                      <Link to={to} className="text-accent hover:underline">
                        {name(row)}
                      </Link>
                    ) : (
                      <span className={row.remainder ? 'text-muted italic' : ''}>{name(row)}</span>
                    )}
                  </th>
                  <td className={`${td} text-right tabular-nums`}>{minorMoney(row.previous, currency)}</td>
                  <td className={`${td} text-right tabular-nums`}>{minorMoney(row.current, currency)}</td>
                  <td className={`${td} text-right font-medium tabular-nums`} data-testid="change-amount">
                    {signedMoney(row.change, currency)}
                  </td>
                  <td className={`${td} text-right tabular-nums text-muted`}>{signedPercent(row.percent, row.current)}</td>
                  <td className={td}>
                    <ChangeBar change={row.change} max={max} />
                  </td>
                </tr>
                {open && renderExpanded && (
                  <tr id={panelId}>
                    <td colSpan={cols} className="bg-surface-muted/50 px-2 py-3">
                      {renderExpanded(row)}
                    </td>
                  </tr>
                )}
              </Fragment>
            );
          })}
          {hidden.length > 0 && (
            <tr className="border-b border-border/60 text-muted">
              {onToggle && <td className={td} />}
              <th scope="row" className={`${td} text-left font-normal`}>
                <button type="button" onClick={() => setAll(true)} className="rounded px-1 text-accent hover:bg-accent-soft">
                  Show {hidden.length} more {noun}
                </button>
              </th>
              <td className={`${td} text-right tabular-nums`}>{minorMoney(hiddenSum('previous'), currency)}</td>
              <td className={`${td} text-right tabular-nums`}>{minorMoney(hiddenSum('current'), currency)}</td>
              <td className={`${td} text-right tabular-nums`}>{signedMoney(hiddenSum('change'), currency)}</td>
              <td className={td} />
              <td className={td} />
            </tr>
          )}
        </tbody>
        <tfoot>
          <tr className="border-t border-border-strong font-semibold text-foreground" data-testid="change-total" data-change={decomposition.change}>
            {onToggle && <td className={td} />}
            <th scope="row" className={`${td} text-left`}>
              {totalLabel}
            </th>
            <td className={`${td} text-right tabular-nums`}>{minorMoney(decomposition.previousTotal, currency)}</td>
            <td className={`${td} text-right tabular-nums`}>{minorMoney(decomposition.currentTotal, currency)}</td>
            <td className={`${td} text-right tabular-nums`}>{signedMoney(decomposition.change, currency)}</td>
            <td className={`${td} text-right tabular-nums`}>{signedPercent(decomposition.percent, decomposition.currentTotal)}</td>
            <td className={td} />
          </tr>
        </tfoot>
      </table>
    </div>
  );
}
