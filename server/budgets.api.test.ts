import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { listValue } from '@duckdb/node-api';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CURRENCY_DECIMALS,
  RESOURCE_TYPES,
  budgetListResponseSchema,
  budgetSchema,
  budgetStatusResponseSchema,
  errorBodySchema,
  usageResponseSchema,
  type Budget,
  type Currency,
} from '../src/contract/billing.ts';
import { REFERENCE_NOW, startSandbox, type Sandbox } from './test/sandbox.ts';
import { expectInvalidParameter } from './test/api.ts';

const BASE = '/v2/billing/budgets';
const NOW_ISO = new Date(REFERENCE_NOW).toISOString().replace('.000Z', 'Z');

let sb: Sandbox;
let dir: string;
beforeAll(async () => {
  // An explicit directory, so the persistence test can restart the sandbox on the same file.
  dir = mkdtempSync(join(tmpdir(), 'budgets-test-'));
  sb = await startSandbox({ dir });
});
afterAll(async () => {
  await sb?.close();
  rmSync(dir, { recursive: true, force: true });
});

/** The reference's budget_config, with its thresholds and actions made consistent. */
const valid = (over: Record<string, unknown> = {}): Record<string, unknown> => ({
  monthlyBudget: 2000,
  currency: 'USD',
  alertThresholds: [50, 75, 90, 100],
  resourceTypes: ['clusters', 'ai-services'],
  notificationChannels: ['email', 'webhook'],
  actions: { at_90_percent: 'send_warning', at_100_percent: ['send_alert', 'notify_admin'] },
  ...over,
});

