import type { Locator } from '@playwright/test';
import { usageResponseSchema, type UsageResponse } from '../src/contract/billing.ts';
import { api, expect, FAR_FROM_SANDBOX, test } from './fixtures.ts';

/**
 * The comparison view against the sandbox, with the browser's clock years
 * away from the API's: the spans come from the API's clock, and every
 * expected figure (spans, totals, the change, that the parts add up to it)
 * is computed here from the API's own answers.
 */
test.use({ browserNow: FAR_FROM_SANDBOX });

const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const dayMs = (d: string) => Date.parse(`${d}T00:00:00Z`);

async function usage(query: string): Promise<UsageResponse> {
  return usageResponseSchema.parse(await api(`/v2/billing/usage?${query}`));
}

/** The API's day and the end of its newest hour with data (documented fields only). */
async function apiClock(): Promise<{ today: string; dataEnd: number }> {
  const { period } = await usage('timeRange=current_month&granularity=monthly&currency=USD');
  const today = iso(dayMs(period.startDate) + (period.daysElapsed - 1) * DAY_MS);
  const hours = await usage(`timeRange=custom&startDate=${today}&endDate=${today}&granularity=hourly&currency=USD`);
  const stamps = hours.breakdown.flatMap((b) => b.timeSeries.filter((p) => p.cost > 0 || p.value > 0).map((p) => Date.parse(p.timestamp)));
  return { today, dataEnd: Math.max(...stamps) + HOUR_MS };
}

/** `1–16 Dec 2023` for a span within one month. */
function monthSpanLabel(start: string, end: string): string {
  const [a, b] = [new Date(dayMs(start)), new Date(dayMs(end))];
  expect(a.getUTCMonth(), 'the span lies in one month').toBe(b.getUTCMonth());
  return `${a.getUTCDate()}–${b.getUTCDate()} ${MONTHS[b.getUTCMonth()]} ${b.getUTCFullYear()}`;
}

const custom = (start: string, end: string, currency = 'USD') =>
  `timeRange=custom&startDate=${start}&endDate=${end}&granularity=daily&currency=${currency}&includeTeamMetrics=true`;

/** The change in a table's rows (data-change, minor units), in order. */
async function rowChanges(table: Locator): Promise<number[]> {
  const rows = table.locator(':scope > tbody > tr[data-key]');
  return (await rows.evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-change')))));
}

async function totalChange(table: Locator): Promise<number> {
  return Number(await table.locator(':scope > tfoot [data-testid="change-total"]').getAttribute('data-change'));
}

/** Rows ranked by the size of their change, and adding up to the table's total to the cent. */
async function expectRankedAndAddingUp(table: Locator, expectedTotal: number) {
  await expect(table).toBeVisible();
  expect(await totalChange(table)).toBe(expectedTotal);
  const changes = await rowChanges(table);
  expect(changes.length).toBeGreaterThan(1);
  expect(changes.reduce((a, b) => a + b, 0)).toBe(expectedTotal);
  for (let i = 1; i < changes.length; i++) expect(Math.abs(changes[i - 1]!)).toBeGreaterThanOrEqual(Math.abs(changes[i]!));
}

test('month to date against the same days of the previous month, the parts adding up to the change to the cent', async ({ page, axe }) => {
  const { today, dataEnd } = await apiClock();
  // Same days of the previous month (the sandbox's today is early enough for the day to exist there).
  const t = new Date(dayMs(today));
  const start = iso(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), 1));
  const previousStart = iso(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() - 1, 1));
  const previousEnd = iso(Date.UTC(t.getUTCFullYear(), t.getUTCMonth() - 1, t.getUTCDate()));
  const fraction = (dataEnd - dayMs(today)) / DAY_MS;
  expect(fraction, 'today is running in the sandbox').toBeLessThan(1);

  const current = await usage(custom(start, today));
  const previous = await usage(custom(previousStart, previousEnd));
  const lastDay = await usage(custom(previousEnd, previousEnd));
  const cents = (x: number) => Math.round(x * 100);
  const expected = cents(current.summary.totalCost) - cents(previous.summary.totalCost - (1 - fraction) * lastDay.summary.totalCost);

  await page.goto('/compare');
  await expect(page.getByTestId('compare-label')).toContainText(`${monthSpanLabel(start, today)} vs ${monthSpanLabel(previousStart, previousEnd)}`);
  await expect(page.getByTestId('compare-label')).toContainText('Month to date vs the same days of the previous month');
  const hour = new Date(dataEnd).toISOString().slice(11, 16);
  await expect(page.getByText(`Today has data up to ${hour} UTC`)).toBeVisible();

  const byType = page.getByTestId('drivers-by-type');
  await expectRankedAndAddingUp(byType, expected);
  await expectRankedAndAddingUp(page.getByTestId('change-by-team'), expected);
  await expectRankedAndAddingUp(page.getByTestId('change-by-region'), expected);

  // The largest type is open: its teams and resources add up to its own change.
  const top = byType.locator(':scope > tbody > tr[data-key]').first();
  const topType = (await top.getAttribute('data-key'))!;
  const topChange = Number(await top.getAttribute('data-change'));
  await expectRankedAndAddingUp(page.getByTestId(`drill-${topType}-teams`), topChange);
  const resources = page.getByTestId(`drill-${topType}-resources`);
  await expect(resources).toBeVisible();
  expect(await totalChange(resources)).toBe(topChange);

  // The card agrees: the change in dollars, with its sign.
  const sign = expected > 0 ? '+' : '−';
  const amount = new Intl.NumberFormat('en-US', { style: 'currency', currency: 'USD' }).format(Math.abs(expected) / 100);
  await expect(page.getByRole('group', { name: 'Change' }).getByTestId('metric-value')).toHaveText(`${sign}${amount}`);

  expect(await axe()).toEqual([]);
  // And in the dark theme (the system's, which the app follows by default).
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.locator('html')).toHaveClass(/dark/);
  expect(await axe()).toEqual([]);

  // A team row is a deep link to that team for the page's period.
  const teamLink = page.getByTestId('change-by-team').locator(':scope > tbody a').first();
  const teamName = (await teamLink.textContent())!;
  await teamLink.click();
  await expect(page).toHaveURL(/\/teams\/[^/?]+$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(teamName);
});

