import { spawn } from 'node:child_process';
import { closeSync, existsSync, mkdtempSync, openSync, rmSync, statSync, watch, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DuckDBInstance } from '@duckdb/node-api';
import { loadConfig } from '../config.ts';
import { Database, logFill } from '../db/database.ts';
import { ROOT } from '../prod/spawn.ts';
import { REFERENCE_NOW, TEST_KEY, startSandbox, type Sandbox } from '../test/sandbox.ts';

/** No silent data loss: budgets outlive any rebuild of the generated history; fills are atomic; damage is refused. */
const HOUR = 3_600_000;
let dirs: string[] = [];
let open: Array<{ close: () => unknown }> = [];
afterEach(async () => {
  for (const o of open) await o.close();
  open = [];
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  dirs = [];
});
function tempDir(): string {
  const d = mkdtempSync(join(tmpdir(), 'hardening-data-'));
  dirs.push(d);
  return d;
}
async function sandboxAt(dir: string, now: number): Promise<Sandbox> {
  const sb = await startSandbox({ dir, now });
  open.push(sb);
  return sb;
}
async function closeLast(sb: Sandbox): Promise<void> {
  open = open.filter((o) => o !== sb);
  await sb.close();
}
const budget = (name: string) =>
  JSON.stringify({ name, monthlyBudget: 1234.5, currency: 'EUR', alertThresholds: [80, 100], resourceTypes: ['storage'], notificationChannels: ['email'], actions: {} });
const createWithKey = (sb: Sandbox, name: string, key: string) =>
  sb.get('/v2/billing/budgets', { method: 'POST', headers: { 'Content-Type': 'application/json', 'Idempotency-Key': key }, body: budget(name) });
const names = async (sb: Sandbox) => (await sb.json<{ budgets: Array<{ name: string; budgetId: string }> }>('/v2/billing/budgets')).budgets;

