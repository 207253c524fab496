import type { Page } from '@playwright/test';
import {
  budgetStatusResponseSchema,
  forecastResponseSchema,
  type BudgetStatusKind,
  type ForecastQuery,
  type ForecastResponse,
} from '../src/contract/billing.ts';
import { queryString } from '../src/contract/query-string.ts';
import { api, expect, money, test } from './fixtures.ts';

/** The API's answer (with scenarios, as the page asks) to a request written by the app's serialiser. */
async function forecast(query: Partial<ForecastQuery>): Promise<ForecastResponse> {
  return forecastResponseSchema.parse(await api(`/v2/billing/usage/forecast?${queryString({ includeScenarios: true, ...query })}`));
}

const monthName = (month: string) =>
  new Intl.DateTimeFormat('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${month}-01T00:00:00Z`));

const projections = (page: Page) => page.getByRole('region', { name: 'Monthly projections', exact: true });
const projectionRows = (page: Page) => projections(page).getByRole('row').filter({ has: page.getByRole('rowheader') });

async function open(page: Page, query = '') {
  await page.goto(`/forecast${query}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Forecast' })).toBeVisible();
}

async function expectProjections(page: Page, expected: ForecastResponse, currency = 'USD') {
  await expect(projectionRows(page)).toHaveCount(expected.monthlyProjections.length);
  for (const [i, p] of expected.monthlyProjections.entries()) {
    const row = projectionRows(page).nth(i);
    await expect(row.getByRole('rowheader')).toHaveText(monthName(p.month));
    const cells = row.getByRole('cell');
    await expect(cells.nth(0)).toHaveText(money(p.projectedCost, currency));
    await expect(cells.nth(1)).toHaveText(money(p.lowerBound!, currency));
    await expect(cells.nth(2)).toHaveText(money(p.upperBound!, currency));
    await expect(cells.nth(3)).toHaveText(`${Math.round(p.confidence * 100)}%`);
  }
}

test.describe('Forecast', () => {
  test('projections equal the API’s for the chosen period and interval', async ({ page }) => {
    const expected = await forecast({ forecastPeriod: '12_months', confidenceInterval: 0.9, currency: 'EUR' });
    expect(expected.monthlyProjections).toHaveLength(12);
    await open(page, '?forecastPeriod=12_months&confidenceInterval=0.9&currency=EUR');
    await expect(page.getByLabel('Forecast period')).toHaveValue('12_months');
    await expect(page.getByLabel('Confidence interval')).toHaveValue('0.9');
    await expect(projections(page).getByRole('columnheader', { name: /Lower \(90%\)/ })).toBeVisible();
    await expectProjections(page, expected, 'EUR');

    // The chart's table holds the same projection, after the actual months.
    const chart = page.getByRole('region', { name: 'Actual and projected cost', exact: true });
    await expect(chart.locator('svg.recharts-surface').first()).toBeVisible();
    await chart.getByRole('button', { name: 'Show as table' }).click();
    const rows = chart.getByRole('row').filter({ has: page.getByRole('rowheader') });
    await expect(rows.filter({ hasText: 'Projected' })).toHaveCount(12);
    const last = expected.monthlyProjections[11]!;
    await expect(rows.filter({ hasText: monthName(last.month) })).toContainText(money(last.projectedCost, 'EUR'));
  });

  test('changing “Forecast period” updates the URL and the months, and a reload keeps it', async ({ page }) => {
    const six = await forecast({ forecastPeriod: '6_months', confidenceInterval: 0.95 });
    const three = await forecast({ forecastPeriod: '3_months', confidenceInterval: 0.95 });
    await open(page);
    await expectProjections(page, six);

    await page.getByLabel('Forecast period').selectOption('3_months');
    await expect(page).toHaveURL(/[?&]forecastPeriod=3_months(&|$)/);
    await expectProjections(page, three);

    await page.reload();
    await expect(page.getByLabel('Forecast period')).toHaveValue('3_months');
    await expectProjections(page, three);

    await page.getByLabel('Confidence interval').selectOption('0.8');
    await expect(page).toHaveURL(/[?&]confidenceInterval=0.8(&|$)/);
    await expectProjections(page, await forecast({ forecastPeriod: '3_months', confidenceInterval: 0.8 }));
  });

  test('an invalid ?forecastPeriod=2_months shows a notice and the default period', async ({ page }) => {
    const six = await forecast({ forecastPeriod: '6_months', confidenceInterval: 0.95 });
    await open(page, '?forecastPeriod=2_months');
    await expect(page.getByRole('status').filter({ hasText: 'Ignored forecastPeriod “2_months”' })).toContainText(
      'showing 6 months',
    );
    await expect(page.getByLabel('Forecast period')).toHaveValue('6_months');
    await expectProjections(page, six);
    await page.getByRole('button', { name: 'Clean up link' }).click();
    await expect(page).not.toHaveURL(/forecastPeriod/);
  });

  test('scenario cards show the API’s totals, peaks and probabilities', async ({ page }) => {
    const expected = await forecast({ forecastPeriod: '6_months', confidenceInterval: 0.95 });
    await open(page);
    for (const key of ['optimistic', 'expected', 'pessimistic'] as const) {
      const s = expected.scenarios![key];
      const card = page.getByRole('group', { name: `${key[0]!.toUpperCase()}${key.slice(1)} scenario` });
      await expect(card.getByTestId('scenario-total')).toHaveText(money(s.sixMonthTotal));
      await expect(card.getByTestId('scenario-peak')).toHaveText(money(s.peakMonth));
      await expect(card.getByTestId('scenario-probability')).toHaveText(`${Math.round(s.probability * 100)}%`);
      await expect(card).toContainText(`${expected.scenarioMonths}-month total`);
    }
  });

  test('shows this month’s projection beside each budget', async ({ page }) => {
    const expected = await forecast({ forecastPeriod: '6_months', confidenceInterval: 0.95 });
    const { budgets } = budgetStatusResponseSchema.parse(await api('/v2/billing/budgets/status'));
    await open(page);
    const card = page.getByRole('region', { name: 'This month against budgets', exact: true });
    await expect(card.getByTestId('month-projection')).toHaveText(money(expected.monthlyProjections[0]!.projectedCost));
    await expect(card.getByTestId('budget-outlook')).toHaveCount(budgets.length);
    for (const b of budgets.filter((x) => x.currency === 'USD')) {
      const row = card.locator(`[data-budget="${b.budgetId}"]`);
      await expect(row.getByTestId('outlook-budget')).toHaveText(money(b.monthlyBudget, b.currency));
      // the budget status's projectedSpend is the projection of record in the sandbox
      await expect(row.getByTestId('outlook-projected')).toHaveText(money(b.projectedSpend!, b.currency));
      // ranked: the API's at_risk (projected to reach the budget) is "Projected over"; its on_track is on track or at risk by the breach chance
      const labels = { on_track: /^(On track|At risk):/, at_risk: /^Projected over:/, exceeded: /^Exceeded:/ }[b.status as BudgetStatusKind];
      await expect(row.getByTestId('budget-status')).toHaveText(labels);
    }
  });

  test('has no serious accessibility issues, light and dark', async ({ page, axe }) => {
    await open(page);
    await expect(projectionRows(page).first()).toBeVisible();
    await page.waitForLoadState('networkidle');
    expect(await axe()).toEqual([]);
    await page.emulateMedia({ colorScheme: 'dark' });
    expect(await axe()).toEqual([]);
  });
});
