import { readFile } from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';
import { usageResponseSchema, type GroupBy, type UsageQuery, type UsageResponse } from '../src/contract/billing.ts';
import { queryString } from '../src/contract/query-string.ts';
import { api, expect, money, test } from './fixtures.ts';

const RANGE: Partial<UsageQuery> = { timeRange: 'custom', startDate: '2024-01-01', endDate: '2024-01-10', granularity: 'hourly', currency: 'EUR' };
const CLUSTERS_URL = `/usage/clusters?${queryString(RANGE)}&groupBy=region`;

/** The API's answer to a request in the contract's query type, written by the app's serialiser. */
async function usage(query: Partial<UsageQuery>): Promise<UsageResponse> {
  return usageResponseSchema.parse(await api(`/v2/billing/usage?${queryString(query)}`));
}

/** What the page asks for on /usage/clusters: only that type, with the Group by. */
const clustersQuery = (...groupBy: GroupBy[]): Partial<UsageQuery> => ({ ...RANGE, resourceType: ['clusters'], groupBy });

const gpuHours = (value: number) => `${new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 }).format(value)} GPU h`;

const filterBar = (page: Page) => page.getByRole('region', { name: 'Filters' });
const card = (page: Page, title: string) => page.getByRole('region', { name: title, exact: true });

/** The cells of every body row, as text. */
async function tableCells(table: Locator): Promise<string[][]> {
  return table
    .locator('tbody tr')
    .evaluateAll((rows) => rows.map((row) => [...row.children].map((cell) => (cell.textContent ?? '').replace(/\u00a0/g, ' ').trim())));
}

async function openClusters(page: Page, url = CLUSTERS_URL) {
  await page.goto(url);
  await expect(page.getByRole('heading', { level: 1, name: 'Usage — GPU clusters' })).toBeVisible();
  await expect(page.getByTestId('period')).toHaveText(/1–10 Jan 2024/);
  await expect(page.getByRole('region', { name: 'Key figures' })).toHaveAttribute('aria-busy', 'false');
}

/** Reads a downloaded CSV (without the byte-order mark) as rows of cells. */
async function csvRows(page: Page, button: Locator): Promise<string[][]> {
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const text = (await readFile(await download.path(), 'utf8')).replace(/^\ufeff/, '');
  return text.split('\r\n').map((line) => line.split(','));
}

