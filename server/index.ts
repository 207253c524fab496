/**
 * Starts the sandbox billing API: opens (and on first start fills) the DuckDB
 * file, then listens. `npm run sandbox`.
 */
import { serve } from '@hono/node-server';
import { createApp } from './app.ts';
import { clockFor, loadConfig } from './config.ts';
import { Database } from './db/database.ts';

async function main(): Promise<void> {
  const config = loadConfig();
  const now = clockFor(config);
  const db = await Database.open(config.SANDBOX_DB);
  const started = performance.now();
  const fill = await db.ensureData(now());
  if (fill.action !== 'none')
    console.log(
      `Sandbox data ${fill.action}: ${fill.rows.toLocaleString('en-US')} hourly rows over ${fill.hours.toLocaleString('en-US')} hours in ${((performance.now() - started) / 1000).toFixed(1)} s (${config.SANDBOX_DB})`,
    );
  const app = createApp({ db, apiKey: config.SANDBOX_API_KEY, now });
  const server = serve({ fetch: app.fetch, port: config.PORT, hostname: config.HOST }, (info) => {
    console.log(
      `Sandbox billing API listening on http://${config.HOST}:${info.port}${config.SANDBOX_NOW ? ` (clock pinned to ${config.SANDBOX_NOW})` : ''}`,
    );
  });
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
