/**
 * GET /exports/focus.csv on the production server (AUTH_MODE=proxy, so sign-in,
 * roles and team scope apply), in front of
 * - the sandbox (server/test/sandbox.ts) over HTTP, and
 * - the reference stand-in (e2e/fakes/reference.ts): only what the API
 *   reference documents, its /usage example for every question.
 * Each file is parsed back and checked column by column against FOCUS 1.2's
 * types and allowed values, and its BilledCost summed in minor units against
 * the usage endpoint's own total.
 */
import { gunzipSync } from 'node:zlib';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usageResponseSchema, type UsageResponse } from '../../../src/contract/billing.ts';
import { REFERENCE_TEAMS, USAGE_EXAMPLE_TEXT, fakeHandler, referenceAnswer } from '../../../e2e/fakes/reference.ts';
import { startSandbox, TEST_KEY, type Sandbox } from '../../test/sandbox.ts';
import { startDashboard, TEST_SESSION_SECRET, type Dashboard } from '../auth/test-dashboard.ts';
import { listen, raw, type Listening } from '../testing.ts';
import { FOCUS_COLUMNS, SERVICE_CATEGORIES } from './focus-columns.ts';

const env = {
  AUTH_MODE: 'proxy',
  SESSION_SECRET: TEST_SESSION_SECRET,
  AUTH_PROXY_TRUSTED: '127.0.0.1',
  AUTH_PROXY_TEAMS_HEADER: 'X-Forwarded-Teams',
  ROLE_ADMIN_GROUPS: 'billing-admins',
  ROLE_VIEWER_GROUPS: 'staff',
};
const ADMIN = { 'X-Forwarded-User': 'ada@example.com', 'X-Forwarded-Groups': 'billing-admins' };
const VIEWER = { 'X-Forwarded-User': 'lee@example.com', 'X-Forwarded-Groups': 'staff' };

type Row = Record<(typeof FOCUS_COLUMNS)[number], string>;

const DATETIME = /^\d{4}-\d{2}-\d{2}T\d{2}:00:00Z$/;
const DECIMAL = (decimals: number) => (decimals === 0 ? /^-?\d+$/ : new RegExp(`^-?\\d+\\.\\d{${decimals}}$`));
const NUMBER = /^\d+(\.\d+)?$/;

function parseCsv(text: string): { header: string[]; rows: Row[] } {
  const parsed = Papa.parse<string[]>(text.trimEnd(), { header: false });
  expect(parsed.errors).toEqual([]);
  const [header = [], ...data] = parsed.data;
  return { header, rows: data.map((cells) => Object.fromEntries(header.map((h, i) => [h, cells[i] ?? ''])) as Row) };
}

/** Checks every row's columns against FOCUS 1.2 and returns the BilledCost total in minor units. */
function checkRows(rows: Row[], opts: { currency: string; decimals: number; periodMs: number }): number {
  let minor = 0;
  for (const r of rows) {
    for (const c of ['BilledCost', 'EffectiveCost', 'ListCost', 'ContractedCost'] as const) expect(r[c], c).toMatch(DECIMAL(opts.decimals));
    expect(r.EffectiveCost).toBe(r.BilledCost);
    expect(r.BillingCurrency).toBe(opts.currency);
    for (const c of ['BillingPeriodStart', 'BillingPeriodEnd', 'ChargePeriodStart', 'ChargePeriodEnd'] as const) expect(r[c], c).toMatch(DATETIME);
    const cps = Date.parse(r.ChargePeriodStart);
    const cpe = Date.parse(r.ChargePeriodEnd);
    expect(cpe - cps).toBe(opts.periodMs);
    const bps = new Date(r.BillingPeriodStart);
    expect(bps.getUTCDate()).toBe(1);
    expect(Date.parse(r.BillingPeriodStart)).toBeLessThanOrEqual(cps);
    expect(Date.parse(r.BillingPeriodEnd)).toBeGreaterThanOrEqual(cpe);
    expect(r.ChargeCategory).toBe('Usage');
    expect(r.ChargeClass).toBe('');
    expect(r.ChargeFrequency).toBe('Usage-Based');
    expect(SERVICE_CATEGORIES).toContain(r.ServiceCategory);
    for (const c of ['BillingAccountId', 'BillingAccountName', 'ChargeDescription', 'ServiceName', 'ProviderName', 'PublisherName', 'InvoiceIssuerName'] as const)
      expect(r[c], c).not.toBe('');
    for (const c of ['PricingQuantity', 'ConsumedQuantity'] as const) expect(r[c], c).toMatch(NUMBER);
    expect(['GPU-Hours', 'Requests', 'GB-Hours', 'GB']).toContain(r.PricingUnit);
    expect(r.ConsumedUnit).toBe(r.PricingUnit);
    expect(['reported', 'apportioned']).toContain(r.x_CostAllocation);
    if (r.Tags !== '') {
      const tags = JSON.parse(r.Tags) as Record<string, unknown>;
      expect(Object.keys(tags).every((k) => k === 'team' || k === 'user')).toBe(true);
      expect(tags.team).toBe(r.SubAccountName);
    }
    if (r.ResourceId === '') expect(r.ResourceName).toBe('');
    minor += Math.round(Number(r.BilledCost) * 10 ** opts.decimals);
  }
  return minor;
}

