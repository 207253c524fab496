/**
 * Every CSV the app writes names its currency or unit: each page is opened in
 * EUR and in JPY against the sandbox, every "Export CSV" is clicked, and each
 * file is checked:
 *   - its name is `tensorone-<what>-<period>-<currency>.csv` (the period as dates);
 *   - a money column (one whose figures change with the currency: JPY ÷ EUR is
 *     the exchange rate, far from 1) names the file's currency in its header;
 *   - any other numeric column names its unit (GPU hours, requests, GB, %, …),
 *     or is a count (members, rank, the day of a span); a quantity of several
 *     resource types ("Usage") has the unit of each row in a "Unit" column.
 * The exports declared in the source (`exportFileName=` / `fileName=`) are read
 * here too, so a new CSV that this walk does not reach fails the last test.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import Papa from 'papaparse';
import type { Page } from '@playwright/test';
import { usageResponseSchema, type UsageResponse } from '../src/contract/billing.ts';
import { api, expect, test } from './fixtures.ts';

const CURRENCIES = ['EUR', 'JPY'] as const;
type Cur = (typeof CURRENCIES)[number];

interface Csv {
  page: string;
  file: string;
  headers: string[];
  rows: string[][];
}

const collected: Record<Cur, Csv[]> = { EUR: [], JPY: [] };

/** What a column header must say for a figure that is not money: its unit, a share, a yes/no, or what it counts. */
const UNIT_OR_COUNT =
  /\b(GPU hours|GPU h|GPU-hours|requests|req|GB-hours|GB-h|GB|TB|hours)\b|%|\(1 = yes\)|\b(members|rank|GPUs)\b|^Day$/i;

const PERIOD = String.raw`\d{4}-\d{2}(-\d{2})?(-to-\d{4}-\d{2}(-\d{2})?)?`;
/** `tensorone-<what>-<period>[-vs-<period>]-<currency>.csv` */
const FILE_NAME = new RegExp(String.raw`^tensorone-[a-z0-9-]+?-${PERIOD}(-vs-${PERIOD})?-(EUR|JPY)\.csv$`);

async function usage(query: string): Promise<UsageResponse> {
  return usageResponseSchema.parse(await api(`/v2/billing/usage?${query}`));
}

/** Clicks each of the page's `count` "Export CSV" buttons, once all have loaded with data, and keeps what they saved. */
async function exportAll(page: Page, url: string, count: number, currency: Cur): Promise<void> {
  await page.goto(url);
  const buttons = page.getByRole('button', { name: 'Export CSV' });
  // Lazily loaded cards and their answers: every button there, with data to export.
  await expect(buttons).toHaveCount(count, { timeout: 60_000 });
  for (let i = 0; i < count; i++) await expect(buttons.nth(i)).toBeEnabled({ timeout: 60_000 });
  for (let i = 0; i < count; i++) {
    const [download] = await Promise.all([page.waitForEvent('download'), buttons.nth(i).click()]);
    const text = readFileSync((await download.path())!, 'utf8').replace(/^\ufeff/, '');
    const parsed = Papa.parse<string[]>(text, { skipEmptyLines: true });
    const [headers = [], ...rows] = parsed.data;
    collected[currency].push({ page: url, file: download.suggestedFilename(), headers, rows });
  }
}

const numeric = (v: string) => v !== '' && Number.isFinite(Number(v));

/** The file's base with its currency taken out, to pair the EUR and JPY files. */
const baseOf = (file: string) => file.replace(/-(EUR|JPY)(?=[-.])/gi, '');

test.describe.configure({ mode: 'serial' });

