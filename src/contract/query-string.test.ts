import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { queryKeys } from '../api/query-keys';
import { collectQuery, forecastQuerySchema, optimizationQuerySchema, usageQuerySchema, RESOURCE_TYPES } from './billing';
import { parseQuery, querySearchParams, queryString } from './query-string';

const usageQuery = (q: Parameters<typeof parseQuery>[1]) => parseQuery(usageQuerySchema, q);

describe('the request serialiser', () => {
  it('fills in the API defaults so equal requests share a key', () => {
    const a = usageQuery({});
    const b = usageQuery({ timeRange: 'current_month', currency: 'USD', includeCosts: true });
    expect(a).toEqual(b);
    expect(queryKeys.usage.detail(a)).toEqual(queryKeys.usage.detail(b));
    expect(queryKeys.usage.detail(a).slice(0, 2)).toEqual(queryKeys.usage.all());
  });

  it('writes booleans and lists the way the reference sends them', () => {
    const params = querySearchParams(
      usageQuery({ includeProjections: true, resourceType: ['clusters', 'ai-services'], currency: 'JPY' }),
    );
    expect(params.get('includeProjections')).toBe('true');
    expect(params.get('includeCosts')).toBe('true');
    expect(params.getAll('resourceType[]')).toEqual(['clusters', 'ai-services']);
    expect(params.get('currency')).toBe('JPY');
    expect(queryString({ timeRange: 'last_month', groupBy: ['project', 'user'], includeTeamMetrics: false })).toBe(
      'timeRange=last_month&groupBy[]=project&groupBy[]=user&includeTeamMetrics=false',
    );
    expect(queryString({ forecastPeriod: '6_months', confidenceInterval: 0.8 })).toBe(
      'forecastPeriod=6_months&confidenceInterval=0.8',
    );
  });

  it('rejects a request the API would reject', () => {
    expect(() => usageQuery({ timeRange: 'custom' })).toThrow(/startDate/);
  });

  it('reads back as the API reads it, for every endpoint', () => {
    const usage = fc.record(
      {
        timeRange: fc.constantFrom('current_month', 'last_month', 'current_year' as const),
        resourceType: fc.uniqueArray(fc.constantFrom(...RESOURCE_TYPES), { minLength: 1 }),
        granularity: fc.constantFrom('hourly', 'daily', 'weekly', 'monthly' as const),
        includeProjections: fc.boolean(),
        includeTeamMetrics: fc.boolean(),
        currency: fc.constantFrom('USD', 'EUR', 'JPY' as const),
      },
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(usage, (q) => {
        const parsed = usageQuerySchema.parse(collectQuery(new URLSearchParams(queryString(q))));
        expect(parsed).toMatchObject(q);
        expect(parsed).toEqual(usageQuery(q));
      }),
    );
    const f = parseQuery(forecastQuerySchema, { includeScenarios: true, confidenceInterval: 0.8 });
    expect(forecastQuerySchema.parse(collectQuery(querySearchParams(f)))).toEqual(f);
    expect(f).toMatchObject({ includeScenarios: true, confidenceInterval: 0.8, forecastPeriod: '3_months' });
    const o = parseQuery(optimizationQuerySchema, { includeRecommendations: false, analysisDepth: 'detailed' });
    expect(optimizationQuerySchema.parse(collectQuery(querySearchParams(o)))).toEqual(o);
    expect(o.includeRecommendations).toBe(false);
  });
});
