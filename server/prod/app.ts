/**
 * The production server's Hono app (no listening here, so tests can run it
 * in-process or over a socket):
 *
 * - `/healthz`: this server's mode and whether its API upstream answers;
 * - `/v2/*`: the billing API, forwarded with the server's key (api.ts);
 * - everything else: the built app from memory (static.ts).
 *
 * Every response carries the security headers (security.ts). With an access
 * layer (auth/layer.ts), sign-in, roles, team scope and the audit log apply.
 */
import { Hono, type Context } from 'hono';
import { createApiHandler, errorRepresentation, type ApiOptions } from './api.ts';
import type { AccessLayer } from './auth/layer.ts';
import { focusExport, type UsageCall } from './focus/focus-export.ts';
import { DEFAULT_FOCUS_ACCOUNT, type FocusAccount } from './focus/focus-rows.ts';
import { send } from './representation.ts';
import { withSecurityHeaders } from './security.ts';
import { serveStatic, type Dist } from './static.ts';

export interface ProdAppOptions extends ApiOptions {
  dist: Dist;
  /** Sign-in, roles, team scope, audit log; without it every visitor may do everything. */
  access?: AccessLayer;
  /** BillingAccountId and BillingAccountName of the FOCUS export. */
  focusAccount?: FocusAccount;
}

export function createProdApp(options: ProdAppOptions): Hono {
  const { dist, upstream } = options;
  const handleApi = createApiHandler(options);
  const app = new Hono();

  app.use('*', async (c, next) => {
    await next();
    c.res = withSecurityHeaders(c.res);
  });

  app.onError((err, c) => {
    (options.log ?? console.error)(`[serve] ${c.req.method} ${c.req.path}: ${err instanceof Error ? err.stack : String(err)}`);
    return send(errorRepresentation(500, 'internal_error', 'The server failed to answer this request'), c.req.raw, 'fast');
  });

  options.access?.mount(app);

  app.get('/healthz', async (c) => {
    const health = await upstream.health();
    const ok = health.reachable;
    c.header('Cache-Control', 'no-store');
    return c.json(
      {
        status: ok ? 'ok' : 'degraded',
        mode: upstream.mode,
        upstream: { ...(upstream.mode === 'proxy' ? { url: upstream.target } : {}), ...health },
        ...(options.cache ? { responseCache: { entries: options.cache.size, hits: options.cache.hits, misses: options.cache.misses } } : {}),
      },
      ok ? 200 : 503,
    );
  });

  const api = (c: Context) => (options.access ? options.access.api(c, handleApi) : handleApi(c.req.raw));
  app.all('/v2', api);
  app.all('/v2/*', api);

  // The FOCUS export asks the usage endpoint as the signed-in user, through the same checks.
  app.get('/exports/focus.csv', (c) => {
    const call: UsageCall = (search) => {
      const headers = new Headers(c.req.raw.headers);
      headers.delete('accept-encoding');
      headers.set('accept', 'application/json');
      const req = new Request(new URL(`/v2/billing/usage?${search}`, c.req.url), { headers });
      return options.access ? options.access.api(c, handleApi, req) : handleApi(req);
    };
    const url = new URL(c.req.url);
    return focusExport(url, call, {
      account: options.focusAccount ?? DEFAULT_FOCUS_ACCOUNT,
      acceptEncoding: c.req.header('accept-encoding'),
      log: options.log,
    });
  });

  app.get('*', (c) => serveStatic(dist, c.req.raw));
  app.all('*', (c) => {
    c.header('Allow', 'GET, HEAD');
    return c.text('Method not allowed\n', 405);
  });

  return app;
}
