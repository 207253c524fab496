import type { Locator } from '@playwright/test';
import { usageResponseSchema, type UsageResponse } from '../src/contract/billing.ts';
import { api, expect, test } from './fixtures.ts';

async function usage(query: string): Promise<UsageResponse> {
  return usageResponseSchema.parse(await api(`/v2/billing/usage?${query}`));
}

function money(amount: number, currency: string): string {
  return new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(amount);
}

const SCALE: Record<string, number> = { K: 1e3, M: 1e6, B: 1e9, T: 1e12 };
const UNIT_SCALE: Record<string, number[]> = { GB: [1], TB: [1e3, 1024], PB: [1e6, 1024 ** 2] };

/**
 * Reads a figure as the page shows it ("156.7", "89,543", "89.5K", "2.85 TB",
 * "1,256.8 GB") and says whether it is `expected` rounded to the precision shown.
 * A card may pick compact notation or a larger storage unit; either is fine as
 * long as the figure is the API's, rounded.
 */
function showsValue(text: string, expected: number): boolean {
  const m = /(-?[\d,]+(?:\.(\d+))?)\s*([KMBT])?\b\s*([KMGTP]B)?/i.exec(text.replace(/\u00a0/g, ' '));
  if (!m) return false;
  const [, num = '', decimals = '', suffix, unit] = m;
  const shown = Number(num.replace(/,/g, ''));
  const scale = suffix ? (SCALE[suffix.toUpperCase()] ?? 1) : 1;
  const unitScales = unit ? (UNIT_SCALE[unit.toUpperCase()] ?? [1]) : [1];
  return unitScales.some((u) => {
    const factor = scale * u;
    const tolerance = 0.5 * 10 ** -decimals.length * factor + 1e-9 * Math.abs(expected);
    return Math.abs(shown * factor - expected) <= tolerance;
  });
}

async function expectFigure(card: Locator, expected: number): Promise<void> {
  const value = card.getByTestId('metric-value');
  await expect(value).toBeVisible();
  await expect
    .poll(async () => {
      const text = (await value.textContent()) ?? '';
      return showsValue(text, expected) ? 'ok' : `shows "${text}", API says ${expected}`;
    })
    .toBe('ok');
}

test.describe('Overview', () => {
  test('shows the current month summary from the API, with no console errors or serious a11y issues', async ({
    page,
    axe,
  }) => {
    const expected = await usage('timeRange=current_month');
    expect(expected.summary.currency).toBe('USD');

    await page.goto('/');
    await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();

    const summary = page.getByRole('region', { name: 'Summary' });
    const card = (name: string) => summary.getByRole('group', { name, exact: true });

    await expect(card('Total cost').getByTestId('metric-value')).toHaveText(money(expected.summary.totalCost, 'USD'));
    await expectFigure(card('GPU hours'), expected.summary.totalGpuHours);
    await expectFigure(card('API requests'), expected.summary.totalApiRequests);
    await expectFigure(card('Storage'), expected.summary.totalStorageGB);
    await expectFigure(card('Bandwidth'), expected.summary.totalBandwidthGB);

    // Let the rest of the page (charts, tables) settle before scanning it.
    await page.waitForLoadState('networkidle');
    expect(await axe()).toEqual([]);
  });

  test('?currency=JPY shows the total in yen, without decimals', async ({ page }) => {
    const expected = await usage('timeRange=current_month&currency=JPY');
    expect(expected.summary.currency).toBe('JPY');
    const yen = money(expected.summary.totalCost, 'JPY');
    expect(yen).toMatch(/^¥[\d,]+$/);

    await page.goto('/?currency=JPY');
    await expect(page.getByRole('heading', { level: 1, name: 'Overview' })).toBeVisible();
    const total = page
      .getByRole('region', { name: 'Summary' })
      .getByRole('group', { name: 'Total cost', exact: true })
      .getByTestId('metric-value');
    await expect(total).toHaveText(yen);
  });
});
