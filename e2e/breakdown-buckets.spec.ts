/**
 * Cost over time by group where the API sends groups but has no
 * `/usage/series` (it answers 404): the app asks one documented `/usage`
 * request per day instead. Against the sandbox, the figures must be the ones
 * its own `/usage/series` computes, and add up to the period's total.
 */
import { readFile } from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';
import { usageResponseSchema, type UsageQuery } from '../src/contract/billing.ts';
import { queryString } from '../src/contract/query-string.ts';
import { usageSeriesResponseSchema } from '../src/contract/usage-series.ts';
import { api, expect, test } from './fixtures.ts';

const RANGE: Partial<UsageQuery> = { timeRange: 'custom', startDate: '2024-01-01', endDate: '2024-01-10', granularity: 'daily', currency: 'EUR' };

async function csvRows(page: Page, c: Locator): Promise<string[][]> {
  const [download] = await Promise.all([page.waitForEvent('download'), c.getByRole('button', { name: 'Export CSV' }).click()]);
  const text = (await readFile(await download.path(), 'utf8')).replace(/^\ufeff/, '');
  return text.split('\r\n').filter(Boolean).map((line) => line.split(','));
}
const cents = (cell: string | number) => Math.round(Number(cell) * 100);

// The browser logs the stubbed 404 itself; every other console error still fails the test (below).
test.use({ failOnConsoleError: false });

test('by user without the series extension: one request per day, the sandbox’s own per-day figures, adding up to the total', async ({ page, axe, consoleErrors }) => {
  const buckets: string[] = [];
  await page.route('**/v2/billing/usage/series?**', (route) =>
    route.fulfill({ status: 404, contentType: 'application/json', body: JSON.stringify({ error: { code: 'not_found', message: 'No route' } }) }),
  );
  page.on('request', (r) => {
    const u = new URL(r.url());
    if (u.pathname === '/v2/billing/usage' && u.searchParams.get('includeTeamMetrics') === 'true' && u.searchParams.getAll('groupBy[]').includes('user'))
      buckets.push(`${u.searchParams.get('startDate')}..${u.searchParams.get('endDate')}`);
  });
  const series = usageSeriesResponseSchema.parse(await api(`/v2/billing/usage/series?${queryString(RANGE)}&dimension=user`));
  const total = usageResponseSchema.parse(await api(`/v2/billing/usage?${queryString(RANGE)}`)).summary.totalCost;

  await page.goto(`/usage?${queryString(RANGE)}&groupBy=user`);
  const c = page.getByRole('region', { name: 'Cost over time by user', exact: true });
  await expect(c).toContainText('from 10 documented requests, one per day');
  const [header, ...rows] = await csvRows(page, c);
  expect(buckets.toSorted()).toEqual(rows.map((r) => `${r[0]}..${r[0]}`));
  expect(rows).toHaveLength(10);

  // The five costliest users by the sandbox's series, in that order, and Other.
  const ranked = series.items.filter((i) => i.cost !== 0).toSorted((a, b) => b.cost - a.cost || a.key.localeCompare(b.key));
  expect(header!.slice(1, 6)).toEqual(ranked.slice(0, 5).map((i) => `${i.name} (EUR)`));
  for (const [d, row] of rows.entries())
    ranked.slice(0, 5).forEach((item, i) => {
      // Each day's answer is rounded to the cent on its own: at most a cent of the period's rounding moves.
      expect(Math.abs(cents(row[i + 1]!) - cents(item.timeSeries[d]!.cost)), `${item.name} on ${row[0]}`).toBeLessThanOrEqual(1);
    });
  expect(rows.reduce((a, r) => a + cents(r.at(-1)!), 0)).toBe(cents(total));
  expect(await axe()).toEqual([]);
  expect(consoleErrors.filter((e) => !e.includes('/v2/billing/usage/series?'))).toEqual([]);
});
