/**
 * Usage's "Export FOCUS": the download is the FOCUS 1.2 file of the page's
 * filters, its BilledCost adding up to the API's total for them.
 */
import { readFile } from 'node:fs/promises';
import Papa from 'papaparse';
import { usageResponseSchema } from '../src/contract/billing.ts';
import { FOCUS_COLUMNS } from '../server/prod/focus/focus-columns.ts';
import { expect, test } from './fixtures.ts';

test('Export FOCUS downloads the page’s usage as FOCUS rows adding up to its total', async ({ page, api, axe }) => {
  const qs = 'timeRange=custom&startDate=2024-01-02&endDate=2024-01-03&currency=EUR&resourceType=clusters,storage';
  await page.goto(`/usage?${qs}`);
  const link = page.getByRole('link', { name: 'Export FOCUS' });
  await expect(link).toBeVisible();
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  expect(download.suggestedFilename()).toBe('tensorone-focus-2024-01-02-to-2024-01-03-EUR.csv');
  const text = await readFile(await download.path(), 'utf8');
  const [header, ...rows] = Papa.parse<string[]>(text.trimEnd()).data;
  expect(header).toEqual([...FOCUS_COLUMNS]);
  const col = (name: string) => FOCUS_COLUMNS.indexOf(name as (typeof FOCUS_COLUMNS)[number]);
  const cents = rows.reduce((a, r) => a + Math.round(Number(r[col('BilledCost')]) * 100), 0);
  const expected = usageResponseSchema.parse(await api(`/v2/billing/usage?${qs.replace('resourceType=clusters,storage', 'resourceType[]=clusters&resourceType[]=storage')}`));
  expect(cents).toBe(Math.round(expected.summary.totalCost * 100));
  expect(new Set(rows.map((r) => r[col('BillingCurrency')]))).toEqual(new Set(['EUR']));
  expect(new Set(rows.map((r) => r[col('ServiceName')]))).toEqual(new Set(['GPU Clusters', 'Storage']));
  await page.waitForLoadState('networkidle');
  expect(await axe()).toEqual([]);
});
