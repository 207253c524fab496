/**
 * Calls to the production server's own endpoints (`/auth/me`, `/audit/…`):
 * same-origin, with the session cookie, parsed with their schema; failures
 * as the same typed errors the billing API client throws.
 */
import type * as z from 'zod/mini';
import { ApiError, NetworkError, SchemaError } from '../api/errors';
import { errorBodySchema } from '../contract/billing';
import { sessionSchema, type Session } from '../contract/access';

/** Without the production server (the Vite dev server) there is no sign-in: everyone may do everything. */
export const LOCAL_SESSION: Session = { user: { id: 'local', name: 'Local user', email: null }, role: 'admin', teams: [], mode: 'none' };

export async function getServerJson<S extends z.ZodMiniType>(path: string, schema: S, signal?: AbortSignal): Promise<z.infer<S>> {
  let res: Response;
  try {
    res = await fetch(path, { headers: { Accept: 'application/json' }, credentials: 'same-origin', signal });
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

/** Who is signed in; 'signed-out' without a session; LOCAL_SESSION when the server has no /auth/me (dev server). */
export async function fetchSession(signal?: AbortSignal): Promise<Session | 'signed-out'> {
  try {
    return await getServerJson('/auth/me', sessionSchema, signal);
  } catch (err) {
    if (err instanceof ApiError && err.status === 401 && err.code === 'unauthorized') return 'signed-out';
    if (err instanceof ApiError && (err.status === 404 || err.code === 'http_error') && err.status < 500) return LOCAL_SESSION;
    throw err;
  }
}

/** The sign-in address that comes back to where the user is now. */
export function loginHref(location: Pick<Location, 'pathname' | 'search' | 'hash'> = window.location): string {
  return `/auth/login?returnTo=${encodeURIComponent(location.pathname + location.search + location.hash)}`;
}

export const canWrite = (s: Pick<Session, 'role'>) => s.role === 'admin' || s.role === 'editor';
export const isScoped = (s: Pick<Session, 'teams'>) => s.teams.length > 0;
