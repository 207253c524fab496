import { screen, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { renderApp } from '../test/render-app';
import { THEME_STORAGE_KEY } from './theme';

const PAGES = [
  ['/usage', 'Usage'],
  ['/forecast', 'Forecast'],
  ['/optimization', 'Optimization'],
  ['/teams', 'Teams'],
  ['/budgets', 'Budgets'],
] as const;

// Restored here, not in the tests, so a failed assertion cannot leave a stub for the next test.
afterEach(() => {
  vi.unstubAllGlobals();
  window.localStorage.clear();
  document.documentElement.classList.remove('dark');
});

describe('app shell and routes', () => {
  it.each(PAGES)('%s loads its page lazily and marks it in the navigation', async (path, title) => {
    // the API never answers here: the page's heading and shell come first
    vi.stubGlobal('fetch', vi.fn(() => new Promise(() => {})));
    renderApp(path);
    expect(await screen.findByRole('heading', { level: 1, name: title }, { timeout: 5000 })).toBeInTheDocument();
    const nav = screen.getByRole('navigation', { name: 'Main' });
    expect(within(nav).getByRole('link', { name: title })).toHaveAttribute('aria-current', 'page');
  });

  it('lists every section in the navigation', async () => {
    vi.stubGlobal('fetch', vi.fn(() => new Promise(() => {})));
    renderApp('/');
    const nav = await screen.findByRole('navigation', { name: 'Main' });
    expect(within(nav).getAllByRole('link').map((a) => a.textContent)).toEqual([
      'Overview',
      'Usage',
      'Forecast',
      'Optimization',
      'Teams',
      'Budgets',
      'Activity',
    ]);
  });

  it('shows a not-found page inside the shell for an unknown address', async () => {
    renderApp('/nowhere');
    expect(await screen.findByRole('heading', { level: 1, name: 'Page not found' })).toBeInTheDocument();
    expect(screen.getByRole('navigation', { name: 'Main' })).toBeInTheDocument();
  });

  it('switches and remembers the colour theme', async () => {
    vi.stubGlobal('fetch', vi.fn(() => new Promise(() => {})));
    renderApp('/usage');
    await screen.findByRole('heading', { level: 1, name: 'Usage' });
    const group = screen.getByRole('group', { name: 'Color theme' });
    expect(within(group).getByRole('radio', { name: 'System' })).toBeChecked();

    await userEvent.click(within(group).getByRole('radio', { name: 'Dark' }));
    expect(document.documentElement).toHaveClass('dark');
    expect(window.localStorage.getItem(THEME_STORAGE_KEY)).toBe('dark');

    await userEvent.click(within(group).getByRole('radio', { name: 'Light' }));
    expect(document.documentElement).not.toHaveClass('dark');
    expect(window.localStorage.getItem(THEME_STORAGE_KEY)).toBe('light');
  });

  it('opens the compact menu', async () => {
    vi.stubGlobal('fetch', vi.fn(() => new Promise(() => {})));
    renderApp('/teams');
    await screen.findByRole('heading', { level: 1, name: 'Teams' });
    const menu = screen.getByRole('button', { name: 'Menu' });
    expect(menu).toHaveAttribute('aria-expanded', 'false');
    await userEvent.click(menu);
    expect(menu).toHaveAttribute('aria-expanded', 'true');
    expect(screen.getAllByRole('navigation', { name: 'Main' })).toHaveLength(2);
  });
});
