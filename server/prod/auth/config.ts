/**
 * Sign-in, roles and team scope of the production server, from the
 * environment (checked at start-up with the rest of the configuration; a bad
 * value stops the server naming the variable).
 *
 * - AUTH_MODE=none: no sign-in, everyone is an administrator (the sandbox's
 *   default; with TENSORONE_API_URL it must be chosen explicitly).
 * - AUTH_MODE=oidc: OpenID Connect sign-in (authorization code + PKCE).
 * - AUTH_MODE=proxy: an authenticating proxy in front sends the user and groups
 *   in headers; only from AUTH_PROXY_TRUSTED addresses.
 */
import { BlockList, isIP } from 'node:net';
import * as z from 'zod';

const list = z.pipe(
  z.string(),
  z.transform((s) =>
    s
      .split(',')
      .map((x) => x.trim())
      .filter(Boolean),
  ),
);

const headerName = z.string().check(z.regex(/^[A-Za-z0-9-]+$/, 'must be an HTTP header name such as X-Forwarded-User'));

/** `10.0.0.0/8, 127.0.0.1, ::1` → a BlockList (address checks without a hand-written CIDR parser). */
export function parseTrusted(value: string): { list: BlockList; entries: string[] } | string {
  const blocks = new BlockList();
  const entries = value
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);
  for (const entry of entries) {
    const [addr, bits] = entry.split('/');
    const family = isIP(addr ?? '');
    if (!family) return `"${entry}" is not an IP address or CIDR (such as 10.0.0.0/8 or 127.0.0.1)`;
    const type = family === 6 ? 'ipv6' : 'ipv4';
    if (bits === undefined) blocks.addAddress(addr!, type);
    else {
      const prefix = Number(bits);
      if (!/^\d{1,3}$/.test(bits) || prefix > (family === 6 ? 128 : 32)) return `"${entry}" has an invalid prefix length`;
      blocks.addSubnet(addr!, prefix, type);
    }
  }
  return { list: blocks, entries };
}

const isLoopback = (host: string) => host === 'localhost' || host === '[::1]' || host === '::1' || /^127\.\d+\.\d+\.\d+$/.test(host);

export const authEnvSchema = z.object({
  AUTH_MODE: z.optional(z.enum(['none', 'oidc', 'proxy'], { error: 'must be none, oidc or proxy' })),
  PUBLIC_URL: z.optional(z.url({ protocol: /^https?$/, error: 'must be the http(s) address users open, such as https://billing.example.com' })),
  SESSION_SECRET: z.optional(z.string().check(z.minLength(32, 'must be at least 32 characters'))),
  SESSION_TTL_HOURS: z._default(z.coerce.number().check(z.positive('must be greater than 0'), z.lte(720, 'must be at most 720')), 12),
  OIDC_ISSUER_URL: z.optional(z.url({ protocol: /^https?$/, error: 'must be the provider’s issuer URL' })),
  OIDC_CLIENT_ID: z.optional(z.string().check(z.minLength(1))),
  OIDC_CLIENT_SECRET: z.optional(z.string().check(z.minLength(1))),
  OIDC_SCOPES: z._default(z.string(), 'openid profile email'),
  OIDC_GROUPS_CLAIM: z._default(z.string().check(z.minLength(1)), 'groups'),
  TEAM_SCOPE_CLAIM: z.optional(z.string().check(z.minLength(1))),
  AUTH_PROXY_USER_HEADER: z._default(headerName, 'X-Forwarded-User'),
  AUTH_PROXY_EMAIL_HEADER: z._default(headerName, 'X-Forwarded-Email'),
  AUTH_PROXY_GROUPS_HEADER: z._default(headerName, 'X-Forwarded-Groups'),
  AUTH_PROXY_TEAMS_HEADER: z.optional(headerName),
  AUTH_PROXY_TRUSTED: z.optional(z.string()),
  ROLE_ADMIN_GROUPS: z._default(list, []),
  ROLE_EDITOR_GROUPS: z._default(list, []),
  ROLE_VIEWER_GROUPS: z._default(list, []),
  DATABASE_URL: z.optional(z.url({ protocol: /^postgres(ql)?$/, error: 'must be a postgres:// or postgresql:// URL' })),
  AUDIT_DB: z._default(z.string().check(z.minLength(1)), '.data/audit.duckdb'),
});

export type AuthMode = 'none' | 'oidc' | 'proxy';

