import { rmSync } from 'node:fs';

/**
 * Removes the temporary sandbox database. The web servers are stopped after
 * global teardown, so the files are deleted when the runner exits, once the
 * sandbox has closed its database. Set E2E_KEEP_DB=1 to keep them.
 */
export default function globalTeardown(): void {
  const db = process.env.E2E_SANDBOX_DB;
  if (!db || process.env.E2E_KEEP_DB) return;
  process.once('exit', () => {
    // the budgets live beside the usage file, in <name>.user.duckdb (server/db/user-data.ts)
    const user = db.replace(/\.duckdb$/i, '') + '.user.duckdb';
    for (const file of [db, `${db}.wal`, `${db}.tmp`, `${db}.building`, user, `${user}.wal`]) rmSync(file, { recursive: true, force: true });
  });
}
