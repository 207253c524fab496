import { describe, expect, it } from 'vitest';
import { queryKeys } from './query-keys';
import { normalizeUsageQuery, usageSearchParams } from './usage-query';

describe('usage request', () => {
  it('fills in the API defaults so equal requests share a key', () => {
    const a = normalizeUsageQuery({});
    const b = normalizeUsageQuery({ timeRange: 'current_month', currency: 'USD', includeCosts: true });
    expect(a).toEqual(b);
    expect(queryKeys.usage.detail(a)).toEqual(queryKeys.usage.detail(b));
    expect(queryKeys.usage.detail(a).slice(0, 2)).toEqual(queryKeys.usage.all());
  });

  it('writes booleans and arrays the way the API reads them', () => {
    const query = normalizeUsageQuery({
      includeProjections: true,
      resourceType: ['clusters', 'ai-services'],
      currency: 'JPY',
    });
    const params = usageSearchParams(query);
    expect(params.get('includeProjections')).toBe('true');
    expect(params.get('includeCosts')).toBe('true');
    expect(params.getAll('resourceType[]')).toEqual(['clusters', 'ai-services']);
    expect(params.get('currency')).toBe('JPY');
  });

  it('rejects a request the API would reject', () => {
    expect(() => normalizeUsageQuery({ timeRange: 'custom' })).toThrow(/startDate/);
  });
});
