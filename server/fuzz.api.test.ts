import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { errorBodySchema } from '../src/contract/billing.ts';
import { sandboxForFile } from './test/api.ts';

/**
 * Random query strings and JSON bodies against every endpoint: the answer is
 * always a success or a 4xx with the error body, never a 5xx, and every
 * answer is bounded: it comes within ANSWER_MS and is at most ANSWER_BYTES
 * (error bodies at most ERROR_BYTES).
 */
const sb = sandboxForFile();

const KEYS = [
  'timeRange', 'startDate', 'endDate', 'resourceType', 'resourceType[]', 'granularity', 'groupBy', 'groupBy[]',
  'includeProjections', 'includeCosts', 'includeTeamMetrics', 'currency', 'forecastPeriod', 'includeScenarios',
  'confidenceInterval', 'includeRecommendations', 'analysisDepth', 'x', '__proto__', 'constructor',
];
const VALUES = [
  'custom', 'last_month', 'current_year', 'hourly', 'monthly', 'clusters', 'ai-services,storage', 'region', 'user',
  'true', 'false', 'JPY', 'EUR', '6_months', '0.95', '1.5', 'NaN', '-1', 'detailed', '2024-01-01', '2023-02-29',
  '9999-12-31', '0000-01-01', '2023-01-01', '2025-01-15', '', '%00', '[]', '{}', 'x,'.repeat(800),
];
const query = fc.array(fc.tuple(fc.constantFrom(...KEYS), fc.oneof(fc.constantFrom(...VALUES), fc.string())), { maxLength: 6 });

// generous: the forecast's first answer fits its model (about 2 s on a busy 2-core machine); unbounded ranges took 5–16 s
const ANSWER_MS = 5_000;
const ANSWER_BYTES = 4 * 1024 * 1024;
const ERROR_BYTES = 16 * 1024;

async function expectNo5xx(pending: Promise<Response>, what: string) {
  const started = performance.now();
  const res = await pending;
  const body = await res.text();
  const ms = performance.now() - started;
  expect(res.status, what).toBeLessThan(500);
  expect(ms, `${what}: ${Math.round(ms)} ms`).toBeLessThan(ANSWER_MS);
  expect(body.length, what).toBeLessThan(res.status >= 400 ? ERROR_BYTES : ANSWER_BYTES);
  if (res.status >= 400) errorBodySchema.parse(JSON.parse(body));
}

describe('fuzz', () => {
  it('answers random query strings on every GET endpoint without a 5xx', async () => {
    const paths = [
      '/v2/billing/usage',
      '/v2/billing/usage/optimization',
      '/v2/billing/usage/forecast',
      '/v2/billing/budgets',
      '/v2/billing/budgets/status',
      '/v2/billing/budgets/bdg-organisation',
      '/v2/billing/budgets/does-not-exist',
    ];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...paths), query, async (path, pairs) => {
        const qs = new URLSearchParams(pairs).toString();
        await expectNo5xx(sb.get(`${path}?${qs}`), `${path}?${qs}`);
      }),
      { numRuns: 150 },
    );
  });

  it('answers random JSON bodies on POST and PUT without a 5xx', async () => {
    const budgetish = fc.record(
      {
        name: fc.oneof(fc.string(), fc.constant(null)),
        monthlyBudget: fc.oneof(fc.double(), fc.integer(), fc.string(), fc.constant(null)),
        currency: fc.oneof(fc.constantFrom('USD', 'JPY', 'EUR', 'XXX'), fc.string()),
        alertThresholds: fc.oneof(fc.array(fc.oneof(fc.integer({ min: -10, max: 300 }), fc.double())), fc.string()),
        resourceTypes: fc.array(fc.oneof(fc.constantFrom('all', 'clusters', 'storage'), fc.string())),
        notificationChannels: fc.array(fc.oneof(fc.constantFrom('email', 'webhook'), fc.jsonValue())),
        actions: fc.dictionary(fc.oneof(fc.constantFrom('at_90_percent', 'at_100_percent'), fc.string()), fc.jsonValue()),
      },
      { requiredKeys: [] },
    );
    const body = fc.oneof(
      budgetish.map((b) => JSON.stringify(b)),
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc.string(),
      fc.string({ unit: 'binary' }),
      fc.integer({ min: 60_000, max: 200_000 }).map((n) => JSON.stringify({ name: 'x'.repeat(n) })),
    );
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('POST /v2/billing/budgets', 'PUT /v2/billing/budgets/bdg-gpu-clusters', 'PUT /v2/billing/budgets/nope'), body, async (route, text) => {
        const [method, path] = route.split(' ') as [string, string];
        await expectNo5xx(sb.get(path, { method, body: text, headers: { 'Content-Type': 'application/json' } }), `${route} ${text.slice(0, 200)}`);
      }),
      { numRuns: 150 },
    );
  });
});