const sumBy = (rows: Row[], key: (r: Row) => string, decimals: number) => {
  const out = new Map<string, number>();
  for (const r of rows) out.set(key(r), (out.get(key(r)) ?? 0) + Math.round(Number(r.BilledCost) * 10 ** decimals));
  return out;
};

describe('FOCUS export from the sandbox', () => {
  let sandbox: Sandbox;
  let dash: Dashboard;
  beforeAll(async () => {
    sandbox = await startSandbox();
    dash = await startDashboard({ apiUrl: sandbox.url, apiKey: TEST_KEY, env });
  }, 120_000);
  afterAll(async () => {
    await dash?.close();
    await sandbox?.close();
  });

  const usage = (qs: string) => sandbox.usage(qs);

  it('writes a month of daily rows whose BilledCost adds up to the usage total to the cent, per resource type too', async () => {
    const res = await fetch(`${dash.url}/exports/focus.csv?timeRange=last_month&granularity=daily&currency=USD`, { headers: ADMIN });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="tensorone-focus-2023-12-01-to-2023-12-31-USD.csv"');
    const { header, rows } = parseCsv(await res.text());
    expect(header).toEqual([...FOCUS_COLUMNS]);
    const month = await usage('timeRange=last_month&granularity=daily&includeTeamMetrics=true');
    expect(checkRows(rows, { currency: 'USD', decimals: 2, periodMs: 86_400_000 })).toBe(Math.round(month.summary.totalCost * 100));
    const byType = sumBy(rows, (r) => r.x_TensorOneResourceType, 2);
    for (const b of month.breakdown) expect(byType.get(b.resourceType) ?? 0, b.resourceType).toBe(Math.round(b.usage.cost * 100));
    // Every day of December with data, every team, and the month's top resources are there.
    expect(new Set(rows.map((r) => r.ChargePeriodStart)).size).toBe(31);
    const teams = new Set(rows.map((r) => r.SubAccountName));
    for (const t of month.teamBreakdown!.filter((t) => t.totalCost > 0)) expect(teams.has(t.teamName), t.teamName).toBe(true);
    const ids = new Set(rows.map((r) => r.ResourceId));
    for (const b of month.breakdown) for (const top of b.topResources.slice(0, 3)) expect(ids.has(top.resourceId), top.resourceId).toBe(true);
    // A day's rows of one type add up to that day's series point.
    const clusters = month.breakdown.find((b) => b.resourceType === 'clusters')!;
    const day = sumBy(rows.filter((r) => r.x_TensorOneResourceType === 'clusters'), (r) => r.ChargePeriodStart, 2);
    for (const p of clusters.timeSeries) expect(day.get(p.timestamp.replace('.000Z', 'Z')) ?? 0, p.timestamp).toBe(Math.round(p.cost * 100));
  }, 120_000);

  it('writes hourly rows in yen, with whole yen adding up to the total', async () => {
    const qs = 'timeRange=custom&startDate=2024-01-08&endDate=2024-01-09&granularity=hourly&currency=JPY&resourceType[]=clusters&resourceType[]=storage';
    const res = await fetch(`${dash.url}/exports/focus.csv?${qs}`, { headers: ADMIN });
    expect(res.status).toBe(200);
    const { rows } = parseCsv(await res.text());
    const total = await usage(qs);
    expect(total.summary.currency).toBe('JPY');
    expect(checkRows(rows, { currency: 'JPY', decimals: 0, periodMs: 3_600_000 })).toBe(Math.round(total.summary.totalCost));
    expect(new Set(rows.map((r) => r.x_TensorOneResourceType))).toEqual(new Set(['clusters', 'storage']));
    expect(new Set(rows.map((r) => r.ChargePeriodStart)).size).toBe(48);
  }, 60_000);

  it('compresses the stream with gzip when asked, to the same file', async () => {
    const url = `${dash.url}/exports/focus.csv?timeRange=custom&startDate=2024-01-02&endDate=2024-01-03`;
    const plain = await raw(url, { headers: ADMIN });
    const gz = await raw(url, { headers: { ...ADMIN, 'Accept-Encoding': 'gzip, br' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(plain.body.toString());
    expect(gz.body.length).toBeLessThan(plain.body.length / 4);
  }, 60_000);

  it('answers a bad parameter with a 400 naming it', async () => {
    const cases: [string, string][] = [
      ['granularity=minutely', 'granularity'],
      ['timeRange=custom&startDate=2024-01-01', 'endDate'],
      ['format=xlsx', 'format'],
      ['currency=XBT', 'currency'],
      ['timeRange=custom&startDate=2021-01-01&endDate=2023-12-31', 'startDate'],
    ];
    for (const [qs, parameter] of cases) {
      const res = await fetch(`${dash.url}/exports/focus.csv?${qs}`, { headers: ADMIN });
      expect(res.status, qs).toBe(400);
      const body = (await res.json()) as { error: { code: string; message: string; details?: { parameter: string }[] } };
      expect(body.error.code, qs).toBe('invalid_parameter');
      expect(body.error.message, qs).toContain(parameter);
    }
  }, 60_000);

  it('is signed in and scoped like every other answer', async () => {
    const anonymous = await fetch(`${dash.url}/exports/focus.csv`, { headers: { accept: 'text/csv' } });
    expect(anonymous.status).toBe(401);
    const noRole = await fetch(`${dash.url}/exports/focus.csv`, { headers: { 'X-Forwarded-User': 'x@example.com', 'X-Forwarded-Groups': 'nobody' } });
    expect(noRole.status).toBe(403);

    const qs = 'timeRange=custom&startDate=2024-01-02&endDate=2024-01-04';
    const res = await fetch(`${dash.url}/exports/focus.csv?${qs}`, { headers: { ...VIEWER, 'X-Forwarded-Teams': 'research' } });
    expect(res.status).toBe(200);
    const { rows } = parseCsv(await res.text());
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.SubAccountId))).toEqual(new Set(['research']));
    expect(rows.every((r) => JSON.parse(r.Tags).team === 'Research')).toBe(true);
    // Each day's rows add up to that day's cost for the team, as the scoped usage answer gives it.
    const minor = checkRows(rows, { currency: 'USD', decimals: 2, periodMs: 86_400_000 });
    let expected = 0;
    for (const d of ['2024-01-02', '2024-01-03', '2024-01-04']) {
      const day = await usage(`timeRange=custom&startDate=${d}&endDate=${d}&includeTeamMetrics=true`);
      expected += Math.round(day.teamBreakdown!.find((t) => t.teamId === 'research')!.totalCost * 100);
    }
    expect(minor).toBe(expected);
  }, 60_000);
});

