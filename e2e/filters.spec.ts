import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';

const SHARED =
  '/?timeRange=custom&startDate=2024-01-01&endDate=2024-01-15&resourceType=clusters,ai-services&currency=EUR';

const filterBar = (page: Page) => page.getByRole('region', { name: 'Filters' });

async function openOverview(page: Page, url: string) {
  await page.goto(url);
  await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
  // The figures are in: the summary is no longer busy.
  await expect(page.getByRole('region', { name: 'Summary' })).toHaveAttribute('aria-busy', 'false');
}

test.describe('Filters in the URL', () => {
  test('controls show the values of a shared link', async ({ page }) => {
    await openOverview(page, SHARED);
    const bar = filterBar(page);
    await expect(bar.getByLabel('Time range')).toHaveValue('custom');
    await expect(bar.getByLabel('Start date')).toHaveValue('2024-01-01');
    await expect(bar.getByLabel('End date')).toHaveValue('2024-01-15');
    await expect(bar.getByLabel('Currency')).toHaveValue('EUR');
    await expect(bar.getByLabel('Granularity')).toHaveValue('daily');
    // Overview does not group: Group by is not offered there (the link keeps it for Usage)
    await expect(bar.getByLabel('Group by')).toHaveCount(0);

    const types = bar.getByRole('button', { name: 'Resource types', exact: true });
    await expect(types).toHaveAccessibleDescription('GPU clusters, AI services');
    await types.click();
    const panel = page.getByRole('group', { name: 'Resource types' });
    await expect(panel.getByRole('checkbox', { name: 'GPU clusters' })).toBeChecked();
    await expect(panel.getByRole('checkbox', { name: 'AI services' })).toBeChecked();
    await expect(panel.getByRole('checkbox', { name: 'Storage' })).not.toBeChecked();
    await page.keyboard.press('Escape');
    await expect(panel).toBeHidden();

    // The page asked the API for exactly these filters, and shows its period.
    await expect(page.getByTestId('period')).toHaveText(/1–15 Jan 2024/);
    await expect(
      page.getByRole('region', { name: 'Summary' }).getByRole('group', { name: 'Total cost', exact: true }).getByTestId('metric-value'),
    ).toHaveText(/^€/);
  });

  test('a change is written to the URL, survives a reload, and Back undoes it', async ({ page }) => {
    await openOverview(page, SHARED);
    const granularity = filterBar(page).getByLabel('Granularity');

    await granularity.selectOption('weekly');
    await expect(page).toHaveURL(/[?&]granularity=weekly(&|$)/);
    expect(new URL(page.url()).searchParams.get('currency')).toBe('EUR');
    expect(new URL(page.url()).searchParams.get('resourceType')).toBe('clusters,ai-services');

    await page.reload();
    await expect(filterBar(page).getByLabel('Granularity')).toHaveValue('weekly');
    await expect(filterBar(page).getByLabel('Start date')).toHaveValue('2024-01-01');

    await page.goBack();
    await expect(page).not.toHaveURL(/granularity=/);
    await expect(filterBar(page).getByLabel('Granularity')).toHaveValue('daily');
    await page.goForward();
    await expect(filterBar(page).getByLabel('Granularity')).toHaveValue('weekly');
  });

  test('switching page keeps the filters', async ({ page }) => {
    await openOverview(page, SHARED);
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Usage' }).click();
    await expect(page.getByRole('heading', { level: 1, name: 'Usage' })).toBeVisible();
    expect(new URL(page.url()).searchParams.get('currency')).toBe('EUR');
    await expect(filterBar(page).getByLabel('Time range')).toHaveValue('custom');
  });

  test('at 1440 px the widest filter bar is one row, and a copy confirmation does not move it', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await page.setViewportSize({ width: 1440, height: 900 });
    // Usage shows every control: time range, types, granularity, group by, currency
    await page.goto('/usage');
    await expect(page.getByRole('heading', { level: 1, name: 'Usage' })).toBeVisible();
    const bar = filterBar(page);
    await expect(bar.getByTestId('data-through')).toBeVisible();
    const fixed = bar.getByRole('button', { name: 'Copy link with these dates' });
    const parts = [
      bar.getByLabel('Time range'),
      bar.getByLabel('Group by'),
      bar.getByLabel('Currency'),
      bar.getByTestId('data-through'),
      bar.getByRole('button', { name: 'Copy link', exact: true }),
      fixed,
    ];
    const boxes = async () => Promise.all(parts.map(async (part) => (await part.boundingBox())!));
    const before = await boxes();
    // one row: every part overlaps the time range's height
    const row = before[0]!;
    for (const box of before) {
      expect(box.y).toBeLessThan(row.y + row.height);
      expect(box.y + box.height).toBeGreaterThan(row.y);
    }
    await fixed.click();
    await expect(bar.getByTestId('copy-link-status')).toHaveText(/^Link with .+ copied$/);
    expect(await boxes()).toEqual(before);
  });

  test('Copy link copies the address and confirms', async ({ page, context }) => {
    await context.grantPermissions(['clipboard-read', 'clipboard-write']);
    await openOverview(page, SHARED);
    await filterBar(page).getByRole('button', { name: 'Copy link', exact: true }).click();
    await expect(filterBar(page).getByText('Link copied')).toBeVisible();
    const copied = await page.evaluate(() => navigator.clipboard.readText());
    expect(copied).toBe(page.url());
    expect(new URL(copied).searchParams.get('startDate')).toBe('2024-01-01');
  });

  test('invalid values fall back to the defaults with a notice naming them', async ({ page, axe }) => {
    await openOverview(page, '/?timeRange=bogus&currency=XYZ');
    const notice = page.getByRole('status').filter({ hasText: 'Ignored' });
    await expect(notice).toContainText('timeRange “bogus”');
    await expect(notice).toContainText('currency “XYZ”');
    await expect(filterBar(page).getByLabel('Time range')).toHaveValue('current_month');
    await expect(filterBar(page).getByLabel('Currency')).toHaveValue('USD');
    await expect(
      page.getByRole('region', { name: 'Summary' }).getByRole('group', { name: 'Total cost', exact: true }).getByTestId('metric-value'),
    ).toHaveText(/^\$/);
    await expect(page.getByTestId('period')).toHaveText(/1–31 Jan 2024/);
    await page.waitForLoadState('networkidle');
    expect(await axe()).toEqual([]);
  });

  test('Clean up link rewrites a usage link without what was ignored, filters and view alike', async ({ page }) => {
    const long = 'r'.repeat(201);
    await page.goto(`/usage/clusters?currency=XYZ&timeRange=last_month&region=${long}`);
    await expect(page.getByRole('heading', { level: 1, name: 'Usage — GPU clusters' })).toBeVisible();
    const notices = page.getByRole('status').filter({ hasText: 'Ignored' });
    await expect(notices.filter({ hasText: 'currency “XYZ”' })).toBeVisible();
    await expect(notices.filter({ hasText: `region “${long}”` })).toContainText('not narrowed by it');
    await expect(notices).not.toContainText(['showing .']);
    await notices.filter({ hasText: 'region' }).getByRole('button', { name: 'Clean up link' }).click();
    await expect(notices).toHaveCount(0);
    const url = new URL(page.url());
    expect(url.pathname).toBe('/usage/clusters');
    expect(Object.fromEntries(url.searchParams)).toEqual({ timeRange: 'last_month' });
  });

  test('the filter bar is accessible in light and dark theme', async ({ page, axe }) => {
    await openOverview(page, SHARED);
    await filterBar(page).getByRole('button', { name: 'Resource types', exact: true }).click();
    await page.waitForLoadState('networkidle');
    expect(await axe()).toEqual([]);
    await page.keyboard.press('Escape');

    const theme = page.getByRole('group', { name: 'Color theme' });
    await theme.getByRole('radio', { name: 'Dark' }).check({ force: true });
    await expect(page.locator('html')).toHaveClass(/(^|\s)dark(\s|$)/);
    await expect(page.getByText('Updated', { exact: false }).first()).toBeVisible();
    expect(await axe()).toEqual([]);

    await theme.getByRole('radio', { name: 'Light' }).check({ force: true });
    await expect(page.locator('html')).not.toHaveClass(/(^|\s)dark(\s|$)/);
  });
});
