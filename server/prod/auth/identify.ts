/**
 * Who is asking: the signed-in user (AUTH_MODE=oidc: the session cookie;
 * AUTH_MODE=proxy: the trusted proxy's headers; AUTH_MODE=none: an
 * anonymous administrator), their role and team scope, and their address.
 */
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { getCookie } from 'hono/cookie';
import type { AuthConfig } from './config.ts';
import { SESSION_COOKIE, roleOf, strings, type Role, type SessionCodec } from './session.ts';

export interface Identity {
  user: { id: string; name: string; email: string | null };
  role: Role;
  /** The teams this user's answers are limited to; empty: not scoped (admins never are). */
  teams: string[];
  address: string;
  /** oidc: when the session ends (ms since the epoch). */
  expiresAt?: number;
}

export type Identified = { ok: true; identity: Identity | null } | { ok: false; status: 401 | 403; code: string; message: string };

/** The socket's peer address, without the IPv4-mapped prefix; '' when unknown (in-process requests). */
export function peerAddress(c: Context): string {
  try {
    const a = getConnInfo(c).remote.address ?? '';
    return a.startsWith('::ffff:') && a.includes('.') ? a.slice(7) : a;
  } catch {
    return '';
  }
}

export function isTrusted(config: AuthConfig, address: string): boolean {
  if (!config.trusted || !address) return false;
  return config.trusted.check(address, address.includes(':') ? 'ipv6' : 'ipv4');
}

/** The client's address: the peer, or the last X-Forwarded-For hop when the peer is a trusted proxy. */
export function clientAddress(c: Context, config: AuthConfig): string {
  const peer = peerAddress(c);
  if (isTrusted(config, peer)) {
    const hops = strings(c.req.header('x-forwarded-for') ?? '');
    if (hops.length) return hops[hops.length - 1]!;
  }
  return peer || 'unknown';
}

export function createIdentify(config: AuthConfig, codec: SessionCodec | null) {
  const scoped = (role: Role, teams: string[]) => (role === 'admin' ? [] : teams);

  return async function identify(c: Context): Promise<Identified> {
    const address = clientAddress(c, config);
    if (config.mode === 'none')
      return { ok: true, identity: { user: { id: 'anonymous', name: 'Anonymous', email: null }, role: 'admin', teams: [], address } };

    if (config.mode === 'proxy') {
      const proxy = config.proxy!;
      const peer = peerAddress(c);
      if (!isTrusted(config, peer))
        return {
          ok: false,
          status: 403,
          code: 'untrusted_proxy',
          message: 'This server only accepts requests through its sign-in proxy; this one came from an address outside AUTH_PROXY_TRUSTED.',
        };
      const id = c.req.header(proxy.userHeader)?.trim();
      if (!id) return { ok: true, identity: null };
      const groups = strings(c.req.header(proxy.groupsHeader) ?? '');
      const teams = proxy.teamsHeader ? strings(c.req.header(proxy.teamsHeader) ?? '') : [];
      const role = roleOf(groups, config.roles);
      const email = c.req.header(proxy.emailHeader)?.trim() || (id.includes('@') ? id : null);
      return { ok: true, identity: { user: { id, name: id, email }, role, teams: scoped(role, teams), address } };
    }

    const session = await codec!.openSession(getCookie(c, SESSION_COOKIE));
    if (!session) return { ok: true, identity: null };
    const role = roleOf(session.groups, config.roles);
    return {
      ok: true,
      identity: {
        user: { id: session.id, name: session.name, email: session.email },
        role,
        teams: scoped(role, session.teams),
        address,
        expiresAt: session.expiresAt,
      },
    };
  };
}

/**
 * Why a state-changing request is not same-origin, or null when it is.
 * Browsers send `Sec-Fetch-Site` (which pages cannot set): it must be
 * same-origin, or none (typed by the user). Without it (older browsers), the
 * `Origin` header, when sent, must be this site (PUBLIC_URL's origin, else the
 * Host the request was sent to). A same-origin form post carries
 * `Origin: null` under `Referrer-Policy: no-referrer`, so Origin alone is not
 * decisive when Sec-Fetch-Site is there.
 */
export function crossOriginReason(req: Request, publicUrl: URL | undefined): string | null {
  const site = req.headers.get('sec-fetch-site');
  if (site) return site === 'same-origin' || site === 'none' ? null : `the request came from another site (Sec-Fetch-Site: ${site})`;
  const origin = req.headers.get('origin');
  if (origin === null) return null;
  if (origin === 'null') return 'the request came from an opaque origin (Origin: null)';
  let o: URL;
  try {
    o = new URL(origin);
  } catch {
    return 'its Origin header is not an origin';
  }
  if (publicUrl) return o.origin === publicUrl.origin ? null : `the request came from ${o.origin}, not ${publicUrl.origin}`;
  const host = req.headers.get('host') ?? new URL(req.url).host;
  return o.host === host ? null : `the request came from ${o.origin}, not this site`;
}

export const ROLE_RANK: Record<Role, number> = { none: 0, viewer: 1, editor: 2, admin: 3 };
