/**
 * Cost over time by group on the real API, which has no `/usage/series`: the
 * production server (proxy mode) in front of the reference stand-in that
 * answers custom ranges for their days (e2e/fakes/reference-days.ts). The
 * chart is built from one documented `/usage` request per bucket; its cells
 * are the fake's figures for those days, and they add up to the period's total
 * to the cent.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { startProdServer, viteBuild, type ProdServer } from '../server/prod/spawn.ts';
import { serve, type ServerType } from '@hono/node-server';
import { usageResponseSchema } from '../src/contract/billing.ts';
import { expect, money, test } from './fixtures.ts';
import { REFERENCE_TEAMS, REFERENCE_USERS, USAGE_EXAMPLE_TEXT, fakeHandler } from './fakes/reference.ts';
import { DATA_DAYS, DAY_TOTAL_CENTS, REGION_DAYS, TEAM_DAYS, customRangeAnswer, rangeCost, referenceDaysAnswer } from './fakes/reference-days.ts';

const KEY = 'fake-upstream-key-series';
const EXAMPLE = JSON.parse(USAGE_EXAMPLE_TEXT) as { summary: { totalCost: number }; regional: { region: string; cost: number }[] };
const DELAY_MS = 60;

// Ports of their own (E2E_EXTRA_PORT, default 5531, and the next one), like the config's.
const FAKE_PORT = Number(process.env.E2E_EXTRA_PORT || 5531);
const PROD_PORT = FAKE_PORT + 1;

const state: { fake?: ServerType; prod?: ProdServer; dist?: string; requests: URL[]; inFlight: number; maxInFlight: number } = {
  requests: [],
  inFlight: 0,
  maxInFlight: 0,
};
const isBucket = (u: URL) => u.pathname === '/v2/billing/usage' && u.searchParams.get('timeRange') === 'custom' && u.searchParams.has('groupBy[]');

test.beforeAll(async () => {
  test.setTimeout(240_000);
  state.dist = mkdtempSync(path.join(tmpdir(), 'real-api-series-dist-'));
  await viteBuild(state.dist);
  const answer = fakeHandler((method, url, auth) => referenceDaysAnswer(method, url, auth, { apiKey: KEY }));
  state.fake = await listenOn(FAKE_PORT, async (req) => {
    const url = new URL(req.url);
    state.requests.push(url);
    if (!isBucket(url)) return answer(req);
    // Bucket requests take a while, so the number in flight at once shows.
    state.maxInFlight = Math.max(state.maxInFlight, ++state.inFlight);
    await new Promise((r) => setTimeout(r, DELAY_MS));
    state.inFlight--;
    return answer(req);
  });
  state.prod = await startProdServer(PROD_PORT, { TENSORONE_API_URL: `http://127.0.0.1:${FAKE_PORT}`, TENSORONE_API_KEY: KEY, AUTH_MODE: 'none', DIST_DIR: state.dist }, 60_000);
});
test.afterAll(async () => {
  await state.prod?.stop();
  const fake = state.fake;
  if (fake) await new Promise<void>((resolve) => fake.close(() => resolve()));
  if (state.dist) rmSync(state.dist, { recursive: true, force: true });
});
test.beforeEach(() => {
  state.requests = [];
  state.maxInFlight = 0;
});

function listenOn(port: number, fetch: (req: Request) => Promise<Response>): Promise<ServerType> {
  return new Promise((resolve) => {
    const s = serve({ fetch, port, hostname: '127.0.0.1' }, () => resolve(s));
  });
}

async function open(page: Page, pathname: string) {
  await page.goto(`${state.prod!.url}${pathname}`);
  await expect(page.getByRole('main')).toBeVisible();
}

const card = (page: Page, title: string) => page.getByRole('region', { name: title, exact: true });

/** The card's CSV: header and rows of cells. */
async function csvRows(page: Page, c: Locator): Promise<string[][]> {
  const [download] = await Promise.all([page.waitForEvent('download'), c.getByRole('button', { name: 'Export CSV' }).click()]);
  const text = (await readFile(await download.path(), 'utf8')).replace(/^\ufeff/, '');
  return text.split('\r\n').filter(Boolean).map((line) => line.split(','));
}
const cents = (cell: string) => Math.round(Number(cell) * 100);

