import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  CURRENCIES,
  CURRENCY_DECIMALS,
  GRANULARITIES,
  GROUP_BYS,
  RESOURCE_TYPES,
  errorBodySchema,
  usageQuantitiesResponseSchema,
  type UsageQuery,
  type UsageResponse,
} from '../src/contract/billing.ts';
import { REFERENCE_NOW, TEST_KEY } from './test/sandbox.ts';
import { expectInvalidParameter, expectUnauthorized, minor, sumMinor, sumTenths, sandboxForFile } from './test/api.ts';

const sb = sandboxForFile();

/** A request in the contract's query type, written by the app's serialiser (a string only where a spelling is under test). */
const usage = (query: Partial<UsageQuery> | string): Promise<UsageResponse> => sb.usage(query);

/** Every invariant the reference's example figures satisfy, checked on one answer. */
function expectConsistent(r: UsageResponse) {
  const c = r.summary.currency;
  const total = minor(r.summary.totalCost, c);
  // amounts carry no more digits than the currency has
  for (const b of r.breakdown) {
    expect(Number.isInteger(minor(b.usage.cost, c) / 1) && Math.abs(minor(b.usage.cost, c) - b.usage.cost * 10 ** CURRENCY_DECIMALS[c]) < 1e-6).toBe(true);
  }
  expect(sumMinor(r.breakdown.map((b) => b.usage.cost), c)).toBe(total);
  expect(sumMinor(r.regional.map((g) => g.cost), c)).toBe(total);
  expect(sumMinor(r.regional.map((g) => g.usage.totalCost), c)).toBe(total);
  if (total > 0) {
    expect(sumTenths(r.breakdown.map((b) => b.usage.percentage))).toBe(1000);
    expect(sumTenths(r.regional.map((g) => g.percentage))).toBe(1000);
  }
  for (const b of r.breakdown) {
    expect(sumMinor(b.timeSeries.map((p) => p.cost), c), b.resourceType).toBe(minor(b.usage.cost, c));
    const qd = b.resourceType === 'ai-services' ? 0 : 2;
    const qsum = b.timeSeries.reduce((a, p) => a + Math.round(p.value * 10 ** qd), 0);
    expect(qsum, `${b.resourceType} quantity`).toBe(Math.round(b.usage.quantity * 10 ** qd));
    const stamps = b.timeSeries.map((p) => Date.parse(p.timestamp));
    expect([...stamps].sort((x, y) => x - y)).toEqual(stamps);
    expect(b.topResources.length).toBeLessThanOrEqual(10);
    expect(sumMinor(b.topResources.map((t) => t.cost), c)).toBeLessThanOrEqual(minor(b.usage.cost, c));
  }
  const q = (t: string) => r.breakdown.find((b) => b.resourceType === t)?.usage.quantity ?? 0;
  const cents = (x: number) => Math.round(x * 100);
  expect(cents(r.summary.totalGpuHours)).toBe(cents(q('clusters')) + cents(q('endpoints')) + cents(q('training')));
  expect(r.summary.totalApiRequests).toBe(q('ai-services'));
  expect(cents(r.summary.totalStorageGB)).toBe(cents(q('storage')));
  expect(cents(r.summary.totalBandwidthGB)).toBe(cents(q('bandwidth')));
  expect(sumMinor(r.regional.map((g) => g.usage.gpuHours), 'USD')).toBe(cents(r.summary.totalGpuHours));
  expect(r.regional.reduce((a, g) => a + g.usage.apiRequests, 0)).toBe(r.summary.totalApiRequests);
  for (const g of r.groups ?? []) {
    expect(sumMinor(g.items.map((i) => i.cost), c), g.dimension).toBe(total);
    if (total > 0) expect(sumTenths(g.items.map((i) => i.percentage)), g.dimension).toBe(1000);
    for (const item of g.items) expect(sumMinor(item.usage.map((u) => u.cost), c)).toBe(minor(item.cost, c));
  }
}

