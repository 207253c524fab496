import { readFile } from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';
import { RESOURCE_TYPES, usageResponseSchema, type ResourceType, type ResourceTypeId, type UsageQuery, type UsageResponse } from '../src/contract/billing.ts';
import { queryString } from '../src/contract/query-string.ts';
import { api, expect, money, SANDBOX_NOW, test } from './fixtures.ts';

/** The API's answer to a request in the contract's query type, written by the app's serialiser. */
async function usage(query: Partial<UsageQuery>): Promise<UsageResponse> {
  return usageResponseSchema.parse(await api(`/v2/billing/usage?${queryString(query)}`));
}

const SCALE: Record<string, number> = { K: 1e3, M: 1e6, B: 1e9, T: 1e12 };
const UNIT_SCALE: Record<string, number[]> = { GB: [1], TB: [1e3, 1024], PB: [1e6, 1024 ** 2] };

/**
 * Reads a figure as the page shows it ("156.7", "89,543", "89.5K", "2.85 TB",
 * "1,256.8 GB") and says whether it is `expected` rounded to the precision shown.
 * A card may pick compact notation or a larger storage unit; either is fine as
 * long as the figure is the API's, rounded.
 */
function showsValue(text: string, expected: number): boolean {
  const m = /(-?[\d,]+(?:\.(\d+))?)\s*([KMBT])?\b\s*([KMGTP]B)?/i.exec(text.replace(/\u00a0/g, ' '));
  if (!m) return false;
  const [, num = '', decimals = '', suffix, unit] = m;
  const shown = Number(num.replace(/,/g, ''));
  const scale = suffix ? (SCALE[suffix.toUpperCase()] ?? 1) : 1;
  const unitScales = unit ? (UNIT_SCALE[unit.toUpperCase()] ?? [1]) : [1];
  return unitScales.some((u) => {
    const factor = scale * u;
    const tolerance = 0.5 * 10 ** -decimals.length * factor + 1e-9 * Math.abs(expected);
    return Math.abs(shown * factor - expected) <= tolerance;
  });
}

async function expectFigure(card: Locator, expected: number): Promise<void> {
  const value = card.getByTestId('metric-value');
  await expect(value).toBeVisible();
  await expect
    .poll(async () => {
      const text = (await value.textContent()) ?? '';
      return showsValue(text, expected) ? 'ok' : `shows "${text}", API says ${expected}`;
    })
    .toBe('ok');
}

test.describe('Overview', () => {
  test('shows the current month summary from the API, with no console errors or serious a11y issues', async ({
    page,
    axe,
  }) => {
    const expected = await usage({ timeRange: 'current_month' });
    expect(expected.summary.currency).toBe('USD');

    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();

    const summary = page.getByRole('region', { name: 'Summary' });
    const card = (name: string) => summary.getByRole('group', { name, exact: true });

    await expect(card('Total cost').getByTestId('metric-value')).toHaveText(money(expected.summary.totalCost, 'USD'));
    await expectFigure(card('GPU hours'), expected.summary.totalGpuHours);
    await expectFigure(card('API requests'), expected.summary.totalApiRequests);
    await expectFigure(card('Storage'), expected.summary.totalStorageGB);
    await expectFigure(card('Bandwidth'), expected.summary.totalBandwidthGB);

    // Let the rest of the page (charts, tables) settle before scanning it.
    await page.waitForLoadState('networkidle');
    expect(await axe()).toEqual([]);
  });

  test('?currency=JPY shows the total in yen, without decimals', async ({ page }) => {
    const expected = await usage({ timeRange: 'current_month', currency: 'JPY' });
    expect(expected.summary.currency).toBe('JPY');
    const yen = money(expected.summary.totalCost, 'JPY');
    expect(yen).toMatch(/^¥[\d,]+$/);

    await page.goto('/?currency=JPY');
    await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
    const total = page
      .getByRole('region', { name: 'Summary' })
      .getByRole('group', { name: 'Total cost', exact: true })
      .getByTestId('metric-value');
    await expect(total).toHaveText(yen);
  });
});

// ---------------------------------------------------------------- charts, tables, drill-down

