/**
 * Who is signed in, from the production server's `GET /auth/me`. Checked by
 * hand rather than with the zod schema (contract/access.ts), so the first
 * load carries no more than it needs.
 */
import { ROLES, AUTH_MODES, type Session } from '../contract/access';

/** Without the production server (the Vite dev server) there is no sign-in: everyone may do everything. */
export const LOCAL_SESSION: Session = { user: { id: 'local', name: 'Local user', email: null }, role: 'admin', teams: [], mode: 'none' };

/** Who is signed in; 'signed-out' without a session; LOCAL_SESSION when the server has no /auth/me (dev server). */
export async function fetchSession(signal?: AbortSignal): Promise<Session | 'signed-out'> {
  let res: Response;
  try {
    res = await fetch('/auth/me', { headers: { Accept: 'application/json' }, credentials: 'same-origin', signal });
  } catch (err) {
    if (signal?.aborted) throw err;
    throw new Error('Could not reach the dashboard server. Check your connection and try again.', { cause: err });
  }
  // A server without sign-in routes (the Vite dev server of an older build): no sign-in.
  if (res.status === 404) return LOCAL_SESSION;
  let body: unknown;
  try {
    body = await res.json();
  } catch {
    throw new Error(`The dashboard server sent an unreadable answer to /auth/me (HTTP ${res.status}).`);
  }
  if (res.status === 401) return 'signed-out';
  if (!res.ok) {
    const message = (body as { error?: { message?: unknown } } | null)?.error?.message;
    throw new Error(typeof message === 'string' ? message : `The dashboard server refused /auth/me (HTTP ${res.status}).`);
  }
  if (!isSession(body)) throw new Error('The dashboard server’s answer to /auth/me does not say who you are.');
  return body;
}

function isSession(v: unknown): v is Session {
  const s = v as Partial<Session> | null;
  return (
    !!s &&
    typeof s.user?.id === 'string' &&
    typeof s.user.name === 'string' &&
    (s.user.email === null || typeof s.user.email === 'string') &&
    (ROLES as readonly string[]).includes(s.role as string) &&
    (AUTH_MODES as readonly string[]).includes(s.mode as string) &&
    Array.isArray(s.teams) &&
    s.teams.every((t) => typeof t === 'string')
  );
}

/** The sign-in address that comes back to where the user is now. */
export function loginHref(location: Pick<Location, 'pathname' | 'search' | 'hash'> = window.location): string {
  return `/auth/login?returnTo=${encodeURIComponent(location.pathname + location.search + location.hash)}`;
}

export const canWrite = (s: Pick<Session, 'role'>) => s.role === 'admin' || s.role === 'editor';
export const isScoped = (s: Pick<Session, 'teams'>) => s.teams.length > 0;
