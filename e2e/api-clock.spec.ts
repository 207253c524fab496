import {
  budgetSchema,
  budgetStatusResponseSchema,
  usageResponseSchema,
  type UsageQuery,
  type UsageResponse,
} from '../src/contract/billing.ts';
import { queryString } from '../src/contract/query-string.ts';
import { api, expect, FAR_FROM_SANDBOX, money, SANDBOX_API_KEY, SANDBOX_URL, test } from './fixtures.ts';
import { DAY_MS, HOUR_MS } from '../src/lib/time.ts';

/**
 * The API is the clock: with the browser's clock years away from the
 * sandbox's, every figure about time (the compared span, the provisional
 * bucket, the month-to-date spend, the newest hour with data) is still the
 * API's. Every expected figure is computed here from the API's answers.
 */
test.use({ browserNow: FAR_FROM_SANDBOX });

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const dayMs = (d: string) => Date.parse(`${d}T00:00:00Z`);

/** The API's answer to a request in the contract's query type, written by the app's serialiser. */
async function usage(query: Partial<UsageQuery>): Promise<UsageResponse> {
  return usageResponseSchema.parse(await api(`/v2/billing/usage?${queryString(query)}`));
}

/** The API's clock, from documented fields only: its current day and the newest hour with data in it. */
async function apiClock(): Promise<{ period: UsageResponse['period']; today: string; latestHour: number }> {
  const { period } = await usage({ timeRange: 'current_month', granularity: 'monthly', currency: 'USD' });
  const today = iso(dayMs(period.startDate) + (period.daysElapsed - 1) * DAY_MS);
  const hours = await usage({ timeRange: 'custom', startDate: today, endDate: today, granularity: 'hourly', currency: 'USD' });
  const stamps = hours.breakdown.flatMap((b) => b.timeSeries.filter((p) => p.cost > 0 || p.value > 0).map((p) => Date.parse(p.timestamp)));
  expect(stamps.length, 'the sandbox has data today').toBeGreaterThan(0);
  return { period, today, latestHour: Math.max(...stamps) };
}

test('the browser clock is years away from the API clock in these tests', async ({ page }) => {
  const { today } = await apiClock();
  await page.goto('/');
  const browserNow = await page.evaluate(() => Date.now());
  expect(Math.abs(browserNow - dayMs(today))).toBeGreaterThan(365 * DAY_MS);
});

test('Overview compares with the span the API period gives and marks the API’s today provisional', async ({ page, axe }) => {
  const { period, today, latestHour } = await apiClock();
  // The previous span: the same days of the previous month (the sandbox's is as long); its last day counted up to the same hour.
  const previousStart = dayMs(period.startDate) - period.daysInPeriod * DAY_MS;
  const previousEnd = previousStart + (period.daysElapsed - 1) * DAY_MS;
  const [a, b] = [new Date(previousStart), new Date(previousEnd)];
  expect(a.getUTCMonth(), 'the sandbox’s previous span lies in one month').toBe(b.getUTCMonth());
  const label = `${a.getUTCDate()}–${b.getUTCDate()} ${MONTHS[b.getUTCMonth()]} ${b.getUTCFullYear()}`;

  const current = await usage({ timeRange: 'current_month' });
  const previous = await usage({ timeRange: 'custom', startDate: iso(previousStart), endDate: iso(previousEnd), granularity: 'daily', currency: 'USD' });
  const fraction = (latestHour + 3_600_000 - dayMs(today)) / DAY_MS;
  const lastDay = previous.breakdown.reduce(
    (sum, item) => sum + item.timeSeries.filter((p) => p.timestamp.startsWith(iso(previousEnd))).reduce((s, p) => s + p.cost, 0),
    0,
  );
  const previousCost = previous.summary.totalCost - (1 - fraction) * lastDay;
  const percent = ((current.summary.totalCost - previousCost) / previousCost) * 100;

  await page.goto('/');
  const total = page.getByRole('group', { name: 'Total cost' });
  const change = total.getByTestId('change');
  await expect(change).toContainText(`compared with ${label}`);
  await expect(change).toContainText(`${Math.abs(percent).toFixed(1)}%`);
  await expect(change).toHaveAttribute('data-direction', percent > 0 ? 'up' : 'down');

  // The header: the end of the newest hour with data, as the API's hourly answer has it.
  await expect(page.getByTestId('data-through')).toHaveText(`Data up to ${new Date(latestHour + HOUR_MS).toISOString().slice(11, 16)} UTC`);

  // The cost over time table: the API's today is the one provisional day.
  const card = page.getByRole('region', { name: 'Cost over time' });
  await card.getByRole('button', { name: 'Show as table' }).click();
  const todayLabel = new Intl.DateTimeFormat('en-US', { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' }).format(
    dayMs(today),
  );
  const provisional = card.getByRole('row').filter({ hasText: 'Provisional' });
  await expect(provisional).toHaveCount(1);
  await expect(provisional).toContainText(todayLabel);
  expect(await axe()).toEqual([]);
});

test('switching to a custom range starts from the API’s current month', async ({ page }) => {
  const { period } = await usage({ timeRange: 'current_month' });
  await page.goto('/');
  const bar = page.getByRole('region', { name: 'Filters' });
  // The header's clock has answered: the app knows the API's day.
  await expect(page.getByTestId('data-through')).toBeVisible();
  await bar.getByLabel('Time range').selectOption('custom');
  await expect(bar.getByLabel('Start date')).toHaveValue(period.startDate);
  await expect(bar.getByLabel('End date')).toHaveValue(period.endDate);
});

test('the budget editor’s “Spent this month” is the API’s spend for the budget', async ({ page }) => {
  const name = `E2E clock budget ${Date.now().toString(36)}`;
  const budget = budgetSchema.parse(
    await api('/v2/billing/budgets', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ name, monthlyBudget: 60000, resourceTypes: ['clusters'], alertThresholds: [50, 80, 100], notificationChannels: ['email'] }),
    }),
  );
  try {
    const { budgets } = budgetStatusResponseSchema.parse(await api('/v2/billing/budgets/status'));
    const status = budgets.find((b) => b.budgetId === budget.budgetId);
    expect(status?.currentSpent, 'the budget has spend this month').toBeGreaterThan(0);
    await page.goto(`/budgets/${budget.budgetId}/edit`);
    await expect(page.getByRole('heading', { level: 1, name: 'Edit budget' })).toBeVisible();
    await expect(page.getByTestId('preview-spent')).toHaveText(money(status!.currentSpent, status!.currency));
  } finally {
    await fetch(new URL(`/v2/billing/budgets/${budget.budgetId}`, SANDBOX_URL), {
      method: 'DELETE',
      headers: { Authorization: `Bearer ${SANDBOX_API_KEY}` },
    });
  }
});
