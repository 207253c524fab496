/**
 * The dashboard against stand-ins for the real TensorOne API, not our sandbox:
 * the production server (server/serve.ts, proxy mode: TENSORONE_API_URL and
 * TENSORONE_API_KEY) in front of
 * - "reference" (e2e/fakes/reference.ts): only what the reference documents,
 *   its /usage example verbatim;
 * - "grown" (e2e/fakes/grown.ts): the same with new enum values and fields.
 * Every page opens with no error panel and no console error, and shows the
 * figures the fake sent. The fakes refuse a request without the server's key,
 * so a page with figures also proves the proxy added it.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { startProdServer, viteBuild, type ProdServer } from '../server/prod/spawn.ts';
import { closedPort, listen, type Listening } from '../server/prod/testing.ts';
import { expect, money, test } from './fixtures.ts';
import { GROWN_REGION, GROWN_TOTAL, GROWN_TYPE, grownAnswer } from './fakes/grown.ts';
import {
  REFERENCE_BUDGETS,
  REFERENCE_OPTIMIZATION,
  REFERENCE_TEAMS,
  REFERENCE_USERS,
  USAGE_EXAMPLE_TEXT,
  fakeHandler,
  referenceAnswer,
  referenceForecast,
  type FakeAnswer,
  type FakeOptions,
} from './fakes/reference.ts';

const KEY = 'fake-upstream-key-7f3a';
const EXAMPLE = JSON.parse(USAGE_EXAMPLE_TEXT) as {
  summary: { totalCost: number };
  breakdown: { resourceType: string; usage: { cost: number } }[];
  regional: { region: string; cost: number }[];
  alerts: { message: string }[];
};
const LABELS: Record<string, string> = {
  clusters: 'GPU clusters',
  'ai-services': 'AI services',
  storage: 'Storage',
  bandwidth: 'Bandwidth',
};

let dist: string;
test.beforeAll(async () => {
  test.setTimeout(240_000);
  dist = mkdtempSync(path.join(tmpdir(), 'real-api-dist-'));
  await viteBuild(dist);
});
test.afterAll(() => rmSync(dist, { recursive: true, force: true }));

type Answer = (method: string, url: URL, authorization: string | null, options: FakeOptions) => FakeAnswer;

/** A fake upstream and the production server proxying to it, for one describe block. */
function upstream(answer: Answer) {
  const state: { fake?: Listening; prod?: ProdServer; requests: string[] } = { requests: [] };
  test.beforeAll(async () => {
    test.setTimeout(120_000);
    state.fake = await listen(
      fakeHandler((method, url, auth) => {
        state.requests.push(`${method} ${url.pathname} ${auth === `Bearer ${KEY}` ? 'key' : 'no key'}`);
        return answer(method, url, auth, { apiKey: KEY });
      }),
    );
    state.prod = await startProdServer(
      await closedPort(),
      { TENSORONE_API_URL: state.fake.url, TENSORONE_API_KEY: KEY, AUTH_MODE: 'none', DIST_DIR: dist },
      60_000,
    );
  });
  test.afterAll(async () => {
    await state.prod?.stop();
    await state.fake?.close();
  });
  return {
    open: async (page: Page, pathname: string) => {
      await page.goto(`${state.prod!.url}${pathname}`);
      await expect(page.getByRole('main')).toBeVisible();
    },
    requests: () => state.requests,
  };
}

/** The page finished loading: no skeleton left, and no error panel. */
async function settled(page: Page) {
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.getByText('does not understand')).toHaveCount(0);
}

const metric = (page: Page, title: string) =>
  page.getByRole('region', { name: 'Summary' }).getByRole('group', { name: title, exact: true }).getByTestId('metric-value');

