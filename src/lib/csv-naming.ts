/**
 * What an exported CSV's file name says besides its content: the period it
 * covers (the API's dates, never the browser's) and the currency of its
 * amounts. Pages provide it; every "Export CSV" button reads it.
 */
import { createContext } from 'react';

export interface CsvNaming {
  /** `2024-01-01-to-2024-01-31`, or a month `2024-01`. */
  period?: string;
  currency?: string;
}

export const CsvNamingContext = createContext<CsvNaming>({});

/** A period's name for file names: its first and last day. */
export function periodName(p: { startDate: string; endDate: string } | undefined): string | undefined {
  if (!p) return undefined;
  return p.startDate === p.endDate ? p.startDate : `${p.startDate}-to-${p.endDate}`;
}