for (const currency of CURRENCIES) {
  test(`every CSV in ${currency}: written from every page`, async ({ page }) => {
    test.setTimeout(300_000);
    const clusters = await usage(`timeRange=current_month&resourceType[]=clusters&currency=${currency}`);
    const cluster = clusters.breakdown[0]!.topResources[0]!.resourceId;
    const teams = await usage(`timeRange=current_month&includeTeamMetrics=true&granularity=monthly&currency=${currency}`);
    const team = teams.teamBreakdown![0]!.teamId;
    // Each page with the number of CSVs it offers.
    const pages: [string, number][] = [
      [`/?currency=${currency}`, 3],
      [`/?currency=${currency}&chart=usage`, 3],
      [`/usage?currency=${currency}&groupBy=project`, 2],
      [`/usage/clusters?currency=${currency}`, 3],
      [`/usage/clusters?currency=${currency}&resource=${encodeURIComponent(cluster)}`, 4],
      [`/usage/storage?currency=${currency}`, 3],
      [`/usage/ai-services?currency=${currency}`, 3],
      [`/teams?currency=${currency}`, 3],
      [`/teams/${team}?currency=${currency}`, 4],
      [`/forecast?currency=${currency}`, 4],
      [`/optimization?currency=${currency}`, 2],
      [`/compare?currency=${currency}`, 1],
    ];
    for (const [url, count] of pages) await exportAll(page, url, count, currency);
  });
}

test('every CSV names its period and currency in the file name, and its currency or unit in each figure’s header', () => {
  const problems: string[] = [];
  const jpy = new Map(collected.JPY.map((c) => [baseOf(c.file), c]));
  for (const eur of collected.EUR) {
    const other = jpy.get(baseOf(eur.file));
    if (!other) {
      problems.push(`${eur.file} (${eur.page}): no JPY counterpart`);
      continue;
    }
    for (const [csv, cur] of [
      [eur, 'EUR'],
      [other, 'JPY'],
    ] as const) {
      if (!FILE_NAME.test(csv.file) || !csv.file.endsWith(`-${cur}.csv`)) problems.push(`${csv.file}: the name lacks its period or currency`);
    }
    eur.headers.forEach((header, col) => {
      const values = eur.rows.map((r) => r[col] ?? '');
      const theirs = other.rows.map((r) => r[col] ?? '');
      if (!values.some(numeric) || !values.every((v) => v === '' || numeric(v))) return;
      const sum = (vs: string[]) => vs.filter(numeric).reduce((s, v) => s + Math.abs(Number(v)), 0);
      const ratio = sum(values) > 0 ? sum(theirs) / sum(values) : 1;
      const money = ratio > 20; // EUR → JPY is over a hundred; quantities and shares do not move
      const jpyHeader = other.headers[col] ?? '';
      if (money) {
        if (!/\bEUR\b/.test(header)) problems.push(`${eur.file}: money column “${header}” does not name EUR`);
        if (!/\bJPY\b/.test(jpyHeader)) problems.push(`${other.file}: money column “${jpyHeader}” does not name JPY`);
      } else if (!UNIT_OR_COUNT.test(header) && !(/^(Usage|Quantity)$/.test(header) && eur.headers.includes('Unit'))) {
        // (a quantity of mixed types is named by the row's Unit column)
        problems.push(`${eur.file}: figure column “${header}” names no unit`);
      }
    });
  }
  expect(problems).toEqual([]);
});

test('the walk reaches every CSV export declared in the source', () => {
  const declared = new Set<string>();
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const file = path.join(dir, name);
      if (statSync(file).isDirectory()) walk(file);
      else if (/\.tsx$/.test(name) && !name.endsWith('.test.tsx')) {
        const source = readFileSync(file, 'utf8');
        for (const m of source.matchAll(/(?:exportFileName|fileName)=\{?[`"']([a-z-]+)/g)) declared.add(m[1]!.replace(/-$/, ''));
        for (const m of source.matchAll(/exportFileName=\{view === 'cost' \? '([a-z-]+)' : '([a-z-]+)'\}/g)) declared.add(m[1]!).add(m[2]!);
      }
    }
  };
  walk(path.join(import.meta.dirname, '..', 'src', 'features'));
  expect(declared.size).toBeGreaterThan(10);
  const written = collected.EUR.map((c) => c.file.replace(/^tensorone-/, ''));
  const missing = [...declared].filter((base) => !written.some((f) => f.startsWith(`${base}-`)));
  expect(missing).toEqual([]);
});
