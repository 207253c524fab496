import {
  createSortedRowModel,
  rowSortingFeature,
  sortFn_alphanumeric,
  sortFn_basic,
  tableFeatures,
  useTable,
  type ColumnDef,
  type RowData,
  type SortingState,
} from '@tanstack/react-table';
import { observeElementRect, useVirtualizer, type Virtualizer } from '@tanstack/react-virtual';
import { useCallback, useId, useMemo, useRef, useState, type CSSProperties, type ReactNode } from 'react';
import type { CsvColumn, CsvValue } from '../lib/csv';
import { ExportCsvButton } from './export-csv-button';
import { SortIcon } from './icons';

/** A column: one `value` for sorting and CSV, an optional `cell` for display. */
export interface DataColumn<T extends RowData> extends CsvColumn<T> {
  id: string;
  header: string;
  /** Raw value: numbers for amounts and quantities (sorted numerically, exported unformatted). */
  value: (row: T) => CsvValue;
  /** What the cell shows (formatted money, a link…); `value` as text when left out. */
  cell?: (row: T) => ReactNode;
  /** Right-aligned with tabular figures; sorts largest first. */
  numeric?: boolean;
  /** Default true. */
  sortable?: boolean;
  /** Leave out of the CSV (e.g. a column of actions). */
  csv?: false;
}

export interface DataTableProps<T extends RowData> {
  columns: readonly DataColumn<T>[];
  rows: readonly T[];
  /** What the table lists; read by screen readers, visible unless `hideCaption`. */
  caption: string;
  hideCaption?: boolean;
  getRowId?: (row: T, index: number) => string;
  /** Makes rows clickable and focusable (Enter/Space) for drill-down. */
  onRowClick?: (row: T) => void;
  initialSort?: { id: string; desc?: boolean };
  /** Scroll height (CSS length); the header stays in view. */
  maxHeight?: CSSProperties['maxHeight'];
  /** Shows an "Export CSV" button above the table, saving as `tensorone-<exportFileName>-<period>-<currency>.csv` (csvFileName). */
  exportFileName?: string;
  /** Shown in place of the rows when there are none. */
  empty?: ReactNode;
  /**
   * Dense, for a chart's table view in a card: smaller text and padding, headers
   * that wrap between words, and the first column kept in view (sticky) while
   * the rest scrolls sideways.
   */
  compact?: boolean;
  className?: string;
}

/**
 * From this many rows a table draws only the rows in view and a few around them
 * (TanStack Virtual), in a box that scrolls under its sticky header: sorting
 * and scrolling 500 users or 2,208 hours stays smooth. Screen readers get the
 * full count from aria-rowcount and each row's place from aria-rowindex.
 */
export const VIRTUAL_FROM = 250;

/**
 * The scroll box's size for the virtualiser, from its ResizeObserver, which
 * reports after layout: the library's default also measures it at once, in
 * React's commit, which forced a layout of the page. Without ResizeObserver
 * (jsdom), the default.
 */
function observeAfterLayout(instance: Virtualizer<HTMLDivElement, Element>, cb: (rect: { width: number; height: number }) => void) {
  const element = instance.scrollElement;
  if (!element || typeof ResizeObserver === 'undefined') return observeElementRect(instance, cb);
  const observer = new ResizeObserver(() => {
    const rect = element.getBoundingClientRect();
    cb({ width: Math.round(rect.width), height: Math.round(rect.height) });
  });
  observer.observe(element, { box: 'content-box' });
  return () => observer.disconnect();
}
/** Scroll height of a virtualised table given none. */
const VIRTUAL_MAX_HEIGHT = '36rem';
/** A row's usual height, until it is measured. */
const ROW_PX = 37;

const features = tableFeatures({
  rowSortingFeature,
  sortedRowModel: createSortedRowModel(),
  sortFns: { basic: sortFn_basic, alphanumeric: sortFn_alphanumeric },
});

/** Rows for CSV: only the columns meant for it. */
export function csvColumns<T extends RowData>(columns: readonly DataColumn<T>[]): DataColumn<T>[] {
  return columns.filter((c) => c.csv !== false);
}

function ariaSort(direction: false | 'asc' | 'desc'): 'ascending' | 'descending' | undefined {
  if (direction === 'asc') return 'ascending';
  if (direction === 'desc') return 'descending';
  return undefined;
}

/**
 * A sortable table (click a header; aria-sort on the sorted one), numeric
 * columns right-aligned in tabular figures, the first column as row headers,
 * a sticky header, optional clickable rows and CSV export of the rows in
 * their current order.
 */
