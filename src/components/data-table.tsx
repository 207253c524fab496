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
import { useId, useMemo, type CSSProperties, type ReactNode } from 'react';
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
  className?: string;
}

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
  className = '',
}: DataTableProps<T>) {
  const captionId = useId();
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
      <div
        role="region"
        aria-labelledby={captionId}
        tabIndex={0}
        className="overflow-auto rounded-md border border-border"
        style={{ maxHeight }}
      >
        <table className="w-full border-collapse text-[13px]">
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
                  return (
                    <th
                      key={header.id}
                      scope="col"
                      aria-sort={ariaSort(sorted)}
                      className={`sticky top-0 z-10 border-b border-border bg-surface-muted px-3 py-2 text-xs font-medium whitespace-nowrap text-muted ${
                        numeric ? 'text-right' : 'text-left'
                      }`}
                    >
                      {header.column.getCanSort() ? (
                        <button
                          type="button"
                          onClick={header.column.getToggleSortingHandler()}
                          className={`inline-flex items-center gap-1 rounded hover:text-foreground ${
                            numeric ? 'flex-row-reverse' : ''
                          } ${sorted ? 'text-foreground' : ''}`}
                        >
                          {col?.header}
                          <SortIcon size={12} sort={sorted} className={sorted ? '' : 'opacity-50'} />
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
              tableRows.map((row) => (
                <tr
                  key={row.id}
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
                    const cls = `px-3 py-2 ${c.numeric ? 'text-right tabular-nums whitespace-nowrap' : 'text-left'}`;
                    return i === 0 ? (
                      <th key={c.id} scope="row" className={`${cls} font-medium text-foreground`}>
                        {content === true ? 'Yes' : content === false ? 'No' : content}
                      </th>
                    ) : (
                      <td key={c.id} className={`${cls} text-foreground`}>
                        {content === true ? 'Yes' : content === false ? 'No' : content}
                      </td>
                    );
                  })}
                </tr>
              ))
            )}
          </tbody>
        </table>
      </div>
    </div>
  );
}
