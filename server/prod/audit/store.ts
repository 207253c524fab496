/**
 * The audit log: one entry per write through the dashboard, append-only.
 * Two stores with the same table and SQL: an embedded DuckDB file (the
 * default, one server) and PostgreSQL through `pg` (DATABASE_URL, shared by
 * every replica). Neither store has an update or delete; PostgreSQL also
 * refuses UPDATE and DELETE on the table with a trigger.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import * as z from 'zod';

import { AUDIT_ACTIONS, type AuditAction } from '../../../src/contract/audit.ts';

export { AUDIT_ACTIONS, type AuditAction };

export interface AuditEntry {
  id: string;
  /** ISO 8601 UTC with milliseconds, so text order is time order. */
  at: string;
  actorId: string;
  actorName: string;
  actorEmail: string | null;
  role: string;
  address: string;
  action: AuditAction;
  objectType: string;
  objectId: string | null;
  before: unknown;
  after: unknown;
  /** The HTTP status of the write. */
  status: number;
}

export const MAX_AUDIT_PAGE = 1000;
const isoDate = /^\d{4}-\d{2}-\d{2}$/;

/** Query parameters of GET /audit/entries (and .csv); unknown parameters are refused. */
export const auditQuerySchema = z.strictObject({
  actor: z.optional(z.string().check(z.maxLength(200, 'must be at most 200 characters'))),
  action: z.optional(z.enum(AUDIT_ACTIONS, { error: `must be one of ${AUDIT_ACTIONS.join(', ')}` })),
  objectId: z.optional(z.string().check(z.maxLength(200, 'must be at most 200 characters'))),
  from: z.optional(z.string().check(z.regex(isoDate, 'must be a date such as 2024-01-31'))),
  to: z.optional(z.string().check(z.regex(isoDate, 'must be a date such as 2024-01-31'))),
  entry: z.optional(z.string().check(z.maxLength(100))),
  limit: z._default(z.coerce.number().check(z.int('must be a whole number'), z.gte(1, 'must be at least 1'), z.lte(MAX_AUDIT_PAGE, `must be at most ${MAX_AUDIT_PAGE}`)), 200),
  offset: z._default(z.coerce.number().check(z.int('must be a whole number'), z.gte(0, 'must be at least 0')), 0),
});
export type AuditQuery = z.output<typeof auditQuerySchema>;

export interface AuditPage {
  entries: AuditEntry[];
  total: number;
}

export interface AuditStore {
  readonly kind: 'duckdb' | 'postgresql';
  append(entry: AuditEntry): Promise<void>;
  list(q: AuditQuery): Promise<AuditPage>;
  close(): Promise<void>;
}

const COLUMNS = 'id, recorded_at, actor_id, actor_name, actor_email, role, address, action, object_type, object_id, before_json, after_json, status';

export const CREATE_TABLE = `CREATE TABLE IF NOT EXISTS audit_log (
  id TEXT PRIMARY KEY, recorded_at TEXT NOT NULL, actor_id TEXT NOT NULL, actor_name TEXT NOT NULL, actor_email TEXT,
  role TEXT NOT NULL, address TEXT NOT NULL, action TEXT NOT NULL, object_type TEXT NOT NULL, object_id TEXT,
  before_json TEXT, after_json TEXT, status INTEGER NOT NULL)`;

export const INSERT = `INSERT INTO audit_log (${COLUMNS}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`;

export function insertParams(e: AuditEntry): (string | number | null)[] {
  return [
    e.id,
    e.at,
    e.actorId,
    e.actorName,
    e.actorEmail,
    e.role,
    e.address,
    e.action,
    e.objectType,
    e.objectId,
    e.before === undefined || e.before === null ? null : JSON.stringify(e.before),
    e.after === undefined || e.after === null ? null : JSON.stringify(e.after),
    e.status,
  ];
}

/** WHERE clause and parameters for a query (the same SQL on both stores). */
export function whereOf(q: AuditQuery): { where: string; params: string[] } {
  const parts: string[] = [];
  const params: string[] = [];
  const p = (v: string) => {
    params.push(v);
    return `$${params.length}`;
  };
  if (q.entry) parts.push(`id = ${p(q.entry)}`);
  if (q.actor) {
    const like = p(`%${q.actor.toLowerCase().replace(/[\\%_]/g, (m) => `\\${m}`)}%`);
    parts.push(`(lower(actor_id) LIKE ${like} ESCAPE '\\' OR lower(actor_name) LIKE ${like} ESCAPE '\\' OR lower(coalesce(actor_email, '')) LIKE ${like} ESCAPE '\\')`);
  }
  if (q.action) parts.push(`action = ${p(q.action)}`);
  if (q.objectId) parts.push(`object_id = ${p(q.objectId)}`);
  if (q.from) parts.push(`recorded_at >= ${p(`${q.from}T00:00:00.000Z`)}`);
  if (q.to) parts.push(`recorded_at <= ${p(`${q.to}T23:59:59.999Z`)}`);
  return { where: parts.length ? `WHERE ${parts.join(' AND ')}` : '', params };
}

