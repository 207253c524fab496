import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  CURRENCY_DECIMALS,
  errorBodySchema,
  optimizationResponseSchema,
  type OptimizationResponse,
} from '../src/contract/billing.ts';
import { expectInvalidParameter, expectMethodNotAllowed, expectUnauthorized, minor, sandboxForFile } from './test/api.ts';

const PATH = '/v2/billing/usage/optimization';

const sb = sandboxForFile();
let dec: OptimizationResponse;
beforeAll(async () => {
  dec = await optimization('timeRange=last_month&includeRecommendations=true&analysisDepth=detailed');
});

async function optimization(qs: string): Promise<OptimizationResponse> {
  const res = await sb.get(`${PATH}${qs ? `?${qs}` : ''}`);
  const text = await res.text();
  expect(res.status, text).toBe(200);
  return optimizationResponseSchema.parse(JSON.parse(text));
}

async function one(sql: string): Promise<number> {
  const [row] = await sb.db.all<{ v: number }>(sql);
  return row!.v;
}

const rec = (r: OptimizationResponse, id: string) => {
  const found = r.recommendations!.find((x) => x.id === id);
  expect(found, `${id} in ${r.recommendations!.map((x) => x.id).join(', ')}`).toBeDefined();
  return found!;
};

/** December 2023 (last_month at the pinned now), from the hourly rows priced by the price table. */
const DEC = "u.ts >= TIMESTAMP '2023-12-01' AND u.ts < TIMESTAMP '2024-01-01'";
const PRICED = 'usage_hourly u JOIN prices p USING (sku)';

function expectExact(r: OptimizationResponse) {
  const c = r.potentialSavings!.currency ?? 'USD';
  const d = CURRENCY_DECIMALS[c];
  const all = [
    r.potentialSavings!.totalMonthly,
    r.wasteAnalysis!.totalWaste,
    ...r.potentialSavings!.byCategory.flatMap((x) => [x.savings, x.currentCost]),
    ...(r.recommendations ?? []).map((x) => x.potentialSavings),
    ...r.wasteAnalysis!.items.map((x) => x.amount),
  ];
  // no more digits than the currency has
  for (const x of all) expect(Math.abs(x * 10 ** d - Math.round(x * 10 ** d))).toBeLessThan(1e-6);
  const total = minor(r.potentialSavings!.totalMonthly, c);
  expect(r.potentialSavings!.byCategory.reduce((a, x) => a + minor(x.savings, c), 0)).toBe(total);
  if (r.recommendations) expect(r.recommendations.reduce((a, x) => a + minor(x.potentialSavings, c), 0)).toBe(total);
  expect(r.wasteAnalysis!.items.reduce((a, x) => a + minor(x.amount, c), 0)).toBe(minor(r.wasteAnalysis!.totalWaste, c));
  for (const x of r.potentialSavings!.byCategory) {
    expect(x.savings).toBeLessThanOrEqual(x.currentCost);
    expect(x.percentage).toBeCloseTo(Math.round((x.savings / x.currentCost) * 1000) / 10, 6);
  }
  // every category's savings are the sum of its recommendations
  for (const x of r.potentialSavings!.byCategory)
    if (r.recommendations)
      expect(r.recommendations.filter((y) => y.category === x.name).reduce((a, y) => a + minor(y.potentialSavings, c), 0)).toBe(minor(x.savings, c));
}

