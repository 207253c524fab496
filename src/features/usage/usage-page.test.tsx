import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Group, GroupBy } from '../../contract/billing';
import { render } from '@testing-library/react';
import { createMemoryRouter, RouterProvider, type RouteObject } from 'react-router';
import { AppProviders } from '../../app/providers';
import { AppShell } from '../../app/layout/app-shell';
import { PresetSession } from '../../app/session';
import { LOCAL_SESSION } from '../../app/session-api';
import { QueryClient } from '@tanstack/react-query';
import { jsonResponse, usageFixture } from '../../test/usage-fixture';

function group(dimension: GroupBy): Group {
  return {
    dimension,
    items: [
      {
        key: 'us-east-1',
        name: 'us-east-1',
        cost: 743.21,
        percentage: 59.6,
        usage: [{ resourceType: 'clusters', quantity: 93.4, unit: 'gpu_hours', cost: 743.21 }],
      },
      {
        key: 'eu-west-1',
        name: 'eu-west-1',
        cost: 504.62,
        percentage: 40.4,
        usage: [{ resourceType: 'storage', quantity: 2847.3, unit: 'gb_hours', cost: 504.62 }],
      },
    ],
  };
}

/** Answers every usage request with the fixture and the groups it asks for. */
function stubApi(fail = false) {
  const fetchMock = vi.fn(async (input: RequestInfo | URL) => {
    const url = new URL(String(input), 'http://localhost');
    if (fail) return jsonResponse({ error: { code: 'internal_error', message: 'The database is napping' } }, 500);
    const dims = url.searchParams.getAll('groupBy[]') as GroupBy[];
    return jsonResponse(usageFixture({ groups: dims.map(group) }));
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

/** The page's own usage requests (with its Group by), not the header's API-clock requests. */
const requested = (fetchMock: ReturnType<typeof stubApi>) =>
  fetchMock.mock.calls.map(([input]) => new URL(String(input), 'http://localhost')).filter((u) => u.searchParams.has('groupBy[]'));

/** The shell with just the Usage routes (as src/app/routes.tsx declares them), so other pages do not matter here. */
const routes: RouteObject[] = [
  {
    path: '/',
    Component: AppShell,
    children: [
      {
        path: 'usage',
        lazy: async () => {
          const m = await import('./usage-page');
          return { Component: m.default };
        },
      },
      {
        path: 'usage/:resourceType',
        lazy: async () => {
          const m = await import('./usage-type-page');
          return { Component: m.default, handle: m.handle };
        },
      },
    ],
  },
];

function renderApp(url: string) {
  const router = createMemoryRouter(routes, { initialEntries: [url] });
  render(
    <AppProviders queryClient={new QueryClient({ defaultOptions: { queries: { retry: false } } })}>
      <PresetSession value={LOCAL_SESSION}>
        <RouterProvider router={router} />
      </PresetSession>
    </AppProviders>,
  );
  return { router };
}

// Load the page modules once up front, so the first test does not time out on a cold import.
beforeAll(async () => {
  await Promise.all([import('./usage-page'), import('./usage-type-page')]);
}, 60_000);

afterEach(() => vi.unstubAllGlobals());

describe('Usage index', () => {
  it('shows a card per type linking to its page, with the filters', async () => {
    const fetchMock = stubApi();
    renderApp('/usage?currency=EUR&resourceType=clusters,storage');
    expect(await screen.findByRole('heading', { level: 1, name: 'Usage' }, { timeout: 5000 })).toBeInTheDocument();
    const link = await screen.findByRole('link', { name: /GPU clusters/ });
    expect(link).toHaveAttribute('href', '/usage/clusters?currency=EUR');
    expect(within(link).getByTestId('type-cost')).toHaveTextContent('€784.50');
    const url = requested(fetchMock)[0]!;
    expect(url.searchParams.getAll('resourceType[]')).toEqual(['clusters', 'storage']);
    expect(url.searchParams.getAll('groupBy[]')).toEqual(['region']);
  });

  it('narrows to a group member from its row, as a removable chip', async () => {
    stubApi();
    const { router } = renderApp('/usage');
    const table = await screen.findByRole('region', { name: 'Region breakdown' }, { timeout: 5000 });
    await userEvent.click(within(table).getByRole('rowheader', { name: /us-east-1/ }));
    await waitFor(() => expect(router.state.location.search).toBe('?region=us-east-1'));
    const drill = screen.getByRole('region', { name: 'Drill-down' });
    expect(drill).toHaveTextContent('$743.21');
    expect(drill).toHaveTextContent('59.6% of total cost');
    expect(drill).toHaveTextContent(/no region filter/);
    expect(screen.getByRole('heading', { name: 'Resource types · us-east-1' })).toBeInTheDocument();

    await userEvent.click(within(drill).getByRole('button', { name: 'Remove region us-east-1' }));
    await waitFor(() => expect(router.state.location.search).toBe(''));
    expect(screen.queryByRole('region', { name: 'Drill-down' })).not.toBeInTheDocument();
  });

  it('shows the API’s message and retries', async () => {
    const fetchMock = stubApi(true);
    renderApp('/usage');
    expect(await screen.findByText('The database is napping')).toBeInTheDocument();
    const before = requested(fetchMock).length;
    await userEvent.click(screen.getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(requested(fetchMock)).toHaveLength(before + 1));
  });
});

describe('Usage of one resource type', () => {
  it('asks only for that type, with the Group by, and hides the type filter', async () => {
    const fetchMock = stubApi();
    renderApp('/usage/clusters?groupBy=region&resourceType=storage');
    expect(await screen.findByRole('heading', { level: 1, name: 'Usage — GPU clusters' }, { timeout: 5000 })).toBeInTheDocument();
    await screen.findByRole('region', { name: 'Region breakdown' });
    const url = requested(fetchMock)[0]!;
    expect(url.searchParams.getAll('resourceType[]')).toEqual(['clusters']);
    expect(url.searchParams.getAll('groupBy[]')).toEqual(['region']);
    const filters = screen.getByRole('region', { name: 'Filters' });
    expect(within(filters).queryByRole('button', { name: 'Resource types' })).not.toBeInTheDocument();
    expect(within(filters).getByLabelText('Group by')).toHaveValue('region');
  });

  it('highlights a top resource and shows its share', async () => {
    stubApi();
    const { router } = renderApp('/usage/clusters');
    const top = await screen.findByRole('region', { name: 'Top GPU clusters resources' });
    await userEvent.click(within(top).getByRole('rowheader', { name: /GPU Cluster A100-001/ }));
    await waitFor(() => expect(router.state.location.search).toBe('?resource=cluster-gpu-a100-001'));
    expect(within(top).getByRole('rowheader', { name: /GPU Cluster A100-001/ })).toHaveTextContent('Selected');
    const drill = screen.getByRole('region', { name: 'Drill-down' });
    expect(drill).toHaveTextContent('28.8% of GPU clusters cost');
  });

  it('goes back to the index with a notice for an unknown type', async () => {
    stubApi();
    const { router } = renderApp('/usage/gpus?currency=EUR');
    expect(await screen.findByText(/There is no resource type “gpus”/)).toBeInTheDocument();
    expect(router.state.location.pathname).toBe('/usage');
    expect(router.state.location.search).toBe('?currency=EUR');
  });

  it.each(['/usage', '/usage/clusters'])('cleans up a link with an unusable view value on %s', async (path) => {
    stubApi();
    const long = 'x'.repeat(201);
    const { router } = renderApp(`${path}?currency=EUR&region=${long}&project=research&foo=bar`);
    const notice = await screen.findByText(new RegExp(`Ignored region “${long}”: longer than 200 characters`), {}, { timeout: 5000 });
    expect(notice.textContent).not.toMatch(/showing \./);
    await userEvent.click(screen.getByRole('button', { name: 'Clean up link' }));
    const params = () => Object.fromEntries(new URLSearchParams(router.state.location.search));
    await waitFor(() => expect(params()).toEqual({ currency: 'EUR', project: 'research', foo: 'bar' }));
    expect(router.state.location.pathname).toBe(path);
    expect(screen.queryByText(/Ignored region/)).not.toBeInTheDocument();
    // replaced, not added: Back leaves the page rather than returning to the broken link
    expect(router.state.historyAction).toBe('REPLACE');
  });
});
