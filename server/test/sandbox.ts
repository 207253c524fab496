/**
 * Test harness: the real sandbox (database, generator, HTTP app) on a fresh
 * temporary database file, listening on an ephemeral loopback port.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { serve, type ServerType } from '@hono/node-server';
import { expect } from 'vitest';
import { usageResponseSchema, type UsageQuery, type UsageResponse } from '../../src/contract/billing.ts';
import { queryString } from '../../src/contract/query-string.ts';
import { createApp } from '../app.ts';
import { Database } from '../db/database.ts';
import { answerClientErrors } from '../http/client-errors.ts';
import { warmMonthEnd } from '../queries/month-end.ts';

export const TEST_KEY = 'test-key-0123456789';
export const REFERENCE_NOW = Date.parse('2024-01-16T12:00:00Z');

export interface Sandbox {
  url: string;
  db: Database;
  dir: string;
  get: (path: string, init?: RequestInit) => Promise<Response>;
  json: <T = unknown>(path: string) => Promise<T>;
  /**
   * GET /v2/billing/usage, expected to answer 200 and to match the contract: a
   * request in the contract's query type (written by the app's serialiser), or a
   * query string where a spelling is under test.
   */
  usage: (query: Partial<UsageQuery> | string) => Promise<UsageResponse>;
  close: () => Promise<void>;
}

export async function startSandbox(
  opts: { now?: number; dir?: string; requestTimeoutMs?: number; scale?: number } = {},
): Promise<Sandbox> {
  const now = opts.now ?? REFERENCE_NOW;
  const dir = opts.dir ?? mkdtempSync(join(tmpdir(), 'sandbox-test-'));
  const db = await Database.open(join(dir, 'billing.duckdb'), { scale: opts.scale ?? 1 });
  await db.ensureData(now);
  // as the sandbox does at start-up: the day's models fitted before the first request is timed
  await warmMonthEnd(db, now);
  const app = createApp({ db, apiKey: TEST_KEY, now: () => now, ...(opts.requestTimeoutMs ? { requestTimeoutMs: opts.requestTimeoutMs } : {}) });
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  answerClientErrors(server);
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;
  const get = (path: string, init: RequestInit = {}) =>
    fetch(url + path, { ...init, headers: { Authorization: `Bearer ${TEST_KEY}`, ...(init.headers ?? {}) } });
  return {
    url,
    db,
    dir,
    get,
    json: async <T,>(path: string) => {
      const res = await get(path);
      if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    },
    usage: async (query: Partial<UsageQuery> | string) => {
      const qs = typeof query === 'string' ? query : queryString(query);
      const res = await get(`/v2/billing/usage${qs ? `?${qs}` : ''}`);
      const text = await res.text();
      expect(res.status, text).toBe(200);
      return usageResponseSchema.parse(JSON.parse(text));
    },
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      db.close();
      if (!opts.dir) rmSync(dir, { recursive: true, force: true });
    },
  };
}