describe('GET /v2/billing/usage/optimization: the planted cases, against independent SQL', () => {
  it("answers the reference's example request in the contract's shape, for December 2023", () => {
    expect(dec.analysis).toMatchObject({ startDate: '2023-12-01', endDate: '2023-12-31', hoursAnalysed: 744, monthlyFactor: 1 });
    expect(dec.potentialSavings!.currency).toBe('USD');
    expect(dec.recommendations!.length).toBeGreaterThan(0);
    for (const r of dec.recommendations!) {
      expect(r.evidence!.length).toBeGreaterThan(0);
      expect(r.rule).toBeDefined();
      expect(r.resourceIds.length).toBeGreaterThan(0);
    }
    expectExact(dec);
  });

  it('finds the idle cluster: under 10% for 24 h or more, saving the cost of its idle hours', async () => {
    const r = rec(dec, 'idle_cluster:cluster-gpu-a100-004');
    expect(r.resourceIds).toEqual(['cluster-gpu-a100-004']);
    expect(r.implementationEffort).toBe('low');
    const hours = await one(`SELECT count(*) AS v FROM ${PRICED} WHERE ${DEC} AND resource_id = 'cluster-gpu-a100-004' AND gpu_util < 0.1`);
    expect(hours).toBe(744);
    const cost = await one(
      `SELECT sum(u.quantity * p.unit_price_usd) AS v FROM ${PRICED} WHERE ${DEC} AND resource_id = 'cluster-gpu-a100-004' AND gpu_util < 0.1`,
    );
    expect(Math.abs(r.potentialSavings - cost)).toBeLessThanOrEqual(0.01);
    const waste = dec.wasteAnalysis!.items.find((x) => x.resourceId === 'cluster-gpu-a100-004');
    expect(waste?.amount).toBe(r.potentialSavings);
    // an idle cluster is not also reserved or right-sized
    expect(dec.recommendations!.filter((x) => x.resourceIds.includes('cluster-gpu-a100-004'))).toHaveLength(1);
  });

  it('finds the oversized cluster: p95 under 40%, saving half its cost', async () => {
    const r = rec(dec, 'oversized_cluster:cluster-gpu-h100-003');
    const [s] = await sb.db.all<{ p95: number; cost: number }>(
      `SELECT quantile_cont(gpu_util, 0.95) AS p95, sum(u.quantity * p.unit_price_usd) AS cost FROM ${PRICED}
       WHERE ${DEC} AND resource_id = 'cluster-gpu-h100-003'`,
    );
    expect(s!.p95).toBeLessThan(0.4);
    expect(Math.abs(r.potentialSavings - s!.cost / 2)).toBeLessThanOrEqual(0.01);
    expect(dec.recommendations!.filter((x) => x.resourceIds.includes('cluster-gpu-h100-003'))).toHaveLength(1);
  });

  it('finds both endpoints whose minimum workers exceed what the observed peak needs', async () => {
    for (const id of ['ep-reranker-staging', 'ep-tts-beta']) {
      const r = rec(dec, `endpoint_min_workers:${id}`);
      const [s] = await sb.db.all<{ peak: number; capacity: number; minw: number }>(
        `SELECT max(peak_concurrency) AS peak, max(min_workers) AS minw,
                CAST(any_value(json_extract(r.attrs, '$.capacity')) AS DOUBLE) AS capacity
         FROM usage_hourly u JOIN resources r USING (resource_id) WHERE ${DEC} AND resource_id = '${id}'`,
      );
      const needed = Math.max(1, Math.ceil(s!.peak / s!.capacity));
      expect(s!.minw).toBeGreaterThan(needed);
      // one worker = one GPU on these endpoints: the surplus workers' GPU-hours at the list price
      const cost = await one(`SELECT sum((u.min_workers - ${needed}) * p.unit_price_usd) AS v FROM ${PRICED} WHERE ${DEC} AND resource_id = '${id}'`);
      expect(Math.abs(r.potentialSavings - cost), id).toBeLessThanOrEqual(0.01);
      expect(dec.wasteAnalysis!.items.find((x) => x.resourceId === id)?.amount).toBe(r.potentialSavings);
    }
  });

  it('finds both stale volumes (no I/O for 30 days), saving the move to object storage', async () => {
    for (const id of ['vol-archive-2023', 'vol-speech-old-ckpt']) {
      const r = rec(dec, `stale_storage:${id}`);
      const last = await one(`SELECT epoch_ms(max(ts)) AS v FROM usage_hourly WHERE resource_id = '${id}' AND io_ops > 0`);
      expect(Date.parse('2024-01-01T00:00:00Z') - last).toBeGreaterThanOrEqual(30 * 86_400_000);
      const cost = await one(
        `SELECT sum(u.quantity * (p.unit_price_usd - (SELECT unit_price_usd FROM prices WHERE sku = 'storage-object'))) AS v
         FROM ${PRICED} WHERE ${DEC} AND resource_id = '${id}'`,
      );
      expect(Math.abs(r.potentialSavings - cost), id).toBeLessThanOrEqual(0.01);
      expect(dec.wasteAnalysis!.items.find((x) => x.resourceId === id)?.amount).toBe(r.potentialSavings);
    }
  });

  it('finds the steady cross-region sync, saving the assumed half of its cost', async () => {
    const r = rec(dec, 'cross_region_transfer:xfer-us-east-1-eu-west-1');
    const cost = await one(`SELECT sum(u.quantity * p.unit_price_usd) AS v FROM ${PRICED} WHERE ${DEC} AND resource_id = 'xfer-us-east-1-eu-west-1'`);
    expect(Math.abs(r.potentialSavings - cost / 2)).toBeLessThanOrEqual(0.01);
    expect(r.implementationEffort).toBe('high');
    // the small west→east flow is not worth re-architecting
    expect(dec.recommendations!.some((x) => x.resourceIds.includes('xfer-us-west-2-us-east-1'))).toBe(false);
  });

  it('recommends off-peak scheduling for the training jobs started in working hours, at the assumed 30%', async () => {
    const r = rec(dec, 'offpeak_training:all');
    const LOCAL = "r.created_at + to_hours(CASE r.region WHEN 'us-east-1' THEN -5 WHEN 'us-west-2' THEN -8 ELSE 0 END)";
    const jobs = await sb.db.all<{ id: string; cost: number }>(
      `SELECT u.resource_id AS id, sum(u.quantity * p.unit_price_usd) AS cost
       FROM ${PRICED} JOIN resources r USING (resource_id)
       WHERE ${DEC} AND u.resource_type = 'training' AND isodow(${LOCAL}) <= 5 AND hour(${LOCAL}) >= 9 AND hour(${LOCAL}) < 18
       GROUP BY 1`,
    );
    expect(jobs.length).toBeGreaterThan(5);
    expect([...r.resourceIds].sort()).toEqual(jobs.map((j) => j.id).sort());
    const cost = jobs.reduce((a, j) => a + j.cost, 0);
    expect(Math.abs(r.potentialSavings - 0.3 * cost)).toBeLessThanOrEqual(0.01);
  });

  it('reserves the steady baseline of a busy cluster at the reserved price from the price table', async () => {
    const r = rec(dec, 'reserved_capacity:cluster-gpu-h100-001');
    const saving = await one(
      `SELECT sum(u.quantity * (p.unit_price_usd - p.reserved_unit_price_usd)) AS v FROM ${PRICED} WHERE ${DEC} AND resource_id = 'cluster-gpu-h100-001'`,
    );
    expect(Math.abs(r.potentialSavings - saving)).toBeLessThanOrEqual(0.01);
  });

  it('flags only the planted waste: busy clusters, endpoints and volumes are not waste', () => {
    expect(dec.wasteAnalysis!.items.map((x) => x.resourceId).sort()).toEqual(
      ['cluster-gpu-a100-004', 'ep-reranker-staging', 'ep-tts-beta', 'vol-archive-2023', 'vol-speech-old-ckpt'].sort(),
    );
    const wasteRules = new Set(['idle_cluster', 'oversized_cluster', 'endpoint_min_workers', 'stale_storage']);
    for (const busy of ['cluster-gpu-h100-001', 'cluster-gpu-a100-001', 'ep-llm-chat-prod', 'ep-sdxl-prod', 'vol-research-datasets', 'vol-data-lake'])
      expect(
        dec.recommendations!.filter((x) => x.resourceIds.includes(busy) && wasteRules.has(x.rule!)).map((x) => x.id),
        busy,
      ).toEqual([]);
  });

  it('sorts recommendations by impact, then savings', () => {
    const rank = { high: 0, medium: 1, low: 2 } as const;
    const recs = dec.recommendations!;
    for (let i = 1; i < recs.length; i++) {
      const a = recs[i - 1]!;
      const b = recs[i]!;
      expect(rank[a.impact as keyof typeof rank] < rank[b.impact as keyof typeof rank] || (a.impact === b.impact && a.potentialSavings >= b.potentialSavings), `${a.id} before ${b.id}`).toBe(true);
    }
    expect(new Set(recs.map((x) => x.impact))).toEqual(new Set(['high', 'medium', 'low']));
  });
});

