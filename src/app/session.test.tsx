import { screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Session } from '../contract/access';
import { renderApp } from '../test/render-app';
import { fetchSession, loginHref } from './session-api';

const base: Session = { user: { id: 'u1', name: 'Vic Viewer', email: 'vic@example.com' }, role: 'viewer', teams: [], mode: 'oidc' };

describe('role-aware shell', () => {
  beforeEach(() => {
    // The API never answers: only what the shell and page draw before data arrives is checked.
    vi.stubGlobal('fetch', vi.fn(() => new Promise(() => {})));
  });
  afterEach(() => {
    vi.unstubAllGlobals();
    window.localStorage.clear();
  });

  it('a viewer sees budgets with New, Edit and Delete disabled, and why', async () => {
    renderApp('/budgets', undefined, base);
    const create = await screen.findByRole('button', { name: /New budget/ });
    expect(create).toBeDisabled();
    expect(create).toHaveAccessibleDescription(/Your role is viewer: you can see budgets but not create, change or delete them/);
    expect(screen.queryByRole('link', { name: /New budget/ })).toBeNull();
    const nav = screen.getAllByRole('navigation', { name: 'Main' })[0]!;
    expect(within(nav).queryByRole('link', { name: 'Activity' })).toBeNull();
    expect((await screen.findAllByText('Vic Viewer')).length).toBeGreaterThan(0);
    expect((await screen.findAllByRole('button', { name: 'Sign out' })).length).toBeGreaterThan(0);
  });

  it('a viewer opening the editor gets the note instead of a form', async () => {
    renderApp('/budgets/new', undefined, base);
    expect(await screen.findByText(/you can see budgets but not create/)).toBeInTheDocument();
    expect(screen.queryByRole('form', { name: 'New budget' })).toBeNull();
  });

  it('a team-scoped user sees whose spend it is and no organisation-wide pages', async () => {
    renderApp('/teams', undefined, { ...base, role: 'editor', teams: ['Research', 'ML Platform'] });
    const note = await screen.findByRole('note', { name: 'Team scope' });
    expect(note).toHaveTextContent('You see the spend of Research, ML Platform only');
    const nav = screen.getAllByRole('navigation', { name: 'Main' })[0]!;
    expect(within(nav).getAllByRole('link').map((a) => a.textContent)).toEqual(['Overview', 'Usage', 'Teams']);
  });

  it('an administrator gets the Activity page in the navigation', async () => {
    renderApp('/', undefined, { ...base, role: 'admin' });
    const nav = (await screen.findAllByRole('navigation', { name: 'Main' }))[0]!;
    expect(within(nav).getByRole('link', { name: 'Activity' })).toBeInTheDocument();
  });

  it('a user without a role gets the no-access page', async () => {
    renderApp('/usage', undefined, { ...base, role: 'none' });
    expect(await screen.findByRole('heading', { level: 1, name: 'No access to billing data' })).toBeInTheDocument();
    expect(screen.getByText(/none of the groups that may use this dashboard/)).toBeInTheDocument();
    expect(screen.queryByRole('navigation', { name: 'Main' })).toBeNull();
  });
});

describe('session loading', () => {
  afterEach(() => vi.unstubAllGlobals());
  const answer = (status: number, body: string, type = 'application/json') =>
    vi.stubGlobal('fetch', vi.fn(async () => new Response(body, { status, headers: { 'content-type': type } })));

  it('reads /auth/me, tells signed-out apart, and treats a server without it as no sign-in', async () => {
    answer(200, JSON.stringify({ ...base, role: 'editor' }));
    expect(await fetchSession()).toMatchObject({ role: 'editor', user: { id: 'u1' } });
    answer(401, JSON.stringify({ error: { code: 'unauthorized', message: 'Sign in' } }));
    expect(await fetchSession()).toBe('signed-out');
    answer(404, '<!doctype html>', 'text/html');
    expect(await fetchSession()).toMatchObject({ mode: 'none', role: 'admin' });
    answer(200, JSON.stringify({ user: { id: 'u1' }, role: 'owner', teams: [], mode: 'oidc' }));
    await expect(fetchSession()).rejects.toThrow(/does not say who you are/);
    answer(403, JSON.stringify({ error: { code: 'untrusted_proxy', message: 'outside AUTH_PROXY_TRUSTED' } }));
    await expect(fetchSession()).rejects.toThrow(/AUTH_PROXY_TRUSTED/);
  });

  it('sends sign-in back to the address the user is on', () => {
    expect(loginHref({ pathname: '/usage', search: '?timeRange=last_month', hash: '#x' })).toBe('/auth/login?returnTo=%2Fusage%3FtimeRange%3Dlast_month%23x');
  });
});
