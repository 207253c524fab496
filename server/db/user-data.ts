/**
 * User data: budgets and idempotency keys. They live in a file of their own
 * (`billing.user.duckdb` beside `billing.duckdb`), attached to the usage
 * database as `userdata`, so that rebuilding the generated usage history (a
 * new SANDBOX_NOW, a newer schema, a deleted usage file) never touches them.
 */
import { basename, dirname, join } from 'node:path';
import type { DuckDBConnection } from '@duckdb/node-api';

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
