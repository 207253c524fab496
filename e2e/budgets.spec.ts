import type { Locator, Page } from '@playwright/test';
import {
  budgetListResponseSchema,
  budgetSchema,
  budgetStatusResponseSchema,
  type Budget,
  type BudgetStatus,
  usageResponseSchema,
} from '../src/contract/billing.ts';
import { api, expect, money, SANDBOX_API_KEY, SANDBOX_URL, test } from './fixtures.ts';

/**
 * Budgets created here stay in the sandbox database for the rest of the run,
 * so every test makes its own (unique name, created through the API where the
 * test is not about creating) and deletes what it made, whatever the order.
 */
const PREFIX = 'E2E budget';
const uniqueName = (what: string) => `${PREFIX} ${what} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;


async function statusOf(budgetId: string): Promise<BudgetStatus> {
  const { budgets } = budgetStatusResponseSchema.parse(await api('/v2/billing/budgets/status'));
  const item = budgets.find((b) => b.budgetId === budgetId);
  if (!item) throw new Error(`No status for ${budgetId}`);
  return item;
}

async function budgetsNamed(name: string): Promise<Budget[]> {
  const { budgets } = budgetListResponseSchema.parse(await api('/v2/billing/budgets'));
  return budgets.filter((b) => b.name === name);
}

async function createBudget(name: string, body: Record<string, unknown> = {}): Promise<Budget> {
  return budgetSchema.parse(
    await api('/v2/billing/budgets', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({
        name,
        monthlyBudget: 60000,
        resourceTypes: ['clusters'],
        alertThresholds: [50, 80, 100],
        notificationChannels: ['email'],
        actions: { at_80_percent: 'send_alert', at_100_percent: ['send_critical', 'notify_admin'] },
        ...body,
      }),
    }),
  );
}

/** DELETE through the sandbox directly (204, no body). */
async function deleteBudget(budgetId: string): Promise<void> {
  await fetch(new URL(`/v2/billing/budgets/${budgetId}`, SANDBOX_URL), {
    method: 'DELETE',
    headers: { Authorization: `Bearer ${SANDBOX_API_KEY}` },
  });
}

const made = new Set<string>();
test.afterEach(async () => {
  const { budgets } = budgetListResponseSchema.parse(await api('/v2/billing/budgets'));
  for (const b of budgets) if (made.has(b.name)) await deleteBudget(b.budgetId);
  made.clear();
});

const card = (page: Page, name: string) => page.getByRole('article', { name });

async function openList(page: Page) {
  await page.goto('/budgets');
  await expect(page.getByRole('heading', { level: 1, name: 'Budgets' })).toBeVisible();
  await expect(page.getByRole('list', { name: 'Budgets' })).toBeVisible();
}

/** The month-end projection of record for a budget's types: the API's /usage projection for the month in progress. */
async function recordOf(s: BudgetStatus): Promise<number> {
  const types = s.resourceTypes?.includes('all') ? [] : (s.resourceTypes ?? []);
  const qs = ['timeRange=current_month', 'granularity=monthly', 'includeProjections=true', 'currency=USD', ...types.map((t) => `resourceType[]=${t}`)];
  const usage = usageResponseSchema.parse(await api(`/v2/billing/usage?${qs.join('&')}`));
  return usage.projections!.projectedCost;
}

/**
 * The card shows the API's status figures for the budget (a USD budget on a USD page), the projection of
 * record, and a ranked status consistent with both and with the breach chance it shows.
 */
async function expectCardFigures(article: Locator, s: BudgetStatus) {
  await expect(article.getByTestId('budget-spent')).toHaveText(money(s.currentSpent, s.currency));
  const record = await recordOf(s);
  await expect(article.getByTestId('budget-projected')).toHaveText(money(record, s.currency));
  await expect(article.getByTestId('budget-breach')).toHaveText(/^(\d+%|Under 1%|Over 99%) chance to exceed by month end|^Exceeded already/);
  await expect(article.getByText(/^Forecast month end/)).toContainText(`Forecast month end ${money(record, s.currency)}`);
  await expect(article.getByTestId('budget-days-left')).toHaveText(String(s.daysRemainingInPeriod));
  await expect(article.getByTestId('budget-crossed')).toHaveText(
    s.thresholdsCrossed.length === 0 ? 'None' : s.thresholdsCrossed.map((t) => `${t}%`).join(', '),
  );
  await expect(article).toContainText(`${s.percentageUsed.toFixed(1)}% of budget`);
  const breach = (await article.getByTestId('budget-breach').textContent()) ?? '';
  const chance = /^Over 99%/.test(breach) ? 1 : /^Under 1%/.test(breach) ? 0 : Number(/^(\d+)%/.exec(breach)?.[1] ?? NaN) / 100;
  const rank =
    s.percentageUsed >= 100 ? 'exceeded' : record >= s.monthlyBudget ? 'projected_over' : chance >= 0.2 ? 'at_risk' : 'on_track';
  await expect(article.getByTestId('budget-rank')).toHaveAttribute('data-rank', rank);
  // the breach forecast is centred on the projection: over the budget means more likely than not
  if (rank === 'projected_over') expect(chance).toBeGreaterThanOrEqual(0.45);
  if (rank === 'at_risk' || rank === 'on_track') expect(chance).toBeLessThanOrEqual(0.55);
}

test.describe('Budgets', () => {
  test('the list shows every budget with the API figures, with no serious a11y issues', async ({ page, axe }) => {
    const { budgets } = budgetStatusResponseSchema.parse(await api('/v2/billing/budgets/status'));
    await openList(page);
    for (const s of budgets.filter((b) => !b.name.startsWith(PREFIX))) await expectCardFigures(card(page, s.name), s);
    expect(await axe()).toEqual([]);
  });

  test('creates a budget with thresholds set by keyboard; it is listed with the API figures', async ({ page, axe }) => {
    const name = uniqueName('create');
    made.add(name);
    await openList(page);
    await page.getByRole('link', { name: 'New budget' }).first().click();
    await expect(page.getByRole('heading', { level: 1, name: 'New budget' })).toBeVisible();
    expect(await axe()).toEqual([]);

    await page.getByLabel('Budget name').fill(name);
    await page.getByLabel('Monthly budget').fill('75,000');
    await page.getByRole('checkbox', { name: 'GPU clusters' }).check();
    await expect(page.getByRole('checkbox', { name: 'All resource types' })).not.toBeChecked();

    // Threshold 1 starts at 50%, and cannot pass threshold 2 (75%).
    const t1 = page.getByRole('slider', { name: 'Threshold 1', exact: true });
    await expect(t1).toHaveValue('50');
    await t1.focus();
    await page.keyboard.press('ArrowRight');
    await expect(t1).toHaveValue('51');
    await page.keyboard.press('PageUp');
    await expect(t1).toHaveValue('61');
    await expect(t1).toHaveAttribute('aria-valuetext', '61%, $45,750.00');
    await page.keyboard.press('PageUp');
    await page.keyboard.press('PageUp');
    await expect(t1).toHaveValue('74');
    await expect(t1).toHaveAttribute('max', '74');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await page.keyboard.press('ArrowLeft');
    await expect(t1).toHaveValue('70');
    await expect(page.getByRole('spinbutton', { name: 'Threshold 1 percent' })).toHaveValue('70');

    // A fifth threshold, 10 points above the last, moved down to 95% is refused (it cannot pass 100%)…
    await page.getByRole('button', { name: 'Add threshold' }).click();
    const t5 = page.getByRole('slider', { name: 'Threshold 5', exact: true });
    await expect(t5).toHaveValue('110');
    await t5.focus();
    await page.keyboard.press('Home');
    await expect(t5).toHaveValue('101');
    // …and removed again.
    await page.getByRole('button', { name: 'Remove threshold 5' }).click();
    await expect(t5).toHaveCount(0);

    // The preview of the first threshold: 70% of 75,000, with the forecast's chance to reach it this month.
    const preview = page.getByTestId('threshold-preview').first();
    await expect(preview).toContainText(/^\$52,500\.00 · (\d+%|Under 1%|Over 99%) chance to reach by month end/);

    await page.getByRole('button', { name: 'Save budget' }).click();
    await expect(page).toHaveURL(/\/budgets$/);
    await expect(page.getByRole('status').filter({ hasText: `Saved budget “${name}”` })).toBeVisible();

    const [saved] = await budgetsNamed(name);
    expect(saved).toMatchObject({
      monthlyBudget: 75000,
      currency: 'USD',
      resourceTypes: ['clusters'],
      alertThresholds: [70, 75, 90, 100],
      notificationChannels: [{ type: 'email' }],
      actions: {
        at_70_percent: ['send_warning'],
        at_75_percent: ['send_alert'],
        at_90_percent: ['send_critical'],
        at_100_percent: ['send_critical', 'notify_admin'],
      },
    });
    await expectCardFigures(card(page, name), await statusOf(saved!.budgetId));
  });

  test('edits a budget: new figures in the list and in the API', async ({ page }) => {
    const name = uniqueName('edit');
    made.add(name);
    const budget = await createBudget(name);
    await openList(page);
    await card(page, name).getByRole('link', { name: 'Edit' }).click();
    await expect(page).toHaveURL(`/budgets/${budget.budgetId}/edit`);
    await expect(page.getByRole('heading', { level: 1, name: 'Edit budget' })).toBeVisible();

    // The form shows the stored budget, and the preview this month's spend for it.
    await expect(page.getByLabel('Budget name')).toHaveValue(name);
    await expect(page.getByLabel('Monthly budget')).toHaveValue('60000');
    await expect(page.getByRole('slider', { name: 'Threshold 2', exact: true })).toHaveValue('80');
    const before = await statusOf(budget.budgetId);
    await expect(page.getByTestId('preview-spent')).toHaveText(money(before.currentSpent));

    await page.getByLabel('Monthly budget').fill('45000.50');
    await page.getByRole('checkbox', { name: 'Training jobs' }).check();
    await page.getByRole('group', { name: 'Actions at threshold 1' }).getByRole('checkbox', { name: 'Notify admin' }).check();
    await page.getByRole('button', { name: 'Save budget' }).click();
    await expect(page).toHaveURL(/\/budgets$/);

    const after = await statusOf(budget.budgetId);
    expect(after.monthlyBudget).toBe(45000.5);
    expect(after.resourceTypes).toEqual(['clusters', 'training']);
    const stored = budgetSchema.parse(await api(`/v2/billing/budgets/${budget.budgetId}`));
    expect(stored.actions).toEqual({
      at_50_percent: ['notify_admin'],
      at_80_percent: ['send_alert'],
      at_100_percent: ['send_critical', 'notify_admin'],
    });
    await expect(card(page, name)).toContainText('$45,000.50 per month');
    await expectCardFigures(card(page, name), after);
  });

  test('deletes a budget after confirming', async ({ page }) => {
    const name = uniqueName('delete');
    made.add(name);
    await createBudget(name);
    await openList(page);

    await card(page, name).getByRole('button', { name: 'Delete' }).click();
    const dialog = page.getByRole('dialog', { name: `Delete budget “${name}”?` });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByRole('button', { name: 'Cancel' })).toBeFocused();
    await page.keyboard.press('Escape');
    await expect(dialog).toBeHidden();
    await expect(card(page, name)).toBeVisible();

    await card(page, name).getByRole('button', { name: 'Delete' }).click();
    await dialog.getByRole('button', { name: 'Delete budget' }).click();
    await expect(card(page, name)).toHaveCount(0);
    await expect(page.getByRole('status').filter({ hasText: `Deleted budget “${name}”` })).toBeVisible();
    expect(await budgetsNamed(name)).toEqual([]);
  });

  test.describe('when the API fails', () => {
    // The browser logs the failed request ("Failed to load resource … 404/500/400"): that one is expected.
    test.use({ failOnConsoleError: false });

    test('a failed delete puts the budget back and says why', async ({ page, consoleErrors }) => {
      const name = uniqueName('delete-fails');
      made.add(name);
      const budget = await createBudget(name);
      await page.route(`**/v2/billing/budgets/${budget.budgetId}`, async (route) => {
        if (route.request().method() !== 'DELETE') return route.fallback();
        await new Promise((r) => setTimeout(r, 300));
        return route.fulfill({
          status: 500,
          contentType: 'application/json',
          body: JSON.stringify({ error: { code: 'internal_error', message: 'The budget store is unavailable' } }),
        });
      });
      await openList(page);
      await card(page, name).getByRole('button', { name: 'Delete' }).click();
      await page.getByRole('dialog').getByRole('button', { name: 'Delete budget' }).click();
      // optimistic: gone at once…
      await expect(card(page, name)).toHaveCount(0);
      // …and back when the API refuses, with the reason.
      await expect(page.getByRole('alert')).toContainText(`Could not delete “${name}”: it is back in the list`);
      await expect(page.getByRole('alert')).toContainText('The budget store is unavailable');
      await expect(card(page, name)).toBeVisible();
      expect(await budgetsNamed(name)).toHaveLength(1);
      expect(consoleErrors.filter((e) => !/status of 500/.test(e))).toEqual([]);
    });

    test('a server-side error is shown at its field and the typed values stay', async ({ page, consoleErrors }) => {
      const name = uniqueName('server-error');
      made.add(name);
      // The sandbox checks bodies with the same schema as the form, so to get a
      // real refusal the request is changed on its way: the webhook goes out as http://.
      await page.route('**/v2/billing/budgets', async (route) => {
        if (route.request().method() !== 'POST') return route.fallback();
        const body = route.request().postDataJSON() as { notificationChannels: { type: string; url?: string }[] };
        for (const c of body.notificationChannels) if (c.url) c.url = c.url.replace(/^https:/, 'http:');
        const response = await route.fetch({ postData: JSON.stringify(body) });
        return route.fulfill({ response });
      });

      await page.goto('/budgets/new');
      await page.getByLabel('Budget name').fill(name);
      await page.getByLabel('Monthly budget').fill('12345.67');
      await page.getByRole('checkbox', { name: 'Webhook' }).check();
      await page.getByLabel('Webhook URL').fill('https://hooks.example.com/budgets');
      await page.getByRole('button', { name: 'Save budget' }).click();

      const url = page.getByLabel('Webhook URL');
      await expect(url).toHaveAccessibleDescription(/Webhook URL must be an https URL/);
      await expect(url).toHaveAttribute('aria-invalid', 'true');
      await expect(url).toBeFocused();
      await expect(page.getByRole('alert')).toContainText('The billing API refused some values');
      await expect(page).toHaveURL(/\/budgets\/new$/);
      await expect(page.getByLabel('Budget name')).toHaveValue(name);
      await expect(page.getByLabel('Monthly budget')).toHaveValue('12345.67');
      await expect(url).toHaveValue('https://hooks.example.com/budgets');
      expect(await budgetsNamed(name)).toEqual([]);
      expect(consoleErrors.filter((e) => !/status of 400/.test(e))).toEqual([]);

      // Sent unchanged, the same values are saved.
      await page.unroute('**/v2/billing/budgets');
      await page.getByRole('button', { name: 'Save budget' }).click();
      await expect(page).toHaveURL(/\/budgets$/);
      expect(await budgetsNamed(name)).toHaveLength(1);
    });
    test('an unknown budget says so with a way back', async ({ page, consoleErrors }) => {
      await page.goto('/budgets/bdg-does-not-exist/edit');
      await expect(page.getByRole('status').filter({ hasText: 'bdg-does-not-exist' })).toContainText('There is no budget');
      await page.getByRole('status').getByRole('link', { name: '← All budgets' }).click();
      await expect(page.getByRole('heading', { level: 1, name: 'Budgets' })).toBeVisible();
      expect(consoleErrors.filter((e) => !/status of 404/.test(e))).toEqual([]);
    });
  });

  test('validation messages are shown at their fields, and nothing is sent', async ({ page, axe }) => {
    const posts: string[] = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().includes('/v2/billing/budgets')) posts.push(r.url());
    });
    await page.goto('/budgets/new');
    await page.getByRole('spinbutton', { name: 'Threshold 2 percent' }).fill('40');
    await page.getByRole('checkbox', { name: 'All resource types' }).uncheck();
    await page.getByRole('button', { name: 'Save budget' }).click();

    const amount = page.getByLabel('Monthly budget');
    await expect(amount).toHaveAccessibleDescription('Monthly budget is required');
    await expect(amount).toHaveAttribute('aria-invalid', 'true');
    await expect(amount).toBeFocused();
    await expect(page.getByRole('spinbutton', { name: 'Threshold 2 percent' })).toHaveAccessibleDescription(
      'Threshold 2 must be greater than the threshold before it (50)',
    );
    await expect(page.getByRole('group', { name: 'Resource types' })).toHaveAccessibleDescription(
      'A budget needs at least 1 resource type',
    );
    expect(await axe()).toEqual([]);

    // Fixing a field clears its message as you type.
    await amount.fill('0');
    await expect(amount).toHaveAccessibleDescription('Monthly budget must be greater than 0');
    await amount.fill('100');
    await expect(amount).toHaveAccessibleDescription('');
    await page.getByRole('spinbutton', { name: 'Threshold 2 percent' }).fill('60');
    await expect(page.getByRole('spinbutton', { name: 'Threshold 2 percent' })).toHaveAccessibleDescription('');
    expect(posts).toEqual([]);
  });

  test('leaving a form with unsaved changes asks first', async ({ page }) => {
    await page.goto('/budgets/new');
    await expect(page.getByRole('heading', { level: 1, name: 'New budget' })).toBeVisible();
    const nav = page.getByRole('navigation', { name: 'Main' });

    // Untouched: leaves without asking.
    await nav.getByRole('link', { name: 'Budgets' }).click();
    await expect(page).toHaveURL(/\/budgets$/);

    await page.goto('/budgets/new');
    await page.getByLabel('Budget name').fill('Half-typed');
    await nav.getByRole('link', { name: 'Teams' }).click();
    const dialog = page.getByRole('dialog', { name: 'Leave without saving?' });
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: 'Stay on page' }).click();
    await expect(dialog).toBeHidden();
    await expect(page).toHaveURL(/\/budgets\/new$/);
    await expect(page.getByLabel('Budget name')).toHaveValue('Half-typed');

    // Back asks too; discarding leaves.
    await page.getByRole('link', { name: 'Cancel' }).click();
    await expect(dialog).toBeVisible();
    await dialog.getByRole('button', { name: 'Discard changes' }).click();
    await expect(page).toHaveURL(/\/budgets$/);

    // Closing the tab or reloading gets the browser's own prompt.
    await page.goto('/budgets/new');
    await page.getByLabel('Budget name').fill('Half-typed');
    const prompt = page.waitForEvent('dialog');
    await page.close({ runBeforeUnload: true });
    const beforeUnload = await prompt;
    expect(beforeUnload.type()).toBe('beforeunload');
    await beforeUnload.accept();
  });

});
