/**
 * Sign-in end to end: the production server (built app, AUTH_MODE=oidc,
 * proxying /v2 to the e2e sandbox) and a real OpenID provider on loopback,
 * both started here on free ports. Each role signs in through the provider's
 * form and sees and may do exactly what it allows.
 *
 * E2E_SCREENSHOTS=<folder> also saves the sign-in landing, the no-access page
 * and the Activity page in light, dark and at 390 px.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { startDashboard, TEST_SESSION_SECRET, type Dashboard } from '../server/prod/auth/test-dashboard.ts';
import { startTestProvider, TEST_CLIENT, TEST_ROLE_ENV, TEST_USERS, type TestProvider } from '../server/prod/auth/test-provider.ts';
import { viteBuild } from '../server/prod/spawn.ts';
import type { UsageResponse } from '../src/contract/billing.ts';
import { api, expect, SANDBOX_API_KEY, SANDBOX_URL, test } from './fixtures';

test.describe.configure({ mode: 'serial' });

let dir: string;
let provider: TestProvider;
let dash: Dashboard;
const shots = process.env.E2E_SCREENSHOTS;

test.beforeAll(async () => {
  test.setTimeout(240_000);
  dir = mkdtempSync(path.join(tmpdir(), 'e2e-auth-'));
  await viteBuild(path.join(dir, 'dist'));
  dash = await startDashboard({
    apiUrl: SANDBOX_URL,
    apiKey: SANDBOX_API_KEY,
    dir,
    distDir: path.join(dir, 'dist'),
    env: { AUTH_MODE: 'oidc', SESSION_SECRET: TEST_SESSION_SECRET, OIDC_CLIENT_ID: TEST_CLIENT.id, OIDC_CLIENT_SECRET: TEST_CLIENT.secret, ...TEST_ROLE_ENV },
    beforeConfig: async (url) => {
      provider = await startTestProvider(0, [`${url}/auth/callback`]);
      return { OIDC_ISSUER_URL: provider.issuer };
    },
  });
});

test.afterAll(async () => {
  await dash?.close();
  await provider?.close();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** Opens `deepLink` at the dashboard, signs in through the provider's form as `user`, and waits to be back. */
async function signIn(page: Page, user: string, deepLink: string) {
  await page.goto(dash.url + deepLink);
  await expect(page.getByRole('heading', { name: 'Sign in to the test identity provider' })).toBeVisible();
  expect(new URL(page.url()).origin).toBe(new URL(provider.issuer).origin);
  await page.getByLabel('User name').fill(user);
  await page.getByLabel('Password').fill(TEST_USERS[user]!.password);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((u) => u.origin === dash.url);
}

async function screenshot(page: Page, name: string) {
  if (!shots) return;
  await page.screenshot({ path: path.join(shots, `${name}-light.png`), fullPage: true });
  await page.emulateMedia({ colorScheme: 'dark' });
  await page.screenshot({ path: path.join(shots, `${name}-dark.png`), fullPage: true });
  await page.emulateMedia({ colorScheme: 'light' });
  const size = page.viewportSize()!;
  await page.setViewportSize({ width: 390, height: 844 });
  await page.screenshot({ path: path.join(shots, `${name}-390.png`), fullPage: true });
  await page.setViewportSize(size);
}