test.describe('Usage explorer', () => {
  test('a shared link opens the hourly GPU-cluster view the API describes', async ({ page, axe }) => {
    const expected = await usage(clustersQuery('region'));
    const clusters = expected.breakdown.find((b) => b.resourceType === 'clusters')!;
    expect(clusters.timeSeries).toHaveLength(240);

    await openClusters(page);
    const bar = filterBar(page);
    await expect(bar.getByLabel('Time range')).toHaveValue('custom');
    await expect(bar.getByLabel('Start date')).toHaveValue('2024-01-01');
    await expect(bar.getByLabel('End date')).toHaveValue('2024-01-10');
    await expect(bar.getByLabel('Granularity')).toHaveValue('hourly');
    await expect(bar.getByLabel('Group by')).toHaveValue('region');
    await expect(bar.getByLabel('Currency')).toHaveValue('EUR');
    // The path names the type: no resource-type filter here.
    await expect(bar.getByRole('button', { name: 'Resource types' })).toHaveCount(0);

    const figures = page.getByRole('region', { name: 'Key figures' });
    await expect(figures.getByRole('group', { name: 'Cost', exact: true }).getByTestId('metric-value')).toHaveText(money(clusters.usage.cost, 'EUR'));

    // Every hourly bucket, in the table view, equals the API's.
    const series = card(page, 'Usage and cost over time');
    await series.getByRole('button', { name: 'Show as table' }).click();
    const rows = await tableCells(series.getByRole('table'));
    expect(rows).toHaveLength(240);
    expect(rows.map((r) => [r[1], r[2]])).toEqual(clusters.timeSeries.map((p) => [gpuHours(p.value), money(p.cost, 'EUR')]));
    expect(rows[0]![0]).toContain('Jan 1, 2024');

    // The breakdown by region equals the API's groups.
    const regions = expected.groups!.find((g) => g.dimension === 'region')!.items;
    const breakdown = page.getByRole('region', { name: 'Region breakdown' });
    const shown = await tableCells(breakdown.getByRole('table'));
    expect(shown.map((r) => [r[0], r[1], r[2]])).toEqual(
      regions.map((i) => [i.name, gpuHours(i.usage.find((u) => u.resourceType === 'clusters')!.quantity), money(i.cost, 'EUR')]),
    );

    await page.waitForLoadState('networkidle');
    expect(await axe()).toEqual([]);
  });

  test('Group by is written to the URL, survives a reload, and Back restores it', async ({ page }) => {
    const projects = (await usage(clustersQuery('project'))).groups!.find((g) => g.dimension === 'project')!.items;
    await openClusters(page);
    await expect(page.getByRole('region', { name: 'Region breakdown' })).toBeVisible();

    await filterBar(page).getByLabel('Group by').selectOption('project');
    await expect(page).toHaveURL(/[?&]groupBy=project(&|$)/);
    expect(new URL(page.url()).pathname).toBe('/usage/clusters');
    const breakdown = page.getByRole('region', { name: 'Project breakdown' });
    await expect(breakdown.getByRole('rowheader')).toHaveCount(projects.length);
    await expect(breakdown.getByRole('rowheader').first()).toContainText(projects[0]!.name);

    await page.reload();
    await expect(filterBar(page).getByLabel('Group by')).toHaveValue('project');
    await expect(filterBar(page).getByLabel('Granularity')).toHaveValue('hourly');
    await expect(page.getByRole('region', { name: 'Project breakdown' }).getByRole('rowheader')).toHaveCount(projects.length);

    await page.goBack();
    await expect(page).toHaveURL(/[?&]groupBy=region(&|$)/);
    await expect(filterBar(page).getByLabel('Group by')).toHaveValue('region');
    await expect(page.getByRole('region', { name: 'Region breakdown' })).toBeVisible();

    // Clicking a bar drills down too (bars are drawn costliest first, like the API's items).
    const regions = (await usage(clustersQuery('region'))).groups![0]!.items;
    await card(page, 'Cost by region').locator('.recharts-bar-rectangle path').nth(1).click();
    await expect(page).toHaveURL(new RegExp(`[?&]region=${regions[1]!.key}(&|$)`));
    await expect(page.getByRole('region', { name: 'Drill-down' })).toContainText(money(regions[1]!.cost, 'EUR'));
  });

  test('drills down from the index card to a type, then into a region and a resource', async ({ page, axe }) => {
    const expected = await usage(clustersQuery('region'));
    const east = expected.groups![0]!.items.find((i) => i.key === 'us-east-1')!;
    const top = expected.breakdown[0]!.topResources[1]!;

    await page.goto(`/usage?${queryString(RANGE)}&groupBy=region`);
    await expect(page.getByRole('heading', { level: 1, name: 'Usage' })).toBeVisible();
    await page.getByRole('link', { name: /^GPU clusters/ }).click();
    await expect(page).toHaveURL(/\/usage\/clusters\?/);
    const params = new URL(page.url()).searchParams;
    expect(Object.fromEntries(params)).toEqual({
      timeRange: 'custom',
      startDate: '2024-01-01',
      endDate: '2024-01-10',
      granularity: 'hourly',
      currency: 'EUR',
    });
    await expect(page.getByRole('heading', { level: 1, name: 'Usage — GPU clusters' })).toBeVisible();
    await expect(page.getByRole('region', { name: 'Key figures' })).toHaveAttribute('aria-busy', 'false');

    // A region row narrows the view, shown as a removable chip with the API's figures.
    await page.getByRole('region', { name: 'Region breakdown' }).getByRole('rowheader', { name: /us-east-1/ }).click();
    await expect(page).toHaveURL(/[?&]region=us-east-1(&|$)/);
    const drill = page.getByRole('region', { name: 'Drill-down' });
    await expect(drill).toContainText(money(east.cost, 'EUR'));
    await expect(drill).toContainText(`${east.percentage.toFixed(1)}% of GPU clusters cost`);
    await expect(drill).toContainText('no region filter');

    // A top resource is highlighted with its share.
    const topTable = page.getByRole('region', { name: 'Top GPU clusters resources' });
    await topTable.getByRole('rowheader', { name: new RegExp(top.name) }).click();
    await expect(page).toHaveURL(new RegExp(`[?&]resource=${top.resourceId}(&|$)`));
    await expect(topTable.getByRole('rowheader', { name: new RegExp(top.name) })).toContainText('Selected');
    // With a resource selected the page also asks for the breakdown by resource, and shows its share from there.
    const byResource = await usage(clustersQuery('region', 'resource'));
    const item = byResource.groups!.find((g) => g.dimension === 'resource')!.items.find((i) => i.key === top.resourceId)!;
    await expect(drill).toContainText(`${item.percentage.toFixed(1)}% of GPU clusters cost`);
    await page.waitForLoadState('networkidle');
    expect(await axe()).toEqual([]);

    await drill.getByRole('button', { name: 'Remove region us-east-1' }).click();
    await expect(page).not.toHaveURL(/region=/);
    await page.goBack();
    await expect(page).toHaveURL(/[?&]region=us-east-1(&|$)/);
  });

  test('a region row on the index narrows the cards to that region’s figures', async ({ page }) => {
    const expected = await usage({ ...RANGE, groupBy: ['region'] });
    const west = expected.groups![0]!.items.find((i) => i.key === 'eu-west-1')!;
    const clusters = west.usage.find((u) => u.resourceType === 'clusters')!;

    await page.goto(`/usage?${queryString(RANGE)}&groupBy=region`);
    const breakdown = page.getByRole('region', { name: 'Region breakdown' });
    await breakdown.getByRole('rowheader', { name: /eu-west-1/ }).click();
    await expect(page).toHaveURL(/[?&]region=eu-west-1(&|$)/);
    await expect(page.getByRole('heading', { level: 2, name: 'Resource types · eu-west-1' })).toBeVisible();
    const card = page.getByRole('link', { name: /^GPU clusters/ });
    await expect(card.getByTestId('type-cost')).toHaveText(money(clusters.cost, 'EUR'));
    await expect(page.getByRole('region', { name: 'Drill-down' })).toContainText(money(west.cost, 'EUR'));
    // The card keeps the narrowing on the type's page.
    await card.click();
    await expect(page).toHaveURL(/\/usage\/clusters\?.*region=eu-west-1/);
    await expect(page.getByRole('region', { name: 'Drill-down' })).toContainText('eu-west-1');
  });

  test('Export CSV saves the figures the API sent', async ({ page }) => {
    const expected = await usage(clustersQuery('region'));
    const clusters = expected.breakdown.find((b) => b.resourceType === 'clusters')!;
    await openClusters(page);

    const series = await csvRows(page, card(page, 'Usage and cost over time').getByRole('button', { name: 'Export CSV' }));
    expect(series[0]).toEqual(['Time (UTC)', 'GPU hours', 'Cost (EUR)', 'Bucket']);
    // 1–10 Jan, hourly, with the API's today on 16 Jan: every bucket is complete
    expect(series.slice(1)).toEqual(clusters.timeSeries.map((p) => [p.timestamp, String(p.value), String(p.cost), 'complete']));

    const regions = await csvRows(page, card(page, 'Cost by region').getByRole('button', { name: 'Export CSV' }));
    expect(regions[0]).toEqual(['Region', 'GPU hours', 'Cost (EUR)', 'Share (%)']);
    expect(regions.slice(1)).toEqual(
      expected.groups![0]!.items.map((i) => [i.name, String(i.usage[0]!.quantity), String(i.cost), String(i.percentage)]),
    );
  });

  test('an unknown type falls back to the index with a notice', async ({ page, axe }) => {
    await page.goto(`/usage/gpus?${queryString(RANGE)}`);
    await expect(page.getByRole('heading', { level: 1, name: 'Usage' })).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'There is no resource type “gpus”' })).toBeVisible();
    expect(new URL(page.url()).pathname).toBe('/usage');
    expect(new URL(page.url()).searchParams.get('currency')).toBe('EUR');
    await expect(page.getByRole('link', { name: /^GPU clusters/ })).toBeVisible();
    await page.waitForLoadState('networkidle');
    expect(await axe()).toEqual([]);
  });

  test('the explorer is accessible in dark theme', async ({ page, axe }) => {
    await openClusters(page, `${CLUSTERS_URL}&region=us-east-1`);
    const theme = page.getByRole('group', { name: 'Color theme' });
    await theme.getByRole('radio', { name: 'Dark' }).check({ force: true });
    await expect(page.locator('html')).toHaveClass(/(^|\s)dark(\s|$)/);
    await page.waitForLoadState('networkidle');
    expect(await axe()).toEqual([]);
    await theme.getByRole('radio', { name: 'Light' }).check({ force: true });
  });
});
