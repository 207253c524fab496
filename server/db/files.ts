/**
 * The database files on disk: opening the usage file with its user-data file
 * attached and reading both through (so damage is found at start-up), and the
 * side file a new history is built in before it replaces the usage file.
 */
import { rmSync } from 'node:fs';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { USER_DDL, damagedFile, verifyUserData } from './user-data.ts';

/** Where a new history is generated before it replaces the usage file. */
export const buildPath = (path: string) => `${path}.building`;

export function removeFile(path: string): void {
  rmSync(path, { force: true });
  rmSync(`${path}.wal`, { force: true });
}

/** Usage tables read in full at start-up, so a damaged block is found then. */
const VERIFIED = ['meta', 'projects', 'users', 'prices', 'fx_rates', 'resources', 'usage_daily', 'usage_type_hourly', 'usage_resource_daily', 'usage_hourly'];

/** Opens the usage file, attaches the user-data file and reads both through; a failure names the file. */
export async function connect(path: string, userPath: string): Promise<{ instance: DuckDBInstance; conn: DuckDBConnection }> {
  let instance: DuckDBInstance;
  try {
    // one thread per statement: the answers' statements are small, and on a few cores shared with the
    // server's own JavaScript, more threads cost more CPU in coordination than they save
    instance = await DuckDBInstance.create(path, { threads: '1' });
  } catch (e) {
    throw damagedFile(path, 'usage', e);
  }
  const conn = await instance.connect();
  const fail = (file: string, kind: 'usage' | 'user', e: unknown) => {
    conn.closeSync();
    instance.closeSync();
    return damagedFile(file, kind, e);
  };
  try {
    await conn.run(`ATTACH '${userPath.replaceAll("'", "''")}' AS userdata`);
    await conn.run(USER_DDL);
    await verifyUserData(conn);
  } catch (e) {
    throw fail(userPath, 'user', e);
  }
  await conn.run("SET search_path = 'main,userdata.main'");
  try {
    const present = await conn.runAndReadAll(
      `SELECT table_name FROM duckdb_tables() WHERE database_name = current_database() AND schema_name = 'main'`,
    );
    const tables = new Set(present.getRowObjectsJS().map((r) => String(r.table_name)));
    for (const t of VERIFIED) if (tables.has(t)) await conn.run(`SELECT bit_xor(hash(COLUMNS(*))) FROM main.${t}`);
  } catch (e) {
    throw fail(path, 'usage', e);
  }
  return { instance, conn };
}
