import type { Locator, Page } from '@playwright/test';
import { usageResponseSchema } from '../src/contract/billing.ts';
import { queryString } from '../src/contract/query-string.ts';
import { api, expect, money, test } from './fixtures.ts';

/**
 * The chart frame on every page: each chart is exactly one named tab stop (no
 * empty stops from Recharts' layers) with no axis label drawn over another, and a chart's table view fits its card
 * at 1440 px or scrolls with a visible cue on a phone.
 */

interface ChartStops {
  label: string;
  drawn: boolean;
  stops: { tag: string; role: string | null; name: string | null }[];
}

/** Every chart on the page ([data-chart]) with the elements Tab stops at inside it. */
async function chartStops(page: Page): Promise<ChartStops[]> {
  return page.locator('[data-chart]').evaluateAll((charts) =>
    charts.map((chart) => {
      const focusable = [...chart.querySelectorAll<HTMLElement>('a[href], button, input, select, textarea, [tabindex], [contenteditable]')];
      const stops = focusable.filter((el) => {
        if (el.getAttribute('tabindex') === '-1' || (el as HTMLButtonElement).disabled) return false;
        const box = el.getBoundingClientRect();
        return box.width > 0 && box.height > 0 && getComputedStyle(el).visibility !== 'hidden';
      });
      return {
        label: chart.getAttribute('data-chart') ?? '',
        drawn: chart.querySelector('svg') !== null,
        stops: stops.map((el) => ({ tag: el.tagName.toLowerCase(), role: el.getAttribute('role'), name: el.getAttribute('aria-label') })),
      };
    }),
  );
}

/** Axis labels that are drawn over one another, per chart ("chart: label × label"); none when every label stands apart. */
async function overlappingLabels(page: Page): Promise<string[]> {
  return page.locator('[data-chart]').evaluateAll((charts) =>
    charts.flatMap((chart) =>
      // an axis's labels are drawn in a layer of their own, above the plot
      [...chart.querySelectorAll('.recharts-cartesian-axis-tick-labels')].flatMap((axis) => {
        const labels = [...axis.querySelectorAll('text')]
          .map((el) => ({ text: el.textContent ?? '', box: el.getBoundingClientRect() }))
          .filter((l) => l.text !== '' && l.box.width > 0);
        const clashes: string[] = [];
        labels.forEach((a, i) =>
          labels.slice(i + 1).forEach((b) => {
            const apart = a.box.right <= b.box.left || b.box.right <= a.box.left || a.box.bottom <= b.box.top || b.box.bottom <= a.box.top;
            if (!apart) clashes.push(`${chart.getAttribute('data-chart')}: ${a.text} × ${b.text}`);
          }),
        );
        return clashes;
      }),
    ),
  );
}

const PAGES: { path: string; charts: (string | RegExp)[] }[] = [
  { path: '/', charts: ['Cost over time', 'Cost by region'] },
  {
    path: '/usage',
    charts: ['Cost by region', 'Cost over time by region', 'Training jobs: cost over the period', 'Storage: cost over the period'],
  },
  { path: '/usage/clusters', charts: ['Usage and cost over time'] },
  { path: '/compare', charts: ['Cost, both periods overlaid'] },
  { path: '/forecast', charts: ['Actual and projected cost'] },
  { path: '/optimization', charts: ['Savings by category'] },
  { path: '/teams', charts: ['Cost by team and resource type', /^Research: cost over the period$/] },
];

