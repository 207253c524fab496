import { configure, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderApp } from '../../test/render-app';
import { jsonResponse, usageFixture } from '../../test/usage-fixture';

// The lazy route and the filter bar's chunk are transformed on first use: on a busy machine that takes over the default second.
configure({ asyncUtilTimeout: 5_000 });

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(new Date('2024-01-16T12:00:00Z'));
  vi.stubGlobal(
    'fetch',
    vi.fn(async () => jsonResponse(usageFixture())),
  );
});

afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

const filters = () => screen.getByRole('region', { name: 'Filters' });

describe('FilterBar', () => {
  it('shows the values from the URL', async () => {
    renderApp(
      '/usage?timeRange=custom&startDate=2024-01-01&endDate=2024-01-15&resourceType=clusters,ai-services&currency=EUR&granularity=weekly&groupBy=project',
    );
    await screen.findByRole('heading', { level: 1, name: 'Usage' });
    const bar = filters();
    // the bar's controls load beside the page's chunk
    expect(await within(bar).findByRole('combobox', { name: 'Time range' })).toHaveValue('custom');
    // the date inputs load with a custom range
    expect(await within(bar).findByLabelText('Start date')).toHaveValue('2024-01-01');
    expect(within(bar).getByLabelText('End date')).toHaveValue('2024-01-15');
    expect(within(bar).getByRole('combobox', { name: 'Granularity' })).toHaveValue('weekly');
    expect(within(bar).getByRole('combobox', { name: 'Group by' })).toHaveValue('project');
    expect(within(bar).getByRole('combobox', { name: 'Currency' })).toHaveValue('EUR');
    const types = within(bar).getByRole('button', { name: 'Resource types' });
    expect(types).toHaveAccessibleDescription('GPU clusters, AI services');
  });

  it('hides the dates unless the range is custom', async () => {
    renderApp('/usage');
    await screen.findByRole('heading', { level: 1, name: 'Usage' });
    expect(within(filters()).queryByLabelText('Start date')).not.toBeInTheDocument();
  });

  it('writes changes to the URL as new history entries, leaving defaults out', async () => {
    const { router } = renderApp('/usage?metric=usage');
    await screen.findByRole('heading', { level: 1, name: 'Usage' });
    await userEvent.selectOptions(await within(filters()).findByRole('combobox', { name: 'Granularity' }), 'weekly');
    expect(router.state.location.search).toBe('?metric=usage&granularity=weekly');
    await userEvent.selectOptions(await within(filters()).findByRole('combobox', { name: 'Time range' }), 'custom');
    expect(router.state.location.search).toBe(
      '?metric=usage&timeRange=custom&startDate=2024-01-01&endDate=2024-01-31&granularity=weekly',
    );
    expect(await within(filters()).findByLabelText('Start date')).toHaveValue('2024-01-01');
    await userEvent.selectOptions(await within(filters()).findByRole('combobox', { name: 'Granularity' }), 'daily');
    expect(router.state.location.search).toBe('?metric=usage&timeRange=custom&startDate=2024-01-01&endDate=2024-01-31');

    await router.navigate(-1);
    await waitFor(() => expect(within(filters()).getByRole('combobox', { name: 'Granularity' })).toHaveValue('weekly'));
  });

  it('picks resource types in a popover of checkboxes', async () => {
    const { router } = renderApp('/usage');
    await screen.findByRole('heading', { level: 1, name: 'Usage' });
    const button = await within(filters()).findByRole('button', { name: 'Resource types' });
    expect(button).toHaveAccessibleDescription('All types');
    await userEvent.click(button);
    expect(button).toHaveAttribute('aria-expanded', 'true');
    const panel = screen.getByRole('group', { name: 'Resource types' });
    const boxes = within(panel).getAllByRole('checkbox');
    expect(boxes).toHaveLength(6);
    boxes.forEach((b) => expect(b).toBeChecked());

    await userEvent.click(within(panel).getByRole('checkbox', { name: 'Storage' }));
    expect(router.state.location.search).toBe('?resourceType=clusters,endpoints,training,ai-services,bandwidth');

    await userEvent.click(within(panel).getByRole('button', { name: 'All types' }));
    expect(router.state.location.search).toBe('');

    await userEvent.keyboard('{Escape}');
    expect(button).toHaveAttribute('aria-expanded', 'false');
    expect(button).toHaveFocus();
  });

  it('keeps at least one resource type', async () => {
    renderApp('/usage?resourceType=storage');
    await screen.findByRole('heading', { level: 1, name: 'Usage' });
    await userEvent.click(await within(filters()).findByRole('button', { name: 'Resource types' }));
    expect(screen.getByRole('checkbox', { name: 'Storage' })).toBeDisabled();
  });

  it('offers hourly only for ranges up to 92 days', async () => {
    renderApp('/usage?timeRange=current_year');
    await screen.findByRole('heading', { level: 1, name: 'Usage' });
    const granularity = await within(filters()).findByRole('combobox', { name: 'Granularity' });
    expect(within(granularity).getByRole('option', { name: /Hourly/ })).toBeDisabled();
  });

  it('copies the link and says so', async () => {
    const writeText = vi.fn(async () => {});
    const user = userEvent.setup();
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    renderApp('/usage?currency=GBP');
    await screen.findByRole('heading', { level: 1, name: 'Usage' });
    await user.click(await within(filters()).findByRole('button', { name: 'Copy link' }));
    expect(writeText).toHaveBeenCalledWith(window.location.href);
    expect(await within(filters()).findByText('Link copied')).toBeInTheDocument();
  });

  it('copies a link with the dates the API resolved the range to, whatever the browser clock says', async () => {
    vi.setSystemTime(new Date('2031-07-04T09:00:00Z'));
    const period = { startDate: '2023-12-01', endDate: '2023-12-31', billingCycle: 'monthly' as const, daysInPeriod: 31, daysElapsed: 31 };
    const fetchMock = vi.fn(async (input: RequestInfo | URL) =>
      jsonResponse(usageFixture(String(input).includes('timeRange=last_month') ? { period } : {})),
    );
    vi.stubGlobal('fetch', fetchMock);
    const writeText = vi.fn(async () => {});
    const user = userEvent.setup();
    Object.defineProperty(navigator, 'clipboard', { value: { writeText }, configurable: true });
    renderApp('/usage?timeRange=last_month&currency=EUR&metric=usage');
    await screen.findByRole('heading', { level: 1, name: 'Usage' });
    await user.click(await within(filters()).findByRole('button', { name: 'Copy link with these dates' }));
    expect(await within(filters()).findByText('Link with 1–31 Dec 2023 copied')).toBeInTheDocument();
    const copied = new URL((writeText.mock.calls[0] as unknown as [string])[0]);
    expect(copied.pathname).toBe('/usage');
    expect(Object.fromEntries(copied.searchParams)).toEqual({
      metric: 'usage',
      timeRange: 'custom',
      startDate: '2023-12-01',
      endDate: '2023-12-31',
      currency: 'EUR',
    });
  });

  it('offers no fixed-dates link where the range already is dates', async () => {
    renderApp('/usage?timeRange=custom&startDate=2024-01-01&endDate=2024-01-15');
    await screen.findByRole('heading', { level: 1, name: 'Usage' });
    expect(await within(filters()).findByRole('button', { name: 'Copy link' })).toBeInTheDocument();
    expect(within(filters()).queryByRole('button', { name: 'Copy link with these dates' })).not.toBeInTheDocument();
  });

  it('falls back when the clipboard is unavailable', async () => {
    const user = userEvent.setup();
    Object.defineProperty(navigator, 'clipboard', { value: undefined, configurable: true });
    document.execCommand = vi.fn(() => false);
    renderApp('/usage');
    await screen.findByRole('heading', { level: 1, name: 'Usage' });
    await user.click(await within(filters()).findByRole('button', { name: 'Copy link' }));
    expect(await within(filters()).findByText(/Could not copy/)).toBeInTheDocument();
  });

  it('names ignored URL values in a notice, and cleans up the link', async () => {
    const { router } = renderApp('/usage?timeRange=bogus&currency=XYZ&metric=usage');
    await screen.findByRole('heading', { level: 1, name: 'Usage' });
    const notice = screen.getByText(/Ignored timeRange “bogus”/).closest('[role="status"]') as HTMLElement;
    expect(notice).toHaveTextContent('Ignored currency “XYZ”: not a supported currency');
    expect(await within(filters()).findByRole('combobox', { name: 'Time range' })).toHaveValue('current_month');
    await userEvent.click(within(notice).getByRole('button', { name: 'Clean up link' }));
    expect(router.state.location.search).toBe('?metric=usage');
    expect(screen.queryByText(/Ignored/)).not.toBeInTheDocument();
  });

  it('keeps the filters in the navigation links', async () => {
    renderApp('/usage?currency=EUR&metric=usage&timeRange=bogus');
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: 'Forecast' })).toHaveAttribute('href', '/forecast?currency=EUR');
    expect(within(nav).getByRole('link', { name: 'Overview' })).toHaveAttribute('href', '/?currency=EUR');
  });
});