test.describe('against the reference (documented fields only)', () => {
  const api = upstream(referenceAnswer);

  test('Overview shows the example: $1,247.83, its four types, its three regions and both alerts', async ({ page, axe }) => {
    await api.open(page, '/');
    await settled(page);
    await expect(metric(page, 'Total cost')).toHaveText(money(EXAMPLE.summary.totalCost));
    const cost = page.getByRole('region', { name: 'Cost over time' });
    for (const b of EXAMPLE.breakdown) await expect(cost).toContainText(`${LABELS[b.resourceType]}${money(b.usage.cost)}`);
    const regions = page.getByRole('region', { name: 'Cost by region' });
    for (const r of EXAMPLE.regional) await expect(regions.getByRole('row', { name: new RegExp(`${r.region}.*${money(r.cost).replace('$', '\\$')}`) })).toHaveCount(1);
    await expect(regions.getByRole('row')).toHaveCount(EXAMPLE.regional.length + 2); // header and total
    for (const a of EXAMPLE.alerts) await expect(page.getByText(a.message)).toBeVisible();
    expect(await axe()).toEqual([]);
    expect(api.requests().every((r) => r.endsWith(' key'))).toBe(true);
  });

  test('Usage and a type page show the example’s types, regions and top resources', async ({ page }) => {
    await api.open(page, '/usage');
    await settled(page);
    for (const b of EXAMPLE.breakdown) await expect(page.getByRole('link', { name: new RegExp(LABELS[b.resourceType]!) })).toContainText(money(b.usage.cost));
    // groupBy=region has no `groups` in the reference: the rows come from `regional`.
    const table = page.getByRole('table', { name: 'Region breakdown' });
    for (const r of EXAMPLE.regional) await expect(table).toContainText(r.region);
    await api.open(page, '/usage/clusters');
    await settled(page);
    await expect(page.getByText('GPU Cluster A100-001').first()).toBeVisible();
    await expect(page.getByText(money(784.5)).first()).toBeVisible();
  });

  test('leaves out what needs the sandbox’s extensions, without asking for them: a cluster’s GPU utilisation, cost over time by group', async ({ page, axe }) => {
    await api.open(page, '/usage/clusters?resource=cluster-gpu-a100-001');
    await settled(page);
    await expect(page.getByText('GPU Cluster A100-001').first()).toBeVisible();
    await expect(page.getByRole('region', { name: 'GPU utilisation' })).toHaveCount(0);
    // By service the reference documents no figure at all (e2e/real-api-series.spec.ts has the other groups, by bucket).
    await api.open(page, '/usage?groupBy=service');
    await settled(page);
    await expect(page.getByRole('region', { name: 'Cost over time by service' })).toContainText('documents no cost by service');
    expect(await axe()).toEqual([]);
    expect(api.requests().filter((r) => /\/usage\/(utilization|series)/.test(r))).toEqual([]);
  });

  test('Forecast shows the projections without a band, scenarios and growth drivers', async ({ page, axe }) => {
    await api.open(page, '/forecast?forecastPeriod=6_months');
    await settled(page);
    const expected = referenceForecast(6);
    const table = page.getByRole('table', { name: 'Projected cost by month' });
    for (const m of expected.monthlyProjections) await expect(table).toContainText(money(m.projectedCost));
    await expect(table.getByRole('columnheader', { name: /Lower/ })).toHaveCount(0);
    for (const d of expected.growthDrivers) await expect(page.getByText(d.factor)).toBeVisible();
    await expect(page.getByText(money(expected.scenarios.expected.sixMonthTotal))).toBeVisible();
    expect(await axe()).toEqual([]);
  });

  test('Optimization shows savings, waste and recommendations as sent', async ({ page, axe }) => {
    await api.open(page, '/optimization');
    await settled(page);
    await expect(metric(page, 'Potential savings')).toHaveText(money(REFERENCE_OPTIMIZATION.potentialSavings.totalMonthly));
    await expect(metric(page, 'Identified waste')).toHaveText(money(REFERENCE_OPTIMIZATION.wasteAnalysis.totalWaste));
    for (const r of REFERENCE_OPTIMIZATION.recommendations) await expect(page.getByText(r.title)).toBeVisible();
    for (const w of REFERENCE_OPTIMIZATION.wasteAnalysis.items) await expect(page.getByText(w.description)).toBeVisible();
    expect(await axe()).toEqual([]);
  });

  test('Teams and a team page work with ids made from the names', async ({ page, axe }) => {
    await api.open(page, '/teams');
    await settled(page);
    await expect(metric(page, 'Total cost')).toHaveText(money(EXAMPLE.summary.totalCost));
    const board = page.getByRole('table', { name: /leaderboard/i });
    for (const t of REFERENCE_TEAMS) await expect(board.getByRole('row', { name: new RegExp(t.teamName) })).toContainText(money(t.totalCost));
    const users = page.getByRole('table', { name: 'Top users' });
    for (const u of REFERENCE_USERS) await expect(users.getByRole('row', { name: new RegExp(u.userName) })).toContainText(money(u.totalCost));
    expect(await axe()).toEqual([]);
    await board.getByRole('link', { name: 'ML Research' }).click();
    await expect(page).toHaveURL(/\/teams\/ML%20Research/);
    await settled(page);
    await expect(page.getByRole('heading', { name: 'ML Research', level: 1 })).toBeVisible();
    await expect(page.getByRole('table', { name: 'Users in ML Research' })).toContainText('Ada Lovelace');
  });

  test('Budgets shows every budget without a projection, with a note', async ({ page, axe }) => {
    await api.open(page, '/budgets');
    await settled(page);
    const cards = page.getByRole('list', { name: 'Budgets' }).getByRole('article');
    await expect(cards).toHaveCount(REFERENCE_BUDGETS.length);
    for (const [i, b] of REFERENCE_BUDGETS.entries()) {
      const card = cards.nth(i);
      await expect(card.getByRole('heading')).toHaveText(b.name ?? 'Default Budget');
      await expect(card.getByTestId('budget-spent')).toHaveText(money(b.currentSpent));
      await expect(card).toContainText(`${money(b.monthlyBudget)} per month`);
      await expect(card.getByTestId('budget-projected')).toHaveText('—');
      await expect(card).toContainText('The API gave no projection');
      await expect(card.getByTestId('projected-marker')).toHaveCount(0);
      await expect(card.getByTestId('budget-days-left')).toHaveText(String(b.daysRemainingInPeriod));
    }
    expect(await axe()).toEqual([]);
  });

  test('Compare works from documented fields: the change by type, team and region adds up to the total to the cent', async ({ page, axe }) => {
    // The stand-in answers the example for every span. The API's clock: today is 16 Jan, its newest hour with data
    // 00:00 (the example's daily stamps), so 16 Dec counts 1/24 and the earlier span is the example less 23/24 of it.
    const total = EXAMPLE.summary.totalCost;
    const expected = Math.round(total * 100) - Math.round((total - (23 / 24) * total) * 100);
    await api.open(page, '/compare');
    await settled(page);
    await expect(page.getByTestId('compare-label')).toContainText('1–16 Jan 2024 vs 1–16 Dec 2023');
    for (const id of ['drivers-by-type', 'change-by-team', 'change-by-region']) {
      const table = page.getByTestId(id);
      await expect(table.locator(':scope > tfoot [data-testid="change-total"]')).toHaveAttribute('data-change', String(expected));
      const changes = await table.locator(':scope > tbody > tr[data-key]').evaluateAll((rows) => rows.map((r) => Number(r.getAttribute('data-change'))));
      expect(changes.reduce((a, b) => a + b, 0), id).toBe(expected);
    }
    const types = page.getByTestId('drivers-by-type');
    for (const b of EXAMPLE.breakdown) await expect(types.locator(`:scope > tbody > tr[data-key="${b.resourceType}"]`)).toHaveCount(1);
    expect(await axe()).toEqual([]);
  });
});