export function selectOf(q: AuditQuery): { sql: string; count: string; params: string[] } {
  const { where, params } = whereOf(q);
  return {
    sql: `SELECT ${COLUMNS} FROM audit_log ${where} ORDER BY recorded_at DESC, id DESC LIMIT ${q.limit} OFFSET ${q.offset}`,
    count: `SELECT count(*) AS n FROM audit_log ${where}`,
    params,
  };
}

export function entryOf(r: Record<string, unknown>): AuditEntry {
  const json = (v: unknown) => (typeof v === 'string' ? (JSON.parse(v) as unknown) : null);
  return {
    id: String(r.id),
    at: String(r.recorded_at),
    actorId: String(r.actor_id),
    actorName: String(r.actor_name),
    actorEmail: r.actor_email === null || r.actor_email === undefined ? null : String(r.actor_email),
    role: String(r.role),
    address: String(r.address),
    action: String(r.action) as AuditAction,
    objectType: String(r.object_type),
    objectId: r.object_id === null || r.object_id === undefined ? null : String(r.object_id),
    before: json(r.before_json),
    after: json(r.after_json),
    status: Number(r.status),
  };
}

/** The embedded store: one DuckDB file (one server process). */
export async function openDuckDbAuditStore(file: string): Promise<AuditStore> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const instance = await DuckDBInstance.create(file, { threads: '1' });
  const conn = await instance.connect();
  let queue: Promise<unknown> = Promise.resolve();
  const serial = <T>(fn: () => Promise<T>): Promise<T> => {
    const next = queue.then(fn, fn);
    queue = next.catch(() => undefined);
    return next;
  };
  await conn.run(CREATE_TABLE);
  return {
    kind: 'duckdb',
    append: (e) => serial(() => conn.run(INSERT, insertParams(e)).then(() => undefined)),
    list: (q) =>
      serial(async () => {
        const { sql, count, params } = selectOf(q);
        const rows = (await conn.runAndReadAll(sql, params)).getRowObjectsJS();
        const [n] = (await conn.runAndReadAll(count, params)).getRowObjectsJS();
        return { entries: rows.map((r) => entryOf(r as Record<string, unknown>)), total: Number(n?.n ?? 0) };
      }),
    close: async () => {
      await queue;
      conn.closeSync();
      instance.closeSync();
    },
  };
}

/** PostgreSQL (DATABASE_URL): shared by every replica. */
export async function openPostgresAuditStore(databaseUrl: string): Promise<AuditStore> {
  const { default: pg } = await import('pg');
  const pool = new pg.Pool({ connectionString: databaseUrl, max: 5, connectionTimeoutMillis: 10_000, statement_timeout: 15_000 });
  const client = await pool.connect();
  try {
    // Replicas may start together: one creates the table and its trigger at a time.
    await client.query('BEGIN');
    await client.query('SELECT pg_advisory_xact_lock(7422016)');
    await client.query(CREATE_TABLE);
    await client.query(`CREATE OR REPLACE FUNCTION audit_log_append_only() RETURNS trigger AS $$
      BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$ LANGUAGE plpgsql`);
    await client.query('DROP TRIGGER IF EXISTS audit_log_append_only ON audit_log');
    await client.query(
      'CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_log FOR EACH STATEMENT EXECUTE FUNCTION audit_log_append_only()',
    );
    await client.query('CREATE INDEX IF NOT EXISTS audit_log_at ON audit_log (recorded_at DESC, id DESC)');
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK').catch(() => undefined);
    throw err;
  } finally {
    client.release();
  }
  return {
    kind: 'postgresql',
    append: async (e) => {
      await pool.query(INSERT, insertParams(e));
    },
    list: async (q) => {
      const { sql, count, params } = selectOf(q);
      const [rows, n] = await Promise.all([pool.query(sql, params), pool.query<{ n: string }>(count, params)]);
      return { entries: rows.rows.map((r: Record<string, unknown>) => entryOf(r)), total: Number(n.rows[0]?.n ?? 0) };
    },
    close: () => pool.end(),
  };
}

export function openAuditStore(config: { databaseUrl?: string; file: string }): Promise<AuditStore> {
  return config.databaseUrl ? openPostgresAuditStore(config.databaseUrl) : openDuckDbAuditStore(config.file);
}
