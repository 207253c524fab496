import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';

/** The lazy page and its chunk can take a while on a busy machine. */
const WAIT = { timeout: 10_000 };
import { optimizationResponseSchema, type OptimizationResponse } from '../../contract/billing';
import { renderApp } from '../../test/render-app';
import { jsonResponse } from '../../test/usage-fixture';

const fixture = (): OptimizationResponse =>
  optimizationResponseSchema.parse({
    potentialSavings: {
      totalMonthly: 1700,
      currency: 'USD',
      byCategory: [
        { name: 'GPU Clusters', currentCost: 5000, savings: 1200, percentage: 24, recommendation: 'Stop 1 idle cluster' },
        { name: 'Storage', currentCost: 1000, savings: 500, percentage: 50, recommendation: 'Move 1 volume' },
      ],
    },
    recommendations: [
      {
        id: 'stale_storage:vol-a',
        title: 'Move volume A',
        impact: 'medium',
        potentialSavings: 500,
        description: 'Untouched.',
        implementationEffort: 'low',
        resourceIds: ['vol-a'],
        category: 'Storage',
        rule: 'stale_storage',
        evidence: [{ label: 'Last I/O', value: '275 days ago' }],
      },
      {
        id: 'idle_cluster:cluster-b',
        title: 'Stop cluster B',
        impact: 'high',
        potentialSavings: 700,
        description: 'Idle.',
        implementationEffort: 'low',
        resourceIds: ['cluster-b'],
        category: 'GPU Clusters',
        rule: 'idle_cluster',
        evidence: [{ label: 'Idle hours', value: '744' }],
      },
      {
        id: 'oversized_cluster:cluster-c',
        title: 'Right-size cluster C',
        impact: 'high',
        potentialSavings: 900,
        description: 'Oversized.',
        implementationEffort: 'medium',
        resourceIds: ['cluster-c'],
        category: 'GPU Clusters',
        rule: 'oversized_cluster',
      },
    ],
    wasteAnalysis: {
      totalWaste: 700,
      items: [{ description: 'Idle cluster B', amount: 700, resourceId: 'cluster-b', rule: 'idle_cluster' }],
    },
    analysis: {
      startDate: '2023-12-01',
      endDate: '2023-12-31',
      dataThrough: '2024-01-01T00:00:00Z',
      hoursAnalysed: 744,
      hoursPerMonth: 744,
      monthlyFactor: 1,
    },
  });

