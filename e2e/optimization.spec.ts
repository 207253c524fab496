import { readFile } from 'node:fs/promises';
import type { Page } from '@playwright/test';
import Papa from 'papaparse';
import {
  optimizationResponseSchema,
  type OptimizationQuery,
  type OptimizationRecommendation,
  type OptimizationResponse,
} from '../src/contract/billing.ts';
import { queryString } from '../src/contract/query-string.ts';
import { api, expect, money, test } from './fixtures.ts';

/** The API's answer to a request in the contract's query type, written by the app's serialiser. */
async function optimization(query: Partial<OptimizationQuery>): Promise<OptimizationResponse> {
  return optimizationResponseSchema.parse(await api(`/v2/billing/usage/optimization?${queryString(query)}`));
}

const IMPACT_RANK = { high: 0, medium: 1, low: 2 } as const;

/** The order the page promises, computed independently of the app's code. */
function expectedOrder(recs: readonly OptimizationRecommendation[]): string[] {
  return [...recs]
    .sort((a, b) => IMPACT_RANK[a.impact as keyof typeof IMPACT_RANK] - IMPACT_RANK[b.impact as keyof typeof IMPACT_RANK] || b.potentialSavings - a.potentialSavings || a.title.localeCompare(b.title))
    .map((r) => r.title);
}

const PREFIX_TYPES: Record<string, string> = {
  cluster: 'clusters',
  ep: 'endpoints',
  train: 'training',
  vol: 'storage',
  xfer: 'bandwidth',
  egress: 'bandwidth',
};

const recommendationList = (page: Page) => page.getByRole('list', { name: 'Recommendations' });
const shownTitles = (page: Page) => recommendationList(page).getByRole('heading', { level: 3 }).allTextContents();