describe('GET /v2/billing/usage', () => {
  it("answers the reference's own example request in the reference's shape", async () => {
    const r = await usage({
      timeRange: 'current_month',
      granularity: 'daily',
      includeProjections: true,
      resourceType: ['clusters', 'ai-services'],
    });
    expect(r.period).toEqual({
      startDate: '2024-01-01',
      endDate: '2024-01-31',
      billingCycle: 'monthly',
      daysInPeriod: 31,
      daysElapsed: 16,
    });
    expect(r.summary.currency).toBe('USD');
    expect(r.breakdown.map((b) => b.resourceType).sort()).toEqual(['ai-services', 'clusters']);
    expect(r.breakdown.find((b) => b.resourceType === 'clusters')!.usage.unit).toBe('gpu_hours');
    expect(r.breakdown.find((b) => b.resourceType === 'ai-services')!.usage.unit).toBe('requests');
    // daily series: one point per elapsed day (the 16th is in progress)
    for (const b of r.breakdown) expect(b.timeSeries).toHaveLength(16);
    expect(r.summary.totalStorageGB).toBe(0);
    expect(r.projections).toBeDefined();
    expect(r.projections!.projectedCost).toBeGreaterThan(r.summary.totalCost);
    expect(r.projections!.confidence).toBeGreaterThan(0);
    expect(r.projections!.confidence).toBeLessThanOrEqual(1);
    expectConsistent(r);
  });

  it('computes totals that match an independent SQL sum over the hourly rows', async () => {
    const r = await usage({ timeRange: 'last_month', currency: 'EUR' });
    // independent: hourly rows (not the daily rollup), priced by the price table, converted per day
    const [row] = await sb.db.all<{ total: number; gpu: number }>(
      `SELECT sum(u.quantity * p.unit_price_usd * f.rate) AS total,
              sum(u.quantity) FILTER (WHERE u.resource_type IN ('clusters','endpoints','training')) AS gpu
       FROM usage_hourly u JOIN prices p USING (sku) JOIN fx_rates f ON f.day = CAST(u.ts AS DATE) AND f.currency = 'EUR'
       WHERE u.ts >= TIMESTAMP '2023-12-01 00:00:00' AND u.ts < TIMESTAMP '2024-01-01 00:00:00'`,
    );
    expect(r.period.startDate).toBe('2023-12-01');
    expect(r.summary.currency).toBe('EUR');
    // stored costs are rounded to micro-dollars per row: allow a few cents over a month of rows
    expect(Math.abs(r.summary.totalCost - row!.total)).toBeLessThan(0.5);
    expect(r.summary.totalGpuHours).toBeCloseTo(row!.gpu, 1);
  });

  it('converts with the dated rate table and rounds per currency (JPY has no decimals)', async () => {
    const [usd, jpy] = await Promise.all([usage({ timeRange: 'last_month' }), usage({ timeRange: 'last_month', currency: 'JPY' })]);
    expect(jpy.summary.currency).toBe('JPY');
    expect(Number.isInteger(jpy.summary.totalCost)).toBe(true);
    for (const b of jpy.breakdown) for (const p of b.timeSeries) expect(Number.isInteger(p.cost)).toBe(true);
    const [rates] = await sb.db.all<{ lo: number; hi: number }>(
      "SELECT min(rate) AS lo, max(rate) AS hi FROM fx_rates WHERE currency = 'JPY' AND day >= DATE '2023-12-01' AND day < DATE '2024-01-01'",
    );
    expect(jpy.summary.totalCost).toBeGreaterThanOrEqual(Math.floor(usd.summary.totalCost * rates!.lo) - 1);
    expect(jpy.summary.totalCost).toBeLessThanOrEqual(Math.ceil(usd.summary.totalCost * rates!.hi) + 1);
    expectConsistent(jpy);
  });

  it('keeps every sum exact over many parameter combinations', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          timeRange: fc.constantFrom('current_month', 'last_month', 'current_quarter', 'last_quarter', 'current_year', 'custom'),
          start: fc.integer({ min: 0, max: 420 }),
          len: fc.integer({ min: 0, max: 80 }),
          types: fc.subarray([...RESOURCE_TYPES]),
          granularity: fc.constantFrom(...GRANULARITIES),
          groupBy: fc.subarray([...GROUP_BYS]),
          currency: fc.constantFrom(...CURRENCIES),
        }),
        async (p) => {
          const query: Partial<UsageQuery> = { timeRange: p.timeRange, granularity: p.granularity, currency: p.currency };
          if (p.timeRange === 'custom') {
            const start = Date.parse('2023-01-01T00:00:00Z') + p.start * 86_400_000;
            query.startDate = new Date(start).toISOString().slice(0, 10);
            query.endDate = new Date(start + p.len * 86_400_000).toISOString().slice(0, 10);
          } else if (p.granularity === 'hourly' && p.timeRange === 'current_year') {
            query.granularity = 'daily';
          }
          if (p.types.length) query.resourceType = p.types;
          if (p.groupBy.length) query.groupBy = p.groupBy;
          const r = await usage(query);
          if (p.types.length) expect(r.breakdown.map((b) => b.resourceType).sort()).toEqual([...p.types].sort());
          expect((r.groups ?? []).map((g) => g.dimension).sort()).toEqual([...p.groupBy].sort());
          expectConsistent(r);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('accepts resourceType[]=a&resourceType[]=b, repeated resourceType= and a comma list alike', async () => {
    const forms = [
      'resourceType[]=clusters&resourceType[]=storage',
      'resourceType=clusters&resourceType=storage',
      'resourceType=clusters,storage',
    ];
    const answers = await Promise.all(forms.map((f) => usage(`timeRange=last_month&${f}`)));
    for (const a of answers) expect(a).toEqual(answers[0]);
    expect(answers[0]!.breakdown.map((b) => b.resourceType).sort()).toEqual(['clusters', 'storage']);
  });

  it('buckets by week and month, clipped to the period', async () => {
    const r = await usage({ timeRange: 'last_quarter', granularity: 'monthly' });
    expect(r.breakdown[0]!.timeSeries.map((p) => p.timestamp)).toEqual([
      '2023-10-01T00:00:00Z',
      '2023-11-01T00:00:00Z',
      '2023-12-01T00:00:00Z',
    ]);
    const w = await usage({ timeRange: 'last_month', granularity: 'weekly' });
    // December 2023 starts on a Friday: first bucket clipped to the 1st, then Mondays
    expect(w.breakdown[0]!.timeSeries.map((p) => p.timestamp.slice(0, 10))).toEqual([
      '2023-12-01',
      '2023-12-04',
      '2023-12-11',
      '2023-12-18',
      '2023-12-25',
    ]);
    const h = await usage({ timeRange: 'custom', startDate: '2024-01-10', endDate: '2024-01-10', granularity: 'hourly' });
    expect(h.breakdown[0]!.timeSeries).toHaveLength(24);
  });

  it('leaves out every cost with includeCosts=false', async () => {
    const res = await sb.get('/v2/billing/usage?includeCosts=false&includeProjections=true');
    const body = await res.json();
    usageQuantitiesResponseSchema.parse(body);
    expect(JSON.stringify(body)).not.toMatch(/"(cost|totalCost|projectedCost|percentage)"/);
  });

  it('raises an unusual_spike alert computed from the last two weeks of data', async () => {
    const r = await usage({ resourceType: ['ai-services'] });
    const [row] = await sb.db.all<{ last: number; prev: number }>(
      `SELECT sum(quantity) FILTER (WHERE ts >= TIMESTAMP '2024-01-09') AS last, sum(quantity) FILTER (WHERE ts < TIMESTAMP '2024-01-09') AS prev
       FROM usage_hourly WHERE resource_type = 'ai-services' AND ts >= TIMESTAMP '2024-01-02' AND ts < TIMESTAMP '2024-01-16'`,
    );
    const change = (row!.last / row!.prev - 1) * 100;
    const spike = r.alerts.find((a) => a.type === 'unusual_spike');
    expect(change).toBeGreaterThan(25);
    expect(spike).toBeDefined();
    expect(spike!.threshold).toBe(25);
    expect(spike!.currentValue).toBeCloseTo(change, 1);
    expect(spike!.message).toMatch(/AI service requests increased by/);
  });

  it('raises budget alerts from stored budgets, only the highest crossed threshold per budget', async () => {
    const r = await usage({});
    const budgets = await sb.db.all<{ name: string; amount: number; types: string }>(
      'SELECT name, CAST(monthly_budget AS DOUBLE) AS amount, resource_types AS types FROM budgets',
    );
    expect(budgets.length).toBeGreaterThan(0);
    for (const b of budgets) {
      const exceeded = r.alerts.filter((a) => a.type === 'budget_exceeded' && a.message.startsWith(`${b.name}:`));
      expect(exceeded.length).toBeLessThanOrEqual(1);
      const types = JSON.parse(b.types) as string[];
      const spent = types.includes('all')
        ? r.summary.totalCost
        : r.breakdown.filter((x) => types.includes(x.resourceType)).reduce((a, x) => a + x.usage.cost, 0);
      const pct = (spent / b.amount) * 100;
      const highest = [50, 75, 90, 100].filter((t) => pct >= t).at(-1);
      if (highest === undefined) expect(exceeded).toHaveLength(0);
      else {
        expect(exceeded[0]!.threshold).toBeCloseTo((b.amount * highest) / 100, 2);
        expect(exceeded[0]!.currentValue).toBeCloseTo(spent, 2);
      }
    }
  });

  it('projects the month in progress as /usage/forecast does (the projection of record)', async () => {
    const r = await usage({ includeProjections: true });
    const f = await sb.json<{ monthlyProjections: Array<{ projectedCost: number; confidence: number }> }>('/v2/billing/usage/forecast');
    expect(r.projections!.projectedCost).toBe(f.monthlyProjections[0]!.projectedCost);
    expect(r.projections!.confidence).toBe(f.monthlyProjections[0]!.confidence);
  });

  it('projects a quarter in progress from the run rate of the last seven days', async () => {
    const r = await usage({ timeRange: 'current_quarter', includeProjections: true });
    const [row] = await sb.db.all<{ c: number }>(
      "SELECT CAST(sum(cost_usd) AS DOUBLE) AS c FROM usage_hourly WHERE ts >= TIMESTAMP '2024-01-09' AND ts < TIMESTAMP '2024-01-16'",
    );
    const hoursLeft = (Date.parse('2024-04-01T00:00:00Z') - REFERENCE_NOW) / 3_600_000;
    expect(r.projections!.projectedCost).toBeCloseTo(r.summary.totalCost + (row!.c / 168) * hoursLeft, 0);
    expect(['increasing', 'decreasing', 'stable']).toContain(r.projections!.trend);
  });
});

