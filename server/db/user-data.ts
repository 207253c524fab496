/**
 * User data: budgets and idempotency keys. They live in a file of their own
 * (`billing.user.duckdb` beside `billing.duckdb`), attached to the usage
 * database as `userdata`, so that rebuilding the generated usage history (a
 * new SANDBOX_NOW, a newer schema, a deleted usage file) never touches them.
 */
import { basename, dirname, join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';
import type { Database } from './database.ts';

const tsLiteral = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

export const USER_SCHEMA_VERSION = '1';

/** The user-data file that belongs to a usage database file. */
export function userDataPath(usagePath: string): string {
  if (usagePath === ':memory:') return ':memory:';
  const name = basename(usagePath).replace(/\.duckdb$/i, '');
  return join(dirname(usagePath), `${name}.user.duckdb`);
}

export const USER_DDL = `
CREATE TABLE IF NOT EXISTS userdata.main.user_meta (key VARCHAR PRIMARY KEY, value VARCHAR);
CREATE TABLE IF NOT EXISTS userdata.main.budgets (
  budget_id VARCHAR PRIMARY KEY, name VARCHAR NOT NULL, monthly_budget DECIMAL(18,2) NOT NULL, currency VARCHAR NOT NULL,
  alert_thresholds JSON NOT NULL, resource_types JSON NOT NULL, notification_channels JSON NOT NULL, actions JSON NOT NULL,
  created_at TIMESTAMP NOT NULL, updated_at TIMESTAMP NOT NULL);
CREATE TABLE IF NOT EXISTS userdata.main.idempotency_keys (
  key VARCHAR PRIMARY KEY, budget_id VARCHAR NOT NULL, created_at TIMESTAMP NOT NULL, request_hash VARCHAR);
INSERT INTO userdata.main.user_meta VALUES ('schema', '${USER_SCHEMA_VERSION}') ON CONFLICT DO NOTHING;
`;

const USER_TABLES = ['user_meta', 'budgets', 'idempotency_keys'];

/** Reads every user-data row, so a damaged block fails here, at start-up, not on some later request. */
export async function verifyUserData(conn: DuckDBConnection): Promise<void> {
  for (const t of USER_TABLES) await conn.run(`SELECT bit_xor(hash(COLUMNS(*))) FROM userdata.main.${t}`);
}

/**
 * Files made before user data had a file of its own hold budgets and keys in
 * the usage file: copy them over (idempotent), mark them as seeded, then drop
 * the old tables. Returns how many budgets were copied.
 */
export async function migrateUserData(conn: DuckDBConnection): Promise<number> {
  const old = await conn.runAndReadAll(
    `SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main'
       AND table_name IN ('budgets', 'idempotency_keys')`,
  );
  const tables = old.getRowObjectsJS().map((r) => String(r.table_name));
  if (tables.length === 0) return 0;
  let copied = 0;
  await conn.run('BEGIN TRANSACTION');
  try {
    if (tables.includes('budgets')) {
      const r = await conn.runAndReadAll(
        'INSERT INTO userdata.main.budgets BY NAME SELECT * FROM main.budgets ON CONFLICT DO NOTHING RETURNING budget_id',
      );
      copied = r.currentRowCount;
    }
    if (tables.includes('idempotency_keys'))
      await conn.run('INSERT INTO userdata.main.idempotency_keys BY NAME SELECT * FROM main.idempotency_keys ON CONFLICT DO NOTHING');
    await conn.run(`INSERT INTO userdata.main.user_meta VALUES ('seeded', 'migrated') ON CONFLICT DO NOTHING`);
    await conn.run('COMMIT');
  } catch (e) {
    await conn.run('ROLLBACK');
    throw e;
  }
  for (const t of tables) await conn.run(`DROP TABLE main.${t}`);
  return copied;
}

/** A start-up error for a file that cannot be read, naming it and what to do. */
export function damagedFile(path: string, kind: 'usage' | 'user', cause: unknown): Error {
  const why = cause instanceof Error ? cause.message : String(cause);
  const what =
    kind === 'usage'
      ? `It holds only generated usage data: move it away or delete it (with ${path}.wal if present) and start again to regenerate it; budgets are kept in ${userDataPath(path)}.`
      : 'It holds the budgets and idempotency keys: restore it from a backup, or move it away to start with no saved budgets.';
  return new Error(`The database file ${path} is damaged or unreadable (${why.split('\n')[0]}). ${what}`);
}

/**
 * Two budgets an organisation like this one would have, sized from its own
 * last full month: written once per user-data file (with the flag that says
 * so, in one transaction), never again after the user deleted them.
 */
export async function seedBudgets(db: Database, anchor: number, nowHour: number): Promise<void> {
  if (!db.userPath) return;
  const [seeded] = await db.all("SELECT 1 AS x FROM userdata.main.user_meta WHERE key = 'seeded'");
  if (seeded) return;
  const d = new Date(nowHour);
  const lastMonth = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 1, 1);
  const thisMonth = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  if (lastMonth < anchor) return;
  const [row] = await db.all<{ total: number; clusters: number }>(
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
  await db.transaction(async (tx) => {
    for (const s of seeds)
      await tx.run(
        `INSERT INTO userdata.main.budgets VALUES ($1, $2, CAST($3 AS DECIMAL(18,2)), 'USD', $4, $5, $6, $7, CAST($8 AS TIMESTAMP), CAST($8 AS TIMESTAMP))
         ON CONFLICT DO NOTHING`,
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
    await tx.run(`INSERT INTO userdata.main.user_meta VALUES ('seeded', $1)`, [created]);
  });
}
