import { afterEach, describe, expect, it, vi } from 'vitest';
import * as z from 'zod/mini';
import { usageResponseSchema } from '../contract/billing';
import { jsonResponse, usageFixture } from '../test/usage-fixture';
import { apiGet, apiUrl, parseRetryAfter } from './client';
import { ApiError, isRetryableError, NetworkError, SCHEMA_ERROR_MESSAGE, SchemaError, TimeoutError } from './errors';

function stubFetch(impl: (input: RequestInfo | URL, init?: RequestInit) => Promise<Response>) {
  const fetchMock = vi.fn(impl);
  vi.stubGlobal('fetch', fetchMock);
  return fetchMock;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('apiUrl', () => {
  it('is same-origin under /v2 with the query string', () => {
    expect(apiUrl('/billing/usage')).toBe('/v2/billing/usage');
    expect(apiUrl('billing/usage', { currency: 'EUR', includeCosts: true, skip: undefined })).toBe(
      '/v2/billing/usage?currency=EUR&includeCosts=true',
    );
    expect(apiUrl('/v2/billing/budgets', new URLSearchParams('a=1'))).toBe('/v2/billing/budgets?a=1');
  });
});

describe('apiGet', () => {
  it('returns the parsed body and sends no auth header', async () => {
    const body = usageFixture();
    const fetchMock = stubFetch(async () => jsonResponse(body));
    const data = await apiGet('/billing/usage', new URLSearchParams({ currency: 'USD' }), usageResponseSchema);
    expect(data.summary.totalCost).toBe(1247.83);
    const [url, init] = fetchMock.mock.calls[0]!;
    expect(url).toBe('/v2/billing/usage?currency=USD');
    const headers = new Headers(init?.headers);
    expect(headers.has('Authorization')).toBe(false);
    expect(headers.get('Accept')).toBe('application/json');
  });

  it('throws SchemaError with the offending path when the body breaks the contract', async () => {
    const body = usageFixture();
    const broken = {
      ...body,
      breakdown: [{ ...body.breakdown[0], usage: { ...body.breakdown[0]!.usage, cost: 'lots' } }],
    };
    stubFetch(async () => jsonResponse(broken));
    const error = await apiGet('/billing/usage', undefined, usageResponseSchema).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SchemaError);
    const schemaError = error as SchemaError;
    expect(schemaError.path).toBe('breakdown[0].usage.cost');
    expect(schemaError.message).toContain(SCHEMA_ERROR_MESSAGE);
    expect(schemaError.message).toContain('breakdown[0].usage.cost');
    expect(schemaError.issues.length).toBeGreaterThan(0);
    expect(isRetryableError(schemaError)).toBe(false);
  });

  it("words the SchemaError with zod's English message for the first problem", async () => {
    const body = usageFixture();
    stubFetch(async () => jsonResponse({ ...body, period: { ...body.period, daysElapsed: 1.5 }, summary: undefined }));
    const error = await apiGet('/billing/usage', undefined, usageResponseSchema).catch((e: unknown) => e);
    expect((error as SchemaError).message).toBe(
      `${SCHEMA_ERROR_MESSAGE} (at period.daysElapsed: Invalid input: expected int, received number)`,
    );
    stubFetch(async () => jsonResponse({ ...body, summary: undefined }));
    const missing = await apiGet('/billing/usage', undefined, usageResponseSchema).catch((e: unknown) => e);
    expect((missing as SchemaError).message).toBe(
      `${SCHEMA_ERROR_MESSAGE} (at summary: Invalid input: expected object, received undefined)`,
    );
  });

  it('throws SchemaError at the root for a body that is not JSON', async () => {
    stubFetch(async () => new Response('<html>oops</html>', { status: 200 }));
    const error = await apiGet('/billing/usage', undefined, z.object({})).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SchemaError);
    expect((error as SchemaError).path).toBe('(root)');
  });

  it('throws ApiError carrying status, code, message and details from the error body', async () => {
    const details = [{ parameter: 'currency', message: 'must be one of USD, EUR', received: 'XYZ' }];
    stubFetch(async () =>
      jsonResponse({ error: { code: 'invalid_parameter', message: 'currency is not supported', details } }, 400),
    );
    const error = await apiGet('/billing/usage', undefined, usageResponseSchema).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    const apiError = error as ApiError;
    expect(apiError.status).toBe(400);
    expect(apiError.code).toBe('invalid_parameter');
    expect(apiError.message).toBe('currency is not supported');
    expect(apiError.details).toEqual(details);
    expect(isRetryableError(apiError)).toBe(false);
  });

  it('throws ApiError for an error without a body (proxy down), retryable when 5xx', async () => {
    stubFetch(async () => new Response('', { status: 502, statusText: 'Bad Gateway' }));
    const error = await apiGet('/billing/usage', undefined, usageResponseSchema).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).status).toBe(502);
    expect((error as ApiError).message).toMatch(/HTTP 502/);
    expect(isRetryableError(error)).toBe(true);
  });

  it('throws NetworkError when fetch itself fails', async () => {
    stubFetch(async () => {
      throw new TypeError('Failed to fetch');
    });
    const error = await apiGet('/billing/usage', undefined, usageResponseSchema).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NetworkError);
    expect((error as NetworkError).cause).toBeInstanceOf(TypeError);
    expect(isRetryableError(error)).toBe(true);
  });

  it('passes an abort through untouched', async () => {
    const controller = new AbortController();
    stubFetch(async (_input, init) => {
      controller.abort();
      throw init?.signal?.reason ?? new DOMException('Aborted', 'AbortError');
    });
    const error = await apiGet('/billing/usage', undefined, usageResponseSchema, { signal: controller.signal }).catch(
      (e: unknown) => e,
    );
    expect(error).not.toBeInstanceOf(NetworkError);
    expect((error as Error).name).toBe('AbortError');
  });
});