test.describe('against the reference: creating a budget', () => {
  const api = upstream(referenceAnswer);

  test('a new budget is saved when the API answers with only its id, as the reference shows', async ({ page }) => {
    await api.open(page, '/budgets/new');
    await page.getByLabel('Budget name').fill('Reference budget');
    await page.getByLabel('Monthly budget').fill('2,000');
    await page.getByRole('button', { name: 'Save budget' }).click();
    await expect(page).toHaveURL(/\/budgets$/);
    await expect(page.getByText('Saved budget “Reference budget”.')).toBeVisible();
    await settled(page);
    expect(api.requests()).toContain('POST /v2/billing/budgets key');
  });
});

test.describe('against a grown API (new values and fields)', () => {
  const api = upstream(grownAnswer);

  test('Overview counts the new type and region and lists the new alert, by their ids', async ({ page, axe }) => {
    await api.open(page, '/');
    await settled(page);
    await expect(metric(page, 'Total cost')).toHaveText(money(GROWN_TOTAL));
    await expect(page.getByRole('region', { name: 'Cost over time' })).toContainText(`${GROWN_TYPE.resourceType}${money(GROWN_TYPE.cost)}`);
    const regions = page.getByRole('region', { name: 'Cost by region' });
    await expect(regions).toContainText(GROWN_REGION.region);
    await expect(regions).toContainText(money(GROWN_TOTAL));
    await expect(page.getByText('QPU quota 80% used')).toBeVisible();
    await expect(page.getByText('quota_warning')).toBeVisible();
    expect(await axe()).toEqual([]);
  });

  test('Usage lists the new type with its unit, and the new region', async ({ page }) => {
    await api.open(page, '/usage');
    await settled(page);
    await expect(page.getByText(GROWN_TYPE.resourceType, { exact: true })).toBeVisible();
    await expect(page.getByText(`5,400 ${GROWN_TYPE.unit}`)).toBeVisible();
    await expect(page.getByRole('table', { name: 'Region breakdown' })).toContainText(GROWN_REGION.region);
  });

  test('Forecast, Optimization, Teams and Budgets open with the new values shown by their ids', async ({ page }) => {
    await api.open(page, '/forecast');
    await settled(page);
    await expect(page.getByText('Quantum annealing')).toBeVisible();

    await api.open(page, '/optimization');
    await settled(page);
    await expect(page.getByText('Batch QPU jobs')).toBeVisible();
    await expect(page.getByText('urgent impact')).toBeVisible();
    await expect(page.getByText('trivial effort')).toBeVisible();

    await api.open(page, '/teams');
    await settled(page);
    await expect(page.getByRole('table', { name: /leaderboard/i }).getByRole('row', { name: /ML Research/ })).toContainText(money(REFERENCE_TEAMS[0]!.totalCost + GROWN_TYPE.cost));

    await api.open(page, '/budgets');
    await settled(page);
    const zurich = page.getByRole('article', { name: 'Zurich office' });
    await expect(zurich.getByTestId('budget-spent')).toHaveText(money(312.4, 'CHF'));
    await expect(zurich).toContainText('paused');
    await expect(zurich).toContainText(GROWN_TYPE.resourceType);
  });
});
