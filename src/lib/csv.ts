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
  /** The CSV's header when it must say more than a compact table's (e.g. the currency a caption names). */
  csvHeader?: string;
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
      fields: columns.map((c) => c.csvHeader ?? c.header),
      data: rows.map((row) => columns.map((c) => cell(c.value(row), c.decimals))),
    },
    { escapeFormulae: FORMULA_START, newline: '\r\n', header: true },
  );
}

/**
 * `usage-by-region` + its period and currency → `tensorone-usage-by-region-2024-01-01-to-2024-01-31-EUR.csv`
 * (a safe file name; no browser date: the period is the data's).
 */
export function csvFileName(base: string, naming: { period?: string; currency?: string } = {}): string {
  const slug = (x: string) =>
    x
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, '-')
      .replace(/^-+|-+$/g, '');
  const parts = [slug(base) || 'export', naming.period ? slug(naming.period) : '', naming.currency ? naming.currency.replace(/[^A-Za-z0-9]/g, '').toUpperCase() : ''];
  return `tensorone-${parts.filter(Boolean).join('-')}.csv`;
}