async function open(page: Page, query: string) {
  await page.goto(`/optimization${query}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Optimization' })).toBeVisible();
  await expect(recommendationList(page).getByTestId('recommendation').first()).toBeVisible();
}

test.describe('Optimization', () => {
  test('shows the API’s totals and savings by category, in the chosen currency', async ({ page }) => {
    for (const currency of ['USD', 'EUR'] as const) {
      const expected = await optimization({ timeRange: 'last_month', analysisDepth: 'detailed', currency });
      await open(page, `?timeRange=last_month&currency=${currency}`);

      const summary = page.getByRole('region', { name: 'Summary', exact: true });
      await expect(summary.getByRole('group', { name: 'Potential savings' }).getByTestId('metric-value')).toHaveText(
        money(expected.potentialSavings!.totalMonthly, currency),
      );
      await expect(summary.getByRole('group', { name: 'Identified waste' }).getByTestId('metric-value')).toHaveText(
        money(expected.wasteAnalysis!.totalWaste, currency),
      );

      const card = page.getByRole('region', { name: 'Savings by category', exact: true });
      await card.getByRole('button', { name: 'Show as table' }).click();
      const table = card.getByRole('table');
      await expect(table.getByRole('row')).toHaveCount(expected.potentialSavings!.byCategory.length + 1);
      for (const c of expected.potentialSavings!.byCategory) {
        const row = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: c.name, exact: true }) });
        await expect(row.getByRole('cell').nth(0)).toHaveText(money(c.currentCost, currency));
        await expect(row.getByRole('cell').nth(1)).toHaveText(money(c.savings, currency));
        await expect(row.getByRole('cell').nth(2)).toHaveText(`${c.percentage.toFixed(1)}%`);
        await expect(row.getByRole('cell').nth(3)).toHaveText(c.recommendation);
      }
    }
  });

  test('lists recommendations by impact, then savings', async ({ page }) => {
    const expected = await optimization({ timeRange: 'last_month', analysisDepth: 'detailed' });
    const recs = expected.recommendations ?? [];
    expect(recs.length).toBeGreaterThan(1);
    await open(page, '?timeRange=last_month');
    await expect(recommendationList(page).getByTestId('recommendation')).toHaveCount(recs.length);
    expect(await shownTitles(page)).toEqual(expectedOrder(recs));

    // The order as shown: impact never rises, and within an impact savings never rise.
    const items = await recommendationList(page).getByTestId('recommendation').evaluateAll((lis) =>
      lis.map((li) => ({
        impact: li.querySelector('[data-impact]')?.getAttribute('data-impact') ?? '',
        savings: Number((li.querySelector('[data-testid="recommendation-savings"]')?.textContent ?? '').replace(/[^\d.]/g, '')),
      })),
    );
    for (let i = 1; i < items.length; i++) {
      const a = items[i - 1]!;
      const b = items[i]!;
      const ra = IMPACT_RANK[a.impact as keyof typeof IMPACT_RANK];
      const rb = IMPACT_RANK[b.impact as keyof typeof IMPACT_RANK];
      expect(rb).toBeGreaterThanOrEqual(ra);
      if (ra === rb) expect(b.savings).toBeLessThanOrEqual(a.savings);
    }
  });

  test('filters by impact and effort through the URL', async ({ page }) => {
    const recs = (await optimization({ timeRange: 'last_month', analysisDepth: 'detailed' })).recommendations ?? [];
    await open(page, '?timeRange=last_month');

    await page.getByLabel('Impact').selectOption('medium');
    await expect(page).toHaveURL(/[?&]impact=medium(&|$)/);
    const medium = recs.filter((r) => r.impact === 'medium');
    await expect(recommendationList(page).getByTestId('recommendation')).toHaveCount(medium.length);
    expect(await shownTitles(page)).toEqual(expectedOrder(medium));

    await page.getByLabel('Effort').selectOption('low');
    await expect(page).toHaveURL(/[?&]effort=low(&|$)/);
    const mediumLow = medium.filter((r) => r.implementationEffort === 'low');
    expect(await shownTitles(page)).toEqual(expectedOrder(mediumLow));

    await page.goBack();
    await expect(page).not.toHaveURL(/effort=/);
    await expect(recommendationList(page).getByTestId('recommendation')).toHaveCount(medium.length);
  });

  test('expands a recommendation to its evidence, and links its resource to the Usage explorer', async ({ page }) => {
    const recs = (await optimization({ timeRange: 'last_month', analysisDepth: 'detailed', currency: 'EUR' })).recommendations ?? [];
    const rec = recs.find((r) => r.evidence?.length && r.resourceIds.length === 1)!;
    expect(rec).toBeDefined();
    await open(page, '?timeRange=last_month&currency=EUR');

    const toggle = page.getByRole('button', { name: rec.title, exact: true });
    await expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await toggle.click();
    await expect(toggle).toHaveAttribute('aria-expanded', 'true');
    await expect(page).toHaveURL(new RegExp(`[?&]expanded=${encodeURIComponent(rec.id)}(&|$)`));

    const item = recommendationList(page).getByTestId('recommendation').filter({ has: toggle });
    for (const e of rec.evidence!) {
      await expect(item.getByRole('term').filter({ hasText: e.label }).first()).toBeVisible();
      await expect(item.getByRole('definition').filter({ hasText: e.value }).first()).toBeVisible();
    }

    const id = rec.resourceIds[0]!;
    const type = PREFIX_TYPES[id.split('-')[0]!]!;
    await item.getByRole('link', { name: id }).click();
    await expect(page).toHaveURL(new RegExp(`/usage/${type}\\?`));
    const params = new URL(page.url()).searchParams;
    expect(params.get('resource')).toBe(id);
    expect(params.get('timeRange')).toBe('last_month');
    expect(params.get('currency')).toBe('EUR');
  });

  test('a deep link keeps its filters and expanded recommendation across a reload', async ({ page }) => {
    const recs = (await optimization({ timeRange: 'current_month', analysisDepth: 'detailed' })).recommendations ?? [];
    const high = recs.filter((r) => r.impact === 'high');
    const target = high[high.length - 1]!;
    await open(page, `?timeRange=current_month&impact=high`);
    await page.getByRole('button', { name: target.title, exact: true }).click();
    await expect(page).toHaveURL(/expanded=/);
    const url = page.url();

    for (const step of ['reload', 'fresh'] as const) {
      if (step === 'reload') await page.reload();
      else await page.goto(url);
      await expect(recommendationList(page).getByTestId('recommendation')).toHaveCount(high.length);
      await expect(page.getByLabel('Impact')).toHaveValue('high');
      await expect(page.getByLabel('Time range')).toHaveValue('current_month');
      await expect(page.getByRole('button', { name: target.title, exact: true })).toHaveAttribute('aria-expanded', 'true');
      expect(page.url()).toBe(url);
    }
  });

  test('exports the waste table as CSV with the API’s amounts', async ({ page }) => {
    const expected = await optimization({ timeRange: 'last_month', analysisDepth: 'detailed' });
    await open(page, '?timeRange=last_month');
    const waste = page.getByRole('region', { name: 'Identified waste', exact: true });
    await expect(waste.getByRole('row')).toHaveCount(expected.wasteAnalysis!.items.length + 1);

    const [download] = await Promise.all([page.waitForEvent('download'), waste.getByRole('button', { name: 'Export CSV' }).click()]);
    expect(download.suggestedFilename()).toBe('tensorone-optimization-waste-2023-12-01-to-2023-12-31-USD.csv');
    const text = await readFile((await download.path())!, 'utf8');
    const parsed = Papa.parse<Record<string, string>>(text.trim(), { header: true });
    expect(parsed.meta.fields).toEqual(['Resource', 'Finding', 'Rule', 'Monthly amount (USD)']);
    const rows = parsed.data.map((r) => [r.Resource, r.Finding, Number(r['Monthly amount (USD)'])]);
    const items = [...expected.wasteAnalysis!.items].sort((a, b) => b.amount - a.amount);
    expect(rows).toEqual(items.map((w) => [w.resourceId, w.description, w.amount]));
    const sum = rows.reduce((s, r) => s + (r[2] as number), 0);
    expect(sum).toBeCloseTo(expected.wasteAnalysis!.totalWaste, 2);
  });

  test('says when the time range is not one it analyses', async ({ page }) => {
    await page.goto('/optimization?timeRange=current_quarter');
    await expect(page.getByRole('status').filter({ hasText: 'Ignored timeRange “current_quarter”' })).toContainText(
      'showing the last 30 days',
    );
    // the trailing 30 days through the pinned hour (16 Jan 2024 12:00 UTC)
    await expect(page.getByRole('group', { name: 'Analysed period' }).getByTestId('metric-value')).toHaveText('30 days');
    await expect(page.getByRole('group', { name: 'Analysed period' })).toContainText('17 Dec 2023 – 16 Jan 2024 · 720 h of data');
  });

  test('has no serious accessibility issues, light and dark', async ({ page, axe }) => {
    const recs = (await optimization({ timeRange: 'last_month', analysisDepth: 'detailed' })).recommendations ?? [];
    await open(page, `?timeRange=last_month&expanded=${encodeURIComponent(recs[0]!.id)}`);
    await page.waitForLoadState('networkidle');
    expect(await axe()).toEqual([]);
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await axe()).toEqual([]);
  });
});
