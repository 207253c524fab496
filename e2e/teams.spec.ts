import { readFile } from 'node:fs/promises';
import type { Locator, Page } from '@playwright/test';
import { usageResponseSchema, type TeamBreakdownItem, type UsageQuery, type UsageResponse } from '../src/contract/billing.ts';
import { queryString } from '../src/contract/query-string.ts';
import { api, expect, money, test } from './fixtures.ts';

/** Team metrics in one monthly bucket, asked for with the app's serialiser. */
async function teamUsage(query: Partial<UsageQuery> = { timeRange: 'current_month' }): Promise<UsageResponse> {
  return usageResponseSchema.parse(
    await api(`/v2/billing/usage?${queryString({ ...query, includeTeamMetrics: true, granularity: 'monthly' })}`),
  );
}

const percent = (value: number) => `${value.toFixed(1)}%`;

const leaderboard = (page: Page) => page.getByRole('table', { name: 'Team leaderboard' });
const bodyRows = (page: Page) => leaderboard(page).locator('tbody tr');
const teamNames = (page: Page) => leaderboard(page).locator('tbody [data-col="name"]').allTextContents();

async function openTeams(page: Page, url = '/teams') {
  await page.goto(url);
  await expect(page.getByRole('heading', { level: 1, name: 'Teams' })).toBeVisible();
  await expect(leaderboard(page)).toBeVisible();
}

/** What the "vs previous" cell says for a team. */
function changeText(t: TeamBreakdownItem): string {
  if (t.previousPeriodCost === undefined || !(t.previousPeriodCost > 0)) return '—';
  const change = ((t.totalCost - t.previousPeriodCost) / t.previousPeriodCost) * 100;
  const rounded = Math.round(change * 10) / 10;
  const arrow = rounded > 0 ? '▲' : rounded < 0 ? '▼' : '●';
  return `${arrow}${rounded > 0 ? 'up' : rounded < 0 ? 'down' : 'unchanged'} ${Math.abs(change).toFixed(1)}%`;
}

async function expectRow(row: Locator, t: TeamBreakdownItem, rank: number) {
  await expect(row.locator('[data-col="rank"]')).toHaveText(String(rank));
  await expect(row.locator('[data-col="name"]')).toHaveText(t.teamName);
  await expect(row.locator('[data-col="total"]')).toHaveText(money(t.totalCost));
  await expect(row.locator('[data-col="share"]')).toHaveText(percent(t.percentage));
  await expect(row.locator('[data-col="members"]')).toHaveText(String(t.memberCount));
  await expect(row.locator('[data-col="perMember"]')).toHaveText(t.memberCount > 0 ? money(t.totalCost / t.memberCount) : '—');
  const change = changeText(t);
  await expect(row.locator('[data-col="change"]')).toHaveText(change === '—' ? /^—/ : change);
}

