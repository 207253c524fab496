/**
 * A team's page: its cost over time and its users' training jobs (the
 * sandbox's `/usage/jobs`), each job opening on Usage › Training.
 */
import { readFile } from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';
import { usageResponseSchema } from '../src/contract/billing.ts';
import { teamJobsResponseSchema } from '../src/contract/team-jobs.ts';
import { api, expect, money, test } from './fixtures.ts';

async function csvRows(page: Page, button: Locator): Promise<string[][]> {
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const text = (await readFile(await download.path(), 'utf8')).replace(/^\ufeff/, '');
  return text.split('\r\n').filter(Boolean).map((line) => line.split(','));
}
const cents = (cell: string | number) => Math.round(Number(cell) * 100);

test('a team page lists its users’ training jobs with their cost and a link to each, and its cost over time', async ({ page, axe }) => {
  const usage = usageResponseSchema.parse(await api('/v2/billing/usage?timeRange=last_month&includeTeamMetrics=true&granularity=daily'));
  const team = usage.teamBreakdown!.filter((t) => (t.resourceUsage.training?.cost ?? 0) > 0).toSorted((a, b) => b.totalCost - a.totalCost)[0]!;
  const expected = teamJobsResponseSchema.parse(await api(`/v2/billing/usage/jobs?teamId=${encodeURIComponent(team.teamId)}&timeRange=last_month&currency=USD`));
  expect(expected.jobs.length).toBeGreaterThan(1);

  await page.goto(`/teams/${encodeURIComponent(team.teamId)}?timeRange=last_month`);
  await expect(page.getByRole('heading', { level: 1, name: team.teamName })).toBeVisible();
  const jobs = page.getByRole('table', { name: `Training jobs of ${team.teamName}’s users` });
  await expect(jobs.locator('tbody tr')).toHaveCount(Math.min(expected.jobs.length, 250));
  const first = expected.jobs[0]!;
  const row = jobs.locator('tbody tr').first();
  await expect(row).toContainText(first.name);
  await expect(row).toContainText(first.userName);
  await expect(row).toContainText(money(first.cost));

  // Cost over time: the team's own series, adding up to its total.
  const card = page.getByRole('region', { name: 'Cost over time', exact: true });
  const [header, ...rows] = await csvRows(page, card.getByRole('button', { name: 'Export CSV' }));
  expect(header).toEqual(['Date', 'Cost (USD)']);
  expect(rows).toHaveLength(31);
  expect(rows.reduce((a, r) => a + cents(r[1]!), 0)).toBe(team.timeSeries!.reduce((a, p) => a + cents(p.cost), 0));
  expect(Math.abs(rows.reduce((a, r) => a + cents(r[1]!), 0) - cents(team.totalCost))).toBeLessThanOrEqual(31);
  expect(await axe()).toEqual([]);

  await row.getByRole('link', { name: first.name }).click();
  await expect(page).toHaveURL(new RegExp(`/usage/training\\?.*resource=${encodeURIComponent(first.resourceId)}`));
  await expect(page).toHaveURL(/timeRange=last_month/);
  await expect(page.getByRole('heading', { level: 1, name: 'Usage — Training' })).toBeVisible();
  await expect(page.getByText(first.name).first()).toBeVisible();
});