test('a viewer signs in from a deep link, lands on it, reads but may not change budgets, and signs out', async ({ page, axe }) => {
  const deep = '/usage?timeRange=last_month&resourceType=clusters';
  await signIn(page, 'vic', deep);
  expect(page.url()).toBe(dash.url + deep);
  await expect(page.getByRole('heading', { level: 1, name: 'Usage' })).toBeVisible();
  const box = page.getByRole('region', { name: 'Signed in' }).first();
  await expect(box).toContainText('Vic Viewer');
  await expect(box).toContainText('Viewer');
  await expect(box).toContainText('Whole organisation');
  await screenshot(page, 'signed-in-landing');

  await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Budgets' }).click();
  const create = page.getByRole('button', { name: /New budget/ });
  await expect(create).toBeDisabled();
  await expect(page.getByText('Your role is viewer: you can see budgets but not create')).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Activity' })).toHaveCount(0);
  expect(await axe()).toEqual([]);
  await screenshot(page, 'viewer-budgets');

  // The server says the same, whatever the page shows.
  const write = await page.request.post(`${dash.url}/v2/billing/budgets`, { data: { monthlyBudget: 10, alertThresholds: [50] } });
  expect(write.status()).toBe(403);
  expect((await write.json()).error.code).toBe('forbidden');
  expect((await page.request.get(`${dash.url}/audit/entries`)).status()).toBe(403);

  await page.getByRole('button', { name: 'Sign out' }).first().click();
  await expect(page.getByRole('heading', { name: 'You are signed out' })).toBeVisible();
  expect((await page.request.get(`${dash.url}/auth/me`)).status()).toBe(401);
});

test('an editor changes budgets, and the administrator finds it in Activity with before and after', async ({ page, axe }) => {
  await signIn(page, 'eve', '/budgets');
  await expect(page.getByRole('link', { name: /New budget/ })).toBeVisible();
  const name = `Audited ${Date.now()}`;
  const created = await page.request.post(`${dash.url}/v2/billing/budgets`, {
    // Far above any month's spend, so it raises no alert on other specs' pages meanwhile.
    data: { name, monthlyBudget: 900000, alertThresholds: [50, 90], resourceTypes: ['storage'] },
    headers: { origin: dash.url },
  });
  expect(created.status()).toBe(201);
  const { budgetId } = (await created.json()) as { budgetId: string };
  await page.reload();
  await expect(page.getByRole('heading', { name })).toBeVisible();
  await page.getByRole('link', { name: `Edit ${name}` }).click();
  const amount = page.getByLabel('Monthly budget');
  await amount.fill('950000');
  await page.getByRole('button', { name: /Save/ }).click();
  await expect(page.getByText(`Saved budget “${name}”.`)).toBeVisible();
  await page.getByRole('button', { name: 'Sign out' }).first().click();
  await expect(page.getByRole('heading', { name: 'You are signed out' })).toBeVisible();

  await page.context().clearCookies();
  await signIn(page, 'ada', `/activity?objectId=${budgetId}`);
  expect(page.url()).toBe(`${dash.url}/activity?objectId=${budgetId}`);
  await expect(page.getByRole('heading', { level: 1, name: 'Activity' })).toBeVisible();
  const rows = page.getByRole('region', { name: 'Activity entries' }).getByRole('row');
  await expect(rows).toHaveCount(3); // header + create + update
  await expect(rows.nth(1)).toContainText('Budget changed');
  await expect(rows.nth(1)).toContainText('Eve Editor');
  await expect(rows.nth(1)).toContainText('monthlyBudget: 900000 → 950000');
  await expect(rows.nth(2)).toContainText('Budget created');
  await expect(page.getByRole('link', { name: /Download CSV/ })).toHaveAttribute('href', `/audit/entries.csv?objectId=${budgetId}`);
  expect(await axe()).toEqual([]);
  await screenshot(page, 'activity');

  await rows.nth(1).getByRole('link', { name: /Details/ }).click();
  await expect(page).toHaveURL(/entry=/);
  await expect(page.getByRole('region', { name: 'Value before' })).toContainText('"monthlyBudget": 900000');
  await expect(page.getByRole('region', { name: 'Value after' })).toContainText('"monthlyBudget": 950000');
  await screenshot(page, 'activity-entry');

  // Filters are in the URL; a bad value falls back with a notice.
  await page.goto(`${dash.url}/activity?action=drop`);
  await expect(page.getByText('action “drop” is not one of')).toBeVisible();
  const del = await page.request.delete(`${dash.url}/v2/billing/budgets/${budgetId}`, { headers: { origin: dash.url } });
  expect(del.status()).toBe(204);
});

