/**
 * Sign-in with a real OpenID provider (oidc-provider on loopback), roles,
 * cookies, same-origin writes, team scope and the audit log, over HTTP
 * against the production app proxying to a real sandbox.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { budgetSchema, errorBodySchema, usageResponseSchema, type UsageResponse } from '../../../src/contract/billing.ts';
import { startSandbox, TEST_KEY, type Sandbox } from '../../test/sandbox.ts';
import { Hono } from 'hono';
import { openDuckDbAuditStore } from '../audit/store.ts';
import { parseAuthConfig, type AuthConfig } from './config.ts';
import { createAccessLayer } from './layer.ts';
import { SessionCodec } from './session.ts';
import { startDashboard, TEST_SESSION_SECRET, type Dashboard } from './test-dashboard.ts';
import { signIn } from './test-flow.ts';
import { SIGN_IN_USERS, startTestProvider, TEST_CLIENT, TEST_ROLE_ENV, type TestProvider } from './test-provider.ts';

let sandbox: Sandbox;
let provider: TestProvider;
let dash: Dashboard;
const cookies: Record<string, string> = {};

beforeAll(async () => {
  sandbox = await startSandbox();
  dash = await startDashboard({
    apiUrl: sandbox.url,
    apiKey: TEST_KEY,
    env: { AUTH_MODE: 'oidc', SESSION_SECRET: TEST_SESSION_SECRET, OIDC_CLIENT_ID: TEST_CLIENT.id, OIDC_CLIENT_SECRET: TEST_CLIENT.secret, ...TEST_ROLE_ENV },
    beforeConfig: async (url) => {
      provider = await startTestProvider(0, [`${url}/auth/callback`]);
      return { OIDC_ISSUER_URL: provider.issuer };
    },
  });
  for (const user of SIGN_IN_USERS) cookies[user] = (await signIn(dash.url, user)).cookie;
}, 120_000);

afterAll(async () => {
  await dash?.close();
  await provider?.close();
  await sandbox?.close();
});

const call = (path: string, user: string | null, init: RequestInit = {}) =>
  fetch(dash.url + path, {
    redirect: 'manual',
    ...init,
    headers: { accept: 'application/json', ...(user ? { cookie: cookies[user]! } : {}), ...(init.headers as Record<string, string>) },
  });

async function expectError(res: Response, status: number, code: string): Promise<string> {
  const text = await res.text();
  expect(res.status, text).toBe(status);
  const body = errorBodySchema.parse(JSON.parse(text));
  expect(body.error.code).toBe(code);
  return body.error.message;
}

const budgetBody = (name: string, monthlyBudget = 1234.5) =>
  JSON.stringify({ name, monthlyBudget, currency: 'USD', alertThresholds: [50, 90], resourceTypes: ['clusters'] });
const write = (user: string, method: string, path: string, body?: string, headers: Record<string, string> = {}) =>
  call(path, user, { method, body, headers: { 'content-type': 'application/json', origin: dash.url, ...headers } });

describe('sign-in', () => {
  it('lands on the deep link it started from, with an httpOnly SameSite=Lax session cookie for SESSION_TTL_HOURS', async () => {
    const deep = '/usage?timeRange=last_month&resourceType=clusters#chart';
    const s = await signIn(dash.url, 'vic', deep);
    expect(s.landed).toBe(deep);
    expect(s.setCookie).toMatch(/HttpOnly/i);
    expect(s.setCookie).toMatch(/SameSite=Lax/i);
    expect(s.setCookie).toMatch(/Max-Age=43200/);
    expect(s.setCookie).not.toMatch(/Secure/i); // PUBLIC_URL is http here
    const me = await (await call('/auth/me', null, { headers: { cookie: s.cookie } })).json();
    expect(me).toMatchObject({ user: { id: 'vic', name: 'Vic Viewer', email: 'vic@example.com' }, role: 'viewer', teams: [], mode: 'oidc' });
  });

  it('keeps only the role groups in the cookie, and refuses a sign-in whose cookie would be too big', async () => {
    const session = await new SessionCodec(TEST_SESSION_SECRET).openSession(cookies.ada!.slice('t1_session='.length));
    expect(session?.groups).toEqual(['billing-admins']); // 'staff' gives no role
    await expect(signIn(dash.url, 'zed')).rejects.toThrow(/too many teams \(300\)/);
  });

  it('sends a page opened without a session to sign-in with the address to come back to', async () => {
    const res = await call('/budgets/b-1/edit?x=1', null, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(302);
    expect(res.headers.get('location')).toBe(`/auth/login?returnTo=${encodeURIComponent('/budgets/b-1/edit?x=1')}`);
  });

  it('goes back only to paths on this site', async () => {
    for (const evil of ['https://evil.example/', '//evil.example/x', '/\\evil.example', 'javascript:alert(1)'])
      expect((await signIn(dash.url, 'vic', evil)).landed).toBe('/');
  });

  it('answers API calls without a session with 401 and the API error body', async () => {
    await expectError(await call('/v2/billing/usage', null), 401, 'unauthorized');
    await expectError(await call('/auth/me', null), 401, 'unauthorized');
  });

  it('refuses tampered, expired and foreign cookies, and a sign-in cookie used as a session', async () => {
    const value = cookies.ada!.slice('t1_session='.length);
    const i = value.length - 10;
    const tampered = value.slice(0, i) + (value[i] === 'A' ? 'B' : 'A') + value.slice(i + 1);
    const principal = { id: 'ada', name: 'Ada Admin', email: 'ada@example.com', groups: ['billing-admins'], teams: [] };
    const expired = await new SessionCodec(TEST_SESSION_SECRET, () => Date.now() - 13 * 3_600_000).sealSession(principal, 12 * 3_600_000);
    const foreign = await new SessionCodec('another-secret-of-another-deployment-0123').sealSession(principal, 3_600_000);
    const loginAsSession = await new SessionCodec(TEST_SESSION_SECRET).sealLogin({ verifier: 'v', state: 's', nonce: 'n', returnTo: '/' });
    for (const bad of [tampered, expired, foreign, loginAsSession, 'garbage']) {
      await expectError(await call('/v2/billing/budgets', null, { headers: { cookie: `t1_session=${bad}` } }), 401, 'unauthorized');
    }
    // The genuine cookie still works.
    expect((await call('/v2/billing/budgets', 'ada')).status).toBe(200);
  });

  it('marks cookies Secure when PUBLIC_URL is https, and keeps them SESSION_TTL_HOURS', async () => {
    const config = parseAuthConfig(
      {
        AUTH_MODE: 'oidc',
        PUBLIC_URL: 'https://billing.example.com',
        SESSION_SECRET: TEST_SESSION_SECRET,
        SESSION_TTL_HOURS: '2',
        OIDC_ISSUER_URL: provider.issuer,
        OIDC_CLIENT_ID: TEST_CLIENT.id,
        OIDC_CLIENT_SECRET: TEST_CLIENT.secret,
        ...TEST_ROLE_ENV,
      },
      true,
    ) as AuthConfig;
    expect(config.sessionTtlMs).toBe(2 * 3_600_000);
    const audit = await openDuckDbAuditStore(':memory:');
    const app = new Hono();
    createAccessLayer({ config, audit }).mount(app);
    const res = await app.fetch(new Request('https://billing.example.com/auth/login?returnTo=/teams'));
    expect(res.status).toBe(302);
    const location = new URL(res.headers.get('location')!);
    expect(location.origin).toBe(provider.issuer);
    expect(location.searchParams.get('redirect_uri')).toBe('https://billing.example.com/auth/callback');
    expect(location.searchParams.get('code_challenge_method')).toBe('S256');
    expect(res.headers.get('set-cookie')).toMatch(/^t1_login=.*HttpOnly.*Secure.*SameSite=Lax/i);
    await audit.close();
  });

  it('signs out: POST /auth/logout clears the cookie', async () => {
    const s = await signIn(dash.url, 'vic');
    const res = await call('/auth/logout', null, { method: 'POST', headers: { cookie: s.cookie, origin: dash.url } });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/auth/signed-out');
    expect(res.headers.getSetCookie().find((l) => l.startsWith('t1_session='))).toMatch(/Max-Age=0/);
  });
});

describe('roles', () => {
  it('viewer reads and may not write; editor writes; only admin reads the audit log', async () => {
    expect((await call('/v2/billing/budgets', 'vic')).status).toBe(200);
    expect((await call('/v2/billing/usage?timeRange=current_month', 'vic')).status).toBe(200);
    const msg = await expectError(await write('vic', 'POST', '/v2/billing/budgets', budgetBody('Viewer try')), 403, 'forbidden');
    expect(msg).toMatch(/viewer/);
    await expectError(await call('/audit/entries', 'vic'), 403, 'forbidden');
    await expectError(await call('/audit/entries', 'eve'), 403, 'forbidden');
    expect((await call('/audit/entries', 'ada')).status).toBe(200);

    const created = await write('eve', 'POST', '/v2/billing/budgets', budgetBody('Editor budget'));
    expect(created.status).toBe(201);
    const { budgetId } = budgetSchema.parse(await created.json());
    expect((await write('vic', 'DELETE', `/v2/billing/budgets/${budgetId}`)).status).toBe(403);
    expect((await write('eve', 'DELETE', `/v2/billing/budgets/${budgetId}`)).status).toBe(204);
  });

  it('a signed-in user in no role group gets role none and 403 everywhere', async () => {
    const me = await (await call('/auth/me', 'nia')).json();
    expect(me).toMatchObject({ user: { id: 'nia' }, role: 'none' });
    const msg = await expectError(await call('/v2/billing/usage', 'nia'), 403, 'forbidden');
    expect(msg).toMatch(/none of the groups/);
    await expectError(await call('/v2/billing/budgets', 'nia'), 403, 'forbidden');
  });
});

describe('writes', () => {
  it('refuses a cross-origin POST and a cross-site form post, and creates nothing', async () => {
    const before = (await (await call('/v2/billing/budgets', 'ada')).json()) as { budgets: unknown[] };
    await expectError(await write('ada', 'POST', '/v2/billing/budgets', budgetBody('Cross'), { origin: 'https://evil.example' }), 403, 'cross_origin');
    await expectError(
      await call('/v2/billing/budgets', 'ada', {
        method: 'POST',
        headers: { 'content-type': 'text/plain', 'sec-fetch-site': 'cross-site', origin: 'https://evil.example' },
        body: budgetBody('Form'),
      }),
      403,
      'cross_origin',
    );
    await expectError(await write('ada', 'POST', '/v2/billing/budgets', budgetBody('Null'), { origin: 'null', 'sec-fetch-site': 'cross-site' }), 403, 'cross_origin');
    const after = (await (await call('/v2/billing/budgets', 'ada')).json()) as { budgets: unknown[] };
    expect(after.budgets.length).toBe(before.budgets.length);
  });
});

describe('audit log', () => {
  it('records create, update and delete with who, address, before and after; filters; CSV', async () => {
    const created = await write('eve', 'POST', '/v2/billing/budgets', budgetBody('Audited', 500));
    expect(created.status).toBe(201);
    const b1 = budgetSchema.parse(await created.json());
    const updated = await write('eve', 'PUT', `/v2/billing/budgets/${b1.budgetId}`, budgetBody('Audited', 750));
    expect(updated.status).toBe(200);
    const b2 = budgetSchema.parse(await updated.json());
    expect((await write('ada', 'DELETE', `/v2/billing/budgets/${b1.budgetId}`)).status).toBe(204);

    const res = await call(`/audit/entries?objectId=${b1.budgetId}`, 'ada');
    const { entries, total } = (await res.json()) as { entries: Record<string, unknown>[]; total: number };
    expect(total).toBe(3);
    const [del, upd, cre] = entries; // newest first
    expect(cre).toMatchObject({ action: 'budget.create', actorId: 'eve', actorName: 'Eve Editor', role: 'editor', address: '127.0.0.1', before: null, status: 201 });
    expect((cre!.after as { monthlyBudget: number }).monthlyBudget).toBe(500);
    expect(upd).toMatchObject({ action: 'budget.update', actorId: 'eve' });
    expect((upd!.before as { monthlyBudget: number }).monthlyBudget).toBe(500);
    expect(upd!.after).toEqual(b2);
    expect(del).toMatchObject({ action: 'budget.delete', actorId: 'ada', role: 'admin', after: null });
    expect(del!.before).toEqual(b2);

    const onlyEve = (await (await call(`/audit/entries?objectId=${b1.budgetId}&actor=EVE@example`, 'ada')).json()) as { total: number };
    expect(onlyEve.total).toBe(2);
    const deletes = (await (await call(`/audit/entries?action=budget.delete&objectId=${b1.budgetId}`, 'ada')).json()) as { total: number };
    expect(deletes.total).toBe(1);

    const csv = await call(`/audit/entries.csv?objectId=${b1.budgetId}`, 'ada');
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const lines = (await csv.text()).trim().split('\r\n');
    // named by the days of its entries (oldest to newest; one day when they share it)
    const days = [...new Set(lines.slice(1).map((l) => l.slice(0, 10)))].sort();
    const span = days.length === 1 ? days[0] : `${days[0]}-to-${days.at(-1)}`;
    expect(csv.headers.get('content-disposition')).toBe(`attachment; filename="tensorone-audit-log-${span}.csv"`);
    expect(lines[0]).toBe('at,actorId,actorName,actorEmail,role,address,action,objectType,objectId,status,before,after,id');
    expect(lines).toHaveLength(4);
    expect(lines.filter((l) => l.includes('budget.update'))).toHaveLength(1);
  });

  it('a refused write leaves no entry, and bad filters get a 400 naming the parameter', async () => {
    const total = ((await (await call('/audit/entries', 'ada')).json()) as { total: number }).total;
    await write('vic', 'POST', '/v2/billing/budgets', budgetBody('Nope'));
    expect(((await (await call('/audit/entries', 'ada')).json()) as { total: number }).total).toBe(total);
    for (const [qs, parameter] of [['limit=0', 'limit'], ['from=yesterday', 'from'], ['action=drop', 'action'], ['who=x', 'who']] as const) {
      const res = await call(`/audit/entries?${qs}`, 'ada');
      expect(res.status).toBe(400);
      const body = (await res.json()) as { error: { code: string; details: { parameter: string }[] } };
      expect(body.error.code).toBe('invalid_parameter');
      expect(body.error.details.map((d) => d.parameter)).toContain(parameter);
    }
  });
});

describe('team scope', () => {
  const qs = 'timeRange=last_month&groupBy=project&groupBy=user';
  let org: UsageResponse;
  let mine: UsageResponse;
  let text: string;

  beforeAll(async () => {
    org = usageResponseSchema.parse(await (await call(`/v2/billing/usage?${qs}&includeTeamMetrics=true`, 'ada')).json());
    const res = await call(`/v2/billing/usage?${qs}`, 'tom');
    text = await res.text();
    expect(res.status, text).toBe(200);
    mine = usageResponseSchema.parse(JSON.parse(text));
  });

  it('lists only the user’s teams (by name or id) and their users, with totals rebuilt from them', () => {
    expect(mine.teamBreakdown!.map((t) => t.teamName).sort()).toEqual(['ML Platform', 'Research']);
    const kept = org.teamBreakdown!.filter((t) => t.teamName === 'Research' || t.teamId === 'ml-platform');
    const cents = kept.reduce((a, t) => a + Math.round(t.totalCost * 100), 0);
    expect(Math.round(mine.summary.totalCost * 100)).toBe(cents);
    expect(mine.teamBreakdown!.reduce((a, t) => a + Math.round(t.percentage * 10), 0)).toBe(1000);
    expect(mine.breakdown.reduce((a, b) => a + Math.round(b.usage.cost * 100), 0)).toBe(cents);
    expect(mine.userBreakdown!.length).toBeGreaterThan(0);
    expect(mine.userBreakdown!.every((u) => u.team === 'Research' || u.team === 'ML Platform')).toBe(true);
    expect(mine.regional).toEqual([]);
  });

  it('contains no other team’s name or figure and no organisation total', () => {
    const others = org.teamBreakdown!.filter((t) => t.teamName !== 'Research' && t.teamId !== 'ml-platform');
    expect(others.length).toBeGreaterThan(0);
    for (const t of others) {
      expect(text).not.toContain(t.teamName);
      expect(text).not.toContain(`"${t.teamId}"`);
    }
    for (const u of org.userBreakdown!.filter((u) => others.some((t) => t.teamName === u.team))) expect(text).not.toContain(u.userName);
    expect(text).not.toContain(String(org.summary.totalCost));
    expect(mine.summary.totalCost).toBeLessThan(org.summary.totalCost);
  });

  it('refuses what it cannot scope with 403 team_scope saying why', async () => {
    for (const path of ['/v2/billing/usage/forecast', '/v2/billing/usage/optimization', '/v2/billing/budgets', '/v2/billing/budgets/status']) {
      const msg = await expectError(await call(path, 'tom'), 403, 'team_scope');
      expect(msg).toMatch(/your teams/);
    }
    await expectError(await call('/v2/billing/usage?includeCosts=false', 'tom'), 403, 'team_scope');
    await expectError(await write('tom', 'POST', '/v2/billing/budgets', budgetBody('Scoped')), 403, 'team_scope');
    expect((await (await call('/auth/me', 'tom')).json()) as unknown).toMatchObject({ role: 'editor', teams: ['Research', 'ml-platform'] });
  });
});