function stubApi(handler: (url: URL) => Response) {
  const fetchMock = vi.fn(async (input: RequestInfo | URL) => handler(new URL(String(input), 'http://localhost')));
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

const titles = () => screen.getAllByTestId('recommendation').map((li) => within(li).getByRole('heading').textContent);

afterEach(() => {
  vi.unstubAllGlobals();
});

/** The page's own requests (the header also asks /usage for the API's clock). */
const optimizationUrls = (fetchMock: ReturnType<typeof stubApi>) =>
  fetchMock.mock.calls.map(([input]) => new URL(String(input), 'http://localhost')).filter((u) => u.pathname === '/v2/billing/usage/optimization');

describe('Optimization page', { timeout: 30_000 }, () => {
  it('asks for the detailed analysis of last month and lists recommendations by impact, then saving', async () => {
    const fetchMock = stubApi(() => jsonResponse(fixture()));
    renderApp('/optimization?timeRange=last_month&currency=EUR');
    expect(await screen.findByRole('heading', { level: 1, name: 'Optimization' }, WAIT)).toBeInTheDocument();
    await waitFor(() => expect(screen.getAllByTestId('recommendation')).toHaveLength(3), WAIT);
    expect(titles()).toEqual(['Right-size cluster C', 'Stop cluster B', 'Move volume A']);

    const url = optimizationUrls(fetchMock)[0]!;
    expect(Object.fromEntries(url.searchParams)).toMatchObject({ timeRange: 'last_month', analysisDepth: 'detailed', currency: 'EUR' });

    const summary = screen.getByRole('region', { name: 'Summary' });
    expect(within(within(summary).getByRole('group', { name: 'Potential savings' })).getByTestId('metric-value')).toHaveTextContent(
      '$1,700.00',
    );
  });

  it('filters by impact in the URL and expands a recommendation to its evidence and resource link', async () => {
    stubApi(() => jsonResponse(fixture()));
    const user = userEvent.setup();
    const { router } = renderApp('/optimization?timeRange=last_month');
    await waitFor(() => expect(screen.getAllByTestId('recommendation')).toHaveLength(3), WAIT);

    await user.selectOptions(screen.getByLabelText('Impact'), 'medium');
    expect(router.state.location.search).toContain('impact=medium');
    expect(titles()).toEqual(['Move volume A']);

    const toggle = screen.getByRole('button', { name: 'Move volume A' });
    expect(toggle).toHaveAttribute('aria-expanded', 'false');
    await user.click(toggle);
    expect(toggle).toHaveAttribute('aria-expanded', 'true');
    expect(new URLSearchParams(router.state.location.search).get('expanded')).toBe('stale_storage:vol-a');
    expect(screen.getByText('275 days ago')).toBeVisible();
    expect(screen.getByRole('link', { name: 'vol-a' })).toHaveAttribute(
      'href',
      '/usage/storage?resource=vol-a&timeRange=last_month',
    );
  });

  it('says when the time range is not one it analyses, and analyses the last 30 days', async () => {
    const fetchMock = stubApi(() => jsonResponse(fixture()));
    renderApp('/optimization?timeRange=current_year');
    expect(await screen.findByText(/optimization analyses the last 30 days or Last month; showing the last 30 days/, {}, WAIT)).toBeInTheDocument();
    await waitFor(() => expect(optimizationUrls(fetchMock).length).toBeGreaterThan(0), WAIT);
    expect(optimizationUrls(fetchMock)[0]!.searchParams.get('timeRange')).toBe('current_month');
    // the header names the window the answer analysed
    expect(await screen.findByTestId('analysed-window', {}, WAIT)).toHaveTextContent(/^Analysed .*\(744 h of data, the last 30 days\)/);
  });

  it('never lists a reservation from less than 30 days of data, and says why', async () => {
    const reserve = {
      id: 'reserved_capacity:cluster-d',
      title: 'Reserve 4 GPUs for cluster D',
      impact: 'high' as const,
      potentialSavings: 1200,
      description: 'Steady.',
      implementationEffort: 'low' as const,
      resourceIds: ['cluster-d'],
      category: 'GPU Clusters',
      rule: 'reserved_capacity',
    };
    const short = fixture();
    short.recommendations = [...short.recommendations!, reserve];
    short.analysis = { startDate: '2024-01-01', endDate: '2024-01-31', dataThrough: '2024-01-01T20:00:00Z', hoursAnalysed: 20, hoursPerMonth: 744, monthlyFactor: 37.2 };
    stubApi(() => jsonResponse(short));
    renderApp('/optimization?timeRange=current_month');
    await waitFor(() => expect(titles()).toHaveLength(3), WAIT);
    expect(titles()).not.toContain('Reserve 4 GPUs for cluster D');
    expect(screen.getByText(/1 reservation withheld: a commitment needs 30 days of data, this analysis has 20 h/)).toBeInTheDocument();
  });

  it('shows the API error with Retry', async () => {
    let fail = true;
    stubApi(() =>
      fail
        ? jsonResponse({ error: { code: 'internal_error', message: 'The sandbox failed to answer this request' } }, 500)
        : jsonResponse(fixture()),
    );
    const user = userEvent.setup();
    renderApp('/optimization');
    expect(await screen.findByText('The sandbox failed to answer this request', {}, WAIT)).toBeInTheDocument();
    fail = false;
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(screen.getAllByTestId('recommendation')).toHaveLength(3), WAIT);
  });
});