describe('budgets and idempotency keys outlive the generated history', () => {
  it('survive restarts with SANDBOX_NOW an hour earlier and thirteen months later', async () => {
    const dir = tempDir();
    let sb = await sandboxAt(dir, REFERENCE_NOW);
    const created = await createWithKey(sb, 'Kept across rebuilds', 'key-kept-1');
    expect(created.status).toBe(201);
    const id = ((await created.json()) as { budgetId: string }).budgetId;
    const before = await names(sb);
    expect(before.map((b) => b.budgetId)).toEqual(['bdg-gpu-clusters', 'bdg-organisation', id]);
    await closeLast(sb);

    for (const now of [REFERENCE_NOW - HOUR, REFERENCE_NOW + 13 * 31 * 24 * HOUR]) {
      sb = await sandboxAt(dir, now);
      // the history was rebuilt for the new clock ...
      const [meta] = await sb.db.all<{ v: string }>(`SELECT value AS v FROM meta WHERE key = 'filled_to'`);
      expect(Number(meta!.v)).toBe(Math.floor(now / HOUR) * HOUR);
      // ... and every budget is still there, seeded ones not doubled
      expect(await names(sb)).toEqual(before);
      // the idempotency key still replays the same budget
      const replay = await createWithKey(sb, 'Kept across rebuilds', 'key-kept-1');
      expect(replay.status).toBe(201);
      expect(replay.headers.get('idempotent-replayed')).toBe('true');
      expect(((await replay.json()) as { budgetId: string }).budgetId).toBe(id);
      await closeLast(sb);
    }
  }, 120_000);

  it('says in the log why the history was rebuilt and that budgets were kept', async () => {
    const dir = tempDir();
    const path = join(dir, 'billing.duckdb');
    const first = await Database.open(path);
    await first.ensureData(REFERENCE_NOW);
    first.close();
    const db = await Database.open(path);
    open.push(db);
    const fill = await db.ensureData(REFERENCE_NOW - HOUR);
    expect(fill.action).toBe('rebuilt');
    const lines: string[] = [];
    logFill(db, fill, 1234, (l) => lines.push(l));
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^Sandbox usage history rebuilt because it holds data up to 2024-01-16T12:00:00\.000Z, after the clock \(2024-01-16T11:00:00\.000Z\)/);
    expect(lines[0]).toContain(`Budgets and idempotency keys in ${join(dir, 'billing.user.duckdb')} were kept`);
  }, 60_000);

  it('moves budgets kept in the usage file by older versions into the budgets file', async () => {
    const dir = tempDir();
    const path = join(dir, 'billing.duckdb');
    const instance = await DuckDBInstance.create(path);
    const conn = await instance.connect();
    await conn.run(`CREATE TABLE budgets (budget_id VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, monthly_budget DECIMAL(18,2) NOT NULL,
      currency VARCHAR NOT NULL, alert_thresholds JSON NOT NULL, resource_types JSON NOT NULL, notification_channels JSON NOT NULL,
      actions JSON NOT NULL, created_at TIMESTAMP NOT NULL, updated_at TIMESTAMP NOT NULL)`);
    await conn.run(`CREATE TABLE idempotency_keys (key VARCHAR PRIMARY KEY, budget_id VARCHAR NOT NULL, created_at TIMESTAMP NOT NULL)`);
    await conn.run(`INSERT INTO budgets VALUES ('bdg-old', 'From an old file', 500, 'USD', '[100]', '["all"]', '["email"]', '{}',
      TIMESTAMP '2023-12-01 00:00:00', TIMESTAMP '2023-12-01 00:00:00')`);
    await conn.run(`INSERT INTO idempotency_keys VALUES ('old-key', 'bdg-old', TIMESTAMP '2023-12-01 00:00:00')`);
    conn.closeSync();
    instance.closeSync();

    const sb = await sandboxAt(dir, REFERENCE_NOW);
    // the old file had no usable history: it was built, and the old budget kept; it counts as seeded
    expect((await names(sb)).map((b) => b.budgetId)).toEqual(['bdg-old']);
    const [{ n }] = (await sb.db.all<{ n: number }>(`SELECT count(*) AS n FROM userdata.main.idempotency_keys WHERE key = 'old-key'`)) as [{ n: number }];
    expect(n).toBe(1);
  }, 60_000);
});

/** Runs `npm run sandbox` on `dir` and kills it with SIGKILL as soon as it starts generating a history. */
async function killDuringFill(dir: string, now: string): Promise<void> {
  const building = join(dir, 'billing.duckdb.building');
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    cwd: ROOT,
    env: { ...process.env, SANDBOX_DB: join(dir, 'billing.duckdb'), SANDBOX_NOW: now, PORT: '0', SANDBOX_API_KEY: TEST_KEY },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<NodeJS.Signals | null>((resolve) => child.on('exit', (_code, signal) => resolve(signal)));
  await new Promise<void>((resolve, reject) => {
    const watcher = watch(dir, () => {
      if (existsSync(building) && statSync(building).size > 0) {
        watcher.close();
        child.kill('SIGKILL');
        resolve();
      }
    });
    child.on('exit', () => {
      watcher.close();
      reject(new Error('the sandbox exited before it started filling'));
    });
  });
  expect(await exited).toBe('SIGKILL');
}

