/**
 * `npm run bench:api`: latency of the sandbox billing API.
 *
 * Starts the sandbox as a child process on a fresh temporary database, times
 * its first start (spawn → /healthz OK, which includes creating and filling the
 * database), prints the database size, then times GET /v2/billing/usage for a
 * few representative queries (sequential requests over one keep-alive
 * connection, after warm-ups) and prints a markdown table.
 *
 * Env: BENCH_REQUESTS (default 40), BENCH_WARMUP (5), BENCH_PORT (8798),
 * SANDBOX_NOW (default 2024-12-16T12:00:00Z: late in the year, so current_year
 * spans almost twelve months of the thirteen the sandbox generates).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';

const REQUESTS = Number(process.env.BENCH_REQUESTS || 40);
const WARMUP = Number(process.env.BENCH_WARMUP || 5);
const PORT = Number(process.env.BENCH_PORT || 8798);
const NOW = process.env.SANDBOX_NOW || '2024-12-16T12:00:00Z';
const KEY = 'bench-key';
const BASE = `http://127.0.0.1:${PORT}`;
const TARGET_P50_MS = 50;
const START_TIMEOUT_MS = 300_000;

const CASES: { name: string; query: string }[] = [
  { name: 'current_month, daily', query: 'timeRange=current_month&granularity=daily' },
  { name: 'current_year, daily', query: 'timeRange=current_year&granularity=daily' },
  { name: 'last_quarter, hourly, groupBy=region', query: 'timeRange=last_quarter&granularity=hourly&groupBy=region' },
  {
    name: 'current_month, daily, includeProjections',
    query: 'timeRange=current_month&granularity=daily&includeProjections=true',
  },
  {
    name: 'current_month, daily, groupBy=project,user',
    query: 'timeRange=current_month&granularity=daily&groupBy=project,user',
  },
];

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}

function dirSize(dir: string): number {
  return readdirSync(dir).reduce((sum, f) => sum + statSync(path.join(dir, f)).size, 0);
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1)} MB`;
}

async function healthy(): Promise<boolean> {
  try {
    return (await fetch(`${BASE}/healthz`, { signal: AbortSignal.timeout(2_000) })).ok;
  } catch {
    return false;
  }
}

async function startSandbox(dbPath: string): Promise<{ child: ChildProcess; ms: number }> {
  if (await healthy()) throw new Error(`port ${PORT} is already in use; set BENCH_PORT`);
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
    env: { ...process.env, PORT: String(PORT), SANDBOX_DB: dbPath, SANDBOX_NOW: NOW, SANDBOX_API_KEY: KEY },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  let exited: string | undefined;
  child.once('exit', (code, signal) => (exited = signal ?? `code ${code}`));
  while (performance.now() - started < START_TIMEOUT_MS) {
    if (exited) throw new Error(`the sandbox exited before it was healthy (${exited})`);
    if (await healthy()) return { child, ms: performance.now() - started };
    await sleep(100);
  }
  await stop(child);
  throw new Error(`the sandbox was not healthy within ${START_TIMEOUT_MS / 1000} s`);
}

async function stop(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const done = new Promise<void>((r) => child.once('exit', () => r()));
  process.kill(child.pid, 'SIGTERM');
  const timer = setTimeout(() => child.pid !== undefined && process.kill(child.pid, 'SIGKILL'), 5_000);
  await done;
  clearTimeout(timer);
}

async function get(query: string): Promise<{ ms: number; bytes: number }> {
  const t0 = performance.now();
  const res = await fetch(`${BASE}/v2/billing/usage?${query}`, { headers: { Authorization: `Bearer ${KEY}` } });
  const body = await res.arrayBuffer();
  const ms = performance.now() - t0;
  if (!res.ok) throw new Error(`${query} → ${res.status}: ${new TextDecoder().decode(body).slice(0, 300)}`);
  return { ms, bytes: body.byteLength };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tensorone-bench-'));
  const dbPath = path.join(dir, 'billing.duckdb');
  let child: ChildProcess | undefined;
  const cleanUp = async () => {
    if (child) await stop(child);
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('SIGINT', () => void cleanUp().then(() => process.exit(130)));

  try {
    console.log(`Sandbox API benchmark: node ${process.version}, ${os.cpus().length} CPU(s), SANDBOX_NOW=${NOW}\n`);
    const start = await startSandbox(dbPath);
    child = start.child;
    console.log(`First start (spawn → /healthz OK, database created and filled): ${(start.ms / 1000).toFixed(1)} s`);
    console.log(`Database size on disk: ${mb(dirSize(dir))}\n`);

    const rows: string[] = [];
    let worstP50 = 0;
    for (const c of CASES) {
      for (let i = 0; i < WARMUP; i++) await get(c.query);
      const times: number[] = [];
      let bytes = 0;
      for (let i = 0; i < REQUESTS; i++) {
        const r = await get(c.query);
        times.push(r.ms);
        bytes = r.bytes;
      }
      times.sort((a, b) => a - b);
      const mean = times.reduce((a, b) => a + b, 0) / times.length;
      const p50 = percentile(times, 50);
      worstP50 = Math.max(worstP50, p50);
      rows.push(
        `| ${c.name} | ${p50.toFixed(1)} | ${percentile(times, 95).toFixed(1)} | ${mean.toFixed(1)} | ${times.at(-1)!.toFixed(1)} | ${(bytes / 1024).toFixed(1)} |`,
      );
    }

    console.log(`GET /v2/billing/usage, ${REQUESTS} sequential requests per query after ${WARMUP} warm-ups:\n`);
    console.log('| query | p50 ms | p95 ms | mean ms | max ms | response KiB |');
    console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
    for (const row of rows) console.log(row);
    const verdict = worstP50 < TARGET_P50_MS ? 'met' : 'NOT met';
    console.log(`\nTarget: p50 < ${TARGET_P50_MS} ms for every query: ${verdict} (worst p50 ${worstP50.toFixed(1)} ms).`);
  } finally {
    await cleanUp();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