describe('FOCUS export from the documented API only (reference stand-in)', () => {
  const KEY = 'focus-ref-key-1234';
  let fake: Listening;
  let dash: Dashboard;
  const requests: URL[] = [];
  beforeAll(async () => {
    fake = await listen(
      fakeHandler((method, url, auth) => {
        requests.push(url);
        return referenceAnswer(method, url, auth, { apiKey: KEY });
      }),
    );
    dash = await startDashboard({ apiUrl: fake.url, apiKey: KEY, env });
  }, 60_000);
  afterAll(async () => {
    await dash?.close();
    await fake?.close();
  });

  it('builds the rows from documented fields, adding up to the example total', async () => {
    const res = await fetch(`${dash.url}/exports/focus.csv?timeRange=current_month&granularity=daily`, { headers: ADMIN });
    expect(res.status).toBe(200);
    const { header, rows } = parseCsv(await res.text());
    expect(header).toEqual([...FOCUS_COLUMNS]);
    const example = usageResponseSchema.parse(JSON.parse(USAGE_EXAMPLE_TEXT)) as UsageResponse;
    expect(checkRows(rows, { currency: 'USD', decimals: 2, periodMs: 86_400_000 })).toBe(Math.round(example.summary.totalCost * 100));
    // The example's daily points (15 and 16 January) are the charge periods.
    expect(new Set(rows.map((r) => r.ChargePeriodStart))).toEqual(new Set(['2024-01-15T00:00:00Z', '2024-01-16T00:00:00Z']));
    expect(new Set(rows.map((r) => r.ResourceId))).toEqual(new Set(['cluster-gpu-a100-001', 'cluster-gpu-h100-002', 'text-to-image', 'text-to-speech', '']));
    expect(new Set(rows.map((r) => r.SubAccountName))).toEqual(new Set(REFERENCE_TEAMS.map((t) => t.teamName)));
    // Only the usage endpoint, with documented parameters only.
    const documented = new Set(['timeRange', 'startDate', 'endDate', 'resourceType[]', 'granularity', 'currency', 'includeTeamMetrics']);
    expect(requests.length).toBeGreaterThan(1);
    for (const u of requests) {
      expect(u.pathname).toBe('/v2/billing/usage');
      for (const k of u.searchParams.keys()) expect(documented.has(k), k).toBe(true);
    }
  });
});