describe('atomic fills', () => {
  it('a kill during the first fill leaves no half-made history; the next start builds it whole and seeds the budgets', async () => {
    const dir = tempDir();
    await killDuringFill(dir, '2024-01-16T12:00:00Z');
    const db = await Database.open(join(dir, 'billing.duckdb'));
    open.push(db);
    // the usage file holds no history at all (not part of one), and no half-written file is left to be taken for one
    expect(existsSync(join(dir, 'billing.duckdb.building'))).toBe(false);
    const tables = await db.all<{ t: string }>(`SELECT table_name AS t FROM duckdb_tables() WHERE database_name = 'billing' AND schema_name = 'main'`);
    for (const { t } of tables) expect(await db.all(`SELECT count(*) AS n FROM main.${t}`), t).toEqual([{ n: 0 }]);
    expect((await db.ensureData(REFERENCE_NOW)).action).toBe('created');
    const [row] = await db.all<{ n: number; last: string }>(`SELECT count(*) AS n, CAST(max(ts) AS VARCHAR) AS last FROM usage_hourly`);
    expect(row!.last).toBe('2024-01-16 11:00:00');
    expect((await db.all<{ id: string }>('SELECT budget_id AS id FROM budgets ORDER BY id')).map((r) => r.id)).toEqual(['bdg-gpu-clusters', 'bdg-organisation']);
  }, 120_000);

  it('a kill during a rebuild for a new SANDBOX_NOW keeps the old history and every budget', async () => {
    const dir = tempDir();
    const sb = await sandboxAt(dir, REFERENCE_NOW);
    expect((await createWithKey(sb, 'Made before the kill', 'key-kill')).status).toBe(201);
    const before = await names(sb);
    await closeLast(sb);
    await killDuringFill(dir, '2025-03-01T00:00:00Z');
    const again = await sandboxAt(dir, REFERENCE_NOW);
    expect(await names(again)).toEqual(before);
    const [meta] = await again.db.all<{ v: string }>(`SELECT value AS v FROM meta WHERE key = 'filled_to'`);
    expect(Number(meta!.v)).toBe(Math.floor(REFERENCE_NOW / HOUR) * HOUR);
  }, 120_000);
});

describe('damaged files and impossible configuration', () => {
  /** Overwrites `len` bytes every `step` bytes from `from`: damage spread through the file. */
  function damage(path: string, from: number, step: number, len: number): void {
    const size = statSync(path).size;
    const fd = openSync(path, 'r+');
    for (let at = from; at < size; at += step) writeSync(fd, Buffer.alloc(len, 0xab), 0, len, at);
    closeSync(fd);
  }

  it('refuses a usage file damaged through its blocks at start-up, naming the file and what to do', async () => {
    const dir = tempDir();
    const sb = await sandboxAt(dir, REFERENCE_NOW);
    await closeLast(sb);
    const path = join(dir, 'billing.duckdb');
    // 4 KiB in each eighth of the file: a single spot can fall in a primary key's index block, which DuckDB
    // reads only when the index is used, not in the tables read through at start-up
    const size = statSync(path).size;
    damage(path, Math.floor(size / 16), Math.floor(size / 8), 4096);
    const err = await Database.open(path).then(
      (db) => {
        db.close();
        return null;
      },
      (e: Error) => e,
    );
    expect(err?.message).toContain(`The database file ${path} is damaged`);
    expect(err?.message).toMatch(/delete it .* to regenerate it; budgets are kept in .*billing\.user\.duckdb/);
  }, 60_000);

  it('refuses a damaged budgets file at start-up, naming it', async () => {
    const dir = tempDir();
    const sb = await sandboxAt(dir, REFERENCE_NOW);
    await closeLast(sb);
    const path = join(dir, 'billing.user.duckdb');
    damage(path, 12_288 + 1_000, 65_536, 512);
    await expect(Database.open(join(dir, 'billing.duckdb'))).rejects.toThrow(
      new RegExp(`The database file ${path.replaceAll('.', '\\.')} is damaged .*restore it from a backup`),
    );
  }, 60_000);

  it('refuses a SANDBOX_NOW the database cannot hold, naming the variable', () => {
    for (const v of ['9999-12-31T23:00:00Z', '0001-01-01T00:00:00Z'])
      expect(() => loadConfig({ SANDBOX_NOW: v })).toThrow(/SANDBOX_NOW: must be from 1975-01-01T00:00:00\.000Z to before 9990-01-01/);
    expect(loadConfig({ SANDBOX_NOW: '2024-01-16T12:00:00Z' }).SANDBOX_NOW).toBe('2024-01-16T12:00:00Z');
  });
});