/**
 * Whether a scroll box has columns out of view to the right, kept up to date
 * as it scrolls and resizes. Use the callback as the box's `ref`.
 */
function useMoreToTheRight(): [(node: HTMLDivElement | null) => (() => void) | undefined, boolean] {
  const [more, setMore] = useState(false);
  const ref = useCallback((node: HTMLDivElement | null) => {
    if (!node) return undefined;
    const measure = () => setMore(node.scrollWidth - node.clientWidth - node.scrollLeft > 1);
    node.addEventListener('scroll', measure, { passive: true });
    // The observer's first call comes after the next layout; measured here, in React's commit, it forced one.
    const observer = typeof ResizeObserver === 'undefined' ? undefined : new ResizeObserver(measure);
    if (!observer) measure();
    observer?.observe(node);
    if (node.firstElementChild) observer?.observe(node.firstElementChild);
    return () => {
      node.removeEventListener('scroll', measure);
      observer?.disconnect();
    };
  }, []);
  return [ref, more];
}

export function DataTable<T extends RowData>({
  columns,
  rows,
  caption,
  hideCaption = false,
  getRowId,
  onRowClick,
  initialSort,
  maxHeight,
  exportFileName,
  empty,
  compact = false,
  className = '',
}: DataTableProps<T>) {
  const captionId = useId();
  const [scrollBox, moreToTheRight] = useMoreToTheRight();
  const defs = useMemo(
    () =>
      columns.map(
        (c): ColumnDef<typeof features, T> => ({
          id: c.id,
          header: c.header,
          accessorFn: (row: T) => c.value(row) ?? undefined,
          enableSorting: c.sortable !== false,
          sortFn: c.numeric ? 'basic' : 'alphanumeric',
          sortDescFirst: c.numeric === true,
          sortUndefined: 'last',
        }),
      ),
    [columns],
  );
  const byId = useMemo(() => new Map(columns.map((c) => [c.id, c])), [columns]);
  const initialSorting: SortingState = initialSort ? [{ id: initialSort.id, desc: initialSort.desc ?? false }] : [];

  const table = useTable({
    features,
    columns: defs,
    data: rows as T[],
    getRowId,
    enableSortingRemoval: false,
    initialState: { sorting: initialSorting },
  });

  const sortedRows = () => table.getRowModel().rows.map((r) => r.original);
  const tableRows = table.getRowModel().rows;

  const scrollRef = useRef<HTMLDivElement>(null);
  // One box, two observers: the virtualizer scrolls it, the overflow cue watches its width.
  const setScrollBox = useCallback(
    (node: HTMLDivElement | null) => {
      scrollRef.current = node;
      return scrollBox(node);
    },
    [scrollBox],
  );
  const virtual = tableRows.length >= VIRTUAL_FROM;
  // eslint-disable-next-line react-hooks/incompatible-library -- the build has no React Compiler; the virtualizer re-renders the table as it scrolls
  const virtualizer = useVirtualizer({
    count: virtual ? tableRows.length : 0,
    // a table drawn whole has nothing to observe
    getScrollElement: () => (virtual ? scrollRef.current : null),
    observeElementRect: observeAfterLayout,
    initialRect: { width: 0, height: typeof maxHeight === 'number' ? maxHeight : 576 },
    estimateSize: () => ROW_PX,
    overscan: 12,
  });
  const items = virtual ? virtualizer.getVirtualItems() : null;
  const shown = items ? items.map((i) => ({ row: tableRows[i.index]!, index: i.index })) : tableRows.map((row, index) => ({ row, index }));
  const padTop = items?.[0]?.start ?? 0;
  const padBottom = items ? virtualizer.getTotalSize() - (items.at(-1)?.end ?? 0) : 0;

  return (
    <div className={`flex min-w-0 flex-col gap-2 ${className}`}>
      {exportFileName && (
        <div className="flex justify-end">
          <ExportCsvButton
            columns={csvColumns(columns)}
            rows={sortedRows}
            fileName={exportFileName}
            disabled={rows.length === 0}
          />
        </div>
      )}
      {moreToTheRight && (
        <p className="-mb-1 text-right text-2xs text-muted" data-testid="more-columns">
          More columns to the right: scroll sideways →
        </p>
      )}
      <div className="relative min-w-0">
      <div
        role="region"
        aria-labelledby={captionId}
        tabIndex={0}
        ref={setScrollBox}
        className="overflow-auto rounded-md border border-border"
        style={{ maxHeight: maxHeight ?? (virtual ? VIRTUAL_MAX_HEIGHT : undefined) }}
      >
        <table className={`w-full border-collapse ${compact ? 'text-xs' : 'text-[13px]'}`} aria-rowcount={virtual ? tableRows.length + 1 : undefined}>
          <caption
            id={captionId}
            className={hideCaption ? 'sr-only' : 'px-3 py-2 text-left text-xs font-medium text-muted'}
          >
            {caption}
          </caption>
          <thead>
            {table.getHeaderGroups().map((group) => (
              <tr key={group.id}>
                {group.headers.map((header) => {
                  const col = byId.get(header.column.id);
                  const sorted = header.column.getIsSorted();
                  const numeric = col?.numeric === true;
                  const first = header.index === 0;
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      aria-sort={ariaSort(sorted)}
                      className={`sticky top-0 border-b border-border bg-surface-muted font-medium text-muted ${
                        compact ? `text-2xs px-1.5 py-1.5 align-bottom ${first ? 'left-0 z-20 pl-2' : 'z-10'}` : 'z-10 px-3 py-2 text-xs whitespace-nowrap'
                      } ${numeric ? 'text-right' : 'text-left'}`}
                    >
                      {header.column.getCanSort() ? (
                        <button
                          type="button"
                          onClick={header.column.getToggleSortingHandler()}
                          className={`inline-flex items-center rounded hover:text-foreground ${compact ? 'gap-0.5 text-balance' : 'gap-1'} ${
                            numeric ? 'flex-row-reverse text-right' : 'text-left'
                          } ${sorted ? 'text-foreground' : ''}`}
                        >
                          {col?.header}
                          <SortIcon size={compact ? 10 : 12} sort={sorted} className={`shrink-0 ${sorted ? '' : 'opacity-50'}`} />
                        </button>
                      ) : (
                        col?.header
                      )}
                    </th>
                  );
                })}
              </tr>
            ))}
          </thead>
          <tbody>
            {tableRows.length === 0 ? (
              <tr>
                <td colSpan={columns.length} className="px-3 py-8 text-center text-muted">
                  {empty ?? 'No rows for these filters.'}
                </td>
              </tr>
            ) : (
              <>
              {padTop > 0 && (
                <tr aria-hidden="true" style={{ height: padTop }}>
                  <td colSpan={columns.length} />
                </tr>
              )}
              {shown.map(({ row, index }) => (
                <tr
                  key={row.id}
                  ref={virtual ? virtualizer.measureElement : undefined}
                  data-index={index}
                  aria-rowindex={virtual ? index + 2 : undefined}
                  tabIndex={onRowClick ? 0 : undefined}
                  onClick={onRowClick ? () => onRowClick(row.original) : undefined}
                  onKeyDown={
                    onRowClick
                      ? (event) => {
                          if (event.key !== 'Enter' && event.key !== ' ') return;
                          event.preventDefault();
                          onRowClick(row.original);
                        }
                      : undefined
                  }
                  className={`border-b border-border last:border-b-0 ${
                    onRowClick ? 'cursor-pointer hover:bg-surface-muted focus-visible:bg-accent-soft' : ''
                  }`}
                >
                  {columns.map((c, i) => {
                    const value = c.value(row.original);
                    const content = c.cell ? c.cell(row.original) : (value ?? '—');
                    const cls = `${compact ? `py-1.5 ${i === 0 ? 'pr-1.5 pl-2' : 'px-1.5'}` : 'px-3 py-2'} ${c.numeric ? 'text-right tabular-nums whitespace-nowrap' : 'text-left'}`;
                    return i === 0 ? (
                      <th key={c.id} scope="row" className={`${cls} font-medium text-foreground ${compact ? 'sticky left-0 z-[1] bg-surface' : ''}`}>
                        {content === true ? 'Yes' : content === false ? 'No' : content}
                      </th>
                    ) : (
                      <td key={c.id} className={`${cls} text-foreground`}>
                        {content === true ? 'Yes' : content === false ? 'No' : content}
                      </td>
                    );
                  })}
                </tr>
              ))}
              {padBottom > 0 && (
                <tr aria-hidden="true" style={{ height: padBottom }}>
                  <td colSpan={columns.length} />
                </tr>
              )}
              </>
            )}
          </tbody>
        </table>
      </div>
      {moreToTheRight && (
        <span aria-hidden="true" className="pointer-events-none absolute inset-y-px right-px w-10 rounded-r-md bg-gradient-to-l from-surface to-transparent" />
      )}
      </div>
    </div>
  );
}
