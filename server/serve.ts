/**
 * `npm run serve`: the production server. One Node process serving the built
 * app from `dist/` and the billing API under `/v2`:
 *
 * - with TENSORONE_API_URL set, `/v2` is proxied there with TENSORONE_API_KEY;
 * - without it, the sandbox runs in-process on SANDBOX_DB (created and filled
 *   on first start) and `/v2` is answered by it.
 *
 * Configuration: server/prod/config.ts. Run `npm run build` first.
 */
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { createApp } from './app.ts';
import { warmMonthEnd } from './queries/month-end.ts';
import { Database, logFill } from './db/database.ts';
import { answerClientErrors } from './http/client-errors.ts';
import { openAuditStore } from './prod/audit/store.ts';
import { createAccessLayer } from './prod/auth/layer.ts';
import { createProdApp } from './prod/app.ts';
import { loadProdConfig, sandboxClock } from './prod/config.ts';
import { ResponseCache } from './prod/response-cache.ts';
import { loadDist } from './prod/static.ts';
import { proxyUpstream, sandboxUpstream, type Upstream } from './prod/upstream.ts';

function urlOf(host: string, port: number): string {
  const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return `http://${shown.includes(':') ? `[${shown}]` : shown}:${port}/`;
}

async function main(): Promise<void> {
  const config = loadProdConfig();
  const started = performance.now();
  const dist = await loadDist(config.DIST_DIR);
  console.log(
    `Built app: ${dist.files.size} files, ${(dist.bytes / 1024).toFixed(0)} KiB from ${config.DIST_DIR} (compressed in ${((performance.now() - started) / 1000).toFixed(1)} s)`,
  );

  let upstream: Upstream;
  let apiKey: string;
  let cache: ResponseCache | null = null;
  let db: Database | null = null;
  if (config.TENSORONE_API_URL) {
    upstream = proxyUpstream(config.TENSORONE_API_URL);
    apiKey = config.TENSORONE_API_KEY!;
  } else {
    const now = sandboxClock(config);
    db = await Database.open(config.SANDBOX_DB, { scale: config.SANDBOX_SCALE });
    const t0 = performance.now();
    const fill = await db.ensureData(now());
    logFill(db, fill, performance.now() - t0);
    warmMonthEnd(db, now()).catch((e: unknown) => console.error('Month-end projection warm-up failed:', e));
    apiKey = config.SANDBOX_API_KEY;
    // The sandbox stops its work no later than the server stops waiting for it.
    const requestTimeoutMs = Math.min(config.SANDBOX_REQUEST_TIMEOUT_MS, config.UPSTREAM_TIMEOUT_MS);
    upstream = sandboxUpstream(createApp({ db, apiKey, now, requestTimeoutMs }), db, now);
    if (config.SANDBOX_CACHE_ENTRIES > 0) cache = new ResponseCache(config.SANDBOX_CACHE_ENTRIES);
  }

  const audit = await openAuditStore(config.auth.audit);
  const access = createAccessLayer({ config: config.auth, audit });
  console.log(`Sign-in: AUTH_MODE=${config.auth.mode}; audit log: ${audit.kind === 'postgresql' ? 'PostgreSQL (DATABASE_URL)' : config.auth.audit.file}`);
  const app = createProdApp({
    dist,
    upstream,
    apiKey,
    timeoutMs: config.UPSTREAM_TIMEOUT_MS,
    maxUpstreamBytes: config.UPSTREAM_MAX_BYTES,
    cache,
    access,
    focusAccount: { id: config.FOCUS_BILLING_ACCOUNT_ID, name: config.FOCUS_BILLING_ACCOUNT_NAME },
  });
  const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, (info: AddressInfo) => {
    const api =
      upstream.mode === 'proxy'
        ? `proxy to ${upstream.target}`
        : `sandbox in-process${config.SANDBOX_NOW ? `, clock pinned to ${config.SANDBOX_NOW}` : ''}${cache ? '' : ', response cache off'}`;
    console.log(`Dashboard: ${urlOf(config.HOST, info.port)}  (API: ${api})`);
  });
  answerClientErrors(server);
  server.on('error', (err: NodeJS.ErrnoException) => {
    void audit.close();
    console.error(
      err.code === 'EADDRINUSE' ? `Port ${config.PORT} on ${config.HOST} is already in use: set PORT to another port.` : err.message,
    );
    db?.close();
    process.exit(1);
  });

  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    server.close(() => {
      db?.close();
      void audit.close().finally(() => process.exit(0));
    });
    // Keep-alive connections would hold close() open: end idle ones now, the rest after a grace period.
    (server as { closeIdleConnections?: () => void }).closeIdleConnections?.();
    setTimeout(() => {
      db?.close();
      process.exit(0);
    }, 5_000).unref();
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