function send(method: string, path: string, body: unknown, headers: Record<string, string> = {}) {
  return sb.get(path, {
    method,
    headers: { 'Content-Type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}
const post = (body: unknown, headers?: Record<string, string>) => send('POST', BASE, body, headers);

async function created(body: unknown, headers?: Record<string, string>): Promise<Budget> {
  const res = await post(body, headers);
  const text = await res.text();
  expect(res.status, text).toBe(201);
  return budgetSchema.parse(JSON.parse(text));
}

async function list(): Promise<Budget[]> {
  return budgetListResponseSchema.parse(await sb.json(BASE)).budgets;
}

async function expect400(res: Response, parameter: string, message: RegExp) {
  await expectInvalidParameter(res, parameter, message);
}

describe('budget CRUD', () => {
  it("creates a budget from the reference's body and returns it with an id and timestamps", async () => {
    const b = await created({ ...valid(), name: 'Clusters and AI services' });
    expect(b.budgetId).toMatch(/^bdg-[0-9a-f]{16}$/);
    expect(b).toMatchObject({
      name: 'Clusters and AI services',
      monthlyBudget: 2000,
      currency: 'USD',
      alertThresholds: [50, 75, 90, 100],
      resourceTypes: ['clusters', 'ai-services'],
      // the reference's plain strings are stored as channels to the account's default recipients
      notificationChannels: [{ type: 'email' }, { type: 'webhook' }],
      actions: { at_90_percent: ['send_warning'], at_100_percent: ['send_alert', 'notify_admin'] },
      createdAt: NOW_ISO,
      updatedAt: NOW_ISO,
    });
    const again = budgetSchema.parse(await sb.json(`${BASE}/${b.budgetId}`));
    expect(again).toEqual(b);
    expect((await list()).filter((x) => x.budgetId === b.budgetId)).toEqual([b]);
  });

  it("accepts the reference's example as written: at_110_percent need not be a threshold", async () => {
    const reference = {
      monthlyBudget: 2000.0,
      currency: 'USD',
      alertThresholds: [50, 75, 90, 100],
      resourceTypes: ['clusters', 'ai-services'],
      notificationChannels: ['email', 'webhook'],
      actions: {
        at_90_percent: 'send_warning',
        at_100_percent: ['send_alert', 'notify_admin'],
        at_110_percent: ['send_critical', 'auto_limit'],
      },
    };
    const b = await created(reference);
    expect(b.alertThresholds).toEqual([50, 75, 90, 100]);
    expect(b.actions).toEqual({
      at_90_percent: ['send_warning'],
      at_100_percent: ['send_alert', 'notify_admin'],
      at_110_percent: ['send_critical', 'auto_limit'],
    });
  });

  it('makes equivalent action keys one key, their actions merged', async () => {
    const b = await created(valid({ actions: { at_050_percent: 'send_warning', at_50_percent: ['send_warning', 'notify_admin'], at_7_percent: 'send_alert' } }));
    expect(b.actions).toEqual({ at_50_percent: ['send_warning', 'notify_admin'], at_7_percent: ['send_alert'] });
  });

  it('fires an action at its percentage whether or not it is a threshold: status and the usage alert say so', async () => {
    const probe = await created(valid({ name: 'probe clusters', resourceTypes: ['clusters'], actions: {} }));
    const statusOf = async (id: string) =>
      budgetStatusResponseSchema.parse(await sb.json(`${BASE}/status`)).budgets.find((x) => x.budgetId === id)!;
    const spent = (await statusOf(probe.budgetId)).currentSpent;
    expect(spent).toBeGreaterThan(0);
    // Sized so this month's spend is 120% of it: past at_110_percent, short of at_150_percent.
    const monthlyBudget = Math.round((spent / 1.2) * 100) / 100;
    const b = await created(
      valid({
        name: 'action levels',
        monthlyBudget,
        resourceTypes: ['clusters'],
        alertThresholds: [50],
        actions: { at_110_percent: ['send_critical', 'auto_limit'], at_150_percent: 'notify_admin', at_50_percent: 'send_warning' },
      }),
    );
    const status = await statusOf(b.budgetId);
    expect(status.thresholdsCrossed).toEqual([50]);
    expect(status.actionsFired).toEqual(['at_50_percent', 'at_110_percent']);
    const usage = usageResponseSchema.parse(await sb.json('/v2/billing/usage?timeRange=current_month&resourceType=clusters'));
    const alert = usage.alerts.find((a) => a.type === 'budget_exceeded' && a.message.startsWith('action levels:'));
    expect(alert, JSON.stringify(usage.alerts)).toBeDefined();
    expect(alert!.message).toMatch(/passed 110% of/);
    expect(alert!.message).toMatch(/actions: send_critical, auto_limit$/);
    expect(alert!.threshold).toBeCloseTo(Math.round(monthlyBudget * 110) / 100, 2);
    expect(alert!.severity).toBe('critical');
    for (const x of [probe, b]) expect((await sb.get(`${BASE}/${x.budgetId}`, { method: 'DELETE' })).status).toBe(204);
  });

  it('fills defaults: currency USD, resourceTypes all, no channels or actions, a name from what it covers', async () => {
    const b = await created({ monthlyBudget: 500, alertThresholds: [80] });
    expect(b).toMatchObject({
      name: 'All resources',
      currency: 'USD',
      resourceTypes: ['all'],
      notificationChannels: [],
      actions: {},
    });
    const c = await created({ monthlyBudget: 500, alertThresholds: [80], resourceTypes: ['storage', 'bandwidth'] });
    expect(c.name).toBe('storage, bandwidth');
  });

  it('stores channel objects with an address or an https URL', async () => {
    const channels = [
      { type: 'email', address: 'finance@example.com' },
      { type: 'webhook', url: 'https://hooks.example.com/budget?team=ml' },
    ];
    const b = await created(valid({ notificationChannels: channels }));
    expect(b.notificationChannels).toEqual(channels);
  });

  it('replaces a budget with PUT (same id and createdAt), deletes it with 204, then answers 404', async () => {
    const b = await created(valid({ name: 'To replace' }));
    const res = await send('PUT', `${BASE}/${b.budgetId}`, {
      monthlyBudget: 750.5,
      currency: 'EUR',
      alertThresholds: [25, 150],
      resourceTypes: ['training'],
    });
    expect(res.status).toBe(200);
    const put = budgetSchema.parse(await res.json());
    expect(put).toEqual({
      budgetId: b.budgetId,
      name: 'training',
      monthlyBudget: 750.5,
      currency: 'EUR',
      alertThresholds: [25, 150],
      resourceTypes: ['training'],
      notificationChannels: [],
      actions: {},
      createdAt: b.createdAt,
      updatedAt: NOW_ISO,
    });
    expect(budgetSchema.parse(await sb.json(`${BASE}/${b.budgetId}`))).toEqual(put);

    const del = await sb.get(`${BASE}/${b.budgetId}`, { method: 'DELETE' });
    expect(del.status).toBe(204);
    expect(await del.text()).toBe('');
    for (const method of ['GET', 'DELETE']) {
      const r = await sb.get(`${BASE}/${b.budgetId}`, { method });
      expect(r.status).toBe(404);
      const body = errorBodySchema.parse(await r.json());
      expect(body.error.code).toBe('not_found');
      expect(body.error.message).toContain(b.budgetId);
    }
    const r = await send('PUT', `${BASE}/${b.budgetId}`, valid());
    expect(r.status).toBe(404);
    expect((await list()).some((x) => x.budgetId === b.budgetId)).toBe(false);
  });

  it('answers 404 with the error body for unknown ids, and 405 for other methods', async () => {
    for (const id of ['bdg-0000000000000000', 'nope', 'a%20b']) {
      const r = await sb.get(`${BASE}/${id}`);
      expect(r.status).toBe(404);
      errorBodySchema.parse(await r.json());
    }
    for (const [method, path] of [
      ['PATCH', `${BASE}/bdg-organisation`],
      ['DELETE', BASE],
      ['PUT', BASE],
      ['POST', `${BASE}/status`],
      ['DELETE', `${BASE}/status`],
    ] as const) {
      const r = await sb.get(path, { method, headers: { 'Content-Type': 'application/json' }, body: method === 'DELETE' ? undefined : '{}' });
      expect(r.status, `${method} ${path}`).toBe(405);
      expect(errorBodySchema.parse(await r.json()).error.code).toBe('method_not_allowed');
    }
  });

  it('needs the API key', async () => {
    const r = await fetch(`${sb.url}${BASE}`);
    expect(r.status).toBe(401);
    const p = await fetch(`${sb.url}${BASE}`, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(valid()) });
    expect(p.status).toBe(401);
  });
});

describe('budget validation', () => {
  const cases: Array<[string, Record<string, unknown>, string, RegExp]> = [
    ['monthlyBudget 0', valid({ monthlyBudget: 0 }), 'monthlyBudget', /greater than 0/],
    ['monthlyBudget negative', valid({ monthlyBudget: -5 }), 'monthlyBudget', /greater than 0/],
    ['monthlyBudget as a string', valid({ monthlyBudget: '2000' }), 'monthlyBudget', /must be a number/],
    ['monthlyBudget missing', valid({ monthlyBudget: undefined }), 'monthlyBudget', /is required/],
    ['monthlyBudget with 3 decimals', valid({ monthlyBudget: 10.005 }), 'monthlyBudget', /at most 2 decimals in USD/],
    ['monthlyBudget with decimals in JPY', valid({ monthlyBudget: 1000.5, currency: 'JPY' }), 'monthlyBudget', /whole amount in JPY/],
    ['monthlyBudget too large', valid({ monthlyBudget: 1e13 }), 'monthlyBudget', /at most/],
    ['unknown currency', valid({ currency: 'BTC' }), 'currency', /must be one of USD, EUR, GBP, JPY, CAD, AUD/],
    ['no thresholds', valid({ alertThresholds: [], actions: {} }), 'alertThresholds', /at least 1/],
    ['7 thresholds', valid({ alertThresholds: [10, 20, 30, 40, 50, 90, 100] }), 'alertThresholds', /at most 6/],
    ['thresholds missing', valid({ alertThresholds: undefined }), 'alertThresholds', /is required/],
    ['thresholds not a list', valid({ alertThresholds: 50 }), 'alertThresholds', /list of percentages/],
    ['threshold 0', valid({ alertThresholds: [0, 90, 100] }), 'alertThresholds.0', /at least 1/],
    ['threshold 201', valid({ alertThresholds: [90, 100, 201] }), 'alertThresholds.2', /at most 200/],
    ['thresholds not increasing', valid({ alertThresholds: [50, 100, 90] }), 'alertThresholds.2', /greater than the threshold before it \(100\)/],
    ['threshold repeated', valid({ alertThresholds: [50, 90, 90, 100] }), 'alertThresholds.2', /greater than/],
    ['fractional threshold', valid({ alertThresholds: [50, 87.5, 90, 100] }), 'alertThresholds.1', /whole number/],
    ['threshold as a string', valid({ alertThresholds: [50, '75', 90, 100] }), 'alertThresholds.1', /must be a number/],
    ['unknown resource type', valid({ resourceTypes: ['clusters', 'gpus'] }), 'resourceTypes.1', /must be one of clusters, endpoints/],
    ['no resource types', valid({ resourceTypes: [] }), 'resourceTypes', /at least 1/],
    ['all with others', valid({ resourceTypes: ['clusters', 'all'] }), 'resourceTypes.1', /cannot be combined/],
    ['resource type twice', valid({ resourceTypes: ['clusters', 'clusters'] }), 'resourceTypes.1', /twice/],
    ['unknown channel', valid({ notificationChannels: ['email', 'sms'] }), 'notificationChannels.1', /must be "email", "webhook"/],
    ['webhook over http', valid({ notificationChannels: [{ type: 'webhook', url: 'http://hooks.example.com/x' }] }), 'notificationChannels.0.url', /https URL/],
    ['webhook not a URL', valid({ notificationChannels: [{ type: 'webhook', url: 'hooks' }] }), 'notificationChannels.0.url', /https URL/],
    ['bad email address', valid({ notificationChannels: [{ type: 'email', address: 'finance' }] }), 'notificationChannels.0.address', /email address/],
    ['unknown channel field', valid({ notificationChannels: [{ type: 'email', to: 'a@b.co' }] }), 'notificationChannels.0.to', /not a known field/],
    ['action at 0%', valid({ actions: { at_0_percent: 'send_warning' } }), 'actions.at_0_percent', /percentage from 1 to 999/],
    ['unknown action', valid({ actions: { at_90_percent: 'explode' } }), 'actions.at_90_percent', /must be one of send_warning/],
    ['empty action list', valid({ actions: { at_90_percent: [] } }), 'actions.at_90_percent', /non-empty list/],
    ['badly named action key', valid({ actions: { ninety: 'send_warning' } }), 'actions.ninety', /at_90_percent/],
    ['actions not an object', valid({ actions: ['send_warning'] }), 'actions', /must be an object/],
    ['empty name', valid({ name: '   ' }), 'name', /must not be empty/],
    ['long name', valid({ name: 'x'.repeat(81) }), 'name', /at most 80/],
    ['unknown field', valid({ colour: 'blue' }), 'colour', /not a known field/],
  ];

  for (const method of ['POST', 'PUT'] as const) {
    it.each(cases)(`${method}: %s answers 400 naming the field`, async (_name, body, parameter, message) => {
      const path = method === 'POST' ? BASE : `${BASE}/bdg-organisation`;
      await expect400(await send(method, path, body), parameter, message);
    });
  }

  it('stores nothing and changes nothing on a 400', async () => {
    const before = await list();
    await Promise.all(cases.map(([, body]) => post(body).then((r) => r.arrayBuffer())));
    await Promise.all(cases.map(([, body]) => send('PUT', `${BASE}/bdg-organisation`, body).then((r) => r.arrayBuffer())));
    expect(await list()).toEqual(before);
  });

  it('answers 400 (never 5xx) for malformed JSON, other content types and bodies that are not objects', async () => {
    await expect400(await post('{"monthlyBudget": 10,'), 'body', /not valid JSON/);
    await expect400(await post(''), 'body', /not valid JSON/);
    await expect400(await post('[1,2]'), 'body', /JSON object/);
    await expect400(await post('null'), 'body', /JSON object/);
    await expect400(await post('"budget"'), 'body', /JSON object/);
    await expect400(await post(JSON.stringify(valid()), { 'Content-Type': 'text/plain' }), 'Content-Type', /application\/json/);
    await expect400(
      await sb.get(BASE, { method: 'POST', body: new URLSearchParams({ monthlyBudget: '10' }) }),
      'Content-Type',
      /application\/json/,
    );
    await expect400(await send('PUT', `${BASE}/bdg-organisation`, '{oops'), 'body', /not valid JSON/);
    // a charset and the +json suffix are fine
    await created(valid(), { 'Content-Type': 'application/json; charset=utf-8' });
    await created(valid(), { 'Content-Type': 'application/merge-patch+json' });
  });
});

describe('idempotent create', () => {
  it('returns the first result for a retry with the same key, 409 for the same key with another body', async () => {
    const key = 'create-budget-7f3a';
    const first = await post(valid({ name: 'Idempotent' }), { 'Idempotency-Key': key });
    expect(first.status).toBe(201);
    expect(first.headers.get('Idempotent-Replayed')).toBeNull();
    const a = budgetSchema.parse(await first.json());
    expect(first.headers.get('Location')).toBe(`${BASE}/${a.budgetId}`);

    // same request, written differently (key order, plain vs object channel, action as a one-item list)
    const retry = await post(
      {
        actions: { at_100_percent: ['send_alert', 'notify_admin'], at_90_percent: ['send_warning'] },
        notificationChannels: [{ type: 'email' }, 'webhook'],
        resourceTypes: ['clusters', 'ai-services'],
        alertThresholds: [50, 75, 90, 100],
        monthlyBudget: 2000.0,
        name: 'Idempotent',
      },
      { 'Idempotency-Key': key },
    );
    expect(retry.status).toBe(201);
    expect(retry.headers.get('Idempotent-Replayed')).toBe('true');
    expect(budgetSchema.parse(await retry.json())).toEqual(a);
    expect((await list()).filter((b) => b.name === 'Idempotent')).toHaveLength(1);

    const other = await post(valid({ name: 'Idempotent', monthlyBudget: 2500 }), { 'Idempotency-Key': key });
    expect(other.status).toBe(409);
    const body = errorBodySchema.parse(await other.json());
    expect(body.error.code).toBe('conflict');
    expect(body.error.message).toMatch(/Idempotency-Key was already used with a different request/);

    // the key is per request, not per body: a new key creates a new budget
    const b = await created(valid({ name: 'Idempotent' }), { 'Idempotency-Key': `${key}-2` });
    expect(b.budgetId).not.toBe(a.budgetId);

    // once the budget is deleted, a late retry does not bring it back
    expect((await sb.get(`${BASE}/${a.budgetId}`, { method: 'DELETE' })).status).toBe(204);
    const late = await post(valid({ name: 'Idempotent' }), { 'Idempotency-Key': key });
    expect(late.status).toBe(409);
    expect(errorBodySchema.parse(await late.json()).error.message).toMatch(/has since been deleted/);
    expect((await list()).some((x) => x.budgetId === a.budgetId)).toBe(false);
  });

  it('answers 400 for an empty or oversized key', async () => {
    await expect400(await post(valid(), { 'Idempotency-Key': 'k'.repeat(256) }), 'Idempotency-Key', /1 to 255/);
    await expect400(await post(valid(), { 'Idempotency-Key': '' }), 'Idempotency-Key', /1 to 255/);
  });

  it('validates before it looks at the key: a bad body with a used key is a 400', async () => {
    await created(valid({ name: 'Key then bad body' }), { 'Idempotency-Key': 'key-then-bad-body' });
    await expect400(await post(valid({ monthlyBudget: 0 }), { 'Idempotency-Key': 'key-then-bad-body' }), 'monthlyBudget', /greater than 0/);
  });
});

describe('concurrency', () => {
  it('stores 50 concurrent creates exactly once each', async () => {
    const before = await list();
    const bodies = Array.from({ length: 50 }, (_, i) =>
      valid({ name: `Concurrent ${i}`, monthlyBudget: 1000 + i, alertThresholds: [50 + (i % 40), 100], actions: {} }),
    );
    const responses = await Promise.all(bodies.map((b) => post(b)));
    const budgets = await Promise.all(
      responses.map(async (r) => {
        expect(r.status).toBe(201);
        return budgetSchema.parse(await r.json());
      }),
    );
    expect(new Set(budgets.map((b) => b.budgetId)).size).toBe(50);
    budgets.forEach((b, i) => expect(b).toMatchObject({ name: `Concurrent ${i}`, monthlyBudget: 1000 + i }));
    const after = await list();
    expect(after).toHaveLength(before.length + 50);
    expect(new Set(after.map((b) => b.budgetId)).size).toBe(after.length);
    for (const b of budgets) expect(after.filter((x) => x.budgetId === b.budgetId)).toEqual([b]);
  });

  it('creates one budget from 50 concurrent retries with the same key', async () => {
    const body = valid({ name: 'Retried 50 times' });
    const responses = await Promise.all(Array.from({ length: 50 }, () => post(body, { 'Idempotency-Key': 'retry-50' })));
    expect(responses.map((r) => r.status)).toEqual(Array(50).fill(201));
    const budgets = await Promise.all(responses.map(async (r) => budgetSchema.parse(await r.json())));
    expect(new Set(budgets.map((b) => b.budgetId)).size).toBe(1);
    expect(responses.filter((r) => r.headers.get('Idempotent-Replayed') === null)).toHaveLength(1);
    expect((await list()).filter((b) => b.name === 'Retried 50 times')).toEqual([budgets[0]]);
    const [row] = await sb.db.all<{ n: number }>("SELECT count(*) AS n FROM idempotency_keys WHERE key = 'retry-50'");
    expect(row!.n).toBe(1);
  });

  it('keeps the list consistent under mixed concurrent writes', async () => {
    const seeds = await Promise.all(Array.from({ length: 10 }, (_, i) => created(valid({ name: `Mixed ${i}` }))));
    await Promise.all([
      ...seeds.slice(0, 5).map((b) => sb.get(`${BASE}/${b.budgetId}`, { method: 'DELETE' }).then((r) => expect(r.status).toBe(204))),
      ...seeds.slice(5).map((b) =>
        send('PUT', `${BASE}/${b.budgetId}`, valid({ name: `${b.name} (updated)` })).then((r) => expect(r.status).toBe(200)),
      ),
      ...Array.from({ length: 10 }, () => sb.get(`${BASE}/status`).then((r) => expect(r.status).toBe(200))),
    ]);
    const names = (await list()).map((b) => b.name).filter((n) => n.startsWith('Mixed'));
    expect(names.sort()).toEqual([5, 6, 7, 8, 9].map((i) => `Mixed ${i} (updated)`));
  });
});

describe('persistence', () => {
  it('keeps budgets and idempotency keys across a restart on the same database file', async () => {
    const b = await created(valid({ name: 'Survives restart', currency: 'GBP', monthlyBudget: 1234.56 }), {
      'Idempotency-Key': 'restart-key',
    });
    const before = await list();
    await sb.close();
    sb = await startSandbox({ dir });
    expect(await list()).toEqual(before);
    expect(budgetSchema.parse(await sb.json(`${BASE}/${b.budgetId}`))).toEqual(b);
    const retry = await post(valid({ name: 'Survives restart', currency: 'GBP', monthlyBudget: 1234.56 }), {
      'Idempotency-Key': 'restart-key',
    });
    expect(retry.status).toBe(201);
    expect(retry.headers.get('Idempotent-Replayed')).toBe('true');
    expect(budgetSchema.parse(await retry.json()).budgetId).toBe(b.budgetId);
  });
});

/** This month's spend of some types in a currency, straight from the hourly rows. */
async function sqlSpend(types: string[], currency: Currency) {
  const covered = types.includes('all') ? [...RESOURCE_TYPES] : types;
  const [row] = await sb.db.all<{ spent: number | null; last7: number | null }>(
    `SELECT sum(CAST(u.cost_usd AS DOUBLE) * f.rate) FILTER (WHERE u.ts >= TIMESTAMP '2024-01-01') AS spent,
            sum(CAST(u.cost_usd AS DOUBLE) * f.rate) FILTER (WHERE u.ts >= TIMESTAMP '2024-01-09' AND u.ts < TIMESTAMP '2024-01-16') AS last7
     FROM usage_hourly u JOIN fx_rates f ON f.day = CAST(u.ts AS DATE) AND f.currency = $1
     WHERE u.ts >= TIMESTAMP '2024-01-01' AND u.ts < TIMESTAMP '2024-01-16 12:00:00' AND list_contains($2, u.resource_type)`,
    [currency, listValue(covered)],
  );
  const spent = row?.spent ?? 0;
  // the projection of record is the usage endpoint's for the same types and currency (server/month-end.api.test.ts);
  // hours from the pinned now (12:00 on the 16th) to 1 February, at the last seven days' rate, bound it
  const qs = covered.map((t) => `resourceType[]=${t}`).join('&');
  const projected = (await sb.usage(`timeRange=current_month&includeProjections=true&currency=${currency}&${qs}`)).projections!.projectedCost;
  const runRate = spent + ((row?.last7 ?? 0) / 168) * 372;
  expect(projected).toBeGreaterThan(spent + (runRate - spent) / 2);
  expect(projected).toBeLessThan(spent + (runRate - spent) * 2);
  return { spent, projected };
}

describe('GET /v2/billing/budgets/status', () => {
  it('is not taken for a budget id, and matches an independent SQL computation for every budget', async () => {
    await created(valid({ name: 'Status EUR', currency: 'EUR', monthlyBudget: 90_000, resourceTypes: ['all'] }));
    await created(valid({ name: 'Status JPY', currency: 'JPY', monthlyBudget: 3_000_000, resourceTypes: ['storage', 'bandwidth'], actions: {} }));
    const res = await sb.get(`${BASE}/status`);
    expect(res.status).toBe(200);
    const status = budgetStatusResponseSchema.parse(await res.json());
    const budgets = await list();
    expect(status.budgets.map((s) => s.budgetId)).toEqual(budgets.map((b) => b.budgetId));
    expect(status.budgets.map((s) => s.budgetId)).toEqual(expect.arrayContaining(['bdg-organisation', 'bdg-gpu-clusters']));

    const memo = new Map<string, Promise<{ spent: number; projected: number }>>();
    for (const s of status.budgets) {
      const b = budgets.find((x) => x.budgetId === s.budgetId)!;
      const key = `${b.currency}|${b.resourceTypes.join(',')}`;
      if (!memo.has(key)) memo.set(key, sqlSpend(b.resourceTypes, b.currency));
      const exact = await memo.get(key)!;
      const dec = CURRENCY_DECIMALS[b.currency];
      const minor = (x: number) => Math.round(x * 10 ** dec);
      expect(s, b.name).toMatchObject({
        name: b.name,
        monthlyBudget: b.monthlyBudget,
        currency: b.currency,
        resourceTypes: b.resourceTypes,
        alertThresholds: b.alertThresholds,
        daysRemainingInPeriod: 15,
      });
      expect(minor(s.currentSpent), b.name).toBe(minor(exact.spent));
      expect(Math.abs(minor(s.projectedSpend!) - minor(exact.projected)), b.name).toBeLessThanOrEqual(1);
      const pct = (exact.spent / b.monthlyBudget) * 100;
      expect(s.percentageUsed).toBeCloseTo(pct, 1);
      expect(s.thresholdsCrossed).toEqual(b.alertThresholds.filter((t) => pct >= t));
      const projectedPct = (exact.projected / b.monthlyBudget) * 100;
      expect(s.status).toBe(pct >= 100 ? 'exceeded' : projectedPct >= 100 ? 'at_risk' : 'on_track');
    }
  });

  it('agrees with GET /v2/billing/usage for a USD budget', async () => {
    const b = await created(valid({ name: 'Agrees with usage', resourceTypes: ['clusters', 'training'], actions: {} }));
    const [status, usage] = await Promise.all([
      sb.json(`${BASE}/status`).then((x) => budgetStatusResponseSchema.parse(x)),
      sb.json('/v2/billing/usage?resourceType=clusters,training').then((x) => usageResponseSchema.parse(x)),
    ]);
    const s = status.budgets.find((x) => x.budgetId === b.budgetId)!;
    expect(s.currentSpent).toBe(usage.summary.totalCost);
  });
});

describe('budget alerts in GET /v2/billing/usage', () => {
  const alertsOf = async (name: string, qs = '') => {
    const r = usageResponseSchema.parse(await sb.json(`/v2/billing/usage${qs}`));
    return { usage: r, alerts: r.alerts.filter((a) => a.message.startsWith(`${name}:`)) };
  };

  it('raises budget_exceeded for a created budget with a low amount, only for its highest crossed threshold', async () => {
    const name = 'Tiny cluster budget';
    const b = await created({ name, monthlyBudget: 10, alertThresholds: [50, 100, 150], resourceTypes: ['clusters'] });
    const { usage, alerts } = await alertsOf(name);
    const clusters = usage.breakdown.find((x) => x.resourceType === 'clusters')!.usage.cost;
    expect(alerts).toEqual([
      {
        type: 'budget_exceeded',
        severity: 'critical',
        message: expect.stringContaining('passed 150% of the $10.00 monthly budget'),
        threshold: 15,
        currentValue: clusters,
      },
    ]);
    // not raised when the request filters out every type the budget covers
    expect((await alertsOf(name, '?resourceType=storage')).alerts).toEqual([]);
    // in another currency: the threshold converted at today's rate, the spend day by day as usage reports it
    const eur = await alertsOf(name, '?currency=EUR');
    expect(eur.alerts).toHaveLength(1);
    expect(eur.alerts[0]!.currentValue).toBe(eur.usage.breakdown.find((x) => x.resourceType === 'clusters')!.usage.cost);
    // deleting the budget removes its alert
    expect((await sb.get(`${BASE}/${b.budgetId}`, { method: 'DELETE' })).status).toBe(204);
    expect((await alertsOf(name)).alerts).toEqual([]);
  });

  it('raises one budget_exceeded and one budget_forecast (the highest of each) for a budget 60% spent', async () => {
    const usage = usageResponseSchema.parse(await sb.json('/v2/billing/usage?resourceType=ai-services'));
    const spent = usage.summary.totalCost;
    const name = 'Sixty percent';
    const b = await created({
      name,
      monthlyBudget: Math.round((spent / 0.6) * 100) / 100,
      alertThresholds: [25, 50, 75, 90, 100],
      resourceTypes: ['ai-services'],
    });
    const status = budgetStatusResponseSchema.parse(await sb.json(`${BASE}/status`)).budgets.find((s) => s.budgetId === b.budgetId)!;
    expect(status.thresholdsCrossed).toEqual([25, 50]);
    const projectedPct = (status.projectedSpend! / b.monthlyBudget) * 100;
    const forecast = [75, 90, 100].filter((t) => projectedPct >= t).at(-1);
    expect(forecast).toBeDefined();
    const { alerts } = await alertsOf(name, '?resourceType=ai-services');
    expect(alerts.map((a) => [a.type, a.threshold])).toEqual([
      ['budget_exceeded', Math.round(b.monthlyBudget * 50) / 100],
      ['budget_forecast', Math.round(b.monthlyBudget * forecast!) / 100],
    ]);
    expect(alerts[0]!.currentValue).toBe(spent);
    expect(alerts[1]!.currentValue).toBeCloseTo(status.projectedSpend!, 2);
  });

  it('uses what PUT changed', async () => {
    const name = 'Raised later';
    const b = await created({ name, monthlyBudget: 10, alertThresholds: [100], resourceTypes: ['storage'] });
    expect((await alertsOf(name)).alerts.map((a) => a.type)).toEqual(['budget_exceeded']);
    const put = await send('PUT', `${BASE}/${b.budgetId}`, { name, monthlyBudget: 100_000_000, alertThresholds: [100], resourceTypes: ['storage'] });
    expect(put.status).toBe(200);
    expect((await alertsOf(name)).alerts).toEqual([]);
  });
});
