import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { UsageResponse } from '../../contract/billing';
import { renderApp } from '../../test/render-app';
import { jsonResponse, usageFixture } from '../../test/usage-fixture';

/**
 * The comparison page against a stand-in for the real API that answers with
 * the reference's example shape (no extensions), the browser's clock pinned
 * years away from the API's (16 Jan 2024, data through 11:00).
 */

configure({ asyncUtilTimeout: 5_000 });

const CLOCK_HOURS = 12;

/** Today's hours up to 11:00 with usage (the API's newest hour with data). */
function clockHours(day: string): UsageResponse {
  const base = usageFixture();
  const timeSeries = Array.from({ length: 24 }, (_, h) => ({
    timestamp: `${day}T${String(h).padStart(2, '0')}:00:00Z`,
    value: h < CLOCK_HOURS ? 1 : 0,
    cost: h < CLOCK_HOURS ? 2 : 0,
  }));
  return usageFixture({ breakdown: [{ ...base.breakdown[0]!, timeSeries }] });
}

/** The example with every cost scaled (a different span's figures). */
function scaled(factor: number): UsageResponse {
  const base = usageFixture();
  return usageFixture({
    summary: { ...base.summary, totalCost: base.summary.totalCost * factor },
    breakdown: base.breakdown.map((b) => ({
      ...b,
      usage: { ...b.usage, cost: b.usage.cost * factor },
      topResources: b.topResources.map((r) => ({ ...r, cost: r.cost * factor })),
    })),
    regional: base.regional.map((r) => ({ ...r, cost: r.cost * factor, usage: { ...r.usage, totalCost: r.usage.totalCost * factor } })),
  });
}

/** Factors of the spans: 1–16 Jan, 1–16 Dec, and 16 Dec alone (its last day, counted half). */
const FACTORS: Record<string, number> = { '2024-01-01': 1, '2023-12-01': 0.8, '2023-12-16': 0.05 };

function stubApi(fail?: (url: URL) => boolean) {
  const fetchMock = vi.fn(async (input: RequestInfo | URL) => {
    const url = new URL(String(input), 'http://localhost');
    const q = url.searchParams;
    if (fail?.(url)) return jsonResponse({ error: { code: 'internal', message: 'boom', details: [] } }, 500);
    if (q.get('granularity') === 'hourly') return jsonResponse(clockHours(q.get('startDate')!));
    if (q.get('timeRange') === 'custom') return jsonResponse(scaled(FACTORS[q.get('startDate')!] ?? 0));
    return jsonResponse(usageFixture());
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

beforeAll(async () => {
  await Promise.all([import('./compare-page'), import('./components/overlay-chart-card')]);
}, 60_000);

afterEach(() => {
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

function pinDate(iso = '2031-07-04T03:00:00Z') {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date(iso));
}

const cents = (x: number) => Math.round(x * 100);
/** A table's own total line (not a nested drill-down's). */
const ownTotal = (table: HTMLElement) => table.querySelector(':scope > tfoot [data-testid="change-total"]');
const total = 1247.83;

describe('Compare page', { timeout: 20_000 }, () => {
  it('compares month to date with the same days of the previous month from the API’s clock, and the parts add up', async () => {
    pinDate();
    const fetchMock = stubApi();
    renderApp('/compare');
    expect(await screen.findByRole('heading', { level: 1, name: 'Compare periods' })).toBeInTheDocument();
    const label = await screen.findByTestId('compare-label');
    expect(label).toHaveTextContent('1–16 Jan 2024 vs 1–16 Dec 2023');
    expect(screen.getByText(/Today has data up to 12:00 UTC, so 16 Dec 2023 counts up to 12:00 UTC too/)).toBeInTheDocument();

    // Independently: the previous span less half of its last day.
    const expected = cents(total) - cents(0.8 * total - 0.5 * 0.05 * total);
    const table = await screen.findByTestId('drivers-by-type');
    expect(ownTotal(table)).toHaveAttribute('data-change', String(expected));
    const rows = [...table.querySelectorAll(':scope > tbody > tr[data-key]')];
    expect(rows.map((r) => r.getAttribute('data-key'))).toEqual(['clusters', 'ai-services', 'storage', 'bandwidth']);
    expect(rows.reduce((a, r) => a + Number(r.getAttribute('data-change')), 0)).toBe(expected);

    // Documented fields only: no team metrics in the example, so the page says so.
    expect(screen.getByText('The API sent no team metrics for these periods.')).toBeInTheDocument();
    const regions = screen.getByTestId('change-by-region');
    expect(ownTotal(regions)).toHaveAttribute('data-change', String(expected));

    // The requests: custom spans by day, with team metrics asked for.
    const spans = fetchMock.mock.calls.map(([u]) => new URL(String(u), 'http://localhost')).filter((u) => u.searchParams.get('timeRange') === 'custom' && u.searchParams.get('granularity') === 'daily');
    expect(spans.map((u) => `${u.searchParams.get('startDate')}..${u.searchParams.get('endDate')}`)).toEqual(
      expect.arrayContaining(['2024-01-01..2024-01-16', '2023-12-01..2023-12-16', '2023-12-16..2023-12-16']),
    );
    expect(spans.every((u) => u.searchParams.get('includeTeamMetrics') === 'true')).toBe(true);

    // Each type links to its slice, keeping the filters.
    expect(within(table).getByRole('link', { name: 'GPU clusters' })).toHaveAttribute('href', '/usage/clusters');
  });

  it('shows the API’s failure with a Retry that recovers', async () => {
    let failing = true;
    stubApi((url) => failing && url.searchParams.get('startDate') === '2023-12-01');
    renderApp('/compare');
    const retry = await screen.findAllByRole('button', { name: /Retry/ });
    failing = false;
    await userEvent.click(retry[0]!);
    const table = await screen.findByTestId('drivers-by-type');
    await waitFor(() => expect(ownTotal(table)).toHaveAttribute('data-change', String(cents(total) - cents(0.8 * total - 0.025 * total))));
  });

  it('falls back from an invalid comparison with a visible notice', async () => {
    stubApi();
    renderApp('/compare?compare=sideways&drill=gpus');
    expect(await screen.findByText(/Ignored compare “sideways”/)).toBeInTheDocument();
    expect(screen.getByText(/Ignored drill “gpus”/)).toBeInTheDocument();
    expect(await screen.findByTestId('compare-label')).toHaveTextContent('vs 1–16 Dec 2023');
  });

  it('compares year over year from the URL', async () => {
    stubApi();
    renderApp('/compare?compare=year');
    expect(await screen.findByTestId('compare-label')).toHaveTextContent('1–16 Jan 2024 vs 1–16 Jan 2023');
    // No usage in that span in this stand-in: said so.
    expect(await screen.findByText(/No usage is recorded in 1–16 Jan 2023 to compare with/)).toBeInTheDocument();
  });

  it('is linked from Overview’s Total cost card and from Usage, keeping the filters', async () => {
    stubApi();
    const { router } = renderApp('/?timeRange=last_month&currency=EUR');
    const link = await screen.findByRole('link', { name: 'What drove the change' });
    expect(link).toHaveAttribute('href', '/compare?timeRange=last_month&currency=EUR');
    await router.navigate('/usage?currency=GBP');
    expect(await screen.findByRole('link', { name: 'Compare with the previous period' })).toHaveAttribute('href', '/compare?currency=GBP');
  });
});
