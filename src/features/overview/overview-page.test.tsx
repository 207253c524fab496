import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { UsageResponse } from '../../contract/billing';
import { jsonResponse, usageFixture } from '../../test/usage-fixture';
import { renderApp } from '../../test/render-app';

type Handler = (url: URL) => Response | Promise<Response>;

/** The hours of the fixture's day up to 11:00 UTC with usage, as the API answers an hourly request for it. */
const CLOCK_HOURS = 12;
function clockHours(day: string): UsageResponse {
  const base = usageFixture();
  const timeSeries = Array.from({ length: 24 }, (_, h) => ({
    timestamp: `${day}T${String(h).padStart(2, '0')}:00:00Z`,
    value: h < CLOCK_HOURS ? 1 : 0,
    cost: h < CLOCK_HOURS ? 2 : 0,
  }));
  return usageFixture({ breakdown: [{ ...base.breakdown[0]!, timeSeries }] });
}

/** The app's request for today's hours (the API's clock), not the page's own. */
const isClockHours = (url: URL) => url.searchParams.get('granularity') === 'hourly' && url.searchParams.get('timeRange') === 'custom';
/** The app's request for the API's current day (the clock), not the page's own. */
const isClockMonth = (url: URL) => url.searchParams.get('granularity') === 'monthly' && url.searchParams.get('timeRange') === 'current_month';

/**
 * Stubs fetch for the billing API (today's hours answered by clockHours);
 * returns the mock to inspect requested URLs.
 */
