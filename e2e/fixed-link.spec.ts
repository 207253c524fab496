/**
 * "Copy link with these dates": the link copied while the API's clock says
 * 16 Jan 2024 still shows December 2023, with December's total, when it is
 * opened after the API's clock has moved on to 20 Feb 2024 (where "last month"
 * is January). The later API is a second sandbox whose history was made at the
 * first one's "now" and then extended to the later one, as the real API's
 * history grows with time; the browser's /v2 calls are forwarded to it.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Browser, Page } from '@playwright/test';
import { usageResponseSchema, type UsageQuery, type UsageResponse } from '../src/contract/billing.ts';
import { queryString } from '../src/contract/query-string.ts';
import { ROOT } from '../server/prod/spawn.ts';
import { api, expect, money, SANDBOX_API_KEY, SANDBOX_NOW, test } from './fixtures.ts';

const LATER_NOW = '2024-02-20T09:00:00Z';
const LATER_PORT = Number(process.env.E2E_LATER_SANDBOX_PORT || 8798);
const LATER_URL = `http://127.0.0.1:${LATER_PORT}`;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** A sandbox process on LATER_PORT with `now`, once it answers /healthz. */
async function startSandbox(db: string, now: string): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    cwd: ROOT,
    env: { ...process.env, PORT: String(LATER_PORT), HOST: '127.0.0.1', SANDBOX_DB: db, SANDBOX_NOW: now, SANDBOX_API_KEY },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  let exited = false;
  child.once('exit', () => (exited = true));
  const deadline = Date.now() + 180_000;
  while (Date.now() < deadline && !exited) {
    const ok = await fetch(`${LATER_URL}/healthz`, { signal: AbortSignal.timeout(2_000) }).then((r) => r.ok, () => false);
    if (ok) return child;
    await new Promise((r) => setTimeout(r, 200));
  }
  child.kill('SIGKILL');
  throw new Error(exited ? 'the later sandbox exited before it was healthy' : 'the later sandbox was not healthy within 180 s');
}

async function stopSandbox(child: ChildProcess | undefined): Promise<void> {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const done = new Promise<void>((r) => child.once('exit', () => r()));
  child.kill('SIGTERM');
  await done;
}

async function laterUsage(query: Partial<UsageQuery>): Promise<UsageResponse> {
  const res = await fetch(`${LATER_URL}/v2/billing/usage?${queryString(query)}`, { headers: { Authorization: `Bearer ${SANDBOX_API_KEY}` } });
  expect(res.ok).toBe(true);
  return usageResponseSchema.parse(await res.json());
}

async function usage(query: Partial<UsageQuery>): Promise<UsageResponse> {
  return usageResponseSchema.parse(await api(`/v2/billing/usage?${queryString(query)}`));
}

/** `1–31 Dec 2023, 31 of 31 days elapsed`, written here from the period's fields (one month). */
function periodText(p: UsageResponse['period']): string {
  const [y, m, d1] = p.startDate.split('-').map(Number) as [number, number, number];
  const d2 = Number(p.endDate.slice(8));
  return `${d1}–${d2} ${MONTHS[m - 1]} ${y}, ${p.daysElapsed} of ${p.daysInPeriod} days elapsed`;
}

const totalCost = (page: Page) =>
  page.getByRole('region', { name: 'Summary' }).getByRole('group', { name: 'Total cost', exact: true }).getByTestId('metric-value');

/** A browser whose clock and billing API are the later ones: /v2 goes to the later sandbox (with its key, added here). */
async function laterPage(browser: Browser) {
  const context = await browser.newContext({ locale: 'en-US', timezoneId: 'UTC' });
  const page = await context.newPage();
  await page.clock.setFixedTime(new Date(LATER_NOW));
  await page.route('**/v2/**', async (route) => {
    const url = new URL(route.request().url());
    const response = await route.fetch({
      url: `${LATER_URL}${url.pathname}${url.search}`,
      headers: { ...route.request().headers(), authorization: `Bearer ${SANDBOX_API_KEY}` },
    });
    await route.fulfill({ response });
  });
  return { context, page };
}

let dir: string;
let later: ChildProcess | undefined;

test.beforeAll(async () => {
  test.setTimeout(400_000);
  dir = mkdtempSync(path.join(tmpdir(), 'fixed-link-'));
  const db = path.join(dir, 'billing.duckdb');
  // The same history as the first sandbox (made at its "now"), then time passes to LATER_NOW.
  await stopSandbox(await startSandbox(db, SANDBOX_NOW));
  later = await startSandbox(db, LATER_NOW);
});

test.afterAll(async () => {
  await stopSandbox(later);
  rmSync(dir, { recursive: true, force: true });
});

test('a link with fixed dates shows the same period and total after the API’s clock has moved on', async ({ page, context, browser, axe }) => {
  test.setTimeout(120_000);
  const copiedMonth = await usage({ timeRange: 'last_month', granularity: 'monthly', currency: 'USD' });
  expect(copiedMonth.period).toMatchObject({ startDate: '2023-12-01', endDate: '2023-12-31' });
  // The later API has the same history: its December is the same, its "last month" another month.
  const laterDecember = await laterUsage({ timeRange: 'custom', startDate: '2023-12-01', endDate: '2023-12-31', granularity: 'monthly', currency: 'USD' });
  expect(laterDecember.summary.totalCost).toBe(copiedMonth.summary.totalCost);
  const laterLastMonth = await laterUsage({ timeRange: 'last_month', granularity: 'monthly', currency: 'USD' });
  expect(laterLastMonth.period.startDate).toBe('2024-01-01');
  expect(laterLastMonth.summary.totalCost).not.toBe(copiedMonth.summary.totalCost);

  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  await page.goto('/?timeRange=last_month');
  await expect(totalCost(page)).toHaveText(money(copiedMonth.summary.totalCost));
  const filters = page.getByRole('region', { name: 'Filters' });
  const status = filters.getByTestId('copy-link-status');

  await filters.getByRole('button', { name: 'Copy link', exact: true }).click();
  await expect(status).toHaveText('Link copied');
  const relative = new URL(await page.evaluate(() => navigator.clipboard.readText()));
  expect(relative.search).toBe('?timeRange=last_month');

  // By keyboard: focus the button, press Enter.
  await filters.getByRole('button', { name: 'Copy link with these dates' }).focus();
  await page.keyboard.press('Enter');
  await expect(status).toHaveText('Link with 1–31 Dec 2023 copied');
  expect(await axe()).toEqual([]);
  const fixed = new URL(await page.evaluate(() => navigator.clipboard.readText()));
  expect(Object.fromEntries(fixed.searchParams)).toEqual({ timeRange: 'custom', startDate: '2023-12-01', endDate: '2023-12-31' });

  const { context: laterContext, page: recipient } = await laterPage(browser);
  try {
    // The relative link now means January.
    await recipient.goto(relative.pathname + relative.search);
    await expect(recipient.getByTestId('period')).toHaveText(periodText(laterLastMonth.period));
    await expect(totalCost(recipient)).toHaveText(money(laterLastMonth.summary.totalCost));
    // The fixed one still shows December and its total.
    await recipient.goto(fixed.pathname + fixed.search);
    await expect(recipient.getByTestId('period')).toHaveText(periodText(copiedMonth.period));
    await expect(totalCost(recipient)).toHaveText(money(copiedMonth.summary.totalCost));
    await expect(recipient.getByRole('region', { name: 'Filters' }).getByLabel('Start date')).toHaveValue('2023-12-01');
  } finally {
    await laterContext.close();
  }
});
