/**
 * Stateless sessions: the signed-in user is kept in an encrypted cookie
 * (JWE, dir + A256GCM, with jose), so any replica holding the same
 * SESSION_SECRET can read it and nothing is stored on the server. A changed,
 * expired or foreign cookie (another secret) fails to decrypt and counts as
 * no session.
 */
import { hkdfSync } from 'node:crypto';
import { EncryptJWT, jwtDecrypt } from 'jose';

export const SESSION_COOKIE = 't1_session';
/** The short-lived state of one sign-in (PKCE verifier, state, nonce, where to go back to). */
export const LOGIN_COOKIE = 't1_login';
export const LOGIN_TTL_MS = 10 * 60_000;

import type { Role } from '../../../src/contract/access.ts';

export type { Role };

export interface Principal {
  id: string;
  name: string;
  email: string | null;
  groups: string[];
  /** Teams the identity provider lists for the user; empty: not scoped. */
  teams: string[];
}

export interface LoginState {
  verifier: string;
  state: string;
  nonce: string;
  returnTo: string;
}

const ISSUER = 'tensorone-billing-dashboard';

export class SessionCodec {
  private readonly key: Uint8Array;

  constructor(secret: string, private readonly now: () => number = Date.now) {
    this.key = new Uint8Array(hkdfSync('sha256', secret, 'tensorone-billing-session', 'cookie-encryption-v1', 32));
  }

  private async seal(purpose: string, payload: Record<string, unknown>, ttlMs: number): Promise<string> {
    const iat = Math.floor(this.now() / 1000);
    return new EncryptJWT({ ...payload, purpose })
      .setProtectedHeader({ alg: 'dir', enc: 'A256GCM' })
      .setIssuer(ISSUER)
      .setIssuedAt(iat)
      .setExpirationTime(iat + Math.ceil(ttlMs / 1000))
      .encrypt(this.key);
  }

  private async open(purpose: string, token: string | undefined): Promise<Record<string, unknown> | null> {
    if (!token || token.length > 8192) return null;
    try {
      const { payload } = await jwtDecrypt(token, this.key, {
        issuer: ISSUER,
        currentDate: new Date(this.now()),
        keyManagementAlgorithms: ['dir'],
        contentEncryptionAlgorithms: ['A256GCM'],
      });
      return payload.purpose === purpose ? payload : null;
    } catch {
      return null;
    }
  }

  sealSession(p: Principal, ttlMs: number): Promise<string> {
    return this.seal('session', { sub: p.id, name: p.name, email: p.email, groups: p.groups, teams: p.teams }, ttlMs);
  }

  async openSession(token: string | undefined): Promise<(Principal & { expiresAt: number }) | null> {
    const p = await this.open('session', token);
    if (!p || typeof p.sub !== 'string') return null;
    return {
      id: p.sub,
      name: typeof p.name === 'string' ? p.name : p.sub,
      email: typeof p.email === 'string' ? p.email : null,
      groups: strings(p.groups),
      teams: strings(p.teams),
      expiresAt: (typeof p.exp === 'number' ? p.exp : 0) * 1000,
    };
  }

  sealLogin(s: LoginState): Promise<string> {
    return this.seal('login', { ...s }, LOGIN_TTL_MS);
  }

  async openLogin(token: string | undefined): Promise<LoginState | null> {
    const p = await this.open('login', token);
    if (!p) return null;
    const { verifier, state, nonce, returnTo } = p;
    if (typeof verifier !== 'string' || typeof state !== 'string' || typeof nonce !== 'string' || typeof returnTo !== 'string') return null;
    return { verifier, state, nonce, returnTo };
  }
}

export function strings(v: unknown): string[] {
  if (Array.isArray(v)) return v.filter((x): x is string => typeof x === 'string' && x.length > 0);
  if (typeof v === 'string')
    return v
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean);
  return [];
}

/** The role a user's groups give: the highest one any group maps to. */
export function roleOf(groups: readonly string[], roles: { admin: string[]; editor: string[]; viewer: string[] }): Role {
  const has = (list: string[]) => groups.some((g) => list.includes(g));
  if (has(roles.admin)) return 'admin';
  if (has(roles.editor)) return 'editor';
  if (has(roles.viewer)) return 'viewer';
  return 'none';
}

/**
 * A `returnTo` that stays on this site: a path starting with one slash
 * (not `//host` or `/\host`, no scheme, no control characters). Anything else
 * gives `/`.
 */
export function safeReturnTo(value: string | null | undefined): string {
  if (!value || value.length > 2048) return '/';
  if (!value.startsWith('/') || value.startsWith('//') || value.startsWith('/\\')) return '/';
  if ([...value].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f || ch === '\\')) return '/';
  try {
    const u = new URL(value, 'http://same.invalid');
    if (u.origin !== 'http://same.invalid') return '/';
    if (u.pathname.startsWith('/auth/')) return '/';
    return u.pathname + u.search + u.hash;
  } catch {
    return '/';
  }
}