function stubApi(handler: Handler) {
  const fetchMock = vi.fn(async (input: RequestInfo | URL) => {
    const url = new URL(String(input), 'http://localhost');
    return isClockHours(url) ? jsonResponse(clockHours(url.searchParams.get('startDate')!)) : handler(url);
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

/** The unusual-spend history of one type (src/api/anomalies.ts): a custom daily range with team metrics. */
const isAnomalyHistory = (url: URL) => url.searchParams.get('includeTeamMetrics') === 'true' && url.searchParams.getAll('resourceType[]').length === 1;

/** The URLs the page asked for (the clock's and the unusual-spend requests left out). */
function requestedUrls(fetchMock: ReturnType<typeof stubApi>): URL[] {
  return fetchMock.mock.calls
    .map(([input]) => new URL(String(input), 'http://localhost'))
    .filter((url) => !isClockHours(url) && !isClockMonth(url) && !isAnomalyHistory(url));
}

function metric(title: string): string | null {
  const summary = screen.getByRole('region', { name: 'Summary' });
  const card = within(summary).getByRole('group', { name: title });
  return within(card).getByTestId('metric-value').textContent;
}

// The whole app renders (shell, lazy routes, lazy charts): allow for a busy machine.
configure({ asyncUtilTimeout: 5_000 });

beforeAll(async () => {
  // Load the page's code (and its lazy charts) once, so the tests time the page, not the first transform.
  await Promise.all([import('./overview-page'), import('./components/cost-over-time-card'), import('./components/regional-card')]);
}, 60_000);

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

/** The Total cost card once its figures are in (the loading card is replaced). */
async function totalCard(): Promise<HTMLElement> {
  await waitFor(() => expect(metric('Total cost')).toMatch(/\d/));
  return screen.getByRole('group', { name: 'Total cost' });
}

/** Pins Date (only), by default years away from the API's clock (the fixture's 16 Jan 2024): nothing about data may follow it. */
function pinDate(iso = '2031-07-04T03:00:00Z') {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(iso));
}

/** The fixture scaled (cost and usage) for the previous period. */
function scaled(factor: number): UsageResponse {
  const base = usageFixture();
  return usageFixture({
    summary: { ...base.summary, totalCost: base.summary.totalCost * factor },
    breakdown: base.breakdown.map((b) => ({
      ...b,
      usage: { ...b.usage, quantity: b.usage.quantity * factor, cost: b.usage.cost * factor },
      // A whole previous span without a partial last day, so nothing is pro-rated away.
      timeSeries: [],
    })),
  });
}

describe('Overview', { timeout: 20_000 }, () => {
  it('shows the summary cards and the period for the current month', async () => {
    const fetchMock = stubApi(() => jsonResponse(usageFixture()));
    renderApp('/');

    expect(await screen.findByRole('heading', { level: 1, name: 'Overview' })).toBeInTheDocument();
    await waitFor(() => expect(screen.getAllByTestId('metric-value')).toHaveLength(5));

    expect(metric('Total cost')).toBe('$1,247.83');
    expect(metric('GPU hours')).toBe('156.7');
    expect(metric('API requests')).toBe('89,543');
    expect(metric('Storage')).toBe('2,847.3');
    expect(metric('Bandwidth')).toBe('1,256.8');
    expect(screen.getByTestId('period')).toHaveTextContent('1–31 Jan 2024, 16 of 31 days elapsed');

    const url = requestedUrls(fetchMock)[0]!;
    expect(url.pathname).toBe('/v2/billing/usage');
    expect(url.searchParams.get('timeRange')).toBe('current_month');
    expect(url.searchParams.get('currency')).toBe('USD');
  });

  it('abbreviates very large quantities and keeps the exact figure on the element', async () => {
    const summary = { ...usageFixture().summary, totalApiRequests: 25_835_869, totalStorageGB: 208_781_174 };
    stubApi(() => jsonResponse(usageFixture({ summary })));
    renderApp('/');
    await waitFor(() => expect(metric('API requests')).toBe('25.8M'));
    const storage = within(screen.getByRole('group', { name: 'Storage' })).getByTestId('metric-value');
    expect(storage).toHaveTextContent('208.8M');
    expect(storage).toHaveAttribute('data-value', '208781174');
    expect(storage).toHaveAttribute('title', '208,781,174 GB-h');
  });

  it('shows skeletons while loading', async () => {
    stubApi(() => new Promise<Response>(() => {}));
    renderApp('/');
    const summary = await screen.findByRole('region', { name: 'Summary' });
    expect(summary).toHaveAttribute('aria-busy', 'true');
    expect(within(summary).getAllByRole('group')).toHaveLength(5);
    expect(within(summary).queryByTestId('metric-value')).not.toBeInTheDocument();
  });

  it('asks for the currency in the URL and formats JPY without decimals', async () => {
    const fetchMock = stubApi((url) =>
      jsonResponse(
        usageFixture({
          summary: { ...usageFixture().summary, totalCost: 186_432.6, currency: url.searchParams.get('currency') as 'JPY' },
        }),
      ),
    );
    renderApp('/?currency=JPY');
    await waitFor(() => expect(metric('Total cost')).toBe('¥186,433'));
    expect(requestedUrls(fetchMock)[0]!.searchParams.get('currency')).toBe('JPY');
    expect(screen.getByRole('combobox', { name: 'Currency' })).toHaveValue('JPY');
  });

  it('falls back to USD with a visible notice for an unsupported currency', async () => {
    const fetchMock = stubApi(() => jsonResponse(usageFixture()));
    renderApp('/?currency=XYZ');
    expect(await screen.findByText(/Ignored currency “XYZ”: not a supported currency/)).toBeVisible();
    await waitFor(() => expect(metric('Total cost')).toBe('$1,247.83'));
    expect(requestedUrls(fetchMock)[0]!.searchParams.get('currency')).toBe('USD');
  });

  it('keeps a newly chosen currency in the URL', async () => {
    const fetchMock = stubApi((url) =>
      jsonResponse(
        usageFixture({ summary: { ...usageFixture().summary, currency: url.searchParams.get('currency') as 'EUR' } }),
      ),
    );
    const { router } = renderApp('/');
    await waitFor(() => expect(metric('Total cost')).toBe('$1,247.83'));

    await userEvent.selectOptions(screen.getByRole('combobox', { name: 'Currency' }), 'EUR');

    await waitFor(() => expect(metric('Total cost')).toBe('€1,247.83'));
    expect(router.state.location.search).toBe('?currency=EUR');
    expect(requestedUrls(fetchMock).at(-1)!.searchParams.get('currency')).toBe('EUR');
  });

  it("shows the API's error message with a Retry button that refetches", async () => {
    let fail = true;
    stubApi(() =>
      fail
        ? jsonResponse({ error: { code: 'internal_error', message: 'The usage store is warming up.' } }, 503)
        : jsonResponse(usageFixture()),
    );
    renderApp('/');

    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The usage store is warming up.');
    expect(alert).toHaveTextContent('HTTP 503 · internal_error');

    fail = false;
    await userEvent.click(within(alert).getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(metric('Total cost')).toBe('$1,247.83'));
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();
  });

  it('explains a response the dashboard does not understand', async () => {
    stubApi(() => jsonResponse({ ...usageFixture(), summary: { ...usageFixture().summary, totalCost: null } }));
    renderApp('/');
    const alert = await screen.findByRole('alert');
    expect(alert).toHaveTextContent('The billing API returned data this dashboard does not understand');
    expect(alert).toHaveTextContent('summary.totalCost');
  });
});

describe('Overview: comparison, charts and tables', { timeout: 20_000 }, () => {
  it('asks for the previous period as a custom range and shows the change, up in cost as worse', async () => {
    pinDate();
    const fetchMock = stubApi((url) =>
      jsonResponse(url.searchParams.get('timeRange') === 'custom' ? scaled(0.8) : usageFixture()),
    );
    renderApp('/');
    const total = await totalCard();
    const change = await within(total).findByTestId('change');
    // 1247.83 against 0.8 × 1247.83: up 25%.
    expect(change).toHaveAttribute('data-direction', 'up');
    expect(change).toHaveTextContent('▲25.0%');
    expect(change).toHaveTextContent('Up 25.0% compared with 1–16 Dec 2023');
    expect(change.querySelector('.text-danger')).not.toBeNull();

    const previous = requestedUrls(fetchMock).find((u) => u.searchParams.get('timeRange') === 'custom')!;
    expect(previous.searchParams.get('startDate')).toBe('2023-12-01');
    expect(previous.searchParams.get('endDate')).toBe('2023-12-16');
    expect(previous.searchParams.get('granularity')).toBe('daily');
    expect(previous.searchParams.get('currency')).toBe('USD');

    // The projection of the running month.
    expect(within(total).getByTestId('projected-cost')).toHaveTextContent('$2,418.67');
    expect(total).toHaveTextContent('Projected by 31 Jan 2024');
  });

  it('keeps the page when only the comparison fails, with a quiet Retry', async () => {
    pinDate();
    let failPrevious = true;
    stubApi((url) =>
      url.searchParams.get('timeRange') === 'custom' && failPrevious && !isAnomalyHistory(url)
        ? jsonResponse({ error: { code: 'internal_error', message: 'boom' } }, 500)
        : jsonResponse(url.searchParams.get('timeRange') === 'custom' ? scaled(1.25) : usageFixture()),
    );
    renderApp('/');
    const total = await totalCard();
    expect(await within(total).findByText(/Change vs 1–16 Dec 2023 unavailable/)).toBeVisible();
    expect(screen.queryByRole('alert')).not.toBeInTheDocument();

    failPrevious = false;
    await userEvent.click(within(total).getByRole('button', { name: 'Retry' }));
    const change = await within(total).findByTestId('change');
    expect(change).toHaveAttribute('data-direction', 'down');
    expect(change.querySelector('.text-success')).not.toBeNull();
  });

  it('shows the cost over time as a table of every bucket, with a legend that hides series', async () => {
    pinDate();
    stubApi(() => jsonResponse(usageFixture()));
    renderApp('/');
    const card = await screen.findByRole('region', { name: 'Cost over time' });
    const legend = await within(card).findByRole('group', { name: 'Series shown in the chart' });
    const clusters = within(legend).getByRole('button', { name: /GPU clusters/ });
    expect(clusters).toHaveAttribute('aria-pressed', 'true');
    expect(clusters).toHaveTextContent('$784.50');
    await userEvent.click(clusters);
    expect(clusters).toHaveAttribute('aria-pressed', 'false');

    await userEvent.click(within(card).getByRole('button', { name: 'Show as table' }));
    const table = within(card).getByRole('table');
    const headers = within(table).getAllByRole('columnheader').map((h) => h.textContent);
    expect(headers).toEqual(['Date', 'Status', 'GPU clusters (USD)', 'AI services (USD)', 'Storage (USD)', 'Bandwidth (USD)', 'Total (USD)']);
    const row = within(table).getAllByRole('row')[1]!;
    // 16 Jan is the API's today (period 1 Jan + 16 days elapsed): provisional, whatever the browser's date.
    expect(row).toHaveTextContent('Jan 16, 2024');
    expect(row).toHaveTextContent('Provisional');
    expect(row).toHaveTextContent('$41.50');
    expect(row).toHaveTextContent('$69.93');
  });

  it('switches to usage in each type’s own unit, kept in the URL', async () => {
    stubApi(() => jsonResponse(usageFixture()));
    const { router } = renderApp('/');
    const card = await screen.findByRole('region', { name: 'Cost over time' });
    await within(card).findByRole('group', { name: 'Series shown in the chart' });
    await userEvent.click(within(card).getByRole('button', { name: 'Usage' }));
    expect(router.state.location.search).toBe('?chart=usage');
    expect(within(card).getByRole('button', { name: /GPU clusters/ })).toHaveTextContent('156.7 GPU h');
    await userEvent.click(within(card).getByRole('button', { name: 'Show as table' }));
    const headers = within(within(card).getByRole('table')).getAllByRole('columnheader').map((h) => h.textContent);
    expect(headers).toEqual(['Date', 'Status', 'GPU clusters (GPU h)', 'AI services (req)', 'Storage (GB-h)', 'Bandwidth (GB)']);
  });

  it('lists regions with their share, and alerts with written severities', async () => {
    stubApi(() =>
      jsonResponse(
        usageFixture({
          alerts: [
            { type: 'unusual_spike', severity: 'low', message: 'Requests up 45%', threshold: 25, currentValue: 45.2 },
            { type: 'budget_exceeded', severity: 'critical', message: 'Budget blown', threshold: 1000, currentValue: 1247.83 },
          ],
        }),
      ),
    );
    renderApp('/');
    const legend = await screen.findByRole('table', { name: 'Cost by region' });
    expect(within(legend).getByRole('row', { name: /us-east-1/ })).toHaveTextContent('$743.21');
    expect(within(legend).getByRole('row', { name: /us-east-1/ })).toHaveTextContent('59.6%');

    const items = within(screen.getByRole('list', { name: 'Alerts' })).getAllByRole('listitem');
    expect(items[0]).toHaveTextContent('Critical');
    expect(items[0]).toHaveTextContent('Budget blown');
    expect(items[0]).toHaveTextContent('Spend $1,247.83 · threshold $1,000.00');
    expect(items[1]).toHaveTextContent('Low');
    expect(items[1]).toHaveTextContent('Growth vs last week 45.2% · threshold 25.0%');
  });

  it('opens a top resource’s type in Usage with the current filters', async () => {
    stubApi(() => jsonResponse(usageFixture()));
    const { router } = renderApp('/?timeRange=last_month&currency=EUR&resourceType=clusters,storage');
    const panel = await screen.findByRole('region', { name: 'Top resources' });
    const row = await within(panel).findByRole('row', { name: /GPU Cluster A100-001/ });
    await userEvent.click(row);
    await waitFor(() => expect(router.state.location.pathname).toBe('/usage/clusters'));
    expect(router.state.location.search).toBe(
      '?timeRange=last_month&resourceType=clusters,storage&currency=EUR&resource=cluster-gpu-a100-001',
    );
  });

  it('says so when the period has no usage', async () => {
    const empty = usageFixture();
    stubApi(() =>
      jsonResponse(
        usageFixture({
          summary: { ...empty.summary, totalCost: 0 },
          breakdown: empty.breakdown.map((b) => ({
            ...b,
            usage: { ...b.usage, quantity: 0, cost: 0, percentage: 0 },
            timeSeries: b.timeSeries.map((p) => ({ ...p, value: 0, cost: 0 })),
            topResources: [],
          })),
          regional: [],
        }),
      ),
    );
    renderApp('/');
    const card = await screen.findByRole('region', { name: 'Cost over time' });
    expect(await within(card).findByText('No usage in this period')).toBeVisible();
    expect(within(screen.getByRole('region', { name: 'Cost by region' })).getByText('No data for these filters')).toBeVisible();
    expect(within(screen.getByRole('region', { name: 'Top resources' })).getByText('No resource used anything this period.')).toBeVisible();
    expect(within(screen.getByRole('region', { name: 'Alerts' })).getByText('No alerts')).toBeVisible();
  });

  it('shows skeletons in every card while loading', async () => {
    stubApi(() => new Promise<Response>(() => {}));
    renderApp('/');
    for (const name of ['Cost over time', 'Cost by region', 'Top resources', 'Alerts'])
      expect(await screen.findByRole('region', { name })).toHaveAttribute('aria-busy', 'true');
  });
});
