/**
 * The access layer of the production server, put in front of the app by
 * app.ts: sign-in routes, the page guard (oidc: a page opened without a
 * session goes to sign-in and comes back to the same address), and the
 * checks on every `/v2` call:
 *
 * 1. who (401 without a session, 403 `untrusted_proxy` from outside AUTH_PROXY_TRUSTED);
 * 2. role (403 `forbidden`: no role at all, or a viewer writing);
 * 3. writes same-origin (403 `cross_origin`) and recorded in the audit log;
 * 4. team scope (answers limited to the user's teams, or 403 `team_scope`).
 *
 * Every refusal has the API's error body `{"error":{"code","message"}}`.
 */
import type { Context, Hono } from 'hono';
import { representation, send } from '../representation.ts';
import { auditHandlers } from '../audit/http.ts';
import { createCapture } from '../audit/capture.ts';
import type { AuditStore } from '../audit/store.ts';
import type { AuthConfig } from './config.ts';
import { createIdentify, crossOriginReason, ROLE_RANK, type Identity } from './identify.ts';
import { createOidcClient, type OidcClient } from './oidc.ts';
import { jsonError, mountAuthRoutes } from './routes.ts';
import { scopeUsage, TEAM_SCOPE_CODE, unscopableReason } from './scope.ts';
import { SessionCodec } from './session.ts';

type Handler = (req: Request) => Promise<Response>;

export interface AccessLayer {
  readonly config: AuthConfig;
  /** Adds /auth/*, /audit/* and the page guard; call before the app's own routes. */
  mount(app: Hono): void;
  /** Answers one /v2 call through the checks (`req`: a call made for `c`'s user, default `c`'s own request). */
  api(c: Context, handleApi: Handler, req?: Request): Promise<Response>;
}

export interface AccessOptions {
  config: AuthConfig;
  audit: AuditStore;
  /** For tests: an OpenID client other than the one built from config. */
  oidc?: OidcClient | null;
  now?: () => number;
  log?: (message: string) => void;
}

const NO_ROLE =
  'Your account is signed in but is in none of the groups that give access to this dashboard (ROLE_VIEWER_GROUPS, ROLE_EDITOR_GROUPS, ROLE_ADMIN_GROUPS). Ask an administrator for access.';

/** Pages and files every visitor may load without a session (the sign-in routes, health, the app's files). */
const OPEN = /^\/(auth\/|healthz$|assets\/|favicon|theme-init\.js$|manifest|robots\.txt$)/;

export function createAccessLayer({ config, audit, oidc, now = Date.now, log = console.warn }: AccessOptions): AccessLayer {
  const codec = config.sessionSecret ? new SessionCodec(config.sessionSecret, now) : null;
  const client = oidc !== undefined ? oidc : config.mode === 'oidc' ? createOidcClient(config.oidc!, config.publicUrl!) : null;
  const identify = createIdentify(config, codec);
  const capture = createCapture({ store: audit, now, log });
  const auditRoutes = auditHandlers(audit);

  /** The caller, or the refusal to send. */
  async function caller(c: Context, least: 'viewer' | 'admin'): Promise<Identity | Response> {
    const who = await identify(c);
    if (!who.ok) return jsonError(c, who.status, who.code, who.message);
    if (!who.identity) return jsonError(c, 401, 'unauthorized', 'Sign in to use the dashboard: your session is missing or has ended.');
    if (who.identity.role === 'none') return jsonError(c, 403, 'forbidden', NO_ROLE);
    if (ROLE_RANK[who.identity.role] < ROLE_RANK[least])
      return jsonError(c, 403, 'forbidden', `Only administrators can read the audit log; your role is ${who.identity.role}.`);
    return who.identity;
  }

  return {
    config,

    mount(app) {
      app.use('*', async (c, next) => {
        const path = c.req.path;
        if (path === '/healthz' || path.startsWith('/auth/') || path === '/v2' || path.startsWith('/v2/') || path.startsWith('/audit/'))
          return next();
        if (config.mode === 'none') return next();
        const who = await identify(c);
        if (!who.ok) return jsonError(c, who.status, who.code, who.message);
        if (who.identity || OPEN.test(path) || c.req.method !== 'GET') return next();
        if (config.mode === 'oidc') {
          const url = new URL(c.req.url);
          return c.redirect(`/auth/login?returnTo=${encodeURIComponent(url.pathname + url.search)}`, 302);
        }
        return jsonError(c, 401, 'unauthorized', `The sign-in proxy sent no ${config.proxy!.userHeader} header.`);
      });

      mountAuthRoutes(app, { config, codec, oidc: client, identify, log });

      app.get('/audit/entries', async (c) => {
        const who = await caller(c, 'admin');
        return who instanceof Response ? who : auditRoutes.json(c);
      });
      app.get('/audit/entries.csv', async (c) => {
        const who = await caller(c, 'admin');
        return who instanceof Response ? who : auditRoutes.csv(c);
      });
      app.all('/audit/*', (c) => jsonError(c, 404, 'not_found', `No such audit route: ${c.req.path}`));
    },

    async api(c, handleApi, own) {
      const who = await caller(c, 'viewer');
      if (who instanceof Response) return who;
      const req = own ?? c.req.raw;
      const url = new URL(req.url);
      const write = req.method !== 'GET' && req.method !== 'HEAD';

      if (write) {
        const reason = crossOriginReason(req, config.publicUrl);
        if (reason) return jsonError(c, 403, 'cross_origin', `Changes must come from this dashboard's own pages: ${reason}.`);
        if (ROLE_RANK[who.role] < ROLE_RANK.editor)
          return jsonError(c, 403, 'forbidden', 'Your role is viewer: you can read budgets but not create, change or delete them. Ask an administrator for the editor role.');
      }

      if (who.teams.length) {
        const reason = unscopableReason(req.method, url.pathname, url.searchParams);
        if (reason) return jsonError(c, 403, TEAM_SCOPE_CODE, reason);
        url.searchParams.set('includeTeamMetrics', 'true');
        const res = await handleApi(new Request(url, { method: 'GET', headers: { accept: 'application/json' } }));
        if (res.status !== 200) return res;
        let scoped: Record<string, unknown>;
        try {
          scoped = scopeUsage((await res.json()) as Record<string, unknown>, who.teams);
        } catch {
          return jsonError(c, 403, TEAM_SCOPE_CODE, 'The billing API did not split this answer by team, so it cannot be limited to your teams.');
        }
        const body = new TextEncoder().encode(JSON.stringify(scoped));
        const rep = representation(200, { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'private, no-store', Vary: 'Cookie' }, body);
        return send(rep, req, 'fast');
      }

      return write ? capture(req, who, handleApi) : handleApi(req);
    },
  };
}
