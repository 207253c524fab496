/**
 * Starts the sandbox billing API: opens (and on first start fills) the DuckDB
 * file, then listens. `npm run sandbox`.
 */
import { serve } from '@hono/node-server';
import { createApp } from './app.ts';
import { warmMonthEnd } from './queries/month-end.ts';
import { clockFor, loadConfig } from './config.ts';
import { Database, logFill } from './db/database.ts';
import { answerClientErrors } from './http/client-errors.ts';

async function main(): Promise<void> {
  const config = loadConfig();
  const now = clockFor(config);
  const db = await Database.open(config.SANDBOX_DB, { scale: config.SANDBOX_SCALE });
  const started = performance.now();
  const fill = await db.ensureData(now());
  logFill(db, fill, performance.now() - started);
  // the day's forecast models, fitted once in the background so the first answers do not wait for them
  warmMonthEnd(db, now()).catch((e: unknown) => console.error('Month-end projection warm-up failed:', e));
  const app = createApp({ db, apiKey: config.SANDBOX_API_KEY, now, requestTimeoutMs: config.SANDBOX_REQUEST_TIMEOUT_MS });
  const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, (info) => {
    console.log(
      `Sandbox billing API listening on http://${config.HOST}:${info.port}${config.SANDBOX_NOW ? ` (clock pinned to ${config.SANDBOX_NOW})` : ''}`,
    );
  });
  answerClientErrors(server);
  const stop = () => {
    server.close();
    db.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
