/**
 * The one way the app talks to the billing API: same-origin `/v2/...`, no
 * auth header (the dev/preview proxy adds the key server-side), every 2xx
 * body parsed with its zod schema, every failure thrown as a typed error.
 */
import type * as z from 'zod/mini';
import { errorBodySchema } from '../contract/billing';
import { ApiError, NetworkError, SchemaError, TimeoutError } from './errors';

export const API_BASE = '/v2';

export type QueryParams = URLSearchParams | Record<string, string | number | boolean | undefined>;

export interface RequestOptions {
  /** Cancels the request (TanStack Query passes one to every queryFn). */
  signal?: AbortSignal;
  /** Gives up when no answer came in this time (ms). */
  timeoutMs?: number;
}

/** A request with no answer after this long fails (and may be retried). */
export const REQUEST_TIMEOUT_MS = 20_000;

/** Retry-After as seconds or an HTTP date → ms (capped at a minute); undefined if absent or unreadable. */
export function parseRetryAfter(value: string | null, now = Date.now()): number | undefined {
  if (!value) return undefined;
  const seconds = Number(value.trim());
  const ms = Number.isFinite(seconds) ? seconds * 1000 : Date.parse(value) - now;
  if (!Number.isFinite(ms) || ms < 0) return undefined;
  return Math.min(ms, 60_000);
}

/** `/billing/usage` + params → `/v2/billing/usage?…` */
export function apiUrl(path: string, params?: QueryParams): string {
  const clean = path.startsWith(`${API_BASE}/`) ? path : `${API_BASE}/${path.replace(/^\/+/, '')}`;
  let search: URLSearchParams;
  if (params instanceof URLSearchParams) search = params;
  else {
    search = new URLSearchParams();
    for (const [key, value] of Object.entries(params ?? {}))
      if (value !== undefined) search.set(key, String(value));
  }
  const qs = search.toString();
  return qs ? `${clean}?${qs}` : clean;
}

async function readJson(response: Response): Promise<{ ok: true; value: unknown } | { ok: false }> {
  try {
    const text = await response.text();
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch {
    return { ok: false };
  }
}

async function toApiError(response: Response): Promise<ApiError> {
  const body = await readJson(response);
  const parsed = body.ok ? errorBodySchema.safeParse(body.value) : undefined;
  const retryAfter = parseRetryAfter(response.headers.get('Retry-After'));
  if (parsed?.success) {
    const { code, message, details } = parsed.data.error;
    return new ApiError(response.status, code, message, details, retryAfter);
  }
  const status = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
  if (response.status === 429)
    return new ApiError(429, 'rate_limited', `The billing API is busy (${status}). Trying again shortly.`, undefined, retryAfter);
  return response.status >= 500
    ? new ApiError(response.status, 'upstream_unavailable', `The billing API could not answer (${status}). Try again in a moment.`, undefined, retryAfter)
    : new ApiError(response.status, 'http_error', `The billing API rejected the request (${status}).`);
}

/**
 * The SchemaError for a body `schema` rejected, worded as zod words it in
 * English (`Invalid input: expected number, received string`). The contract
 * uses Zod Mini, which loads no locale, so the English messages are loaded
 * here, the first time a response breaks the contract, and the body checked
 * again with them.
 */
async function schemaError(schema: z.ZodMiniType, value: unknown, error: z.core.$ZodError): Promise<SchemaError> {
  try {
    const { default: en } = await import('zod/v4/locales/en.js');
    const worded = schema.safeParse(value, { error: en().localeError });
    if (!worded.success) return SchemaError.fromZodError(worded.error);
  } catch {
    // The messages did not load: the path is still reported, with zod's generic wording.
  }
  return SchemaError.fromZodError(error);
}

/**
 * GET a billing API resource and parse it with `schema`.
 * @throws ApiError on 4xx/5xx, NetworkError when no answer came, SchemaError when the body breaks the contract.
 * An abort (the caller's signal) is rethrown as is.
 */
export async function apiGet<S extends z.ZodMiniType>(
  path: string,
  params: QueryParams | undefined,
  schema: S,
  options: RequestOptions = {},
): Promise<z.output<S>> {
  // One controller for both the caller's cancellation and our timeout (a plain timer, so
  // fake clocks in tests control it too).
  const controller = new AbortController();
  const onAbort = () => controller.abort(options.signal?.reason);
  if (options.signal?.aborted) onAbort();
  options.signal?.addEventListener('abort', onAbort);
  let timedOut = false;
  const timeoutMs = options.timeoutMs ?? REQUEST_TIMEOUT_MS;
  const timer = setTimeout(() => {
    timedOut = true;
    controller.abort();
  }, timeoutMs);

  let response: Response;
  let body: Awaited<ReturnType<typeof readJson>>;
  try {
    try {
      response = await fetch(apiUrl(path, params), {
        method: 'GET',
        headers: { Accept: 'application/json' },
        credentials: 'same-origin',
        signal: controller.signal,
      });
    } catch (error) {
      if (timedOut)
        throw new TimeoutError(`The billing API did not answer within ${Math.round(timeoutMs / 1000)} s. Try again in a moment.`, {
          cause: error,
        });
      if (options.signal?.aborted) throw error;
      throw new NetworkError(undefined, { cause: error });
    }
    if (!response.ok) throw await toApiError(response);
    body = await readJson(response);
    if (timedOut)
      throw new TimeoutError(`The billing API did not answer within ${Math.round(timeoutMs / 1000)} s. Try again in a moment.`);
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', onAbort);
  }

  if (!body.ok) throw new SchemaError('(root)', [], 'the response is not JSON');

  const result = schema.safeParse(body.value);
  if (!result.success) throw await schemaError(schema, body.value, result.error);
  return result.data;
}

export interface SendOptions {
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

/** POST/PUT/DELETE a billing API resource: JSON in, the same typed errors as apiGet out. */
async function send(method: 'POST' | 'PUT' | 'DELETE', path: string, options: SendOptions): Promise<Response> {
  const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
  if (options.body !== undefined) headers['Content-Type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(apiUrl(path), {
      method,
      headers,
      body: options.body === undefined ? undefined : JSON.stringify(options.body),
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new NetworkError(undefined, { cause: error });
  }
  if (!response.ok) throw await toApiError(response);
  return response;
}

/** Sends JSON (POST or PUT) and parses the answer with `schema`. */
export async function apiSend<S extends z.ZodMiniType>(
  method: 'POST' | 'PUT',
  path: string,
  schema: S,
  options: SendOptions = {},
): Promise<z.output<S>> {
  const response = await send(method, path, options);
  const body = await readJson(response);
  if (!body.ok) throw new SchemaError('(root)', [], 'the response is not JSON');
  const result = schema.safeParse(body.value);
  if (!result.success) throw await schemaError(schema, body.value, result.error);
  return result.data;
}

/** DELETE; resolves when the API answered 2xx. */
export async function apiDelete(path: string, options: Omit<SendOptions, 'body'> = {}): Promise<void> {
  await send('DELETE', path, options);
}