describe('resilience', () => {
  afterEach(() => {
    vi.useRealTimers();
    vi.unstubAllGlobals();
  });

  it('reads Retry-After as seconds or as an HTTP date, capped at a minute', () => {
    expect(parseRetryAfter('2')).toBe(2000);
    expect(parseRetryAfter(null)).toBeUndefined();
    expect(parseRetryAfter('soon')).toBeUndefined();
    expect(parseRetryAfter('3600')).toBe(60_000);
    const now = Date.parse('2024-01-16T12:00:00Z');
    expect(parseRetryAfter('Tue, 16 Jan 2024 12:00:05 GMT', now)).toBe(5000);
  });

  it('turns a 429 into a retryable ApiError carrying its Retry-After', async () => {
    vi.stubGlobal('fetch', vi.fn(async () => new Response('{"error":{"code":"rate_limited","message":"Slow down"}}', { status: 429, headers: { 'Retry-After': '3' } })));
    const error = await apiGet('/billing/usage', undefined, z.object({})).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).retryAfterMs).toBe(3000);
    expect(isRetryableError(error)).toBe(true);
    expect(isRetryableError(new ApiError(400, 'invalid_parameter', 'bad'))).toBe(false);
  });

  it('gives up on a request that never answers, with a TimeoutError', async () => {
    vi.useFakeTimers();
    vi.stubGlobal(
      'fetch',
      vi.fn(
        (_url: string, init: RequestInit) =>
          new Promise((_resolve, reject) => init.signal?.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')))),
      ),
    );
    const pending = apiGet('/billing/usage', undefined, z.object({}), { timeoutMs: 5000 }).catch((e: unknown) => e);
    await vi.advanceTimersByTimeAsync(5001);
    const error = await pending;
    expect(error).toBeInstanceOf(TimeoutError);
    expect(isRetryableError(error)).toBe(true);
    expect((error as Error).message).toMatch(/did not answer within 5 s/);
  });
});