const DEEP_LINK = '/?timeRange=last_month&currency=EUR&resourceType=clusters,storage';
const DEEP_LINK_QUERY: Partial<UsageQuery> = { timeRange: 'last_month', currency: 'EUR', resourceType: ['clusters', 'storage'], includeProjections: true };
const LABELS: Record<ResourceType, string> = {
  clusters: 'GPU clusters',
  endpoints: 'Serverless endpoints',
  training: 'Training jobs',
  'ai-services': 'AI services',
  storage: 'Storage',
  bandwidth: 'Bandwidth',
};

const costCard = (page: Page) => page.getByRole('region', { name: 'Cost over time' });

async function openOverview(page: Page, url: string) {
  await page.goto(url);
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
  await expect(page.getByRole('region', { name: 'Summary' })).toHaveAttribute('aria-busy', 'false');
  await expect(costCard(page).locator('.recharts-surface').first()).toBeVisible();
}

/** Each bucket of the API's breakdown: cost per type and the total. */
function bucketsOf(data: UsageResponse) {
  const byTime = new Map<string, Map<ResourceTypeId, number>>();
  for (const item of data.breakdown)
    for (const p of item.timeSeries) {
      const row = byTime.get(p.timestamp) ?? new Map<ResourceTypeId, number>();
      row.set(item.resourceType, p.cost);
      byTime.set(p.timestamp, row);
    }
  return [...byTime.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([timestamp, costs]) => ({ timestamp, costs, total: [...costs.values()].reduce((a, b) => a + b, 0) }));
}

/** The same relative change the page computes, from the API's own figures. */
function percent(current: number, previous: number): number {
  return ((current - previous) / previous) * 100;
}

