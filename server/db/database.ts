/**
 * The sandbox database: one DuckDB file holding the organisation, its price
 * and exchange-rate tables, hourly metered usage with a daily rollup, and
 * budgets. Created and filled on first start, then extended hour by hour as
 * the clock moves.
 */
import { mkdirSync, rmSync, createWriteStream, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { once } from 'node:events';
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { PROJECTS, SKUS, USERS } from './catalog.ts';
import { DAY_MS, HOUR_MS, anchorFor, fxRates, generateUsage, resources, type UsageRow } from './generate.ts';

const SCHEMA_VERSION = '5';

const DDL = `
CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE TABLE IF NOT EXISTS projects (project_id VARCHAR PRIMARY KEY, name VARCHAR NOT NULL);
CREATE TABLE IF NOT EXISTS users (user_id VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, email VARCHAR NOT NULL, project_id VARCHAR NOT NULL);
CREATE TABLE IF NOT EXISTS prices (
  sku VARCHAR PRIMARY KEY, resource_type VARCHAR NOT NULL, unit VARCHAR NOT NULL,
  unit_price_usd DECIMAL(18,10) NOT NULL, reserved_unit_price_usd DECIMAL(18,10), description VARCHAR NOT NULL);
CREATE TABLE IF NOT EXISTS fx_rates (day DATE NOT NULL, currency VARCHAR NOT NULL, rate DOUBLE NOT NULL, PRIMARY KEY (day, currency));
CREATE TABLE IF NOT EXISTS resources (
  resource_id VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, resource_type VARCHAR NOT NULL, sku VARCHAR,
  region VARCHAR, project_id VARCHAR, owner_id VARCHAR, created_at TIMESTAMP NOT NULL, ended_at TIMESTAMP, attrs JSON);
CREATE TABLE IF NOT EXISTS usage_hourly (
  ts TIMESTAMP NOT NULL, day DATE NOT NULL, resource_id VARCHAR NOT NULL, resource_type VARCHAR NOT NULL,
  sku VARCHAR NOT NULL, region VARCHAR NOT NULL, project_id VARCHAR NOT NULL, user_id VARCHAR NOT NULL,
  quantity DOUBLE NOT NULL, cost_usd DECIMAL(18,6) NOT NULL,
  gpu_util DOUBLE, requests BIGINT, peak_concurrency INTEGER, min_workers INTEGER, io_ops BIGINT);
CREATE TABLE IF NOT EXISTS usage_daily (
  day DATE NOT NULL, resource_id VARCHAR NOT NULL, resource_type VARCHAR NOT NULL, sku VARCHAR NOT NULL,
  region VARCHAR NOT NULL, project_id VARCHAR NOT NULL, user_id VARCHAR NOT NULL,
  quantity DOUBLE NOT NULL, cost_usd DECIMAL(18,6) NOT NULL, hours INTEGER NOT NULL);
CREATE TABLE IF NOT EXISTS usage_type_hourly (
  ts TIMESTAMP NOT NULL, day DATE NOT NULL, resource_type VARCHAR NOT NULL, quantity DOUBLE NOT NULL, cost_usd DECIMAL(18,6) NOT NULL);
CREATE TABLE IF NOT EXISTS budgets (
  budget_id VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, monthly_budget DECIMAL(18,2) NOT NULL, currency VARCHAR NOT NULL,
  alert_thresholds JSON NOT NULL, resource_types JSON NOT NULL, notification_channels JSON NOT NULL, actions JSON NOT NULL,
  created_at TIMESTAMP NOT NULL, updated_at TIMESTAMP NOT NULL);
CREATE TABLE IF NOT EXISTS idempotency_keys (key VARCHAR PRIMARY KEY, budget_id VARCHAR NOT NULL, created_at TIMESTAMP NOT NULL, request_hash VARCHAR);
-- Files made before schema 5: the fingerprint of the request a key was first used with.
ALTER TABLE idempotency_keys ADD COLUMN IF NOT EXISTS request_hash VARCHAR;
`;

const TABLES = ['meta', 'projects', 'users', 'prices', 'fx_rates', 'resources', 'usage_hourly', 'usage_daily', 'usage_type_hourly', 'budgets', 'idempotency_keys'];

export type Row = Record<string, unknown>;

export interface FillReport {
  action: 'none' | 'created' | 'extended';
  hours: number;
  rows: number;
  ms: number;
}

function tsLiteral(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}

export class Database {
  private queue: Promise<unknown> = Promise.resolve();
  anchor = 0;
  filledTo = 0;
  /** Bumped by every write, so readers can cache what they derive from the data. */
  generation = 0;

  private constructor(
    private readonly instance: DuckDBInstance,
    private readonly conn: DuckDBConnection,
    readonly path: string,
  ) {}

  static async open(path: string): Promise<Database> {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const instance = await DuckDBInstance.create(path, { threads: '2' });
    const conn = await instance.connect();
    return new Database(instance, conn, path);
  }

  /** Runs statements one at a time: DuckDB connections are not re-entrant. */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.queue.then(fn, fn);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Rows as plain JS objects (BIGINT and DECIMAL become numbers, timestamps ISO strings). */
  all<T extends Row = Row>(sql: string, params: DuckDBValue[] = []): Promise<T[]> {
    return this.serial(async () => {
      const reader = await this.conn.runAndReadAll(sql, params);
      return reader.getRowObjectsJS().map((r) => normalise(r) as T);
    });
  }

  /** Columnar result (much faster than row objects for large answers); cast numbers to DOUBLE in SQL. */
  columns<T extends Record<string, unknown[]>>(sql: string, params: DuckDBValue[] = []): Promise<T> {
    return this.serial(async () => {
      const reader = await this.conn.runAndReadAll(sql, params);
      return reader.getColumnsObjectJS() as unknown as T;
    });
  }

  run(sql: string, params: DuckDBValue[] = []): Promise<void> {
    return this.serial(async () => {
      this.generation++;
      await this.conn.run(sql, params);
    });
  }

  /** Runs fn inside one transaction, serialised with every other statement. */
  transaction<T>(fn: (tx: { run: (sql: string, p?: DuckDBValue[]) => Promise<void>; all: <R extends Row = Row>(sql: string, p?: DuckDBValue[]) => Promise<R[]> }) => Promise<T>): Promise<T> {
    return this.serial(async () => {
      const tx = {
        run: async (sql: string, p: DuckDBValue[] = []) => {
          await this.conn.run(sql, p);
        },
        all: async <R extends Row = Row>(sql: string, p: DuckDBValue[] = []) =>
          (await this.conn.runAndReadAll(sql, p)).getRowObjectsJS().map((r) => normalise(r) as R),
      };
      this.generation++;
      await this.conn.run('BEGIN TRANSACTION');
      try {
        const out = await fn(tx);
        await this.conn.run('COMMIT');
        return out;
      } catch (e) {
        await this.conn.run('ROLLBACK');
        throw e;
      }
    });
  }

  close(): void {
    this.conn.closeSync();
    this.instance.closeSync();
  }

  /**
   * Makes sure the history covers thirteen months up to `now` (complete hours
   * only). Creates everything on an empty file, extends a file that is behind,
   * and rebuilds one that is ahead of `now` (the clock was pinned earlier).
   */
  async ensureData(now: number): Promise<FillReport> {
    const started = performance.now();
    const nowHour = Math.floor(now / HOUR_MS) * HOUR_MS;
    await this.run(DDL);
    const meta = Object.fromEntries(
      (await this.all<{ key: string; value: string }>('SELECT key, value FROM meta')).map((r) => [r.key, r.value]),
    );
    const wanted = anchorFor(now);
    const anchor = Number(meta.anchor ?? NaN);
    const filledTo = Number(meta.filled_to ?? NaN);
    const usable =
      meta.schema === SCHEMA_VERSION &&
      Number.isFinite(anchor) &&
      Number.isFinite(filledTo) &&
      anchor <= wanted &&
      wanted - anchor < 366 * DAY_MS &&
      filledTo <= nowHour;

    if (usable && filledTo === nowHour) {
      this.anchor = anchor;
      this.filledTo = filledTo;
      return { action: 'none', hours: 0, rows: 0, ms: performance.now() - started };
    }
    if (!usable) {
      await this.reset();
      await this.seedStatic(wanted, nowHour);
      const rows = await this.appendHours(wanted, wanted, nowHour);
      await this.seedBudgets(wanted, nowHour);
      this.anchor = wanted;
      this.filledTo = nowHour;
      return { action: 'created', hours: (nowHour - wanted) / HOUR_MS, rows, ms: performance.now() - started };
    }
    const rows = await this.appendHours(anchor, filledTo, nowHour);
    this.anchor = anchor;
    this.filledTo = nowHour;
    return { action: 'extended', hours: (nowHour - filledTo) / HOUR_MS, rows, ms: performance.now() - started };
  }

  private async reset(): Promise<void> {
    for (const t of TABLES) await this.run(`DELETE FROM ${t}`);
  }

  private async seedStatic(anchor: number, nowHour: number): Promise<void> {
    for (const p of PROJECTS) await this.run('INSERT INTO projects VALUES ($1, $2)', [p.id, p.name]);
    for (const u of USERS) await this.run('INSERT INTO users VALUES ($1, $2, $3, $4)', [u.id, u.name, u.email, u.projectId]);
    for (const s of SKUS)
      await this.run(
        `INSERT INTO prices VALUES ($1, $2, $3, CAST($4 AS DECIMAL(18,10)), CAST($5 AS DECIMAL(18,10)), $6)`,
        [s.sku, s.resourceType, s.unit, s.unitPriceUsd.toFixed(10), s.reservedUnitPriceUsd?.toFixed(10) ?? null, s.description],
      );
    await this.writeFx(anchor, nowHour);
    await this.run(`INSERT INTO meta VALUES ('schema', $1), ('anchor', $2), ('filled_to', $2)`, [
      SCHEMA_VERSION,
      String(anchor),
    ]);
  }

  /** Exchange rates from the anchor to a year past `until` (forecasts convert future months). */
  private async writeFx(anchor: number, until: number): Promise<void> {
    const last = await this.all<{ d: string | null }>('SELECT CAST(max(day) AS VARCHAR) AS d FROM fx_rates');
    const from = last[0]?.d ? Date.parse(`${last[0].d}T00:00:00Z`) + DAY_MS : anchor;
    const to = Math.floor(until / DAY_MS) * DAY_MS + 400 * DAY_MS;
    if (from >= to) return;
    const file = join(tmpdir(), `fx-${process.pid}-${Date.now()}.csv`);
    const out = createWriteStream(file);
    for (const r of fxRates(from, to)) out.write(`${new Date(r.day).toISOString().slice(0, 10)},${r.currency},${r.rate}\n`);
    out.end();
    await once(out, 'finish');
    await this.run(
      `INSERT INTO fx_rates SELECT * FROM read_csv('${file}', header=false, columns={'day':'DATE','currency':'VARCHAR','rate':'DOUBLE'})`,
    );
    rmSync(file, { force: true });
  }

  /** Generates hours [from, to), prices them from the price table and refreshes the daily rollup. */
  private async appendHours(anchor: number, from: number, to: number): Promise<number> {
    if (to <= from) return 0;
    const file = join(tmpdir(), `usage-${process.pid}-${Date.now()}.csv`);
    const out = createWriteStream(file, { highWaterMark: 1 << 20 });
    let rows = 0;
    let buf = '';
    const cell = (v: number | null) => (v === null ? '' : String(v));
    const tsCache = new Map<number, string>();
    generateUsage(anchor, from, to, (r: UsageRow) => {
      let ts = tsCache.get(r.hour);
      if (ts === undefined) {
        ts = tsLiteral(r.hour);
        tsCache.set(r.hour, ts);
      }
      buf += `${ts},${r.resourceId},${r.resourceType},${r.sku},${r.region},${r.projectId},${r.userId},${r.quantity},${cell(r.gpuUtil)},${cell(r.requests)},${cell(r.peakConcurrency)},${cell(r.minWorkers)},${cell(r.ioOps)}\n`;
      rows++;
      if (buf.length > 1 << 20) {
        out.write(buf);
        buf = '';
      }
    });
    out.write(buf);
    out.end();
    await once(out, 'finish');

    const fromTs = tsLiteral(from);
    await this.transaction(async (tx) => {
      await tx.run(
        `INSERT INTO usage_hourly
         SELECT s.ts, CAST(s.ts AS DATE), s.resource_id, s.resource_type, s.sku, s.region, s.project_id, s.user_id,
                s.quantity, CAST(s.quantity * p.unit_price_usd AS DECIMAL(18,6)),
                s.gpu_util, s.requests, s.peak_concurrency, s.min_workers, s.io_ops
         FROM read_csv('${file}', header=false, columns={
           'ts':'TIMESTAMP','resource_id':'VARCHAR','resource_type':'VARCHAR','sku':'VARCHAR','region':'VARCHAR',
           'project_id':'VARCHAR','user_id':'VARCHAR','quantity':'DOUBLE','gpu_util':'DOUBLE','requests':'BIGINT',
           'peak_concurrency':'INTEGER','min_workers':'INTEGER','io_ops':'BIGINT'}) s
         JOIN prices p USING (sku)
         ORDER BY s.ts, s.resource_type, s.resource_id`,
      );
      // Hourly totals per resource type: the hourly series read these, not the raw rows.
      await tx.run(
        `INSERT INTO usage_type_hourly
         SELECT ts, day, resource_type, sum(quantity), sum(cost_usd) FROM usage_hourly
         WHERE ts >= TIMESTAMP '${fromTs}' GROUP BY ALL ORDER BY ts, resource_type`,
      );
      await tx.run(`DELETE FROM usage_daily WHERE day >= CAST(TIMESTAMP '${fromTs}' AS DATE)`);
      await tx.run(
        `INSERT INTO usage_daily
         SELECT day, resource_id, resource_type, sku, region, project_id, user_id, sum(quantity), sum(cost_usd), count(*)
         FROM usage_hourly WHERE day >= CAST(TIMESTAMP '${fromTs}' AS DATE)
         GROUP BY ALL ORDER BY day, resource_type, resource_id`,
      );
      // Resources known so far (training jobs appear as they start).
      for (const r of resources(anchor, to)) {
        await tx.run(
          `INSERT INTO resources VALUES ($1, $2, $3, $4, $5, $6, $7, CAST($8 AS TIMESTAMP), CAST($9 AS TIMESTAMP), $10)
           ON CONFLICT (resource_id) DO UPDATE SET ended_at = excluded.ended_at`,
          [
            r.resourceId,
            r.name,
            r.resourceType,
            r.sku,
            r.region,
            r.projectId,
            r.ownerId,
            tsLiteral(r.createdAt),
            r.endedAt === null ? null : tsLiteral(r.endedAt),
            JSON.stringify(r.attrs),
          ],
        );
      }
      await tx.run(`UPDATE meta SET value = $1 WHERE key = 'filled_to'`, [String(to)]);
    });
    rmSync(file, { force: true });
    await this.writeFx(anchor, to);
    return rows;
  }

  /** Two budgets an organisation like this one would have, sized from its own last full month. */
  private async seedBudgets(anchor: number, nowHour: number): Promise<void> {
    const d = new Date(nowHour);
    const lastMonth = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1);
    const thisMonth = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
    if (lastMonth < anchor) return;
    const [row] = await this.all<{ total: number; clusters: number }>(
      `SELECT CAST(sum(cost_usd) AS DOUBLE) AS total,
              CAST(sum(cost_usd) FILTER (WHERE resource_type = 'clusters') AS DOUBLE) AS clusters
       FROM usage_daily WHERE day >= CAST($1 AS DATE) AND day < CAST($2 AS DATE)`,
      [tsLiteral(lastMonth), tsLiteral(thisMonth)],
    );
    if (!row) return;
    const roundTo = (x: number, step: number) => Math.round(x / step) * step;
    const created = tsLiteral(thisMonth);
    const seeds = [
      { id: 'bdg-organisation', name: 'Organisation total', amount: roundTo(row.total * 1.08, 5000), types: ['all'] },
      { id: 'bdg-gpu-clusters', name: 'GPU clusters', amount: roundTo(row.clusters * 0.95, 1000), types: ['clusters'] },
    ];
    for (const s of seeds)
      await this.run(
        `INSERT INTO budgets VALUES ($1, $2, CAST($3 AS DECIMAL(18,2)), 'USD', $4, $5, $6, $7, CAST($8 AS TIMESTAMP), CAST($8 AS TIMESTAMP))`,
        [
          s.id,
          s.name,
          s.amount.toFixed(2),
          JSON.stringify([50, 75, 90, 100]),
          JSON.stringify(s.types),
          JSON.stringify(['email']),
          JSON.stringify({ at_90_percent: 'send_warning', at_100_percent: ['send_alert', 'notify_admin'] }),
          created,
        ],
      );
  }
}

function normalise(row: Record<string, unknown>): Row {
  const out: Row = {};
  for (const [k, v] of Object.entries(row)) {
    if (typeof v === 'bigint') out[k] = Number(v);
    else if (v instanceof Date) out[k] = v.toISOString();
    else out[k] = v;
  }
  return out;
}

export function databaseExists(path: string): boolean {
  return path === ':memory:' || existsSync(path);
}
