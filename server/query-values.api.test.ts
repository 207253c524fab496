/**
 * Query values as clients send them, on every endpoint: booleans as
 * true/false, True/False (Python's requests), 1/0, in any case; lists as
 * repeated keys, key[]= and comma lists.
 */
import { describe, expect, it } from 'vitest';
import { sandboxForFile, expectInvalidParameter } from './test/api.ts';

const sb = sandboxForFile();

const TRUE_FORMS = ['true', 'True', 'TRUE', 'tRuE', '1'];
const FALSE_FORMS = ['false', 'False', 'FALSE', '0'];

async function body(path: string): Promise<Record<string, unknown>> {
  const res = await sb.get(path);
  const text = await res.text();
  expect(res.status, `${path}: ${text}`).toBe(200);
  return JSON.parse(text) as Record<string, unknown>;
}

describe.each([
  { endpoint: '/v2/billing/usage', param: 'includeProjections', field: 'projections', base: 'timeRange=current_month' },
  { endpoint: '/v2/billing/usage', param: 'includeTeamMetrics', field: 'teamBreakdown', base: 'timeRange=current_month' },
  { endpoint: '/v2/billing/usage/forecast', param: 'includeScenarios', field: 'scenarios', base: 'forecastPeriod=3_months' },
  { endpoint: '/v2/billing/usage/optimization', param: 'includeRecommendations', field: 'recommendations', base: 'timeRange=last_month' },
])('$endpoint $param', ({ endpoint, param, field, base }) => {
  it('reads every spelling of true as true and of false as false', async () => {
    const canonicalTrue = await body(`${endpoint}?${base}&${param}=true`);
    const canonicalFalse = await body(`${endpoint}?${base}&${param}=false`);
    expect(canonicalTrue[field]).toBeDefined();
    expect(canonicalFalse[field]).toBeUndefined();
    for (const v of TRUE_FORMS) expect(await body(`${endpoint}?${base}&${param}=${v}`), v).toEqual(canonicalTrue);
    for (const v of FALSE_FORMS) expect(await body(`${endpoint}?${base}&${param}=${v}`), v).toEqual(canonicalFalse);
  });

  it('still refuses what is not a boolean, naming the parameter', async () => {
    for (const v of ['yes', 'Truee', '2', ''])
      await expectInvalidParameter(await sb.get(`${endpoint}?${base}&${param}=${v}`), param, /true or false/);
  });
});

describe('includeCosts', () => {
  it('False leaves costs out, as false does', async () => {
    const a = await body('/v2/billing/usage?timeRange=last_month&includeCosts=false');
    expect(await body('/v2/billing/usage?timeRange=last_month&includeCosts=False')).toEqual(a);
    expect((a.summary as Record<string, unknown>).totalCost).toBeUndefined();
  });
});

describe('lists', () => {
  it('groupBy as repeated keys (requests with a list), groupBy[]= and a comma list give one answer', async () => {
    const forms = ['groupBy=project&groupBy=user', 'groupBy[]=project&groupBy[]=user', 'groupBy=project,user', 'groupBy=project&groupBy[]=user'];
    const answers = await Promise.all(forms.map((f) => body(`/v2/billing/usage?timeRange=current_month&${f}`)));
    for (const a of answers) expect(a).toEqual(answers[0]);
    expect((answers[0]!.groups as { dimension: string }[]).map((g) => g.dimension).sort()).toEqual(['project', 'user']);
  });
});
