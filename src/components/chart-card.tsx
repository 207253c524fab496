import { useState, type ReactNode } from 'react';
import type { RowData } from '@tanstack/react-table';
import { csvColumns, DataTable, type DataColumn } from './data-table';
import { ExportCsvButton } from './export-csv-button';
import { Panel } from './panel';
import { BUTTON_CLASS } from './field';
import { CHART_FOCUS_CLASS, ChartCardTabStop, useOneTabStop } from './chart-frame';
import { TableIcon } from './icons';
import { EmptyState } from './states/empty-state';
import { Skeleton } from './states/skeleton';

export interface ChartTable<T extends RowData> {
  columns: readonly DataColumn<T>[];
  rows: readonly T[];
  /** Defaults to the card's title. */
  caption?: string;
  getRowId?: (row: T, index: number) => string;
  onRowClick?: (row: T) => void;
  initialSort?: { id: string; desc?: boolean };
}

export interface ChartCardProps<T extends RowData> {
  title: string;
  description?: ReactNode;
  /** Extra controls in the header, before "Show as table" and "Export CSV". */
  actions?: ReactNode;
  /** The chart's data as a table: the accessible alternative, and what "Export CSV" saves. */
  table: ChartTable<T>;
  /** The chart (give it a fixed height or use `height`). */
  children: ReactNode;
  /** Height of the chart area in px (default 280); the table scrolls within the same height. */
  height?: number;
  /** Shows a skeleton instead of the chart. */
  loading?: boolean;
  /** Shows this (or a default EmptyState when `true`) instead of the chart. */
  empty?: boolean | ReactNode;
  /** CSV file name part (default: the title). */
  exportFileName?: string;
  /** A legend or footnote under the chart. */
  footer?: ReactNode;
  className?: string;
}

/**
 * A card around one chart: title (the region's name), description, a "Show as
 * table" toggle (aria-pressed) that swaps the chart for its data table, and
 * "Export CSV" of that table. The chart is the card's one tab stop, named by
 * the title (see useOneTabStop in chart-frame.tsx; arrow keys move its tooltip).
 */
export function ChartCard<T extends RowData>({
  title,
  description,
  actions,
  table,
  children,
  height = 280,
  loading = false,
  empty = false,
  exportFileName,
  footer,
  className = '',
}: ChartCardProps<T>) {
  const [asTable, setAsTable] = useState(false);
  const noData = !loading && empty !== false && empty != null;
  const tabStop = useOneTabStop<HTMLDivElement>(title);

  let body: ReactNode;
  if (loading) body = <Skeleton className="h-full w-full" />;
  else if (asTable)
    body = (
      <DataTable
        columns={table.columns}
        rows={table.rows}
        caption={table.caption ?? title}
        hideCaption
        getRowId={table.getRowId}
        onRowClick={table.onRowClick}
        initialSort={table.initialSort}
        maxHeight={height}
        compact
      />
    );
  else if (noData) body = empty === true ? <EmptyState /> : empty;
  else body = <ChartCardTabStop.Provider value>{children}</ChartCardTabStop.Provider>;

  return (
    <Panel
      title={title}
      description={description}
      busy={loading}
      className={className}
      actions={
        <>
          {actions}
          <button
            type="button"
            aria-pressed={asTable}
            onClick={() => setAsTable((v) => !v)}
            className={`${BUTTON_CLASS} h-7 px-2 text-xs aria-pressed:border-accent aria-pressed:bg-accent-soft aria-pressed:text-accent`}
          >
            <TableIcon size={14} />
            Show as table
          </button>
          <ExportCsvButton
            columns={csvColumns(table.columns)}
            rows={() => table.rows}
            fileName={exportFileName ?? title}
            disabled={loading || table.rows.length === 0}
          />
        </>
      }
    >
      <div
        ref={asTable || loading || noData ? undefined : tabStop}
        data-chart={asTable || loading || noData ? undefined : title}
        className={`min-w-0 ${asTable ? '' : CHART_FOCUS_CLASS}`}
        style={asTable ? { minHeight: Math.min(height, 160) } : { height }}
      >
        {body}
      </div>
      {footer && !asTable && <div className="mt-3">{footer}</div>}
    </Panel>
  );
}
