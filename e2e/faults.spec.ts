import type { Page, Route } from '@playwright/test';
import { expect, test } from './fixtures';

/**
 * Faults between the dashboard and the billing API, injected by intercepting
 * `/v2` calls in the browser: every page shows a message (never a blank
 * screen) and recovers after Retry.
 */

// Failed requests are logged by the browser itself ("Failed to load resource"): expected here.
test.use({ failOnConsoleError: false });

const PAGES = [
  { path: '/', heading: 'Overview' },
  { path: '/usage', heading: 'Usage' },
  { path: '/forecast', heading: 'Forecast' },
  { path: '/optimization', heading: 'Optimization' },
  { path: '/teams', heading: 'Teams' },
  { path: '/budgets', heading: 'Budgets' },
] as const;

type Fault = (route: Route) => Promise<void>;

const FAULTS: Record<string, { fault: Fault; message: RegExp | null }> = {
  'empty data': {
    fault: async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as Record<string, unknown>;
      // every list in the answer emptied: a valid answer with nothing to show
      for (const [key, value] of Object.entries(body)) if (Array.isArray(value)) body[key] = [];
      await route.fulfill({ response, json: body });
    },
    message: null,
  },
  '500 with an error body': {
    fault: (route) =>
      route.fulfill({
        status: 500,
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'internal_error', message: 'Injected failure' } }),
      }),
    message: /Injected failure/,
  },
  '503 without a body': {
    fault: (route) => route.fulfill({ status: 503, body: 'Service Unavailable' }),
    message: /could not answer \(HTTP 503/,
  },
  'malformed JSON': {
    fault: (route) => route.fulfill({ status: 200, contentType: 'application/json', body: '{"period": {' }),
    message: /does not understand/,
  },
  'a changed schema': {
    fault: async (route) => {
      const response = await route.fetch();
      const body = (await response.json()) as Record<string, unknown>;
      // every response of the contract is an object: give its first field another type
      // (renaming it is no longer enough: a field the reference reads as optional may go)
      const [first] = Object.keys(body);
      if (first) body[first] = `${first} v3`;
      await route.fulfill({ response, json: body });
    },
    message: /does not understand/,
  },
};

/** Counts API calls (and those not yet answered) and lets a test switch the fault off. */
async function inject(page: Page, fault: Fault) {
  const state = { on: true, calls: 0, pending: 0 };
  await page.route('**/v2/**', async (route) => {
    state.calls++;
    state.pending++;
    try {
      if (state.on) await fault(route);
      else await route.fallback();
    } finally {
      state.pending--;
    }
  });
  return state;
}

/**
 * Waits until the page has settled: every API call answered and nothing on the
 * page busy (a query waiting to retry shows its skeleton, which is aria-busy).
 */
async function settled(page: Page, state: { pending: number }) {
  await expect.poll(() => state.pending, { timeout: 30_000 }).toBe(0);
  await expect(page.locator('main [aria-busy="true"]')).toHaveCount(0, { timeout: 30_000 });
  await expect.poll(() => state.pending).toBe(0);
}

async function expectNotBlank(page: Page, heading: string) {
  await expect(page.getByRole('heading', { level: 1, name: heading })).toBeVisible();
  await expect(page.getByRole('navigation').first()).toBeVisible();
}

// A slow answer (a forecast fitted on its first call of the day) may still be in an
// interceptor when a test ends: let it go rather than fail the next test.
test.afterEach(async ({ page }) => {
  await page.unrouteAll({ behavior: 'ignoreErrors' });
});