describe('currencies, ranges and depth', () => {
  it('converts at the dated rates and still adds up exactly in JPY (no decimals)', async () => {
    const jpy = await optimization('timeRange=last_month&currency=JPY');
    expect(jpy.potentialSavings!.currency).toBe('JPY');
    expect(Number.isInteger(jpy.potentialSavings!.totalMonthly)).toBe(true);
    expectExact(jpy);
    const [rates] = await sb.db.all<{ lo: number; hi: number }>(
      "SELECT min(rate) AS lo, max(rate) AS hi FROM fx_rates WHERE currency = 'JPY' AND day >= DATE '2023-12-01' AND day < DATE '2024-01-01'",
    );
    // the same findings, in the same order of impact
    expect(jpy.recommendations!.map((x) => x.id).sort()).toEqual(dec.recommendations!.map((x) => x.id).sort());
    for (const x of jpy.recommendations!) {
      const usd = rec(dec, x.id).potentialSavings;
      expect(x.potentialSavings).toBeGreaterThanOrEqual(Math.floor(usd * rates!.lo) - 1);
      expect(x.potentialSavings).toBeLessThanOrEqual(Math.ceil(usd * rates!.hi) + 1);
    }
    const eur = await optimization('timeRange=last_month&currency=EUR');
    expectExact(eur);
  });

  it('analyses a month so far over the trailing 30 days, made monthly: 720 hours to January’s 744', async () => {
    const cur = await optimization('timeRange=current_month');
    expect(cur.analysis).toMatchObject({ startDate: '2023-12-17', endDate: '2024-01-31', hoursAnalysed: 720, hoursPerMonth: 744 });
    expect(cur.analysis!.monthlyFactor).toBeCloseTo(744 / 720, 6);
    const cost = await one(
      `SELECT sum(u.quantity * p.unit_price_usd) AS v FROM ${PRICED}
       WHERE u.ts >= TIMESTAMP '2023-12-17 12:00:00' AND u.ts < TIMESTAMP '2024-01-16 12:00:00' AND resource_id = 'cluster-gpu-a100-004'`,
    );
    expect(Math.abs(rec(cur, 'idle_cluster:cluster-gpu-a100-004').potentialSavings - (744 / 720) * cost)).toBeLessThanOrEqual(0.01);
    expectExact(cur);
  });

  it('names prices in the page’s currency inside recommendation texts: yen on a JPY page', async () => {
    const jpy = await optimization('timeRange=last_month&currency=JPY&analysisDepth=detailed');
    const reserve = jpy.recommendations!.find((r) => r.rule === 'reserved_capacity')!;
    expect(reserve.description).toMatch(/at ¥[\d,]+ instead of ¥[\d,]+ per GPU-hour/);
    expect(reserve.description).not.toMatch(/\$/);
    for (const r of jpy.recommendations!) expect(r.description, r.id).not.toMatch(/\$\d/);
  });

  it('leaves evidence out of a summary and recommendations out when not asked for', async () => {
    const summary = await optimization('');
    expect(summary.analysis!.startDate).toBe('2023-12-01'); // default last_month
    expect(summary.recommendations!.every((x) => x.evidence === undefined)).toBe(true);
    expect(summary.potentialSavings).toEqual(dec.potentialSavings);
    const bare = await optimization('includeRecommendations=false');
    expect(bare.recommendations).toBeUndefined();
    expect(bare.potentialSavings).toEqual(dec.potentialSavings);
    expect(bare.wasteAnalysis).toEqual(dec.wasteAnalysis);
  });
});

