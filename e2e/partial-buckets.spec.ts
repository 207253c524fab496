/**
 * Partial weeks and months: the buckets the range cuts short (a week of which
 * only some days are in the range) and the one holding the API's today are
 * hatched on Overview's cost chart and called partial in its table, and the
 * team leaderboard's sparklines draw them dashed. Which buckets are partial is
 * worked out here from the API's answers and calendar days, with the browser's
 * clock years away from the API's.
 */
import type { Locator, Page } from '@playwright/test';
import { usageResponseSchema, type UsageQuery, type UsageResponse } from '../src/contract/billing.ts';
import { queryString } from '../src/contract/query-string.ts';
import { api, expect, FAR_FROM_SANDBOX, test } from './fixtures.ts';

test.use({ browserNow: FAR_FROM_SANDBOX });

const DAY = 86_400_000;
const dayMs = (d: string) => Date.parse(`${d}T00:00:00Z`);

async function usage(query: Partial<UsageQuery>): Promise<UsageResponse> {
  return usageResponseSchema.parse(await api(`/v2/billing/usage?${queryString(query)}`));
}

/** The API's today: its current-month period's start + daysElapsed − 1. */
async function apiToday(): Promise<number> {
  const { period } = await usage({ timeRange: 'current_month', granularity: 'monthly', currency: 'USD' });
  return dayMs(period.startDate) + (period.daysElapsed - 1) * DAY;
}

/** Whether the Monday-to-Sunday week holding `t` has fewer than 7 days in the period, or holds `today`. */
function weekIsPartial(t: number, period: UsageResponse['period'], today: number): boolean {
  const monday = t - ((new Date(t).getUTCDay() + 6) % 7) * DAY;
  const end = monday + 7 * DAY;
  const inRange = Math.min(end, dayMs(period.endDate) + DAY) - Math.max(monday, dayMs(period.startDate));
  return inRange < 7 * DAY || (today >= monday && today < end);
}

const costCard = (page: Page) => page.getByRole('region', { name: 'Cost over time' });

async function barFills(card: Locator): Promise<string[]> {
  // One rectangle per bucket in the first series, in time order.
  return card.locator('.recharts-bar').first().locator('.recharts-bar-rectangle path').evaluateAll((paths) => paths.map((p) => p.getAttribute('fill') ?? ''));
}

test('Overview hatches the weeks the range cuts and the week of the API’s today, and its table says partial', async ({ page, axe }) => {
  const today = await apiToday();
  // 1 Dec 2023 – 16 Jan 2024 weekly: the range starts on a Friday, and its last week holds today.
  const query = { timeRange: 'custom', startDate: '2023-12-01', endDate: '2024-01-16', granularity: 'weekly', currency: 'USD' } as const;
  const answer = await usage(query);
  const stamps = [...new Set(answer.breakdown.flatMap((b) => b.timeSeries.map((p) => Date.parse(p.timestamp))))].sort((a, b) => a - b);
  const expected = stamps.map((t) => weekIsPartial(t, answer.period, today));
  expect(expected[0], 'the first week is cut by the range').toBe(true);
  expect(expected.at(-1), 'the last week holds today').toBe(true);
  expect(expected.slice(1, -1).every((p) => !p), 'the weeks between are whole').toBe(true);

  await page.goto(`/?${queryString({ timeRange: query.timeRange, startDate: query.startDate, endDate: query.endDate, granularity: 'weekly' })}`);
  const card = costCard(page);
  await expect(card.locator('.recharts-bar').first()).toBeVisible();
  await expect.poll(async () => (await barFills(card)).length).toBe(stamps.length);
  expect((await barFills(card)).map((fill) => fill.startsWith('url('))).toEqual(expected);
  await expect(card.getByTestId('cut-buckets-note')).toHaveText('Hatched 1–3 Dec 2023: a week cut by the period; only the days in it are counted.');
  await card.screenshot({ path: test.info().outputPath('overview-weekly.png') });

  await card.getByRole('button', { name: 'Show as table' }).click();
  const shown = await card
    .getByRole('table')
    .locator('tbody tr')
    .evaluateAll((trs) => trs.map((tr) => (tr.querySelectorAll('th, td')[1]?.textContent ?? '').trim()));
  expect(shown).toEqual(expected.map((p, i) => (!p ? 'Final' : i === expected.length - 1 ? 'Provisional' : 'Partial (cut by the period)')));
  expect(await axe()).toEqual([]);
});

test('monthly: a quarter that starts mid-month hatches its first month, not February with its 29th day', async ({ page }) => {
  const query = { timeRange: 'custom', startDate: '2023-11-15', endDate: '2024-01-16', granularity: 'monthly', currency: 'USD' } as const;
  const answer = await usage(query);
  const stamps = [...new Set(answer.breakdown.flatMap((b) => b.timeSeries.map((p) => Date.parse(p.timestamp))))].sort((a, b) => a - b);
  expect(stamps).toHaveLength(3);
  await page.goto(`/?${queryString({ timeRange: query.timeRange, startDate: query.startDate, endDate: query.endDate, granularity: 'monthly' })}`);
  const card = costCard(page);
  await expect.poll(async () => (await barFills(card)).length).toBe(3);
  // November cut (from the 15th), December whole, January holds the API's today.
  expect((await barFills(card)).map((fill) => fill.startsWith('url('))).toEqual([true, false, true]);
  await expect(card.getByTestId('cut-buckets-note')).toContainText('Hatched 15–30 Nov 2023: a month cut by the period');
});

test('the team leaderboard’s sparklines dash the weeks the range cuts and the week of the API’s today', async ({ page }) => {
  const today = await apiToday();
  // 1 Sep 2023 (a Friday) to 16 Jan 2024: more than 92 days, so weekly trends.
  const query = { timeRange: 'custom', startDate: '2023-09-01', endDate: '2024-01-16' } as const;
  const answer = await usage({ ...query, granularity: 'weekly', includeTeamMetrics: true });
  const series = answer.teamBreakdown!.filter((t) => (t.timeSeries?.length ?? 0) > 2);
  expect(series.length, 'the sandbox sends team series').toBeGreaterThan(0);
  const stamps = series[0]!.timeSeries!.map((p) => Date.parse(p.timestamp));
  expect(weekIsPartial(stamps[0]!, answer.period, today)).toBe(true);
  expect(weekIsPartial(stamps.at(-1)!, answer.period, today)).toBe(true);

  await page.goto(`/teams?${queryString(query)}`);
  const board = page.getByRole('table', { name: 'Team leaderboard' });
  for (const team of series) {
    const trend = board.locator(`tr[data-team-id="${team.teamId}"] [data-col="trend"]`);
    const dashed = trend.locator('path[data-partial]');
    await expect(dashed).toHaveCount(1);
    // Two dashed pieces: the first week (from the left edge) and the last.
    const d = (await dashed.getAttribute('d')) ?? '';
    expect(d.match(/M/g)).toHaveLength(2);
    expect(d).toMatch(/^M0,/);
  }
  await expect(page.getByText('Trend: dashed where a bucket is partial')).toBeVisible();
  await board.screenshot({ path: test.info().outputPath('team-sparklines.png') });
});
