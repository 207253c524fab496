/**
 * Test harness: the production app with the access layer, configured from
 * environment variables exactly as `npm run serve` is, proxying /v2 to a
 * running sandbox, serving a fake build.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Hono } from 'hono';
import { createProdApp } from '../app.ts';
import { openAuditStore, type AuditStore } from '../audit/store.ts';
import { loadDist } from '../static.ts';
import { writeFakeDist } from '../testing.ts';
import { proxyUpstream } from '../upstream.ts';
import { parseAuthConfig } from './config.ts';
import { createAccessLayer } from './layer.ts';
import { serveApp, type Served } from './test-flow.ts';

export const TEST_SESSION_SECRET = 'test-session-secret-0123456789-abcdefghij';

export interface Dashboard extends Served {
  app: Hono;
  audit: AuditStore;
  logs: string[];
}

export interface DashboardOptions {
  /** The sandbox to proxy /v2 to, and its key. */
  apiUrl: string;
  apiKey: string;
  /** Auth variables (AUTH_MODE, OIDC_*, ROLE_*, …); PUBLIC_URL defaults to this dashboard's address. */
  env: Record<string, string>;
  port?: number;
  /** A folder for the fake build and the embedded audit file. */
  dir?: string;
  /** A real build to serve instead of the fake one. */
  distDir?: string;
  /** Runs before the access layer is built, with the dashboard's address (to start a provider that redirects to it). */
  beforeConfig?: (url: string) => Promise<Record<string, string>>;
}

export async function startDashboard(opts: DashboardOptions): Promise<Dashboard> {
  const dir = opts.dir ?? mkdtempSync(path.join(tmpdir(), 'auth-test-'));
  if (!opts.distDir) writeFakeDist(path.join(dir, 'dist'));
  const dist = await loadDist(opts.distDir ?? path.join(dir, 'dist'));
  let app: Hono | null = null;
  const served = await serveApp(() => {
    if (!app) throw new Error('not ready');
    return app;
  }, opts.port ?? 0);
  const extra = opts.beforeConfig ? await opts.beforeConfig(served.url) : {};
  const env = { PUBLIC_URL: served.url, AUDIT_DB: path.join(dir, 'audit.duckdb'), ...opts.env, ...extra };
  const config = parseAuthConfig(env, true);
  if (Array.isArray(config)) throw new Error(config.join('\n'));
  const audit = await openAuditStore(config.audit);
  const logs: string[] = [];
  const access = createAccessLayer({ config, audit, log: (m) => logs.push(m) });
  app = createProdApp({ dist, upstream: proxyUpstream(opts.apiUrl), apiKey: opts.apiKey, timeoutMs: 20_000, access, log: (m) => logs.push(m) });
  return {
    ...served,
    app,
    audit,
    logs,
    close: async () => {
      await served.close();
      await audit.close();
    },
  };
}