describe('bad input', () => {
  const cases: Array<[string, string, RegExp]> = [
    ['timeRange=custom', 'timeRange', /must be one of current_month, last_month/],
    ['timeRange=yesterday', 'timeRange', /must be one of/],
    ['analysisDepth=deep', 'analysisDepth', /must be one of summary, detailed/],
    ['includeRecommendations=maybe', 'includeRecommendations', /true or false/],
    ['currency=BTC', 'currency', /USD, EUR, GBP, JPY, CAD, AUD/],
    ['timeRange=last_month&timeRange=current_month', 'timeRange', /once/],
    ['startDate=2024-01-01', 'startDate', /not a known parameter/],
    ['colour=blue', 'colour', /not a known parameter/],
  ];
  it.each(cases)('?%s answers 400 naming %s', async (qs, parameter, message) => {
    const { errorMessage, issue } = await expectInvalidParameter(await sb.get(`${PATH}?${qs}`), parameter, message);
    expect(errorMessage).toContain(parameter);
    // what is allowed, except for a parameter given twice (nothing to list)
    if (!/once/.test(issue.message)) expect(issue.allowed?.length ?? 0).toBeGreaterThan(0);
  });

  it('lists what is allowed: timeRange without custom, the known parameters', async () => {
    const res = await sb.get(`${PATH}?timeRange=custom&foo=1`);
    const details = errorBodySchema.parse(await res.json()).error.details as Array<{ parameter: string; allowed?: string[] }>;
    expect(details.find((d) => d.parameter === 'timeRange')!.allowed).not.toContain('custom');
    expect(details.find((d) => d.parameter === 'foo')!.allowed).toEqual(['timeRange', 'includeRecommendations', 'analysisDepth', 'currency']);
  });

  it('answers 401 without a valid key, and 405 to other methods', async () => {
    await expectUnauthorized(sb, PATH, 'wrong-key-123');
    await expectMethodNotAllowed(sb, PATH);
  });

  it('never answers 5xx to random query strings', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.tuple(
            fc.constantFrom('timeRange', 'includeRecommendations', 'analysisDepth', 'currency', 'x'),
            fc.oneof(fc.string(), fc.constantFrom('custom', 'current_quarter', 'last_quarter', 'current_year', 'true', 'detailed', 'JPY')),
          ),
          { maxLength: 4 },
        ),
        async (pairs) => {
          const qs = new URLSearchParams(pairs);
          const r = await sb.get(`${PATH}?${qs}`);
          expect(r.status, qs.toString()).toBeLessThan(500);
          if (r.status === 200) optimizationResponseSchema.parse(await r.json());
          else errorBodySchema.parse(await r.json());
        },
      ),
      { numRuns: 25 },
    );
  });
});
