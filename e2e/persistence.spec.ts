import type { Page } from '@playwright/test';
import { expect, SANDBOX_NOW, test } from './fixtures';

/**
 * Return visits paint from the persisted query cache (src/app/query-persistence.ts):
 * with the API unreachable, a reload still shows the last visit's figures, and a
 * cache written under another contract version is ignored.
 */
const KEY = 'tensorone-billing:query-cache';

/**
 * Waits until the cache holding the page's answers is saved. Saves are throttled to
 * one a second by the clock, which the fixtures pin: move it on a little first.
 */
async function waitForSave(page: Page, atLeast: () => number = () => 1): Promise<void> {
  await page.clock.setFixedTime(Date.parse(SANDBOX_NOW) + 5_000);
  await expect
    .poll(
      async () =>
        (await page.evaluate((key) => (JSON.parse(window.localStorage.getItem(key) ?? '{}') as { clientState?: { queries: unknown[] } }).clientState?.queries.length ?? 0, KEY)) >= atLeast(),
      { timeout: 10_000 },
    )
    .toBe(true);
}

test('a return visit shows the last figures at once, even while the API does not answer', async ({ page }) => {
  // every answer the first visit got (one query each), so the save awaited below holds them all
  const answered = new Set<string>();
  page.on('response', (r) => {
    if (r.url().includes('/v2/') && r.ok()) answered.add(r.url());
  });
  await page.goto('/?timeRange=last_month');
  const total = page.getByRole('group', { name: 'Total cost' }).getByTestId('metric-value');
  await expect(total).toHaveText(/\d/);
  const shown = await total.textContent();
  // the page's lazily loaded cards ask after the first figures show
  await page.waitForLoadState('networkidle');
  await waitForSave(page, () => answered.size);

  let requests = 0;
  await page.route('**/v2/**', () => {
    requests++; // never answered: only the stored cache can paint the page
  });
  await page.reload();
  await expect(total).toHaveText(shown!, { timeout: 5_000 });
  await expect(page.getByRole('img', { name: /cost over time/i }).or(page.locator('.recharts-surface')).first()).toBeVisible();
  await expect(page.getByText(/Updated .* ago|Updated just now/)).toBeVisible();
  // the stored answers are as fresh as when they were fetched: nothing had to be asked again
  expect(requests).toBe(0);
});

test('a stored cache from another contract version is not shown', async ({ page }) => {
  await page.goto('/?timeRange=last_month');
  const total = page.getByRole('group', { name: 'Total cost' }).getByTestId('metric-value');
  await expect(total).toHaveText(/\d/);
  await waitForSave(page);
  await page.evaluate((key) => {
    const stored = JSON.parse(window.localStorage.getItem(key)!) as { buster: string };
    window.localStorage.setItem(key, JSON.stringify({ ...stored, buster: 'an-older-contract' }));
  }, KEY);

  let requests = 0;
  await page.route('**/v2/**', () => {
    requests++; // never answered: figures could only come from the stored cache
  });
  await page.reload();
  await expect(page.getByRole('main')).toBeVisible();
  // Queries wait for the restore; once they ask the API, the restore is over and has decided.
  // (A usable cache would have answered them: see the test above, where nothing is asked.)
  await expect.poll(() => requests, { timeout: 10_000 }).toBeGreaterThan(0);
  // the outdated cache is discarded, not just skipped
  await expect
    .poll(() => page.evaluate((key) => (JSON.parse(window.localStorage.getItem(key) ?? '{}') as { buster?: string }).buster ?? null, KEY))
    .not.toBe('an-older-contract');
  await expect(total).toHaveCount(0);
  await page.unroute('**/v2/**');
});
