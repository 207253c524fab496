import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';

/** The lazy page and its chunk can take a while on a busy machine. */
const WAIT = { timeout: 10_000 };
import type { BudgetStatusResponse, ForecastResponse } from '../../contract/billing';
import { renderApp } from '../../test/render-app';
import { jsonResponse, usageFixture } from '../../test/usage-fixture';

/** Usage as the reference shapes it: the month's clock (16 January 2024), or 10 a day from 1 October 2023 (4 so far today). */
function usageFor(url: URL) {
  // the month-end projection of record: /usage projections for the month in progress, here 252 (the forecast model says 250)
  if (url.searchParams.get('includeProjections') === 'true')
    return usageFixture({ projections: { ...usageFixture().projections!, projectedCost: 252, confidence: 0.8 } });
  if (url.searchParams.get('granularity') !== 'daily') return usageFixture();
  const timeSeries = [];
  for (let t = Date.UTC(2023, 9, 1); t <= Date.UTC(2024, 0, 16); t += 86_400_000)
    timeSeries.push({ timestamp: new Date(t).toISOString().replace('.000Z', 'Z'), value: 1, cost: t === Date.UTC(2024, 0, 16) ? 4 : 10 });
  const [first] = usageFixture().breakdown;
  return usageFixture({ breakdown: [{ ...first!, timeSeries }] });
}

function forecastFor(url: URL): ForecastResponse {
  const months = Number(url.searchParams.get('forecastPeriod')?.split('_')[0] ?? 3);
  return {
    baseline: { avgMonthlyCost: 200, growthRate: 1.2 },
    monthlyProjections: Array.from({ length: months }, (_, i) => ({
      month: `2024-${String(i + 1).padStart(2, '0')}`,
      projectedCost: 250 + i * 10,
      confidence: 0.9 - i * 0.05,
      lowerBound: 240 + i * 5,
      upperBound: 262 + i * 15,
      ...(i === 0 ? { actualToDate: 120 } : {}),
    })),
    scenarios: {
      optimistic: { sixMonthTotal: 1400, peakMonth: 260, probability: 0.2 },
      expected: { sixMonthTotal: 1600, peakMonth: 300, probability: 0.6 },
      pessimistic: { sixMonthTotal: 1900, peakMonth: 360, probability: 0.2 },
    },
    growthDrivers: [{ factor: 'Storage', impact: 12.5, description: 'Storage grew', dimension: 'resource_type', key: 'storage' }],
    currency: 'USD',
    confidenceInterval: Number(url.searchParams.get('confidenceInterval')),
    scenarioMonths: Math.min(6, months),
    actuals: [{ month: '2023-12', cost: 210 }],
  };
}

const budgets: BudgetStatusResponse = {
  budgets: [
    {
      budgetId: 'org',
      name: 'Organisation total',
      monthlyBudget: 240,
      currency: 'USD',
      resourceTypes: ['all'],
      alertThresholds: [50, 100],
      currentSpent: 120,
      percentageUsed: 50,
      daysRemainingInPeriod: 15,
      projectedSpend: 252,
      thresholdsCrossed: [50],
      status: 'at_risk',
    },
  ],
};

function stubApi(fail = () => false) {
  const fetchMock = vi.fn(async (input: RequestInfo | URL) => {
    const url = new URL(String(input), 'http://localhost');
    if (url.pathname === '/v2/billing/budgets/status') return jsonResponse(budgets);
    if (url.pathname === '/v2/billing/usage') return jsonResponse(usageFor(url));
    if (fail()) return jsonResponse({ error: { code: 'internal_error', message: 'Forecast failed' } }, 500);
    return jsonResponse(forecastFor(url));
  });
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

const forecastUrls = (fetchMock: ReturnType<typeof stubApi>) =>
  fetchMock.mock.calls
    .map(([input]) => new URL(String(input), 'http://localhost'))
    .filter((u) => u.pathname === '/v2/billing/usage/forecast');

const projectionRows = () =>
  within(screen.getByRole('region', { name: 'Monthly projections' })).getAllByRole('row').slice(1);

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('Forecast page', { timeout: 30_000 }, () => {
  it('asks for 6 months at 95% with scenarios, and shows projections, scenarios and budgets', async () => {
    const fetchMock = stubApi();
    renderApp('/forecast?currency=USD');
    expect(await screen.findByRole('heading', { level: 1, name: 'Forecast' }, WAIT)).toBeInTheDocument();
    await waitFor(() => expect(projectionRows()).toHaveLength(6), WAIT);
    expect(Object.fromEntries(forecastUrls(fetchMock)[0]!.searchParams)).toEqual({
      forecastPeriod: '6_months',
      includeScenarios: 'true',
      confidenceInterval: '0.95',
      currency: 'USD',
    });
    expect(within(screen.getByRole('group', { name: 'Expected scenario' })).getByTestId('scenario-total')).toHaveTextContent(
      '$1,600.00',
    );
    // this month is the projection of record, the forecast model's own figure named beside it
    const thisMonth = screen.getByRole('group', { name: 'Projected this month' });
    await waitFor(() => expect(thisMonth).toHaveTextContent('$252.00'), WAIT);
    expect(within(thisMonth).getByTestId('forecast-model-month')).toHaveTextContent('Forecast model: $250.00');
    expect(await screen.findByText('Projected over: projected 105% of budget', {}, WAIT)).toBeInTheDocument();
    expect(screen.getByTestId('outlook-projected')).toHaveTextContent('$252.00');
    // the budget's forecast from its usage (150 by the 15th, 10 a day) centred on the record: the month's other 102 over
    // its 16 days, 6.375 a day, pass 240 on the 15th of them, 30 Jan
    expect(await screen.findByTestId('outlook-breach', {}, WAIT)).toHaveTextContent(/^Over 99% chance to exceed by month end; expected around 30 Jan/);
    // the accuracy panel loads with its own chunk and query
    expect(await screen.findByText(/Not enough history yet/, {}, WAIT)).toBeInTheDocument();
  });

  it('changes the period in the URL and shows that many months', async () => {
    stubApi();
    const user = userEvent.setup();
    const { router } = renderApp('/forecast');
    await waitFor(() => expect(projectionRows()).toHaveLength(6), WAIT);
    await user.selectOptions(screen.getByLabelText('Forecast period'), '3_months');
    expect(router.state.location.search).toBe('?forecastPeriod=3_months');
    await waitFor(() => expect(projectionRows()).toHaveLength(3), WAIT);
    await user.selectOptions(screen.getByLabelText('Confidence interval'), '0.8');
    expect(router.state.location.search).toBe('?forecastPeriod=3_months&confidenceInterval=0.8');
  });

  it('reports an unknown period and shows the default', async () => {
    const fetchMock = stubApi();
    renderApp('/forecast?forecastPeriod=2_months');
    expect(await screen.findByText(/Ignored forecastPeriod “2_months”: not a forecast period/, {}, WAIT)).toBeInTheDocument();
    await waitFor(() => expect(forecastUrls(fetchMock)[0]?.searchParams.get('forecastPeriod')).toBe('6_months'), WAIT);
    expect(screen.getByLabelText('Forecast period')).toHaveValue('6_months');
  });

  it('shows the API error with Retry', async () => {
    let failing = true;
    stubApi(() => failing);
    const user = userEvent.setup();
    renderApp('/forecast');
    expect(await screen.findByText('Forecast failed', {}, WAIT)).toBeInTheDocument();
    failing = false;
    await user.click(screen.getByRole('button', { name: 'Retry' }));
    await waitFor(() => expect(projectionRows()).toHaveLength(6), WAIT);
  });
});