test.describe('Teams', () => {
  test('the leaderboard shows the API figures, with no serious a11y issues', async ({ page, axe }) => {
    const data = await teamUsage();
    const teams = data.teamBreakdown!;
    expect(teams.length).toBeGreaterThan(1);

    await openTeams(page);
    await expect(bodyRows(page)).toHaveCount(teams.length);
    for (const [i, t] of teams.entries()) await expectRow(bodyRows(page).nth(i), t, i + 1);

    const summary = page.getByRole('region', { name: 'Team summary' });
    await expect(summary.getByRole('group', { name: 'Total cost' }).getByTestId('metric-value')).toHaveText(money(data.summary.totalCost));
    await expect(summary.getByRole('group', { name: 'Teams' }).getByTestId('metric-value')).toHaveText(String(teams.length));

    // Top users: every user, costliest first, with the API's figures.
    const users = page.getByRole('table', { name: 'Top users' });
    const userRows = users.locator('tbody tr');
    await expect(userRows).toHaveCount(data.userBreakdown!.length);
    const top = data.userBreakdown![0]!;
    await expect(userRows.first()).toContainText(top.userName);
    await expect(userRows.first()).toContainText(money(top.totalCost));

    // The stacked chart has its table alternative with one row per team.
    const chart = page.getByRole('region', { name: 'Cost by team and resource type' });
    await chart.getByRole('button', { name: 'Show as table' }).click();
    await expect(chart.getByRole('table').locator('tbody tr')).toHaveCount(teams.length);

    expect(await axe()).toEqual([]);
  });

  test('sorting by a column updates the URL and the order; Back restores it', async ({ page }) => {
    const teams = (await teamUsage()).teamBreakdown!;
    await openTeams(page);
    const header = (name: string) => leaderboard(page).getByRole('columnheader', { name });

    await header('Members').getByRole('button').click();
    await expect(page).toHaveURL(/[?&]sort=members(&|$)/);
    await expect(header('Members')).toHaveAttribute('aria-sort', 'descending');
    // members, largest first; ties keep the cost ranking
    const byMembers = teams
      .map((t, rank) => ({ t, rank }))
      .sort((a, b) => b.t.memberCount - a.t.memberCount || a.rank - b.rank)
      .map(({ t }) => t.teamName);
    await expect.poll(() => teamNames(page)).toEqual(byMembers);

    await header('Team').getByRole('button').click();
    await expect(page).toHaveURL(/sort=name&dir=asc/);
    await expect(header('Team')).toHaveAttribute('aria-sort', 'ascending');
    const byName = teams.map((t) => t.teamName).sort((a, b) => a.localeCompare(b, 'en', { sensitivity: 'base' }));
    await expect.poll(() => teamNames(page)).toEqual(byName);

    await header('Team').getByRole('button').click();
    // descending is the default direction, so the URL leaves it out
    await expect(page).toHaveURL(/\?sort=name$/);
    await expect.poll(() => teamNames(page)).toEqual([...byName].reverse());

    await page.goBack();
    await expect(header('Team')).toHaveAttribute('aria-sort', 'ascending');
    await expect.poll(() => teamNames(page)).toEqual(byName);
  });

  test('search filters the teams and is kept in the URL', async ({ page }) => {
    const teams = (await teamUsage()).teamBreakdown!;
    const target = teams[teams.length - 1]!;
    const word = target.teamName.split(/\s+/)[0]!.toLowerCase();
    const matching = teams.filter((t) => t.teamName.toLowerCase().includes(word) || t.teamId.includes(word));

    await openTeams(page);
    const search = page.getByRole('searchbox', { name: 'Search teams' });
    await search.fill(word);
    await expect(page).toHaveURL(new RegExp(`[?&]q=${encodeURIComponent(word)}(&|$)`));
    await expect(bodyRows(page)).toHaveCount(matching.length);
    await expect.poll(() => teamNames(page)).toEqual(matching.map((t) => t.teamName));

    await search.fill('no team is called this');
    await expect(leaderboard(page)).toContainText('No team matches');

    await page.getByRole('button', { name: 'Clear search' }).click();
    await expect(page).not.toHaveURL(/[?&]q=/);
    await expect(bodyRows(page)).toHaveCount(teams.length);
  });

  test('a deep link opens with its sort and search, survives a reload, and round-trips through a team page', async ({ page }) => {
    const teams = (await teamUsage({ timeRange: 'last_month', currency: 'EUR' })).teamBreakdown!;
    const url = '/teams?timeRange=last_month&currency=EUR&sort=perMember&dir=asc&q=a';
    await openTeams(page, url);

    const search = page.getByRole('searchbox', { name: 'Search teams' });
    await expect(search).toHaveValue('a');
    await expect(leaderboard(page).getByRole('columnheader', { name: 'Avg per member' })).toHaveAttribute('aria-sort', 'ascending');
    const withA = teams.filter((t) => t.teamName.toLowerCase().includes('a') || t.teamId.includes('a'));
    const perMember = (t: TeamBreakdownItem) => (t.memberCount > 0 ? t.totalCost / t.memberCount : Infinity);
    const order = withA
      .map((t, i) => ({ t, i }))
      .sort((x, y) => perMember(x.t) - perMember(y.t) || x.i - y.i)
      .map(({ t }) => t.teamName);
    await expect.poll(() => teamNames(page)).toEqual(order);
    // figures in euros, for last month
    await expect(bodyRows(page).first().locator('[data-col="total"]')).toHaveText(/^€/);

    await page.reload();
    await expect(page.getByRole('searchbox', { name: 'Search teams' })).toHaveValue('a');
    await expect.poll(() => teamNames(page)).toEqual(order);

    // into a team and back: the team page keeps the shared filters, Back the view
    const first = withA.find((t) => t.teamName === order[0])!;
    await leaderboard(page).getByRole('link', { name: first.teamName }).click();
    await expect(page).toHaveURL(new RegExp(`/teams/${first.teamId}\\?`));
    expect(new URL(page.url()).searchParams.get('currency')).toBe('EUR');
    await expect(page.getByRole('heading', { level: 1, name: first.teamName })).toBeVisible();
    await page.getByRole('link', { name: '← All teams' }).first().click();
    await expect(page).toHaveURL(/\/teams\?/);
    expect(new URL(page.url()).searchParams.get('timeRange')).toBe('last_month');
    await page.goBack();
    await page.goBack();
    await expect(page.getByRole('searchbox', { name: 'Search teams' })).toHaveValue('a');
    expect(Object.fromEntries(new URL(page.url()).searchParams)).toEqual(
      Object.fromEntries(new URL(url, 'http://x').searchParams),
    );
    await expect.poll(() => teamNames(page)).toEqual(order);
  });

  test('exports the leaderboard as shown to CSV', async ({ page }) => {
    const teams = (await teamUsage()).teamBreakdown!;
    await openTeams(page, '/teams?sort=name&dir=asc');
    const download = page.waitForEvent('download');
    await page.getByRole('region', { name: 'Team leaderboard' }).getByRole('button', { name: 'Export CSV' }).click();
    const file = await download;
    expect(file.suggestedFilename()).toMatch(/^tensorone-team-leaderboard-2024-01-01-to-2024-01-31-USD\.csv$/);
    const lines = (await readFile((await file.path())!, 'utf8')).replace(/^\ufeff/, '').split('\r\n');
    expect(lines[0]).toBe(
      'Rank,Team,Team ID,Total cost (USD),Share (%),Members,Average per member (USD),Previous period (USD),Change (%)',
    );
    expect(lines).toHaveLength(teams.length + 1);
    const first = [...teams].sort((a, b) => a.teamName.localeCompare(b.teamName))[0]!;
    expect(lines[1]).toContain(`,${first.teamId},${first.totalCost},`);
  });

  test('a team page shows its resources, users and trend; an unknown team says so', async ({ page, axe }) => {
    const data = await teamUsage();
    const team = data.teamBreakdown![1]!;
    const members = data.userBreakdown!.filter((u) => u.teamId === team.teamId);

    await page.goto(`/teams/${team.teamId}`);
    await expect(page.getByRole('heading', { level: 1, name: team.teamName })).toBeVisible();
    const summary = page.getByRole('region', { name: 'Team summary' });
    await expect(summary.getByRole('group', { name: 'Total cost' }).getByTestId('metric-value')).toHaveText(money(team.totalCost));
    await expect(summary.getByRole('group', { name: 'Members' }).getByTestId('metric-value')).toHaveText(String(team.memberCount));
    if (team.previousPeriodCost !== undefined)
      await expect(summary.getByRole('group', { name: 'Previous period' }).getByTestId('metric-value')).toHaveText(
        money(team.previousPeriodCost),
      );

    const resources = page.getByRole('region', { name: 'Resources by type' });
    await resources.getByRole('button', { name: 'Show as table' }).click();
    const resourceRows = resources.getByRole('table').locator('tbody tr');
    await expect(resourceRows).toHaveCount(Object.keys(team.resourceUsage).length);
    const costliest = Object.values(team.resourceUsage).sort((a, b) => b!.cost - a!.cost)[0]!;
    await expect(resourceRows.first()).toContainText(money(costliest.cost));

    const users = page.getByRole('table', { name: `Users in ${team.teamName}` });
    await expect(users.locator('tbody tr')).toHaveCount(members.length);
    await expect(users.locator('tbody tr').first()).toContainText(members[0]!.userName);

    const change = changeText(team);
    await expect(page.getByRole('region', { name: 'Trend vs previous period' }).getByTestId('team-change')).toHaveText(
      change === '—' ? /^—/ : change,
    );
    expect(await axe()).toEqual([]);

    await page.goto('/teams/no-such-team');
    await expect(page.getByRole('heading', { level: 1, name: 'Team not found' })).toBeVisible();
    await expect(page.getByRole('status').filter({ hasText: 'no-such-team' })).toContainText('There is no team');
    await page.getByRole('link', { name: '← All teams' }).first().click();
    await expect(page).toHaveURL(/\/teams$/);
    await expect(page.getByRole('heading', { level: 1, name: 'Teams' })).toBeVisible();
  });
});
