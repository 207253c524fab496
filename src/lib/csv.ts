/**
 * CSV for "Export CSV": one header row, then one row per record. Numbers stay
 * plain numbers (`1247.83`, no currency sign or grouping) so a spreadsheet can
 * sum them. Cells that a spreadsheet would run as a formula (starting with
 * `=`, `+`, `-`, `@`, tab or CR) are neutralised with a leading `'`; commas,
 * quotes and line breaks are quoted the RFC 4180 way.
 */
import Papa from 'papaparse';

/**
 * Cells that start a formula. papaparse's own pattern (`/^[=+\-@\t\r].*$/`)
 * misses a multi-line cell (`.` stops at a newline), so test the first
 * character only; the full-width forms are read as formulas by some spreadsheets.
 */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

export type CsvValue = string | number | boolean | null | undefined;

export interface CsvColumn<T> {
  header: string;
  /** The cell's raw value: a number for amounts and quantities, never a formatted string. */
  value: (row: T) => CsvValue;
  /** Rounds numbers to this many decimals (e.g. a currency's minor units). */
  decimals?: number;
}

function cell(value: CsvValue, decimals: number | undefined): string | number | boolean | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) return null;
    const rounded = decimals === undefined ? value : Number(value.toFixed(decimals));
    return Object.is(rounded, -0) ? 0 : rounded;
  }
  return value;
}

/** Rows as CSV text (CRLF line ends, no trailing newline). */
export function toCsv<T>(columns: readonly CsvColumn<T>[], rows: readonly T[]): string {
  return Papa.unparse(
    {
      fields: columns.map((c) => c.header),
      data: rows.map((row) => columns.map((c) => cell(c.value(row), c.decimals))),
    },
    { escapeFormulae: FORMULA_START, newline: '\r\n', header: true },
  );
}

/** `usage-by-region` + date → `tensorone-usage-by-region-2024-01-16.csv` (safe file name). */
export function csvFileName(base: string, date: Date = new Date()): string {
  const slug = base
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return `tensorone-${slug || 'export'}-${date.toISOString().slice(0, 10)}.csv`;
}
