/**
 * A GPU cluster's idle and oversized stretches (from the sandbox's utilisation
 * extension) on its cost panel as well as on the utilisation chart, and
 * Optimization's idle-cluster link opening the cluster's view on them.
 */
import { readFile } from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';
import { optimizationResponseSchema } from '../src/contract/billing.ts';
import { utilizationResponseSchema } from '../src/contract/utilization.ts';
import { utilizationPeriods } from '../src/lib/utilization-periods.ts';
import { api, expect, test } from './fixtures.ts';

const IDLE = 'cluster-gpu-a100-004';
const DAY = 86_400_000;

async function csvRows(page: Page, button: Locator): Promise<string[][]> {
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const text = (await readFile(await download.path(), 'utf8')).replace(/^\ufeff/, '');
  return text.split('\r\n').filter(Boolean).map((line) => line.split(','));
}
const utilization = async (qs: string) => utilizationResponseSchema.parse(await api(`/v2/billing/usage/utilization?${qs}`));

test('the idle cluster’s stretches are shaded on its cost panel, named in the legend and marked per day in the table', async ({ page, axe }) => {
  const util = await utilization(`resourceId=${IDLE}&timeRange=last_month&granularity=daily`);
  const periods = utilizationPeriods(util.points, util.thresholds, 24);
  expect(periods.some((p) => p.kind === 'idle')).toBe(true);

  await page.goto(`/usage/clusters?resource=${IDLE}&timeRange=last_month&granularity=daily`);
  const cost = page.getByRole('region', { name: 'Usage and cost over time', exact: true });
  await expect(cost.getByTestId('stretch-legend')).toContainText(
    `${util.name} idle (${periods.filter((p) => p.kind === 'idle').length}) and oversized (${periods.filter((p) => p.kind === 'oversized').length})`,
  );
  const [header, ...rows] = await csvRows(page, cost.getByRole('button', { name: 'Export CSV' }));
  const col = header!.indexOf(`${util.name}: idle or oversized`);
  expect(col).toBeGreaterThan(0);
  expect(rows).toHaveLength(31);
  // Independently: a day is marked with every kind of stretch that overlaps it.
  const expected = rows.map((r) => {
    const t = Date.parse(r[0]!);
    return [...new Set(periods.filter((p) => p.start < t + DAY && p.end > t).map((p) => p.kind))].join(', ');
  });
  expect(rows.map((r) => r[col])).toEqual(expected);
  expect(expected.filter((k) => k === 'idle').length).toBeGreaterThanOrEqual(20);
  // The same stretches are listed under the utilisation chart.
  const list = page.getByRole('list', { name: 'Idle and oversized stretches' });
  await expect(list.getByRole('listitem')).toHaveCount(periods.length);
  expect(await axe()).toEqual([]);
});

test.describe('without the utilisation extension', () => {
  // The browser logs the stubbed 404 itself; every other console error still fails the test (below).
  test.use({ failOnConsoleError: false });

  test('the cost panel leaves the stretches out, with no error', async ({ page, consoleErrors }) => {
    await page.route('**/v2/billing/usage/utilization?**', (route) =>
      route.fulfill({ status: 404, contentType: 'application/json', body: JSON.stringify({ error: { code: 'not_found', message: 'No route' } }) }),
    );
    await page.goto(`/usage/clusters?resource=${IDLE}&timeRange=last_month&granularity=daily`);
    const cost = page.getByRole('region', { name: 'Usage and cost over time', exact: true });
    const [header] = await csvRows(page, cost.getByRole('button', { name: 'Export CSV' }));
    expect(header).toEqual(['Time (UTC)', 'GPU hours', 'Cost (USD)', 'Bucket']);
    await expect(cost.getByTestId('stretch-legend')).toHaveCount(0);
    await expect(page.getByRole('region', { name: 'GPU utilisation' })).toHaveCount(0);
    await expect(page.getByRole('alert')).toHaveCount(0);
    expect(consoleErrors.filter((e) => !e.includes('/v2/billing/usage/utilization?'))).toEqual([]);
  });
});

test('Optimization’s idle cluster opens its view by the hour with the idle stretch behind the recommendation outlined and in view', async ({ page, axe }) => {
  const opt = optimizationResponseSchema.parse(await api('/v2/billing/usage/optimization?timeRange=last_month&analysisDepth=detailed'));
  const rec = opt.recommendations!.find((r) => r.rule === 'idle_cluster' && r.resourceIds.includes(IDLE))!;
  expect(rec).toBeDefined();
  const util = await utilization(`resourceId=${IDLE}&timeRange=last_month&granularity=hourly`);
  const idle = utilizationPeriods(util.points, util.thresholds, 1).filter((p) => p.kind === 'idle');
  expect(idle.length).toBeGreaterThan(0);

  await page.setViewportSize({ width: 1280, height: 720 });
  await page.goto('/optimization?timeRange=last_month');
  await page.getByRole('button', { name: rec.title, exact: true }).click();
  const item = page.getByRole('list', { name: 'Recommendations' }).getByTestId('recommendation').filter({ hasText: rec.title });
  await item.getByRole('link', { name: IDLE }).click();

  await expect(page).toHaveURL(/\/usage\/clusters\?/);
  const params = new URL(page.url()).searchParams;
  expect([params.get('resource'), params.get('stretch'), params.get('granularity'), params.get('timeRange')]).toEqual([IDLE, 'idle', 'hourly', 'last_month']);
  const card = page.locator('#utilisation');
  await expect(page.getByRole('region', { name: 'GPU utilisation' })).toBeVisible();
  await expect(card).toBeInViewport();
  const hours = idle.reduce((a, p) => a + p.hours, 0);
  await expect(page.getByTestId('stretch-focus')).toContainText(`The idle stretch${idle.length === 1 ? '' : 'es'} behind the recommendation`);
  await expect(page.getByTestId('stretch-focus')).toContainText(`(${new Intl.NumberFormat('en-US').format(hours)} h,`);
  // The pointer that clicked the link now rests on a chart: move it off, so no tooltip is open for the scan.
  await page.mouse.move(0, 0);
  expect(await axe()).toEqual([]);
});

test('a link with an unknown stretch kind says so and shows every stretch alike', async ({ page }) => {
  await page.goto(`/usage/clusters?resource=${IDLE}&timeRange=last_month&stretch=sleepy`);
  await expect(page.getByText('The link asks for a “sleepy” stretch; the kinds are idle and oversized')).toBeVisible();
  await expect(page.getByTestId('stretch-focus')).toHaveCount(0);
});