test('a complete month against the whole previous month, in JPY, with the type’s drill-down in the URL', async ({ page }) => {
  // The sandbox's last month and the one before, from the API's period.
  const { period } = await usage('timeRange=last_month&granularity=monthly&currency=JPY');
  const s = new Date(dayMs(period.startDate));
  const previousStart = iso(Date.UTC(s.getUTCFullYear(), s.getUTCMonth() - 1, 1));
  const previousEnd = iso(Date.UTC(s.getUTCFullYear(), s.getUTCMonth(), 0));
  const current = await usage(custom(period.startDate, period.endDate, 'JPY'));
  const previous = await usage(custom(previousStart, previousEnd, 'JPY'));
  const expected = Math.round(current.summary.totalCost) - Math.round(previous.summary.totalCost);
  const storage = (u: UsageResponse) => u.breakdown.find((b) => b.resourceType === 'storage')?.usage.cost ?? 0;

  await page.goto('/compare?timeRange=last_month&currency=JPY&drill=storage');
  await expect(page.getByTestId('compare-label')).toContainText(
    `${monthSpanLabel(period.startDate, period.endDate)} vs ${monthSpanLabel(previousStart, previousEnd)}`,
  );
  await expect(page.getByTestId('compare-label')).toContainText('Month vs the previous month');
  await expectRankedAndAddingUp(page.getByTestId('drivers-by-type'), expected);
  const storageRow = page.getByTestId('drivers-by-type').locator(':scope > tbody > tr[data-key="storage"]');
  await expect(storageRow).toHaveAttribute('data-change', String(Math.round(storage(current)) - Math.round(storage(previous))));
  await expectRankedAndAddingUp(page.getByTestId('drill-storage-teams'), Number(await storageRow.getAttribute('data-change')));
  await expect(page.getByTestId('change-by-region').locator('tfoot')).toContainText('¥');

  // Closing the drill-down is a URL too.
  await storageRow.getByRole('button', { name: 'Hide what drove Storage' }).click();
  await expect(page).toHaveURL(/drill=none/);
  await expect(page.getByTestId('drill-storage-teams')).toHaveCount(0);
});

test('year over year, chosen dates, and invalid parameters that fall back with a notice', async ({ page }) => {
  const { period } = await usage('timeRange=last_month&granularity=monthly&currency=USD');
  const s = new Date(dayMs(period.startDate));
  const yearEarlier = monthSpanLabel(iso(Date.UTC(s.getUTCFullYear() - 1, s.getUTCMonth(), 1)), iso(Date.UTC(s.getUTCFullYear() - 1, s.getUTCMonth() + 1, 0)));

  await page.goto('/compare?timeRange=last_month');
  await page.getByText('A year earlier').click();
  await expect(page).toHaveURL(/compare=year/);
  await expect(page.getByTestId('compare-label')).toContainText(`vs ${yearEarlier}`);
  await expect(page.getByTestId('compare-label')).toContainText('a year earlier');

  // Chosen dates: typed, applied, in the URL.
  await page.getByText('Dates I choose').click();
  const form = page.getByRole('form', { name: 'Chosen comparison dates' });
  await form.getByLabel('From', { exact: true }).fill('2023-11-01');
  await form.getByLabel('To', { exact: true }).fill('2023-11-16');
  await form.getByRole('button', { name: 'Compare', exact: true }).click();
  await expect(page).toHaveURL(/vsStart=2023-11-01&vsEnd=2023-11-16/);
  await expect(page.getByTestId('compare-label')).toContainText('vs 1–16 Nov 2023');
  const current = await usage(custom(period.startDate, period.endDate));
  const chosen = await usage(custom('2023-11-01', '2023-11-16'));
  const expected = Math.round(current.summary.totalCost * 100) - Math.round(chosen.summary.totalCost * 100);
  expect(await totalChange(page.getByTestId('drivers-by-type'))).toBe(expected);

  // Invalid values: a visible notice, and the like-for-like comparison.
  await page.goto('/compare?timeRange=last_month&compare=bogus&vsStart=2023-11-01');
  await expect(page.getByText('Ignored compare “bogus”')).toBeVisible();
  await expect(page.getByText(/Ignored vsStart “2023-11-01”: needs both vsStart and vsEnd/)).toBeVisible();
  const previousEnd = iso(Date.UTC(s.getUTCFullYear(), s.getUTCMonth(), 0));
  await expect(page.getByTestId('compare-label')).toContainText(`vs ${monthSpanLabel(iso(Date.UTC(s.getUTCFullYear(), s.getUTCMonth() - 1, 1)), previousEnd)}`);
});