test.describe('Overview charts and tables', () => {
  test('a deep link shows only its types in EUR, matching the API in chart, table and CSV', async ({ page, axe }) => {
    const expected = await usage(DEEP_LINK_QUERY);
    expect(expected.summary.currency).toBe('EUR');
    const types = expected.breakdown.map((b) => b.resourceType).sort();
    expect(types).toEqual(['clusters', 'storage']);

    await openOverview(page, DEEP_LINK);
    const card = costCard(page);

    // Total, in euros.
    await expect(
      page.getByRole('region', { name: 'Summary' }).getByRole('group', { name: 'Total cost', exact: true }).getByTestId('metric-value'),
    ).toHaveText(money(expected.summary.totalCost, 'EUR'));

    // The chart draws exactly the two types; the legend names them with the API's cost.
    await expect(card.locator('g.series')).toHaveCount(2);
    await expect(card.locator('g.series-clusters')).toHaveCount(1);
    await expect(card.locator('g.series-storage')).toHaveCount(1);
    const legend = card.getByRole('group', { name: 'Series shown in the chart' });
    await expect(legend.getByRole('button')).toHaveCount(2);
    for (const item of expected.breakdown) {
      const button = legend.getByRole('button', { name: new RegExp(`^${LABELS[item.resourceType as ResourceType]}`) });
      await expect(button).toHaveAttribute('aria-pressed', 'true');
      await expect(button).toContainText(money(item.usage.cost, 'EUR'));
    }
    for (const other of RESOURCE_TYPES.filter((t) => !types.includes(t)))
      await expect(legend.getByRole('button', { name: new RegExp(`^${LABELS[other]}`) })).toHaveCount(0);

    // Show as table: one row per day, each type's cost and the total as the API has them.
    const buckets = bucketsOf(expected);
    expect(buckets).toHaveLength(31);
    await card.getByRole('button', { name: 'Show as table' }).click();
    await expect(card.getByRole('button', { name: 'Show as table' })).toHaveAttribute('aria-pressed', 'true');
    const table = card.getByRole('table');
    const headers = table.getByRole('columnheader');
    await expect(headers).toHaveText([/^Date/, /^GPU clusters \(EUR\)/, /^Storage \(EUR\)/, /^Total \(EUR\)/]);
    const rows = table.locator('tbody tr');
    await expect(rows).toHaveCount(buckets.length);
    const cells = await rows.evaluateAll((trs) =>
      trs.map((tr) => [...tr.querySelectorAll('th, td')].map((c) => (c.textContent ?? '').replace(/\u00a0/g, ' ').trim())),
    );
    let tableTotal = 0;
    buckets.forEach((b, i) => {
      const [, clusters, storage, total] = cells[i]!;
      expect(clusters).toBe(money(b.costs.get('clusters') ?? 0, 'EUR'));
      expect(storage).toBe(money(b.costs.get('storage') ?? 0, 'EUR'));
      expect(total).toBe(money(b.total, 'EUR'));
      tableTotal += Number(total!.replace(/[^\d.-]/g, ''));
    });
    expect(tableTotal).toBeCloseTo(expected.summary.totalCost, 2);
    expect(await axe()).toEqual([]);

    // Export CSV: the same figures, unformatted.
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      card.getByRole('button', { name: 'Export CSV' }).click(),
    ]);
    // named by the API's period and the currency, not the browser's date
    expect(download.suggestedFilename()).toBe(
      `tensorone-cost-over-time-${expected.period.startDate}-to-${expected.period.endDate}-${expected.summary.currency}.csv`,
    );
    const csv = (await readFile(await download.path())).toString('utf8').replace(/^\ufeff/, '');
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('Date,GPU clusters (EUR),Storage (EUR),Total (EUR)');
    expect(lines).toHaveLength(buckets.length + 1);
    buckets.forEach((b, i) => {
      const [date, clusters, storage, total] = lines[i + 1]!.split(',');
      expect(date).toBe(b.timestamp.slice(0, 10));
      expect(Number(clusters)).toBeCloseTo(b.costs.get('clusters') ?? 0, 2);
      expect(Number(storage)).toBeCloseTo(b.costs.get('storage') ?? 0, 2);
      expect(Number(total)).toBeCloseTo(b.total, 2);
    });

    // Back to the chart: a legend button hides its series and shows it again.
    await card.getByRole('button', { name: 'Show as table' }).click();
    const clustersButton = legend.getByRole('button', { name: /^GPU clusters/ });
    await clustersButton.click();
    await expect(clustersButton).toHaveAttribute('aria-pressed', 'false');
    await expect(card.locator('g.series-clusters')).toHaveCount(0);
    await expect(card.locator('g.series-storage')).toHaveCount(1);
    await clustersButton.click();
    await expect(clustersButton).toHaveAttribute('aria-pressed', 'true');
    await expect(card.locator('g.series-clusters')).toHaveCount(1);
  });

  test('the change against the previous period and the projection are the API’s', async ({ page }) => {
    // Last month (complete): 1–31 Dec against the whole previous month, 1–30 Nov.
    const current = await usage(DEEP_LINK_QUERY);
    const previous = await usage({
      timeRange: 'custom',
      startDate: '2023-11-01',
      endDate: '2023-11-30',
      currency: 'EUR',
      resourceType: ['clusters', 'storage'],
    });
    await openOverview(page, DEEP_LINK);
    const total = page.getByRole('region', { name: 'Summary' }).getByRole('group', { name: 'Total cost', exact: true });
    const change = total.getByTestId('change');
    const expectedChange = percent(current.summary.totalCost, previous.summary.totalCost);
    await expect(change).toHaveAttribute('data-direction', expectedChange > 0 ? 'up' : 'down');
    expect(Number(await change.getAttribute('data-percent'))).toBeCloseTo(expectedChange, 6);
    await expect(change).toContainText(`${Math.abs(expectedChange).toFixed(1)}%`);
    await expect(change).toContainText('vs 1–30 Nov');
    // A finished period has no projection.
    await expect(total.getByTestId('projected-cost')).toHaveCount(0);

    // Current month, seen at 12:00 on 16 Jan: 1–16 Jan against 1–16 Dec, with 16 Dec counted up to 12:00.
    expect(SANDBOX_NOW).toBe('2024-01-16T12:00:00Z');
    const month = await usage({ timeRange: 'current_month', includeProjections: true });
    const december = await usage({ timeRange: 'custom', startDate: '2023-12-01', endDate: '2023-12-16' });
    const lastDay = december.breakdown.reduce(
      (sum, b) => sum + (b.timeSeries.find((p) => p.timestamp.startsWith('2023-12-16'))?.cost ?? 0),
      0,
    );
    const monthChange = percent(month.summary.totalCost, december.summary.totalCost - 0.5 * lastDay);
    await openOverview(page, '/');
    await expect(change).toContainText('vs 1–16 Dec');
    expect(Number(await change.getAttribute('data-percent'))).toBeCloseTo(monthChange, 6);
    await expect(total.getByTestId('projected-cost')).toHaveText(money(month.projections!.projectedCost, 'USD'));
    // Today's bucket is marked provisional.
    await expect(costCard(page)).toContainText('Today is provisional');
  });

  test('a top resource opens its type in Usage with the filters kept', async ({ page }) => {
    const expected = await usage(DEEP_LINK_QUERY);
    const top = expected.breakdown
      .flatMap((b) => b.topResources.map((r) => ({ ...r, type: b.resourceType })))
      .sort((a, b) => b.cost - a.cost)[0]!;

    await openOverview(page, DEEP_LINK);
    const panel = page.getByRole('region', { name: 'Top resources' });
    const firstRow = panel.getByRole('table').locator('tbody tr').first();
    await expect(firstRow).toContainText(top.name);
    await expect(firstRow).toContainText(money(top.cost, 'EUR'));
    await firstRow.click();

    await expect(page).toHaveURL(new RegExp(`/usage/${top.type}\\?`));
    const url = new URL(page.url());
    expect(url.searchParams.get('timeRange')).toBe('last_month');
    expect(url.searchParams.get('currency')).toBe('EUR');
    expect(url.searchParams.get('resourceType')).toBe('clusters,storage');
    expect(url.searchParams.get('resource')).toBe(top.resourceId);
  });

  test('the regional donut and the alerts match the API, in light and dark theme', async ({ page, axe }) => {
    const expected = await usage(DEEP_LINK_QUERY);
    await openOverview(page, DEEP_LINK);

    const regions = page.getByRole('region', { name: 'Cost by region' });
    await expect(regions.locator('.recharts-pie-sector')).toHaveCount(expected.regional.length);
    const legend = regions.getByRole('table', { name: 'Cost by region' });
    for (const r of expected.regional) {
      const row = legend.getByRole('row', { name: new RegExp(`^${r.region}`) });
      await expect(row).toContainText(money(r.cost, 'EUR'));
      await expect(row).toContainText(`${r.percentage.toFixed(1)}%`);
    }

    const alerts = page.getByRole('list', { name: 'Alerts' }).getByRole('listitem');
    await expect(alerts).toHaveCount(expected.alerts.length);
    for (const a of expected.alerts) await expect(page.getByText(a.message, { exact: true })).toBeVisible();
    // Severity is written out, not only coloured.
    const severities = await alerts.evaluateAll((items) => items.map((li) => li.querySelector('[data-severity]')?.textContent));
    for (const s of severities) expect(s).toMatch(/^(Critical|High|Medium|Low)$/);

    await page.waitForLoadState('networkidle');
    expect(await axe()).toEqual([]);

    const theme = page.getByRole('group', { name: 'Color theme' });
    await theme.getByRole('radio', { name: 'Dark' }).check({ force: true });
    await expect(page.locator('html')).toHaveClass(/(^|\s)dark(\s|$)/);
    await expect(costCard(page).locator('g.series')).toHaveCount(2);
    expect(await axe()).toEqual([]);
  });

  test('the usage view shows each type in its own unit', async ({ page }) => {
    const expected = await usage(DEEP_LINK_QUERY);
    await openOverview(page, DEEP_LINK);
    const card = costCard(page);
    await card.getByRole('group', { name: 'Chart shows' }).getByRole('button', { name: 'Usage' }).click();
    await expect(page).toHaveURL(/[?&]chart=usage(&|$)/);
    // One panel per unit: GPU hours for clusters, GB-hours for storage.
    await expect(card.getByRole('heading', { level: 3 })).toHaveText([/^GPU hours/, /^GB-hours/]);
    const clusters = expected.breakdown.find((b) => b.resourceType === 'clusters')!;
    await expect(card.getByRole('button', { name: /^GPU clusters/ })).toContainText(
      `${new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 }).format(clusters.usage.quantity)} GPU h`,
    );
  });
});
