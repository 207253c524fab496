/**
 * AUTH_MODE=proxy: the user and groups come in headers from an authenticating
 * proxy, believed only from AUTH_PROXY_TRUSTED addresses.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, TEST_KEY, type Sandbox } from '../../test/sandbox.ts';
import { startDashboard, TEST_SESSION_SECRET, type Dashboard } from './test-dashboard.ts';

let sandbox: Sandbox;
let trusted: Dashboard;
let untrusted: Dashboard;

const env = (list: string) => ({
  AUTH_MODE: 'proxy',
  SESSION_SECRET: TEST_SESSION_SECRET,
  AUTH_PROXY_TRUSTED: list,
  AUTH_PROXY_TEAMS_HEADER: 'X-Forwarded-Teams',
  ROLE_ADMIN_GROUPS: 'billing-admins',
  ROLE_VIEWER_GROUPS: 'billing-viewers,staff',
});

beforeAll(async () => {
  sandbox = await startSandbox();
  trusted = await startDashboard({ apiUrl: sandbox.url, apiKey: TEST_KEY, env: env('10.0.0.0/8, 127.0.0.1') });
  untrusted = await startDashboard({ apiUrl: sandbox.url, apiKey: TEST_KEY, env: env('10.0.0.0/8, ::2') });
}, 120_000);
afterAll(async () => {
  await trusted?.close();
  await untrusted?.close();
  await sandbox?.close();
});

const headers = { 'X-Forwarded-User': 'lee@example.com', 'X-Forwarded-Groups': 'staff, billing-viewers', accept: 'application/json' };

describe('proxy mode', () => {
  it('believes the headers from a trusted address', async () => {
    const me = await (await fetch(`${trusted.url}/auth/me`, { headers })).json();
    expect(me).toEqual({ user: { id: 'lee@example.com', name: 'lee@example.com', email: 'lee@example.com' }, role: 'viewer', teams: [], mode: 'proxy' });
    expect((await fetch(`${trusted.url}/v2/billing/budgets`, { headers })).status).toBe(200);
    const write = await fetch(`${trusted.url}/v2/billing/budgets`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: '{}' });
    expect(write.status).toBe(403);
  });

  it('refuses the same headers from an address outside AUTH_PROXY_TRUSTED', async () => {
    for (const path of ['/v2/billing/budgets', '/auth/me', '/', '/audit/entries']) {
      const res = await fetch(`${untrusted.url}${path}`, { headers: { ...headers, 'X-Forwarded-Groups': 'billing-admins' } });
      expect(res.status, path).toBe(403);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('untrusted_proxy');
    }
  });

  it('answers 401 when the trusted proxy names no user, and scopes by the teams header', async () => {
    const res = await fetch(`${trusted.url}/v2/billing/budgets`, { headers: { accept: 'application/json' } });
    expect(res.status).toBe(401);
    const scoped = await fetch(`${trusted.url}/v2/billing/budgets`, { headers: { ...headers, 'X-Forwarded-Teams': 'research' } });
    expect(scoped.status).toBe(403);
    expect(((await scoped.json()) as { error: { code: string } }).error.code).toBe('team_scope');
  });
});
