/**
 * The one way the app talks to the billing API: same-origin `/v2/...`, no
 * auth header (the dev/preview proxy adds the key server-side), every 2xx
 * body parsed with its zod schema, every failure thrown as a typed error.
 */
import type { z } from 'zod';
import { errorBodySchema } from '../contract/billing';
import { ApiError, NetworkError, SchemaError } from './errors';

export const API_BASE = '/v2';

export type QueryParams = URLSearchParams | Record<string, string | number | boolean | undefined>;

export interface RequestOptions {
  /** Cancels the request (TanStack Query passes one to every queryFn). */
  signal?: AbortSignal;
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
  if (parsed?.success) {
    const { code, message, details } = parsed.data.error;
    return new ApiError(response.status, code, message, details);
  }
  const status = `HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`;
  return response.status >= 500
    ? new ApiError(response.status, 'upstream_unavailable', `The billing API could not answer (${status}). Try again in a moment.`)
    : new ApiError(response.status, 'http_error', `The billing API rejected the request (${status}).`);
}

/**
 * GET a billing API resource and parse it with `schema`.
 * @throws ApiError on 4xx/5xx, NetworkError when no answer came, SchemaError when the body breaks the contract.
 * An abort (the caller's signal) is rethrown as is.
 */
export async function apiGet<S extends z.ZodType>(
  path: string,
  params: QueryParams | undefined,
  schema: S,
  options: RequestOptions = {},
): Promise<z.output<S>> {
  let response: Response;
  try {
    response = await fetch(apiUrl(path, params), {
      method: 'GET',
      headers: { Accept: 'application/json' },
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (error) {
    if (options.signal?.aborted) throw error;
    throw new NetworkError(undefined, { cause: error });
  }

  if (!response.ok) throw await toApiError(response);

  const body = await readJson(response);
  if (!body.ok) throw new SchemaError('(root)', [], 'the response is not JSON');

  const result = schema.safeParse(body.value);
  if (!result.success) throw SchemaError.fromZodError(result.error);
  return result.data;
}
