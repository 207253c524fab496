/**
 * Two replicas behind one address on one PostgreSQL: a session made by one
 * is honoured by the other (stateless cookies, one SESSION_SECRET), and the
 * audit log is shared (DATABASE_URL), append-only, and kept across restarts.
 */
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { budgetSchema } from '../../../src/contract/billing.ts';
import { startSandbox, TEST_KEY, type Sandbox } from '../../test/sandbox.ts';
import { openPostgresAuditStore } from '../audit/store.ts';
import { findPostgresBin, startTestPostgres, type TestPostgres } from '../audit/test-postgres.ts';
import { closedPort } from '../testing.ts';
import { startDashboard, TEST_SESSION_SECRET, type Dashboard } from './test-dashboard.ts';
import { signIn } from './test-flow.ts';
import { startTestProvider, TEST_CLIENT, TEST_ROLE_ENV, type TestProvider } from './test-provider.ts';

const bin = findPostgresBin();
if (!bin) console.warn('replicas.api.test.ts: SKIPPED, no PostgreSQL binaries found (apt-get install -y postgresql, or set PG_BIN)');

describe.skipIf(!bin)('two replicas on one PostgreSQL', () => {
  let postgres: TestPostgres;
  let sandbox: Sandbox;
  let provider: TestProvider;
  let a: Dashboard;
  let b: Dashboard;

  beforeAll(async () => {
    postgres = startTestPostgres(bin!, Number(process.env.TEST_PG_PORT) || (await closedPort()));
    sandbox = await startSandbox();
    const env = {
      AUTH_MODE: 'oidc',
      SESSION_SECRET: TEST_SESSION_SECRET,
      OIDC_CLIENT_ID: TEST_CLIENT.id,
      OIDC_CLIENT_SECRET: TEST_CLIENT.secret,
      DATABASE_URL: postgres.url,
      ...TEST_ROLE_ENV,
    };
    a = await startDashboard({
      apiUrl: sandbox.url,
      apiKey: TEST_KEY,
      env,
      beforeConfig: async (url) => {
        provider = await startTestProvider(0, [`${url}/auth/callback`]);
        return { OIDC_ISSUER_URL: provider.issuer };
      },
    });
    // The second replica serves the same public address.
    b = await startDashboard({ apiUrl: sandbox.url, apiKey: TEST_KEY, env: { ...env, OIDC_ISSUER_URL: provider.issuer, PUBLIC_URL: a.url } });
  }, 180_000);

  afterAll(async () => {
    await a?.close();
    await b?.close();
    await provider?.close();
    await sandbox?.close();
    postgres?.stop();
  });

  it('shares sessions and the audit log', async () => {
    const eve = await signIn(a.url, 'eve', '/budgets');
    const ada = await signIn(a.url, 'ada');
    const me = await (await fetch(`${b.url}/auth/me`, { headers: { cookie: eve.cookie } })).json();
    expect(me).toMatchObject({ user: { id: 'eve' }, role: 'editor' });

    const created = await fetch(`${b.url}/v2/billing/budgets`, {
      method: 'POST',
      headers: { cookie: eve.cookie, origin: a.url, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'Made on B', monthlyBudget: 321, alertThresholds: [80] }),
    });
    expect(created.status).toBe(201);
    const { budgetId } = budgetSchema.parse(await created.json());
    const del = await fetch(`${a.url}/v2/billing/budgets/${budgetId}`, { method: 'DELETE', headers: { cookie: ada.cookie, origin: a.url } });
    expect(del.status).toBe(204);

    for (const replica of [a, b]) {
      const page = (await (await fetch(`${replica.url}/audit/entries?objectId=${budgetId}`, { headers: { cookie: ada.cookie } })).json()) as {
        entries: { action: string; actorId: string }[];
        store: string;
      };
      expect(page.store).toBe('postgresql');
      expect(page.entries.map((e) => [e.action, e.actorId])).toEqual([
        ['budget.delete', 'ada'],
        ['budget.create', 'eve'],
      ]);
    }
  });

  it('keeps the log append-only and across a restart', async () => {
    const client = new pg.Client({ connectionString: postgres.url });
    await client.connect();
    try {
      const before = Number((await client.query<{ n: string }>('SELECT count(*) AS n FROM audit_log')).rows[0]!.n);
      expect(before).toBeGreaterThan(0);
      await expect(client.query('DELETE FROM audit_log')).rejects.toThrow(/append-only/);
      await expect(client.query("UPDATE audit_log SET actor_id = 'someone'")).rejects.toThrow(/append-only/);
      // A replica starting again (creating the table if missing) loses nothing.
      const again = await openPostgresAuditStore(postgres.url);
      expect((await again.list({ limit: 1000, offset: 0 })).total).toBe(before);
      await again.close();
    } finally {
      await client.end();
    }
  });
});
