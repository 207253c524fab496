/**
 * The sandbox database: one DuckDB file holding the organisation, its price
 * and exchange-rate tables, hourly metered usage with a daily rollup, and
 * budgets. Created and filled on first start, then extended hour by hour as
 * the clock moves.
 */
import { mkdirSync, rmSync, createWriteStream, existsSync, renameSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { once } from 'node:events';
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { SKUS } from './catalog.ts';
import { organisation, type Organisation } from './organisation.ts';
import { DAY_MS, HOUR_MS, anchorFor, fxRates, generateUsage, resources, type UsageRow } from './generate.ts';
import { DeadlineExceeded, currentDeadline } from './deadline.ts';
import { buildPath, connect, removeFile } from './files.ts';
import { migrateUserData, seedBudgets, userDataPath } from './user-data.ts';
import { ROLLUP_DDL, ROLLUP_TABLES, refreshRollups } from './rollups.ts';

const SCHEMA_VERSION = '6';
/** Hours generated and loaded in one go while filling. */
const FILL_SLICE_MS = 31 * DAY_MS;

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
${ROLLUP_DDL}`;

const TABLES = ['meta', 'projects', 'users', 'prices', 'fx_rates', 'resources', 'usage_hourly', 'usage_daily', 'usage_type_hourly', ...ROLLUP_TABLES];

export type Row = Record<string, unknown>;

export interface FillReport {
  /** rebuilt: the file held a history that cannot be extended to `now` (see `reason`); user data was kept. */
  action: 'none' | 'created' | 'extended' | 'rebuilt';
  reason?: string;
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

  /** The organisation the history is generated for (SANDBOX_SCALE). */
  readonly org: Organisation;

  private constructor(
    private instance: DuckDBInstance,
    private conn: DuckDBConnection,
    readonly path: string,
    /** The budgets file (user-data.ts); null for a file being built. */
    readonly userPath: string | null,
    readonly scale: number,
  ) {
    this.org = organisation(scale);
  }

  /**
   * Opens the usage file and attaches its user-data file, checks that both can
   * be read (a damaged file stops here, naming it), and moves budgets kept by
   * older versions in the usage file into the user-data file. `scale`
   * (SANDBOX_SCALE, default 1) multiplies the organisation (organisation.ts);
   * a file filled at another scale is rebuilt by ensureData.
   */
  static async open(path: string, { scale = 1 }: { scale?: number } = {}): Promise<Database> {
    organisation(scale); // a bad scale fails before any file is touched
    if (path !== ':memory:') {
      mkdirSync(dirname(path), { recursive: true });
      removeFile(buildPath(path));
    }
    const userPath = userDataPath(path);
    const { instance, conn } = await connect(path, userPath);
    await migrateUserData(conn);
    return new Database(instance, conn, path, userPath, scale);
  }

  /** Runs statements one at a time: DuckDB connections are not re-entrant. */
  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.queue.then(fn, fn);
    this.queue = next.catch(() => undefined);
    return next;
  }

  /** Rows as plain JS objects (BIGINT and DECIMAL become numbers, timestamps ISO strings). */
  all<T extends Row = Row>(sql: string, params: DuckDBValue[] = []): Promise<T[]> {
    const limit = currentDeadline();
    return this.serial(async () => {
      const reader = await this.bounded(limit, () => this.conn.runAndReadAll(sql, params));
      return reader.getRowObjectsJS().map((r) => normalise(r) as T);
    });
  }

  /** Columnar result (much faster than row objects for large answers); cast numbers to DOUBLE in SQL. */
  columns<T extends Record<string, unknown[]>>(sql: string, params: DuckDBValue[] = []): Promise<T> {
    const limit = currentDeadline();
    return this.serial(async () => {
      const reader = await this.bounded(limit, () => this.conn.runAndReadAll(sql, params));
      return reader.getColumnsObjectJS() as unknown as T;
    });
  }

  /** Runs a read under the request's time limit: not started once it passed, interrupted when it passes. */
  private async bounded<T>(limit: ReturnType<typeof currentDeadline>, fn: () => Promise<T>): Promise<T> {
    if (!limit) return fn();
    const left = limit.deadline - Date.now();
    if (left <= 0) throw new DeadlineExceeded(limit.timeoutMs);
    const conn = this.conn;
    const timer = setTimeout(() => conn.interrupt(), left);
    try {
      return await fn();
    } catch (e) {
      if (Date.now() >= limit.deadline) throw new DeadlineExceeded(limit.timeoutMs);
      throw e;
    } finally {
      clearTimeout(timer);
    }
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
        // A failed COMMIT (disk full) has already ended the transaction: keep the original error, not the rollback's.
        await this.conn.run('ROLLBACK').catch(() => undefined);
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
    // Files from before SANDBOX_SCALE hold the organisation at scale 1.
    const storedScale = meta.scale ?? '1';
    const reason =
      meta.schema === undefined
        ? null
        : meta.schema !== SCHEMA_VERSION
          ? `it was made with schema ${meta.schema}, this version uses ${SCHEMA_VERSION}`
          : storedScale !== String(this.scale)
            ? `it holds the organisation at SANDBOX_SCALE=${storedScale}, this start asks for ${this.scale}`
            : !Number.isFinite(anchor) || !Number.isFinite(filledTo)
            ? 'its fill was not finished'
            : filledTo > nowHour || anchor > wanted
              ? `it holds data up to ${new Date(filledTo).toISOString()}, after the clock (${new Date(nowHour).toISOString()})`
              : wanted - anchor >= 366 * DAY_MS
                ? `its history starts ${new Date(anchor).toISOString().slice(0, 10)}, more than a year before the wanted start`
                : undefined;

    if (reason === undefined && filledTo === nowHour) {
      this.anchor = anchor;
      this.filledTo = filledTo;
      await seedBudgets(this, anchor, nowHour);
      return { action: 'none', hours: 0, rows: 0, ms: performance.now() - started };
    }
    if (reason !== undefined) {
      const rows = await this.rebuild(wanted, nowHour);
      this.anchor = wanted;
      this.filledTo = nowHour;
      await seedBudgets(this, wanted, nowHour);
      return {
        action: reason === null ? 'created' : 'rebuilt',
        ...(reason ? { reason } : {}),
        hours: (nowHour - wanted) / HOUR_MS,
        rows,
        ms: performance.now() - started,
      };
    }
    const rows = await this.appendHours(anchor, filledTo, nowHour);
    this.anchor = anchor;
    this.filledTo = nowHour;
    await seedBudgets(this, anchor, nowHour);
    return { action: 'extended', hours: (nowHour - filledTo) / HOUR_MS, rows, ms: performance.now() - started };
  }

  /**
   * Generates the whole history into a file of its own, then renames it over
   * the usage file: a kill during the fill leaves the old file (or none), never
   * a half-filled one. User data is in its own file and stays as it is.
   */
  private async rebuild(anchor: number, nowHour: number): Promise<number> {
    if (this.path === ':memory:') {
      for (const t of TABLES) await this.run(`DELETE FROM ${t}`);
      await this.seedStatic(anchor, nowHour);
      return this.appendHours(anchor, anchor, nowHour);
    }
    const tmp = buildPath(this.path);
    removeFile(tmp);
    const instance = await DuckDBInstance.create(tmp, { threads: '2' });
    const builder = new Database(instance, await instance.connect(), tmp, null, this.scale);
    let rows: number;
    try {
      await builder.run(DDL);
      await builder.seedStatic(anchor, nowHour);
      rows = await builder.appendHours(anchor, anchor, nowHour);
      await builder.run('CHECKPOINT');
    } finally {
      builder.close();
    }
    await this.serial(async () => {
      this.conn.closeSync();
      this.instance.closeSync();
      rmSync(`${this.path}.wal`, { force: true });
      renameSync(tmp, this.path);
      ({ instance: this.instance, conn: this.conn } = await connect(this.path, this.userPath!));
      this.generation++;
    });
    return rows;
  }

  private async seedStatic(anchor: number, nowHour: number): Promise<void> {
    await this.insertRows('INSERT INTO projects VALUES', '($1, $2)', this.org.projects.map((p) => [p.id, p.name]));
    await this.insertRows(
      'INSERT INTO users VALUES',
      '($1, $2, $3, $4)',
      this.org.users.map((u) => [u.id, u.name, u.email, u.projectId]),
    );
    for (const s of SKUS)
      await this.run(
        `INSERT INTO prices VALUES ($1, $2, $3, CAST($4 AS DECIMAL(18,10)), CAST($5 AS DECIMAL(18,10)), $6)`,
        [s.sku, s.resourceType, s.unit, s.unitPriceUsd.toFixed(10), s.reservedUnitPriceUsd?.toFixed(10) ?? null, s.description],
      );
    await this.writeFx(anchor, nowHour);
    await this.run(`INSERT INTO meta VALUES ('schema', $1), ('anchor', $2), ('filled_to', $2), ('scale', $3)`, [
      SCHEMA_VERSION,
      String(anchor),
      String(this.scale),
    ]);
  }

  /** Inserts rows in statements of a few hundred (one `tuple` of $1…$n per row, numbered on). */
  private async insertRows(head: string, tuple: string, rows: DuckDBValue[][], tail = '', run = (sql: string, p: DuckDBValue[]) => this.run(sql, p)): Promise<void> {
    const width = rows[0]?.length ?? 0;
    for (let i = 0; i < rows.length; i += 500) {
      const chunk = rows.slice(i, i + 500);
      const values = chunk.map((_, r) => tuple.replace(/\$(\d+)/g, (_m, n: string) => `$${r * width + Number(n)}`));
      await run(`${head} ${values.join(', ')} ${tail}`, chunk.flat());
    }
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

  /** Writes the generated rows of hours [from, to) to a CSV file; returns it and the row count. */
  private async writeUsageCsv(anchor: number, from: number, to: number): Promise<{ file: string; rows: number }> {
    const file = join(tmpdir(), `usage-${process.pid}-${Date.now()}-${from}.csv`);
    const out = createWriteStream(file, { highWaterMark: 1 << 20 });
    let rows = 0;
    let buf = '';
    const cell = (v: number | null) => (v === null ? '' : String(v));
    const tsCache = new Map<number, string>();
    generateUsage(
      anchor,
      from,
      to,
      (r: UsageRow) => {
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
      },
      this.org,
    );
    out.write(buf);
    out.end();
    await once(out, 'finish');
    return { file, rows };
  }

  /** Generates hours [from, to), prices them from the price table and refreshes the daily rollup. */
  private async appendHours(anchor: number, from: number, to: number): Promise<number> {
    if (to <= from) return 0;
    let rows = 0;
    const fromTs = tsLiteral(from);
    await this.transaction(async (tx) => {
      // A month of hours at a time, so a large organisation's rows never wait in memory all at once.
      for (let a = from; a < to; a += FILL_SLICE_MS) {
        const slice = await this.writeUsageCsv(anchor, a, Math.min(to, a + FILL_SLICE_MS));
        rows += slice.rows;
        try {
          await tx.run(
            `INSERT INTO usage_hourly
             SELECT s.ts, CAST(s.ts AS DATE), s.resource_id, s.resource_type, s.sku, s.region, s.project_id, s.user_id,
                    s.quantity, CAST(s.quantity * p.unit_price_usd AS DECIMAL(18,6)),
                    s.gpu_util, s.requests, s.peak_concurrency, s.min_workers, s.io_ops
             FROM read_csv('${slice.file}', header=false, columns={
               'ts':'TIMESTAMP','resource_id':'VARCHAR','resource_type':'VARCHAR','sku':'VARCHAR','region':'VARCHAR',
               'project_id':'VARCHAR','user_id':'VARCHAR','quantity':'DOUBLE','gpu_util':'DOUBLE','requests':'BIGINT',
               'peak_concurrency':'INTEGER','min_workers':'INTEGER','io_ops':'BIGINT'}) s
             JOIN prices p USING (sku)
             ORDER BY s.ts, s.resource_type, s.resource_id`,
          );
        } finally {
          rmSync(slice.file, { force: true });
        }
      }
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
      for (const sql of refreshRollups(fromTs)) await tx.run(sql);
      // Resources known so far (training jobs appear as they start).
      await this.insertRows(
        'INSERT INTO resources VALUES',
        '($1, $2, $3, $4, $5, $6, $7, CAST($8 AS TIMESTAMP), CAST($9 AS TIMESTAMP), $10)',
        resources(anchor, to, this.org).map((r) => [
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
        ]),
        'ON CONFLICT (resource_id) DO UPDATE SET ended_at = excluded.ended_at',
        tx.run,
      );
      await tx.run(`UPDATE meta SET value = $1 WHERE key = 'filled_to'`, [String(to)]);
    });
    await this.writeFx(anchor, to);
    return rows;
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

/** The start-up line about the fill: what was done and why, and that budgets were kept. */
export function logFill(db: Database, fill: FillReport, ms: number, log: (line: string) => void = console.log): void {
  if (fill.action === 'none') return;
  const what = `${fill.rows.toLocaleString('en-US')} hourly rows over ${fill.hours.toLocaleString('en-US')} hours in ${(ms / 1000).toFixed(1)} s (${db.path})`;
  if (fill.action === 'rebuilt')
    log(`Sandbox usage history rebuilt because ${fill.reason}: ${what}. Budgets and idempotency keys in ${db.userPath} were kept.`);
  else log(`Sandbox data ${fill.action}: ${what}`);
}

export function databaseExists(path: string): boolean {
  return path === ':memory:' || existsSync(path);
}
