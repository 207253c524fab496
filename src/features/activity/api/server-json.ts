/**
 * Calls to the production server's own endpoints (`/audit/…`): same-origin,
 * with the session cookie, parsed with their schema; failures as the same
 * typed errors the billing API client throws.
 */
import type * as z from 'zod/mini';
import { REQUEST_TIMEOUT_MS } from '../../../api/client';
import { ApiError, NetworkError, SchemaError } from '../../../api/errors';
import { errorBodySchema } from '../../../contract/billing';

export async function getServerJson<S extends z.ZodMiniType>(path: string, schema: S, signal?: AbortSignal): Promise<z.infer<S>> {
  let res: Response;
  try {
    const timeout = AbortSignal.timeout(REQUEST_TIMEOUT_MS);
    res = await fetch(path, { headers: { Accept: 'application/json' }, credentials: 'same-origin', signal: signal ? AbortSignal.any([signal, timeout]) : timeout });
  } catch (err) {
    if (signal?.aborted) throw err;
    throw new NetworkError('Could not reach the dashboard server. Check your connection and try again.', { cause: err });
  }
  const text = await res.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new ApiError(res.status, 'http_error', `The dashboard server sent an unreadable answer (HTTP ${res.status}).`);
  }
  if (!res.ok) {
    const e = errorBodySchema.safeParse(body);
    if (e.success) throw new ApiError(res.status, e.data.error.code, e.data.error.message, e.data.error.details);
    throw new ApiError(res.status, 'http_error', `The dashboard server refused the request (HTTP ${res.status}).`);
  }
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw SchemaError.fromZodError(parsed.error);
  return parsed.data;
}