test('a user in no role group gets the no-access page', async ({ page, axe }) => {
  await signIn(page, 'nia', '/teams');
  await expect(page.getByRole('heading', { level: 1, name: 'No access to billing data' })).toBeVisible();
  await expect(page.getByText('Nia Nobody')).toBeVisible();
  await expect(page.getByRole('navigation', { name: 'Main' })).toHaveCount(0);
  expect((await page.request.get(`${dash.url}/v2/billing/usage`)).status()).toBe(403);
  expect(await axe()).toEqual([]);
  await screenshot(page, 'no-access');
});

test('a team-scoped user sees only their teams, and no organisation total', async ({ page, axe }) => {
  const org = await api<UsageResponse>('/v2/billing/usage?timeRange=current_month&includeTeamMetrics=true');
  const others = org.teamBreakdown!.filter((t) => t.teamName !== 'Research' && t.teamId !== 'ml-platform');
  await signIn(page, 'tom', '/teams');
  await expect(page.getByRole('heading', { level: 1, name: 'Teams' })).toBeVisible();
  await expect(page.getByRole('note', { name: 'Team scope' })).toContainText('Research, ml-platform');
  await expect(page.getByRole('link', { name: 'Research' }).first()).toBeVisible();
  await expect(page.getByRole('link', { name: 'ML Platform' }).first()).toBeVisible();
  const text = await page.locator('main').innerText();
  for (const t of others) expect(text).not.toContain(t.teamName);
  const nav = page.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link')).toHaveText(['Overview', 'Usage', 'Teams']);
  expect(await axe()).toEqual([]);
  await screenshot(page, 'team-scope');
  const forecast = await page.request.get(`${dash.url}/v2/billing/usage/forecast`);
  expect(forecast.status()).toBe(403);
  expect((await forecast.json()).error.code).toBe('team_scope');
});

test.describe('refusals', () => {
  // Refused requests (401, 403) are loads Chromium logs as console errors.
  test.use({ failOnConsoleError: false });

  test('a session that ends mid-visit goes back through sign-in to the page being opened', async ({ page }) => {
    await signIn(page, 'vic', '/usage');
    await expect(page.getByRole('heading', { level: 1, name: 'Usage' })).toBeVisible();
    // Usage's lazily loaded cards ask for their data after the heading shows; a request still in flight
    // when the session ends would (rightly) send the user to sign in for Usage itself.
    await page.waitForLoadState('networkidle');
    await page.context().clearCookies({ name: 't1_session' });
    // A page the app has not loaded yet: its query gets 401 and the app sends the browser to sign in. The
    // provider still has its own session, so it answers at once, and the user is back on Teams, signed in
    // again (without the redirect the page would stay on Teams with no session at all).
    const callback = page.waitForResponse((r) => r.url().startsWith(`${dash.url}/auth/callback`));
    await page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'Teams' }).click();
    expect((await callback).headers().location).toBe('/teams');
    await page.waitForURL(`${dash.url}/teams`);
    await expect(page.getByRole('heading', { level: 1, name: 'Teams' })).toBeVisible();
    expect((await page.request.get(`${dash.url}/auth/me`)).status()).toBe(200);
  });

  test('a form on another origin cannot post a budget, even with the cookie', async ({ page }) => {
    await signIn(page, 'ada', '/');
    // The provider's origin is another port on 127.0.0.1: same site, so the SameSite=Lax cookie is sent.
    await page.goto(`${provider.issuer}/.well-known/openid-configuration`);
    await page.setContent(
      // text/plain posts name=value: together a valid budget body, {"monthlyBudget":5,…,"name":"=cross-site"}.
      `<form method="post" action="${dash.url}/v2/billing/budgets" enctype="text/plain"><input name='{"monthlyBudget":5,"alertThresholds":[50],"name":"' value='cross-site"}'><button>Go</button></form>`,
    );
    const [res] = await Promise.all([page.waitForResponse(`${dash.url}/v2/billing/budgets`), page.getByRole('button', { name: 'Go' }).click()]);
    expect(res.status()).toBe(403);
    expect(await res.text()).toContain('cross_origin');
    const after = (await (await page.request.get(`${dash.url}/v2/billing/budgets`)).json()) as { budgets: { name: string }[] };
    expect(after.budgets.map((b) => b.name)).not.toContain('=cross-site');
  });
});