export interface AuthConfig {
  mode: AuthMode;
  publicUrl?: URL;
  sessionSecret?: string;
  sessionTtlMs: number;
  oidc?: { issuer: URL; clientId: string; clientSecret: string; scopes: string; groupsClaim: string; teamsClaim?: string };
  proxy?: { userHeader: string; emailHeader: string; groupsHeader: string; teamsHeader?: string; trusted: BlockList; trustedEntries: string[] };
  roles: { admin: string[]; editor: string[]; viewer: string[] };
  /** Addresses whose X-Forwarded-For is believed (AUTH_PROXY_TRUSTED), in any mode. */
  trusted?: BlockList;
  audit: { databaseUrl?: string; file: string };
}

/** Checks the auth variables; returns the config or the list of problems (`VARIABLE: message`). */
export function parseAuthConfig(env: Record<string, string>, proxiesRealApi: boolean): AuthConfig | string[] {
  const r = authEnvSchema.safeParse(env);
  if (!r.success) return r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
  const e = r.data;
  const problems: string[] = [];
  const need = (name: keyof typeof e, why: string) => {
    if (e[name] === undefined) problems.push(`${name}: is required ${why}`);
  };
  if (!e.AUTH_MODE && proxiesRealApi)
    problems.push(
      'AUTH_MODE: must be set when TENSORONE_API_URL is set (oidc, proxy, or none to let everyone who reaches the server read and change billing data)',
    );
  const mode: AuthMode = e.AUTH_MODE ?? 'none';
  let trusted: ReturnType<typeof parseTrusted> | undefined;
  if (e.AUTH_PROXY_TRUSTED !== undefined) {
    trusted = parseTrusted(e.AUTH_PROXY_TRUSTED);
    if (typeof trusted === 'string') problems.push(`AUTH_PROXY_TRUSTED: ${trusted}`);
  }
  if (mode === 'oidc') {
    for (const name of ['OIDC_ISSUER_URL', 'OIDC_CLIENT_ID', 'OIDC_CLIENT_SECRET', 'PUBLIC_URL'] as const) need(name, 'with AUTH_MODE=oidc');
    if (e.OIDC_ISSUER_URL && new URL(e.OIDC_ISSUER_URL).protocol === 'http:' && !isLoopback(new URL(e.OIDC_ISSUER_URL).hostname))
      problems.push('OIDC_ISSUER_URL: must be https (plain http is allowed only for a provider on this machine: localhost, 127.0.0.1, ::1)');
  }
  if (mode !== 'none') need('SESSION_SECRET', `with AUTH_MODE=${mode} (32+ random characters, the same on every replica)`);
  if (mode === 'proxy') need('AUTH_PROXY_TRUSTED', 'with AUTH_MODE=proxy (the addresses of the authenticating proxy)');
  if (mode !== 'none' && e.ROLE_ADMIN_GROUPS.length + e.ROLE_EDITOR_GROUPS.length + e.ROLE_VIEWER_GROUPS.length === 0)
    problems.push('ROLE_VIEWER_GROUPS: at least one of ROLE_ADMIN_GROUPS, ROLE_EDITOR_GROUPS, ROLE_VIEWER_GROUPS must list a group, or nobody gets in');
  if (problems.length) return problems;
  const t = trusted && typeof trusted !== 'string' ? trusted : undefined;
  return {
    mode,
    publicUrl: e.PUBLIC_URL ? new URL(e.PUBLIC_URL) : undefined,
    sessionSecret: e.SESSION_SECRET,
    sessionTtlMs: e.SESSION_TTL_HOURS * 3_600_000,
    oidc:
      mode === 'oidc'
        ? {
            issuer: new URL(e.OIDC_ISSUER_URL!),
            clientId: e.OIDC_CLIENT_ID!,
            clientSecret: e.OIDC_CLIENT_SECRET!,
            scopes: e.OIDC_SCOPES,
            groupsClaim: e.OIDC_GROUPS_CLAIM,
            teamsClaim: e.TEAM_SCOPE_CLAIM,
          }
        : undefined,
    proxy:
      mode === 'proxy' && t
        ? {
            userHeader: e.AUTH_PROXY_USER_HEADER,
            emailHeader: e.AUTH_PROXY_EMAIL_HEADER,
            groupsHeader: e.AUTH_PROXY_GROUPS_HEADER,
            teamsHeader: e.AUTH_PROXY_TEAMS_HEADER,
            trusted: t.list,
            trustedEntries: t.entries,
          }
        : undefined,
    roles: { admin: e.ROLE_ADMIN_GROUPS, editor: e.ROLE_EDITOR_GROUPS, viewer: e.ROLE_VIEWER_GROUPS },
    trusted: t?.list,
    audit: { databaseUrl: e.DATABASE_URL, file: e.AUDIT_DB },
  };
}