test('the stand-in’s custom answers fit the contract, and every split of a day adds up to that day', () => {
  for (const [s, e] of [['2024-01-01', '2024-01-16'], ['2024-01-03', '2024-01-09'], ['2023-12-25', '2024-01-02'], ['2024-02-01', '2024-02-03']] as const) {
    const a = usageResponseSchema.parse(customRangeAnswer(s, e, true));
    const total = cents(String(a.summary.totalCost));
    for (const parts of [a.regional.map((r) => r.cost), a.breakdown.map((b) => b.usage.cost), a.teamBreakdown!.map((t) => t.totalCost), a.userBreakdown!.map((u) => u.totalCost)])
      expect(parts.reduce((x, c) => x + cents(String(c)), 0)).toBe(total);
    for (const b of a.breakdown) expect(b.topResources.reduce((x, t) => x + t.cost, 0)).toBeLessThanOrEqual(b.usage.cost);
    for (const r of a.regional) expect(r.cost).toBeGreaterThanOrEqual(0);
  }
  expect(customRangeAnswer('2024-01-01', '2024-01-16', true).summary.totalCost).toBe(EXAMPLE.summary.totalCost);
  expect(customRangeAnswer('2024-01-01', '2024-01-16', true).teamBreakdown!.map((t) => t.totalCost)).toEqual(REFERENCE_TEAMS.map((t) => t.totalCost));
});

test('by region: one documented request per day of the month to date, at most four at a time, the stand-in’s figures to the cent', async ({ page, axe }) => {
  await open(page, '/usage?groupBy=region');
  const c = card(page, 'Cost over time by region');
  await expect(c).toContainText('from 16 documented requests, one per day');
  await expect(c.getByRole('img', { name: 'Cost over time by region', exact: true })).toBeVisible();
  await expect(c.locator('[aria-busy="true"]')).toHaveCount(0);

  const buckets = state.requests.filter(isBucket);
  expect(buckets.map((u) => `${u.searchParams.get('startDate')}..${u.searchParams.get('endDate')}`).sort()).toEqual(DATA_DAYS.map((d) => `${d}..${d}`));
  for (const u of buckets) expect(u.searchParams.getAll('groupBy[]')).toEqual(['region']);
  expect(state.maxInFlight).toBeLessThanOrEqual(4);
  expect(state.maxInFlight).toBeGreaterThan(1);
  expect(state.requests.filter((u) => /\/usage\/(series|utilization)/.test(u.pathname))).toEqual([]);

  const [header, ...rows] = await csvRows(page, c);
  expect(header).toEqual(['Date', ...EXAMPLE.regional.toSorted((a, b) => b.cost - a.cost).map((r) => `${r.region} (USD)`), 'Total (USD)']);
  expect(rows.map((r) => r[0])).toEqual(DATA_DAYS);
  for (const [d, row] of rows.entries()) {
    EXAMPLE.regional.toSorted((a, b) => b.cost - a.cost).forEach((r, i) => {
      const days = [...REGION_DAYS].find(([k]) => k.region === r.region)![1];
      expect(cents(row[i + 1]!), `${r.region} on ${DATA_DAYS[d]}`).toBe(Math.round(rangeCost(days, DATA_DAYS[d]!, DATA_DAYS[d]!) * 100));
    });
    expect(cents(row.at(-1)!)).toBe(DAY_TOTAL_CENTS[d]);
  }
  // The days add up to the period's total in the header, to the cent.
  expect(rows.reduce((a, r) => a + cents(r.at(-1)!), 0)).toBe(Math.round(EXAMPLE.summary.totalCost * 100));
  await expect(page.getByText(`Total ${money(EXAMPLE.summary.totalCost)}`)).toBeVisible();
  expect(await axe()).toEqual([]);
});

