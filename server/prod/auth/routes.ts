/**
 * The sign-in routes:
 *
 * - `GET /auth/login?returnTo=/path`: starts OpenID Connect sign-in (oidc
 *   mode); `returnTo` must be a path on this site, anything else gives `/`.
 * - `GET /auth/callback`: the provider's redirect; sets the session cookie
 *   and sends the browser to `returnTo`.
 * - `POST /auth/logout` (same-origin): ends the session. `GET` shows a
 *   sign-out button.
 * - `GET /auth/me`: `{ user: { id, name, email }, role, teams, mode }`.
 */
import type { Context, Hono } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import type { AuthConfig } from './config.ts';
import { crossOriginReason, type Identified } from './identify.ts';
import type { OidcClient } from './oidc.ts';
import { LOGIN_COOKIE, LOGIN_TTL_MS, SESSION_COOKIE, safeReturnTo, type SessionCodec } from './session.ts';

export interface AuthRoutesOptions {
  config: AuthConfig;
  codec: SessionCodec | null;
  oidc: OidcClient | null;
  identify: (c: Context) => Promise<Identified>;
  log: (message: string) => void;
}

/** Browsers keep cookies up to about 4 KB (name, value and attributes). */
export const MAX_COOKIE_BYTES = 3800;

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** A small server-rendered page (no script, no inline style: the CSP allows neither). */
export function page(c: Context, status: number, title: string, body: string): Response {
  c.header('Cache-Control', 'no-store');
  return c.html(
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,"><title>${escapeHtml(title)} · TensorOne billing</title></head><body><main><h1>${escapeHtml(title)}</h1>${body}</main></body></html>`,
    status as 200,
  );
}

export function jsonError(c: Context, status: number, code: string, message: string): Response {
  c.header('Cache-Control', 'no-store');
  return c.json({ error: { code, message } }, status as 400);
}

export function mountAuthRoutes(app: Hono, { config, codec, oidc, identify, log }: AuthRoutesOptions): void {
  const secure = config.publicUrl?.protocol === 'https:';
  const cookieBase = { httpOnly: true, sameSite: 'Lax' as const, secure, path: '/' };

  app.get('/auth/me', async (c) => {
    c.header('Cache-Control', 'no-store');
    const who = await identify(c);
    if (!who.ok) return jsonError(c, who.status, who.code, who.message);
    if (!who.identity) return jsonError(c, 401, 'unauthorized', 'Sign in to use the dashboard.');
    const { user, role, teams, expiresAt } = who.identity;
    return c.json({ user, role, teams, mode: config.mode, ...(expiresAt ? { expiresAt: new Date(expiresAt).toISOString() } : {}) });
  });

  app.get('/auth/login', async (c) => {
    const returnTo = safeReturnTo(c.req.query('returnTo'));
    if (!oidc || !codec)
      return page(
        c,
        config.mode === 'proxy' ? 401 : 200,
        config.mode === 'proxy' ? 'Sign in through your organisation' : 'No sign-in needed',
        config.mode === 'proxy'
          ? '<p>This dashboard is signed in through your organisation’s sign-in proxy, which did not identify you. Open the dashboard through its usual address.</p>'
          : `<p>This dashboard has no sign-in.</p><p><a href="${escapeHtml(returnTo)}">Continue</a></p>`,
      );
    try {
      const { url, state } = await oidc.start(returnTo);
      setCookie(c, LOGIN_COOKIE, await codec.sealLogin(state), { ...cookieBase, path: '/auth', maxAge: LOGIN_TTL_MS / 1000 });
      c.header('Cache-Control', 'no-store');
      return c.redirect(url.href, 302);
    } catch (err) {
      log(`[auth] sign-in could not start: ${err instanceof Error ? err.message : String(err)}`);
      return page(c, 503, 'Sign-in is unavailable', '<p>The identity provider could not be reached. Try again in a moment.</p><p><a href="/auth/login">Try again</a></p>');
    }
  });

  app.get('/auth/callback', async (c) => {
    if (!oidc || !codec) return c.redirect('/', 302);
    const state = await codec.openLogin(getCookie(c, LOGIN_COOKIE));
    deleteCookie(c, LOGIN_COOKIE, { ...cookieBase, path: '/auth' });
    const again = '<p><a href="/auth/login">Sign in again</a></p>';
    if (!state) return page(c, 400, 'Sign-in expired', `<p>This sign-in was started more than ten minutes ago or in another browser.</p>${again}`);
    const providerError = c.req.query('error');
    if (providerError)
      return page(c, 403, 'Sign-in was not completed', `<p>The identity provider answered: ${escapeHtml(providerError)}.</p>${again}`);
    // The provider redirected to PUBLIC_URL/auth/callback; check the answer against that address.
    const current = new URL(`/auth/callback${new URL(c.req.url).search}`, config.publicUrl);
    try {
      const signedIn = await oidc.finish(current, state);
      // Only the groups that give a role are kept, so the cookie stays small.
      const known = new Set([...config.roles.admin, ...config.roles.editor, ...config.roles.viewer]);
      const principal = { ...signedIn, groups: signedIn.groups.filter((g) => known.has(g)) };
      const sealed = await codec.sealSession(principal, config.sessionTtlMs);
      if (sealed.length > MAX_COOKIE_BYTES) {
        log(`[auth] sign-in of ${principal.id} refused: ${principal.teams.length} teams make the session cookie ${sealed.length} bytes`);
        return page(c, 400, 'Sign-in failed', `<p>Your account lists too many teams (${principal.teams.length}) to keep in a session. Ask an administrator to shorten the list.</p>`);
      }
      setCookie(c, SESSION_COOKIE, sealed, {
        ...cookieBase,
        maxAge: Math.floor(config.sessionTtlMs / 1000),
      });
      c.header('Cache-Control', 'no-store');
      return c.redirect(safeReturnTo(state.returnTo), 302);
    } catch (err) {
      log(`[auth] sign-in failed: ${err instanceof Error ? err.message : String(err)}`);
      return page(c, 400, 'Sign-in failed', `<p>The identity provider’s answer could not be verified.</p>${again}`);
    }
  });

  app.get('/auth/logout', (c) =>
    page(c, 200, 'Sign out', '<form method="post" action="/auth/logout"><button type="submit">Sign out</button></form>'),
  );

  app.post('/auth/logout', (c) => {
    const reason = crossOriginReason(c.req.raw, config.publicUrl);
    if (reason) return jsonError(c, 403, 'cross_origin', `Refused: ${reason}.`);
    deleteCookie(c, SESSION_COOKIE, cookieBase);
    return c.redirect('/auth/signed-out', 303);
  });

  app.get('/auth/signed-out', (c) =>
    page(c, 200, 'You are signed out', '<p>Your dashboard session has ended.</p><p><a href="/auth/login">Sign in again</a></p>'),
  );

  app.all('/auth/*', (c) => jsonError(c, 404, 'not_found', `No such sign-in route: ${c.req.path}`));
}
