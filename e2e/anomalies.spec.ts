/**
 * Unusual spend on Overview: the sandbox's holiday campaign (ai-services,
 * text-to-image and LLM, from the 10th of the current month) is shaded on the
 * cost chart, listed under "Unusual spend" with its causes, and the API's
 * unusual_spike alert points to it.
 */
import { expect, test } from './fixtures.ts';

test('the campaign is marked on the cost chart, explained, and the spike alert points to it', async ({ page, axe }) => {
  await page.goto('/');
  const card = page.getByRole('region', { name: 'Unusual spend' });
  const item = card.getByRole('listitem').filter({ hasText: 'AI services' }).filter({ hasText: /^10–/ });
  await expect(item).toHaveCount(1);
  await expect(item).toContainText('Found in AI services in total');

  const chart = page.getByRole('region', { name: 'Cost over time' });
  await expect(chart.locator('.recharts-reference-area')).not.toHaveCount(0);
  await expect(chart).toContainText('Shaded: unusual spend');

  // The alert's link opens the same marker's causes.
  const alerts = page.getByRole('region', { name: 'Alerts' });
  await alerts.getByRole('button', { name: /Marked on the cost chart: 10–/ }).click();
  await expect(page).toHaveURL(/anomaly=ai-services%3A2024-01-10|anomaly=ai-services:2024-01-10/);
  const why = item.getByRole('button', { expanded: true });
  await expect(why).toBeVisible();
  const resources = item.getByRole('table', { name: 'Resources' });
  await expect(resources).toBeVisible();
  // The planted resources are the top two contributors.
  const names = await resources.locator('tbody th').allTextContents();
  expect(names.slice(0, 2).sort()).toEqual(['LLM Inference', 'Text-to-Image Generation']);
  await expect(item.getByRole('table', { name: 'Teams' })).toContainText('Product AI');

  await page.waitForLoadState('networkidle');
  expect(await axe()).toEqual([]);
});