test('by project: from team metrics, each team’s days adding up to its figure in the example', async ({ page }) => {
  await open(page, '/usage?groupBy=project');
  const c = card(page, 'Cost over time by project');
  const legend = c.getByRole('list', { name: 'Series' });
  for (const t of REFERENCE_TEAMS) await expect(legend).toContainText(`${t.teamName} ${money(t.totalCost)}`);
  for (const u of state.requests.filter(isBucket)) expect(u.searchParams.get('includeTeamMetrics')).toBe('true');
});

test('a range of 47 days is asked by week, and the chart says why', async ({ page }) => {
  await open(page, '/usage?groupBy=region&timeRange=custom&startDate=2023-12-01&endDate=2024-01-16');
  const c = card(page, 'Cost over time by region');
  await expect(c).toContainText('by week: one request per day would be more than 36, so 8 documented requests, one per week');
  const [, ...rows] = await csvRows(page, c);
  // 1 Dec 2023 is a Friday: a cut first week, then Monday to Sunday, the last cut by the range.
  expect(rows.map((r) => r[0])).toEqual(['2023-12-01', '2023-12-04', '2023-12-11', '2023-12-18', '2023-12-25', '2024-01-01', '2024-01-08', '2024-01-15']);
  const weekly = [['2024-01-01', '2024-01-07'], ['2024-01-08', '2024-01-14'], ['2024-01-15', '2024-01-16']].map(([s, e]) =>
    DAY_TOTAL_CENTS.reduce((a, c2, d) => (DATA_DAYS[d]! >= s! && DATA_DAYS[d]! <= e! ? a + c2 : a), 0),
  );
  expect(rows.map((r) => cents(r.at(-1)!))).toEqual([0, 0, 0, 0, 0, ...weekly]);
  // The page's own answer for the whole range, and one request per week.
  expect(state.requests.filter(isBucket).filter((u) => u.searchParams.get('startDate') !== '2023-12-01' || u.searchParams.get('endDate') !== '2024-01-16')).toHaveLength(8);
});

test('by service: the reference has no figure per service, so a note and no request', async ({ page }) => {
  await open(page, '/usage?groupBy=service');
  await expect(card(page, 'Cost over time by service')).toContainText('documents no cost by service');
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(state.requests.filter(isBucket)).toEqual([]);
});

test('a team page: its cost over time from a request per day, and its members’ training cost where the API has no jobs', async ({ page, axe }) => {
  const team = REFERENCE_TEAMS[0]!;
  await open(page, `/teams/${encodeURIComponent(team.teamName)}`);
  await expect(page.getByRole('heading', { level: 1, name: team.teamName })).toBeVisible();
  const c = card(page, 'Cost over time');
  await expect(c).toContainText('from 16 documented requests, one per day');
  const [, ...rows] = await csvRows(page, c);
  expect(rows.map((r) => r[0])).toEqual(DATA_DAYS);
  expect(rows.map((r) => cents(r[1]!))).toEqual(TEAM_DAYS.get(team));
  expect(rows.reduce((a, r) => a + cents(r[1]!), 0)).toBe(Math.round(team.totalCost * 100));

  const jobs = page.getByRole('region', { name: 'Training jobs' });
  await expect(jobs).toContainText('does not say which user ran a training job');
  const table = page.getByRole('table', { name: `Training cost of ${team.teamName}’s users` });
  const members = REFERENCE_USERS.filter((u) => u.team === team.teamName);
  await expect(table.locator('tbody tr')).toHaveCount(members.length);
  for (const u of members) await expect(table.getByRole('row', { name: new RegExp(u.userName) })).toContainText(money(u.totalCost));
  const href = new URL((await table.getByRole('link', { name: members[0]!.userName }).getAttribute('href'))!, state.prod!.url);
  expect([href.pathname, href.searchParams.get('user')]).toEqual(['/usage/training', members[0]!.userName]);
  expect(state.requests.filter((u) => /\/usage\/(jobs|series)/.test(u.pathname))).toEqual([]);
  expect(await axe()).toEqual([]);
});
