import { describe, expect, it } from 'vitest';
import { ApiError, NetworkError, SchemaError } from '../api/errors';
import { createQueryClient } from './query-client';

describe('createQueryClient', () => {
  const defaults = createQueryClient().getDefaultOptions().queries!;
  const retry = defaults.retry as (failureCount: number, error: unknown) => boolean;

  it('keeps data fresh for five minutes and refetches hourly', () => {
    expect(defaults.staleTime).toBe(5 * 60_000);
    expect(defaults.refetchInterval).toBe(60 * 60_000);
  });

  it('retries network failures and 5xx, never 4xx or contract mismatches', () => {
    expect(retry(0, new NetworkError())).toBe(true);
    expect(retry(0, new ApiError(503, 'upstream_unavailable', 'down'))).toBe(true);
    expect(retry(2, new ApiError(503, 'upstream_unavailable', 'down'))).toBe(false);
    expect(retry(0, new ApiError(400, 'invalid_parameter', 'bad'))).toBe(false);
    expect(retry(0, new ApiError(404, 'not_found', 'gone'))).toBe(false);
    expect(retry(0, new SchemaError('summary.totalCost'))).toBe(false);
  });
});

describe('retryDelay', () => {
  it('backs off exponentially with jitter and honours Retry-After', async () => {
    const { retryDelay } = await import('./query-client');
    const { ApiError } = await import('../api/errors');
    expect(retryDelay(0, new Error('x'), () => 0.5)).toBe(500);
    expect(retryDelay(1, new Error('x'), () => 0.5)).toBe(1000);
    expect(retryDelay(10, new Error('x'), () => 0.5)).toBe(8000);
    expect(retryDelay(0, new Error('x'), () => 0)).toBe(375);
    expect(retryDelay(0, new ApiError(429, 'rate_limited', 'busy', undefined, 2500))).toBe(2500);
  });
});
