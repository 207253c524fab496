import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createApp } from '../app.ts';
import { Database } from '../db/database.ts';
import { REFERENCE_NOW, TEST_KEY, startSandbox, type Sandbox } from '../test/sandbox.ts';
import { expectErrorBody } from './helpers.ts';

/** Disk full and I/O errors: logged with their cause, answered 503 with the error body, nothing acknowledged lost. */
const budget = JSON.stringify({ name: 'Disk test', monthlyBudget: 10, currency: 'USD', alertThresholds: [100], resourceTypes: ['all'], notificationChannels: ['email'], actions: {} });
const cleanups: Array<() => Promise<void> | void> = [];
afterEach(async () => {
  for (const c of cleanups.reverse()) await c();
  cleanups.length = 0;
});

describe('a storage layer that fails', () => {
  it('answers 503 storage_unavailable and logs the cause when the database cannot write or read', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'hardening-storage-'));
    const db = await Database.open(join(dir, 'billing.duckdb'));
    cleanups.push(() => {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    });
    await db.ensureData(REFERENCE_NOW);
    // DuckDB's own wording for a write that hit a full disk
    const full = new Error(`IO Error: Could not write all bytes to file "${dir}/billing.user.duckdb.wal": wanted=4096 wrote=0: No space left on device`);
    let failing = true;
    const storage = new Proxy(db, {
      get(target, prop) {
        const value = Reflect.get(target, prop, target) as unknown;
        if (failing && (prop === 'transaction' || prop === 'all')) return () => Promise.reject(full);
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    const logged: string[] = [];
    const app = createApp({ db: storage, apiKey: TEST_KEY, now: () => REFERENCE_NOW, log: (m) => logged.push(m) });
    const headers = { Authorization: `Bearer ${TEST_KEY}`, 'Content-Type': 'application/json' };
    const post = await app.fetch(new Request('http://sandbox/v2/billing/budgets', { method: 'POST', headers, body: budget }));
    const err = expectErrorBody(post.status, await post.text(), 503, 'storage_unavailable');
    expect(err.message).toMatch(/cannot read or write its database file/);
    expect(post.headers.get('retry-after')).toBeTruthy();
    const list = await app.fetch(new Request('http://sandbox/v2/billing/budgets', { headers }));
    expectErrorBody(list.status, await list.text(), 503, 'storage_unavailable');
    expect(logged.some((l) => l.includes('POST /v2/billing/budgets') && l.includes('No space left on device'))).toBe(true);
    // once the disk has room again, the same request is stored
    failing = false;
    const again = await app.fetch(new Request('http://sandbox/v2/billing/budgets', { method: 'POST', headers, body: budget }));
    expect(again.status).toBe(201);
  });
});

/** Whether this process may mount a small tmpfs (root in a container with the capability). */
function mountable(): boolean {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return false;
  const probe = mkdtempSync(join(tmpdir(), 'mount-probe-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', probe], { stdio: 'ignore' });
    execFileSync('umount', [probe], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  } finally {
    rmSync(probe, { recursive: true, force: true });
  }
}

describe.skipIf(!mountable())('a full file system (tmpfs)', () => {
  it('answers a budget write on a full disk with 503 and the cause in the log, and keeps every acknowledged budget', async () => {
    const mnt = mkdtempSync(join(tmpdir(), 'hardening-tmpfs-'));
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=48m', 'tmpfs', mnt]);
    cleanups.push(() => {
      execFileSync('umount', ['-l', mnt]);
      rmSync(mnt, { recursive: true, force: true });
    });
    // the files are created and filled on the small file system, then served by an app whose log we read
    const first: Sandbox = await startSandbox({ dir: mnt });
    await first.close();
    const reopened = await Database.open(join(mnt, 'billing.duckdb'));
    await reopened.ensureData(REFERENCE_NOW);
    const logged: string[] = [];
    const app = createApp({ db: reopened, apiKey: TEST_KEY, now: () => REFERENCE_NOW, log: (m) => logged.push(m) });
    const server: ServerType = await new Promise((resolve) => {
      const s = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
    });
    cleanups.unshift(() => reopened.close());
    cleanups.push(() => new Promise<void>((r) => server.close(() => r())));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v2/billing/budgets`;
    const headers = { Authorization: `Bearer ${TEST_KEY}`, 'Content-Type': 'application/json' };
    const ok = await fetch(url, { method: 'POST', headers, body: budget });
    expect(ok.status).toBe(201);
    const kept = ((await ok.json()) as { budgetId: string }).budgetId;
    // fill the disk
    const filler = join(mnt, 'filler');
    try {
      for (let i = 0; ; i++) writeFileSync(`${filler}-${i}`, Buffer.alloc(1024 * 1024));
    } catch (e) {
      expect((e as NodeJS.ErrnoException).code).toBe('ENOSPC');
    }
    const statuses: number[] = [];
    for (let i = 0; i < 20; i++) {
      const res = await fetch(url, { method: 'POST', headers, body: budget.replace('Disk test', `Disk test ${i}`) });
      statuses.push(res.status);
      if (res.status !== 201) {
        expectErrorBody(res.status, await res.text(), 503, 'storage_unavailable');
        break;
      }
    }
    expect(statuses.at(-1)).toBe(503);
    expect(logged.some((l) => /storage error .*(No space left|IO Error)/.test(l))).toBe(true);
    // room again: what was acknowledged is there, and writes work again
    for (const f of readdirSync(mnt)) if (f.startsWith('filler-')) rmSync(join(mnt, f));
    const list = await fetch(url, { headers: { Authorization: `Bearer ${TEST_KEY}` } });
    expect(list.status).toBe(200);
    const ids = ((await list.json()) as { budgets: Array<{ budgetId: string }> }).budgets.map((b) => b.budgetId);
    expect(ids).toContain(kept);
    expect(ids.length).toBe(2 + statuses.filter((s) => s === 201).length + 1);
    expect((await fetch(url, { method: 'POST', headers, body: budget })).status).toBe(201);
  }, 120_000);
});