test.describe('the chart frame', () => {
  test.setTimeout(180_000);

  test('every chart on every page is exactly one named tab stop', async ({ page, axe }) => {
    for (const { path, charts } of PAGES) {
      await page.goto(path);
      // Charts load lazily and draw once measured: wait until the expected ones are drawn.
      await expect
        .poll(async () => {
          const found = await chartStops(page);
          return charts.every((want) => found.some((c) => c.drawn && (typeof want === 'string' ? c.label === want : want.test(c.label))));
        }, { message: `charts drawn on ${path}`, timeout: 30_000 })
        .toBe(true);
      await page.waitForLoadState('networkidle');
      const found = (await chartStops(page)).filter((c) => c.drawn);
      expect(found.length, path).toBeGreaterThanOrEqual(charts.length);
      for (const chart of found) {
        expect(chart.stops, `${path}: ${chart.label}`).toHaveLength(1);
        const [stop] = chart.stops;
        expect(stop!.tag, `${path}: ${chart.label}`).toBe('svg');
        expect(stop!.role).toBe('img');
        expect(stop!.name, `${path}: ${chart.label}`).toMatch(new RegExp(`^${chart.label.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
      }
      // every axis label readable: none drawn over another
      expect(await overlappingLabels(page), path).toEqual([]);
      expect(await axe(), path).toEqual([]);
    }
  });

  test('a sparkline shows its points with the arrow keys, and lists them as a table', async ({ page }) => {
    const answer = usageResponseSchema.parse(
      await api(`/v2/billing/usage?${queryString({ timeRange: 'current_month', granularity: 'daily', currency: 'USD' })}`),
    );
    const series = answer.breakdown.find((b) => b.resourceType === 'storage')!.timeSeries;
    expect(series.length).toBeGreaterThan(2);
    await page.goto('/usage');
    const spark = page.locator('[data-chart="Storage: cost over the period"]');
    const surface = spark.locator('svg[role="img"]');
    await expect(surface).toHaveAttribute('aria-label', new RegExp(`^Storage: cost over the period: ${money(series[0]!.cost).replace('$', '\\$')} on `));
    // Tab from the card's link reaches the line next.
    await page.getByRole('link', { name: /^Storage/ }).focus();
    await page.keyboard.press('Tab');
    await expect(surface).toBeFocused();
    await page.keyboard.press('Home');
    const live = spark.locator('[aria-live="polite"]');
    await expect(live).toHaveText(`Mon, Jan 1, 2024: ${money(series[0]!.cost)}`);
    await page.keyboard.press('ArrowRight');
    await expect(live).toHaveText(`Tue, Jan 2, 2024: ${money(series[1]!.cost)}`);
    // the tooltip beside the line says the same
    await expect(spark.locator('dd')).toHaveText(money(series[1]!.cost));
    await expect(spark.locator('dd')).toBeVisible();
    await page.keyboard.press('Escape');
    await expect(live).toHaveText('');
    const rows = spark.getByRole('table', { includeHidden: true }).locator('tbody tr');
    await expect(rows).toHaveCount(series.length);
    // A second Tab leaves the card: the line is its only stop besides the link.
    await page.keyboard.press('Tab');
    await expect(surface).not.toBeFocused();
    expect(await spark.evaluate((el) => el.contains(document.activeElement))).toBe(false);
  });
});

/** The table view of a chart card: its scroll box, the box's bounds and the Total header's right edge. */
async function tableGeometry(card: Locator) {
  await card.getByRole('button', { name: 'Show as table' }).click();
  const box = card.locator('[role="region"]:has(> table)');
  await expect(box.locator('tbody tr').first()).toBeVisible();
  return box.evaluate((el) => {
    const bounds = el.getBoundingClientRect();
    const headers = [...el.querySelectorAll('thead th')];
    const total = headers.find((th) => /^Total/.test(th.textContent ?? ''))!.getBoundingClientRect();
    const first = headers[0]!.getBoundingClientRect();
    return {
      right: bounds.left + el.clientLeft + el.clientWidth,
      left: bounds.left + el.clientLeft,
      totalRight: total.right,
      firstLeft: first.left,
      overflow: el.scrollWidth - el.clientWidth,
    };
  });
}

test.describe('chart table views at 1440 px', () => {
  test.use({ viewport: { width: 1440, height: 900 } });

  for (const { path, title } of [
    { path: '/', title: 'Cost over time' },
    { path: '/usage?groupBy=project', title: 'Cost over time by project' },
  ])
    test(`${title} (${path}): every column fits, the Total column inside the visible table`, async ({ page, axe }) => {
      await page.goto(path);
      const card = page.getByRole('region', { name: title, exact: true });
      await expect(card.locator('svg.recharts-surface')).toBeVisible();
      const g = await tableGeometry(card);
      expect(g.overflow).toBeLessThanOrEqual(0);
      expect(g.totalRight).toBeLessThanOrEqual(g.right + 0.5);
      await expect(card.getByTestId('more-columns')).toHaveCount(0);
      expect(await axe()).toEqual([]);
    });
});

test.describe('chart table views on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test('the table scrolls sideways with a visible cue, the first column kept in view', async ({ page, axe }) => {
    await page.goto('/');
    const card = page.getByRole('region', { name: 'Cost over time', exact: true });
    await expect(card.locator('svg.recharts-surface')).toBeVisible();
    const before = await tableGeometry(card);
    expect(before.overflow).toBeGreaterThan(0);
    expect(before.totalRight).toBeGreaterThan(before.right);
    const cue = card.getByTestId('more-columns');
    await expect(cue).toBeVisible();
    await expect(cue).toHaveText(/scroll sideways/);

    const box = card.locator('[role="region"]:has(> table)');
    await box.evaluate((el) => el.scrollTo({ left: el.scrollWidth }));
    await expect(cue).toHaveCount(0);
    const after = await box.evaluate((el) => {
      const bounds = el.getBoundingClientRect();
      const headers = [...el.querySelectorAll('thead th')];
      return {
        scrolled: el.scrollLeft,
        right: bounds.left + el.clientLeft + el.clientWidth,
        left: bounds.left + el.clientLeft,
        totalRight: headers.find((th) => /^Total/.test(th.textContent ?? ''))!.getBoundingClientRect().right,
        firstLeft: headers[0]!.getBoundingClientRect().left,
      };
    });
    expect(after.scrolled).toBeGreaterThan(0);
    expect(after.totalRight).toBeLessThanOrEqual(after.right + 0.5);
    // the dates stay at the left edge while the figures scroll under them
    expect(Math.abs(after.firstLeft - after.left)).toBeLessThanOrEqual(1);
    expect(await axe()).toEqual([]);
  });
});