describe('bad input', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['timeRange=yesterday', 'timeRange', /must be one of current_month/],
    ['granularity=minutely', 'granularity', /hourly, daily, weekly, monthly/],
    ['currency=BTC', 'currency', /USD, EUR, GBP, JPY, CAD, AUD/],
    ['resourceType=clusters,gpus', 'resourceType.1', /clusters, endpoints, training, ai-services, storage, bandwidth/],
    ['groupBy=team', 'groupBy.0', /resource, region, project, service, user/],
    ['timeRange=custom', 'startDate', /required when timeRange is custom/],
    ['timeRange=custom&startDate=2024-01-01', 'endDate', /required/],
    ['timeRange=custom&startDate=2024-02-01&endDate=2024-01-01', 'startDate', /must not be after endDate/],
    ['timeRange=custom&startDate=2024-13-01&endDate=2024-12-31', 'startDate', /real calendar date/],
    ['timeRange=custom&startDate=2023-02-30&endDate=2023-03-31', 'startDate', /real calendar date/],
    ['timeRange=custom&startDate=01/02/2024&endDate=2024-03-31', 'startDate', /YYYY-MM-DD/],
    ['startDate=2024-01-01', 'startDate', /only allowed when timeRange is custom/],
    ['timeRange=custom&startDate=2023-01-01&endDate=2023-06-30&granularity=hourly', 'granularity', /up to 92 days/],
    ['timeRange=current_year&granularity=hourly', 'granularity', /up to 92 days/],
    ['includeProjections=maybe', 'includeProjections', /true or false/],
    ['includeCosts=', 'includeCosts', /true or false/],
    ['timeRange=last_month&timeRange=current_month', 'timeRange', /once/],
    ['colour=blue', 'colour', /not a known parameter/],
  ];
  it.each(cases)('?%s answers 400 naming %s', async (qs, parameter, message) => {
    const { errorMessage } = await expectInvalidParameter(await sb.get(`/v2/billing/usage?${qs}`), parameter, message);
    expect(errorMessage).toContain(parameter.split('.')[0]);
  });

  it('answers 401 with the error body when the key is missing or wrong', async () => {
    await expectUnauthorized(sb, '/v2/billing/usage', 'not-the-key');
    const scheme = await fetch(`${sb.url}/v2/billing/usage`, { headers: { Authorization: `Basic ${TEST_KEY}` } });
    expect(scheme.status).toBe(401);
  });

  it('answers unknown routes with 404 and the error body, and never a 5xx for random query strings', async () => {
    const res = await sb.get('/v2/billing/nothing');
    expect(res.status).toBe(404);
    errorBodySchema.parse(await res.json());
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.tuple(
            fc.constantFrom('timeRange', 'startDate', 'endDate', 'resourceType[]', 'resourceType', 'granularity', 'groupBy', 'currency', 'includeCosts', 'x'),
            fc.oneof(fc.string(), fc.constantFrom('custom', 'hourly', '2024-01-01', '2024-02-30', 'clusters', 'true')),
          ),
          { maxLength: 5 },
        ),
        async (pairs) => {
          const qs = new URLSearchParams(pairs);
          const r = await sb.get(`/v2/billing/usage?${qs}`);
          expect(r.status, qs.toString()).toBeLessThan(500);
          if (r.status !== 200) errorBodySchema.parse(await r.json());
          else await r.arrayBuffer();
        },
      ),
      { numRuns: 60 },
    );
  });
});
