import type { Page } from '@playwright/test';
import { MAX_RANGE_DAYS } from '../server/queries/period.ts';
import { expect, test } from './fixtures.ts';

/**
 * A deep link the API refuses (a daily range longer than it answers): the page
 * shows the API's own message and keeps every filter of the link, so the user
 * can mend it in place.
 */

// The browser logs each refused request as a console error; those are checked below instead.
test.use({ failOnConsoleError: false });

const filterBar = (page: Page) => page.getByRole('region', { name: 'Filters' });
const DAY = 86_400_000;
const END = '2024-01-15';
// one day longer than the longest daily range
const START = new Date(Date.parse(END) - MAX_RANGE_DAYS.daily * DAY).toISOString().slice(0, 10);
const LINK = `/usage?timeRange=custom&startDate=${START}&endDate=${END}&currency=EUR`;

test('a range the API refuses shows its message, keeps the filters, and a coarser granularity answers', async ({ page, consoleErrors }) => {
  await page.goto(LINK);
  await expect(page.getByRole('heading', { level: 1, name: /^Usage/ })).toBeVisible();

  const alert = page.getByRole('alert').filter({ hasText: 'a daily range spans at most' }).first();
  await expect(alert).toBeVisible();
  await expect(alert).toContainText(`${MAX_RANGE_DAYS.daily.toLocaleString('en-US')} days`);
  await expect(alert).toContainText('HTTP 400 · invalid_parameter');
  await expect(alert.getByRole('button', { name: 'Retry' })).toBeVisible();

  // the link's filters are all still there, in the controls and in the URL
  const bar = filterBar(page);
  await expect(bar.getByLabel('Time range')).toHaveValue('custom');
  await expect(bar.getByLabel('Start date')).toHaveValue(START);
  await expect(bar.getByLabel('End date')).toHaveValue(END);
  await expect(bar.getByLabel('Currency')).toHaveValue('EUR');
  const url = new URL(page.url());
  expect(url.searchParams.get('startDate')).toBe(START);
  expect(url.searchParams.get('endDate')).toBe(END);

  // weekly buckets may span far longer: the same range answers
  await bar.getByLabel('Granularity').selectOption('weekly');
  await expect(page).toHaveURL(/[?&]granularity=weekly(&|$)/);
  await expect(page.getByRole('alert').filter({ hasText: 'spans at most' })).toHaveCount(0);
  const types = page.getByRole('region', { name: 'Resource types', exact: true });
  await expect(types).toHaveAttribute('aria-busy', 'false');
  await expect(types).toContainText('€');
  await expect(page.getByTestId('period')).toContainText(START.slice(0, 4));

  expect(consoleErrors.every((e) => /status of 400/.test(e)), consoleErrors.join('\n')).toBe(true);
});
