/**
 * Writes to the billing API (POST/PUT/DELETE), the counterpart of apiGet in
 * src/api/client.ts: same-origin `/v2/...`, JSON in and out, every failure
 * thrown as the same typed errors (ApiError with the error body's code,
 * message and details; NetworkError; SchemaError).
 */
import type { z } from 'zod';
import { apiUrl } from '../../../api/client';
import { ApiError, NetworkError, SchemaError } from '../../../api/errors';
import { errorBodySchema } from '../../../contract/billing';

export interface SendOptions {
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

async function readJson(response: Response): Promise<{ ok: true; value: unknown } | { ok: false }> {
  try {
    return { ok: true, value: JSON.parse(await response.text()) as unknown };
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

/** Sends JSON and parses the answer with `schema`. */
export async function sendJson<S extends z.ZodType>(
  method: 'POST' | 'PUT',
  path: string,
  schema: S,
  options: SendOptions = {},
): Promise<z.output<S>> {
  const response = await send(method, path, options);
  const body = await readJson(response);
  if (!body.ok) throw new SchemaError('(root)', [], 'the response is not JSON');
  const result = schema.safeParse(body.value);
  if (!result.success) throw SchemaError.fromZodError(result.error);
  return result.data;
}

/** DELETE; resolves when the API answered 2xx. */
export async function sendDelete(path: string, options: Omit<SendOptions, 'body'> = {}): Promise<void> {
  await send('DELETE', path, options);
}