for (const { path, heading } of PAGES) {
  for (const [name, { fault, message }] of Object.entries(FAULTS)) {
    test(`${heading}: ${name} shows a message and recovers after Retry`, async ({ page }) => {
      const state = await inject(page, fault);
      const pageErrors: string[] = [];
      page.on('pageerror', (e) => pageErrors.push(e.message));
      await page.goto(path);
      await expectNotBlank(page, heading);
      if (message === null) {
        // nothing to show is said plainly, without a crash
        await page.waitForLoadState('networkidle');
        await expectNotBlank(page, heading);
        expect(pageErrors).toEqual([]);
        return;
      }
      const alert = page.getByRole('alert').filter({ hasText: message }).first();
      await expect(alert).toBeVisible({ timeout: 20_000 });

      // every panel that is going to fail has failed before the API recovers
      await settled(page, state);
      state.on = false;
      // a page with several panels has a Retry in each failed one; each click clears its
      // panel, which may reveal another (a card that only renders once the page has data)
      const failed = page.getByRole('alert').filter({ hasText: message });
      for (let clicks = 0; (await failed.count()) > 0; clicks++) {
        expect(clicks, 'one Retry per failed panel, not more').toBeLessThan(6);
        // A panel may clear without its Retry: its card re-rendered, or a part of the page that
        // mounted late (a lazily loaded control) asked for the same data again, now answered.
        // So the Retry clicked is the one in the panel taken, and a panel gone meanwhile is counted again.
        const panel = await failed.first().elementHandle({ timeout: 5_000 }).catch(() => null);
        if (!panel) continue;
        const connected = () => panel.evaluate((el) => el.isConnected);
        const retry = await panel.$('button:has-text("Retry")');
        if (!retry) {
          expect(await connected(), 'a failed panel offers Retry').toBe(false);
          continue;
        }
        await retry.click({ timeout: 5_000 }).catch(async (error: unknown) => {
          if (await connected()) throw error;
        });
        await expect.poll(connected, { timeout: 30_000 }).toBe(false);
        await settled(page, state);
      }
      await settled(page, state);
      await expect(failed).toHaveCount(0);
      await expectNotBlank(page, heading);
    });
  }
}

test('429 with Retry-After is retried after the wait it asks for, without a click', async ({ page }) => {
  let limited: string | undefined;
  let first = 0;
  let last429 = 0;
  let answered = 0;
  await page.route('**/v2/billing/usage?**', async (route) => {
    const url = route.request().url();
    limited ??= url;
    if (url !== limited) return route.fallback();
    const now = Date.now();
    first ||= now;
    // every attempt in the first second is turned away (a development build mounts twice)
    if (now - first < 1000) {
      last429 = now;
      return route.fulfill({
        status: 429,
        headers: { 'Retry-After': '2' },
        contentType: 'application/json',
        body: JSON.stringify({ error: { code: 'rate_limited', message: 'Slow down' } }),
      });
    }
    answered ||= now;
    return route.fallback();
  });
  await page.goto('/');
  await expect(page.getByRole('group', { name: 'Total cost' }).getByTestId('metric-value')).toBeVisible({ timeout: 20_000 });
  // the same request again, no sooner than the two seconds the API asked for
  expect(answered).toBeGreaterThan(0);
  expect(answered - last429).toBeGreaterThanOrEqual(1900);
});

test('a request that never answers times out with a message, then Retry recovers', async ({ page }) => {
  await page.clock.install();
  let hang = true;
  await page.route('**/v2/**', async (route) => {
    if (hang) return; // never answered
    await route.fallback();
  });
  await page.goto('/');
  await expectNotBlank(page, 'Overview');
  // the request timeout, then two retries, each timing out
  for (let i = 0; i < 8; i++) await page.clock.runFor(10_000);
  await expect(page.getByRole('alert').filter({ hasText: /did not answer within/ }).first()).toBeVisible();
  hang = false;
  await page.getByRole('button', { name: 'Retry' }).first().click();
  await page.clock.runFor(1_000);
  await expect(page.getByRole('group', { name: 'Total cost' }).getByTestId('metric-value')).toBeVisible({ timeout: 20_000 });
});

test('data on screen stays, with its age, when a later refresh fails', async ({ page }) => {
  await page.goto('/');
  const total = page.getByRole('group', { name: 'Total cost' }).getByTestId('metric-value');
  await expect(total).toBeVisible();
  const shown = await total.textContent();
  await page.route('**/v2/**', (route) => route.fulfill({ status: 503, body: 'down' }));
  const banner = page.getByRole('alert').filter({ hasText: /Showing data from/ });
  // Data is fresh for five minutes: move the page's clock past that, then come back to
  // the tab, which refetches stale queries on screen (as the hourly refresh would).
  await page.clock.setFixedTime(Date.parse(process.env.E2E_SANDBOX_NOW!) + 10 * 60_000);
  await page.evaluate(() => window.dispatchEvent(new Event('visibilitychange')));
  await expect(banner).toBeVisible({ timeout: 20_000 });
  await expect(total).toHaveText(shown!);
  await page.unroute('**/v2/**');
  await banner.getByRole('button', { name: 'Retry' }).click();
  await expect(banner).toHaveCount(0, { timeout: 20_000 });
});
