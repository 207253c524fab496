/**
 * Who is signed in, from the production server's `GET /auth/me`. Checked by
 * hand rather than with the zod schema (contract/access.ts), so the first
 * load carries no more than it needs.
 */
import type { Session } from '../contract/access';

// As in contract/access.ts (not imported: its zod schema need not be in the first load).
const ROLES: readonly string[] = ['admin', 'editor', 'viewer', 'none'];
const AUTH_MODES: readonly string[] = ['none', 'oidc', 'proxy'];

/** Without the production server (the Vite dev server) there is no sign-in: everyone may do everything. */
export const LOCAL_SESSION: Session = { user: { id: 'local', name: 'Local user', email: null }, role: 'admin', teams: [], mode: 'none' };

/** Who is signed in; 'signed-out' without a session; LOCAL_SESSION when the server has no /auth/me (dev server). */
export async function fetchSession(signal?: AbortSignal): Promise<Session | 'signed-out'> {
  // Network failures reject as they are; the gate shows the message with a Retry.
  const res = await fetch('/auth/me', { headers: { Accept: 'application/json' }, credentials: 'same-origin', signal });
  // A server without sign-in routes: no sign-in.
  if (res.status === 404) return LOCAL_SESSION;
  if (res.status === 401) return 'signed-out';
  const body = (await res.json().catch(() => null)) as (Partial<Session> & { error?: { message?: string } }) | null;
  if (!res.ok) throw new Error(body?.error?.message ?? `The dashboard server refused /auth/me (HTTP ${res.status}).`);
  if (!body || !ROLES.includes(body.role!) || !AUTH_MODES.includes(body.mode!) || typeof body.user?.name !== 'string' || !Array.isArray(body.teams))
    throw new Error('The dashboard server’s answer to /auth/me does not say who you are.');
  return body as Session;
}

/** The sign-in address that comes back to where the user is now. */
export function loginHref(location: Pick<Location, 'pathname' | 'search' | 'hash'> = window.location): string {
  return `/auth/login?returnTo=${encodeURIComponent(location.pathname + location.search + location.hash)}`;
}

export const canWrite = (s: Pick<Session, 'role'>) => s.role === 'admin' || s.role === 'editor';
