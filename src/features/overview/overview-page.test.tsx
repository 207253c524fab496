import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { jsonResponse, usageFixture } from '../../test/usage-fixture';
import { renderApp } from '../../test/render-app';

type Handler = (url: URL) => Response | Promise<Response>;

/** Stubs fetch for the billing API; returns the mock to inspect requested URLs. */
function stubApi(handler: Handler) {
  const fetchMock = vi.fn(async (input: RequestInfo | URL) => handler(new URL(String(input), 'http://localhost')));
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

function requestedUrls(fetchMock: ReturnType<typeof stubApi>): URL[] {
  return fetchMock.mock.calls.map(([input]) => new URL(String(input), 'http://localhost'));
}

function metric(title: string): string | null {
  const summary = screen.getByRole('region', { name: 'Summary' });
  const card = within(summary).getByRole('group', { name: title });
  return within(card).getByTestId('metric-value').textContent;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('Overview', () => {
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
