import { budgetStatusResponseSchema, forecastResponseSchema, usageResponseSchema, type Currency } from '../src/contract/billing.ts';
import { api, expect, money, test } from './fixtures.ts';

/**
 * One month-end projection of record: Overview, Forecast and Budgets show the
 * same figure for the month in progress, the API's /usage projection, which
 * the sandbox's /usage/forecast gives as its first month too.
 */
async function record(currency: Currency): Promise<number> {
  const usage = usageResponseSchema.parse(
    await api(`/v2/billing/usage?timeRange=current_month&granularity=monthly&includeProjections=true&currency=${currency}`),
  );
  return usage.projections!.projectedCost;
}

const yen = (x: number) => new Intl.NumberFormat('en-US', { style: 'currency', currency: 'JPY' }).format(x);

for (const currency of ['USD', 'JPY'] as const) {
  test(`Overview, Forecast and Budgets show one month-end projection (${currency})`, async ({ page }) => {
    const expected = await record(currency);
    const shown = currency === 'USD' ? money(expected) : yen(expected);
    const forecast = forecastResponseSchema.parse(await api(`/v2/billing/usage/forecast?currency=${currency}`));
    expect(forecast.monthlyProjections[0]!.projectedCost, 'the sandbox forecast agrees').toBe(expected);

    await page.goto(`/?timeRange=current_month&currency=${currency}`);
    await expect(page.getByTestId('projected-cost')).toHaveText(shown);
    if (currency === 'USD') {
      // per day over the hours with data: 15 days and 12 hours to the pinned 16 Jan 12:00, not 16 days
      const usage = usageResponseSchema.parse(await api('/v2/billing/usage?timeRange=current_month&currency=USD'));
      await expect(page.getByTestId('per-day')).toHaveText(`${money((usage.summary.totalCost / 372) * 24)} per day (over 372 h of data)`);
    }

    await page.goto(`/forecast?currency=${currency}`);
    const thisMonth = page.getByRole('group', { name: 'Projected this month' });
    await expect(thisMonth.getByTestId('metric-value')).toHaveText(shown);
    await expect(thisMonth.getByTestId('forecast-model-month')).toHaveCount(0);
    await expect(page.getByTestId('month-projection')).toHaveText(shown);

    const { budgets } = budgetStatusResponseSchema.parse(await api('/v2/billing/budgets/status'));
    const org = budgets.find((b) => b.budgetId === 'bdg-organisation')!;
    const row = page.locator('[data-testid="budget-outlook"][data-budget="bdg-organisation"]');
    await expect(row.getByTestId('outlook-projected')).toHaveText(shown);
    // the budget row is in the page's currency too, converted from the budget's USD
    await expect(row.getByTestId('outlook-budget')).toHaveText(currency === 'USD' ? money(org.monthlyBudget) : /^¥[\d,]+$/);

    await page.goto(`/budgets?currency=${currency}`);
    const card = page.getByRole('article', { name: org.name });
    await expect(card.getByTestId('budget-projected')).toHaveText(shown);
    if (currency === 'JPY') {
      await expect(card.getByTestId('budget-amount')).toContainText(`kept in USD: ${money(org.monthlyBudget)}`);
      await expect(card.getByTestId('budget-spent')).toHaveText(/^¥[\d,]+$/);
    }
  });
}

let madeBudget: string | undefined;
test.afterEach(async () => {
  if (madeBudget)
    await fetch(new URL(`/v2/billing/budgets/${madeBudget}`, process.env.E2E_SANDBOX_URL), {
      method: 'DELETE',
      headers: { Authorization: `Bearer ${process.env.E2E_SANDBOX_API_KEY}` },
    });
  madeBudget = undefined;
});

test('budget cards share one scale and mark a projection beyond it as overflow', async ({ page }) => {
  const all = await record('USD');
  // a budget a third of the projection: about 300%, past the scale's 200% end
  const created = await api<{ budgetId: string }>('/v2/billing/budgets', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ name: 'E2E budget overflow', monthlyBudget: Math.round(all / 3), resourceTypes: ['all'], alertThresholds: [100] }),
  });
  madeBudget = created.budgetId;
  {
    await page.goto('/budgets');
    const card = page.getByRole('article', { name: 'E2E budget overflow' });
    await expect(card.getByTestId('budget-projected')).toHaveText(money(all));
    await expect(card.getByTestId('scale-overflow')).toBeVisible();
    await expect(card.getByTestId('scale-end')).toHaveText(/^200% ▶ (29\d|30\d)%$/);
    // every card's bar has the same scale
    const scales = await page.locator('[data-testid="budget-card"] [role="img"]').evaluateAll((els) => els.map((e) => e.getAttribute('data-scale')));
    expect(new Set(scales)).toEqual(new Set(['200']));
    await expect(card.getByTestId('budget-rank')).toHaveAttribute('data-rank', /exceeded|projected_over/);
  }
});
