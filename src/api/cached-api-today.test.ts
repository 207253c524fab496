import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { usageQuerySchema } from '../contract/billing';
import { usageFixture } from '../test/usage-fixture';
import { cachedApiNoon, cachedApiToday } from './cached-api-today';
import { queryKeys } from './query-keys';

const key = (request: Record<string, string>) => queryKeys.usage.detail(usageQuerySchema.parse({ ...request, includeCosts: 'true' }));

describe('cachedApiToday', () => {
  it('is undefined until a running preset has been answered', () => {
    const client = new QueryClient();
    expect(cachedApiToday(client)).toBeUndefined();
    // A finished month says nothing about today.
    client.setQueryData(key({ timeRange: 'last_month' }), usageFixture({ period: { startDate: '2023-12-01', endDate: '2023-12-31', billingCycle: 'monthly', daysInPeriod: 31, daysElapsed: 31 } }));
    expect(cachedApiToday(client)).toBeUndefined();
  });

  it("reads the API's day from a current_month answer, and noon of it", () => {
    const client = new QueryClient();
    client.setQueryData(key({ timeRange: 'current_month', granularity: 'monthly' }), usageFixture());
    // The fixture's period: 1–31 Jan 2024, 16 days elapsed.
    expect(cachedApiToday(client)).toBe('2024-01-16');
    expect(cachedApiNoon(client)).toBe(Date.parse('2024-01-16T12:00:00Z'));
  });
});
