/**
 * `npm run bench:load`: throughput of the production server under concurrent load.
 *
 * Builds the app into a temporary folder, starts the production server
 * (`server/serve.ts`, sandbox mode, temporary database, pinned clock) as a
 * child process, then drives it for a fixed time per case with a small
 * keep-alive HTTP loader (BENCH_CONNECTIONS concurrent connections, each
 * sending its next request as soon as the last one is answered) and prints a
 * markdown table: requests/s, p50/p99 latency, errors, server cache hits.
 *
 * Cases:
 * - cached, plain repeat: the same usage URL again and again. "Cached" here is
 *   the server's in-memory response cache (sandbox mode, keyed by URL, data
 *   hour and database generation); the answer is sent br-compressed.
 * - cached, If-None-Match: the same URL with the ETag of the first answer, so
 *   every answer is a 304 without a body (what a browser revalidating gets).
 * - uncached: a distinct custom date range per request (start day × length
 *   cycling over a year), so every request misses the cache and runs the
 *   DuckDB query.
 * - cached, server cache off: the plain repeat against a server started with
 *   SANDBOX_CACHE_ENTRIES=0 — what the sandbox manages without the cache.
 * - static asset: the main script bundle, br.
 *
 * Env: BENCH_DURATION (seconds per case, default 10), BENCH_CONNECTIONS (20),
 * BENCH_PORT (8799), SANDBOX_NOW (2024-01-16T12:00:00Z).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { startProdServer, viteBuild, type ProdServer } from '../server/prod/spawn.ts';

const DURATION_S = Number(process.env.BENCH_DURATION || 10);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS || 20);
const PORT = Number(process.env.BENCH_PORT || 8799);
const NOW = process.env.SANDBOX_NOW || '2024-01-16T12:00:00Z';
const TARGET_RPS = 1_000;
const USAGE = '/v2/billing/usage?timeRange=current_month&granularity=daily&includeProjections=true';
const BROWSER = { Accept: 'application/json', 'Accept-Encoding': 'gzip, deflate, br' };

interface Req {
  path: string;
  headers: Record<string, string>;
}

interface Result {
  requests: number;
  seconds: number;
  latencies: number[];
  errors: number;
  statuses: Map<number, number>;
  cacheHits: number;
  bytes: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}

function once(
  agent: http.Agent,
  base: URL,
  r: Req,
): Promise<{ status: number; bytes: number; cache: string | undefined }> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      { host: base.hostname, port: base.port, path: r.path, headers: r.headers, agent },
      (res) => {
        let bytes = 0;
        res.on('data', (c: Buffer) => (bytes += c.byteLength));
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, bytes, cache: res.headers['x-cache'] as string | undefined }),
        );
        res.on('error', reject);
      },
    );
    req.setTimeout(10_000, () => req.destroy(new Error('timeout')));
    req.on('error', reject);
    req.end();
  });
}

/** Runs `connections` request loops for `seconds`; `next(i)` gives the i-th request overall. */
async function load(
  url: string,
  next: (i: number) => Req,
  ok: (status: number) => boolean,
  seconds = DURATION_S,
  connections = CONNECTIONS,
): Promise<Result> {
  const base = new URL(url);
  const agent = new http.Agent({ keepAlive: true, maxSockets: connections });
  const result: Result = { requests: 0, seconds, latencies: [], errors: 0, statuses: new Map(), cacheHits: 0, bytes: 0 };
  let i = 0;
  const started = performance.now();
  const end = started + seconds * 1000;
  const worker = async () => {
    while (performance.now() < end) {
      const r = next(i++);
      const t0 = performance.now();
      try {
        const res = await once(agent, base, r);
        result.latencies.push(performance.now() - t0);
        result.statuses.set(res.status, (result.statuses.get(res.status) ?? 0) + 1);
        result.bytes += res.bytes;
        if (res.cache === 'HIT') result.cacheHits++;
        if (!ok(res.status)) result.errors++;
      } catch {
        result.errors++;
      }
      result.requests++;
    }
  };
  await Promise.all(Array.from({ length: connections }, worker));
  result.seconds = (performance.now() - started) / 1000;
  agent.destroy();
  return result;
}

/** The i-th distinct custom range: start day 0…349 of 2023 × length 1…30 days (10,500 combinations). */
function customRange(i: number): string {
  const day = 86_400_000;
  const start = Date.parse('2023-01-01T00:00:00Z') + (i % 350) * day;
  const length = 1 + (Math.floor(i / 350) % 30);
  const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
  return `/v2/billing/usage?timeRange=custom&startDate=${iso(start)}&endDate=${iso(start + (length - 1) * day)}&granularity=daily`;
}

async function etagOf(url: string): Promise<string> {
  const res = await fetch(url);
  await res.arrayBuffer();
  const etag = res.headers.get('etag');
  if (!res.ok || !etag) throw new Error(`${url}: ${res.status}, no ETag`);
  return etag;
}

interface Row {
  name: string;
  meaning: string;
  r: Result;
  cached: boolean;
}

function row({ name, meaning, r }: Row): string {
  const sorted = [...r.latencies].sort((a, b) => a - b);
  const statuses = [...r.statuses].map(([s, n]) => `${s}×${n}`).join(', ');
  const hits = `${((100 * r.cacheHits) / Math.max(1, r.requests)).toFixed(0)} %`;
  return `| ${name} | ${meaning} | ${Math.round(r.requests / r.seconds).toLocaleString('en-US')} | ${percentile(sorted, 50).toFixed(2)} | ${percentile(sorted, 99).toFixed(2)} | ${r.requests.toLocaleString('en-US')} | ${r.errors} | ${hits} | ${(r.bytes / Math.max(1, r.requests - r.errors) / 1024).toFixed(1)} | ${statuses} |`;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tensorone-load-'));
  const distDir = path.join(dir, 'dist');
  const env = { SANDBOX_DB: path.join(dir, 'billing.duckdb'), SANDBOX_NOW: NOW, DIST_DIR: distDir };
  let server: ProdServer | undefined;
  const cleanUp = async () => {
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('SIGINT', () => void cleanUp().then(() => process.exit(130)));

  try {
    console.log(
      `Production server load benchmark: node ${process.version}, ${os.cpus().length} CPU(s), ${CONNECTIONS} connections, ${DURATION_S} s per case, SANDBOX_NOW=${NOW}\n(the loader runs on the same machine and shares its CPUs)\n`,
    );
    await viteBuild(distDir);
    server = await startProdServer(PORT, env);
    console.log(`Server healthy after ${(server.startMs / 1000).toFixed(1)} s (build read and compressed, database created and filled)\n`);
    const url = server.url;
    const mainJs = /src="(\/assets\/index-[^"]+\.js)"/.exec(readFileSync(path.join(distDir, 'index.html'), 'utf8'))?.[1];
    if (!mainJs) throw new Error('no main script in the built index.html');

    const rows: Row[] = [];
    const is200 = (s: number) => s === 200;

    // warm up the connection pool, the JIT and the first cache entry
    await load(url, () => ({ path: USAGE, headers: BROWSER }), is200, 2);

    rows.push({
      name: 'cached, plain repeat',
      meaning: 'server response cache (HIT), 200 + br body',
      r: await load(url, () => ({ path: USAGE, headers: BROWSER }), is200),
      cached: true,
    });
    const etag = await etagOf(url + USAGE);
    rows.push({
      name: 'cached, If-None-Match',
      meaning: 'ETag revalidation, 304 without body',
      r: await load(url, () => ({ path: USAGE, headers: { ...BROWSER, 'If-None-Match': etag } }), (s) => s === 304),
      cached: true,
    });
    rows.push({
      name: 'uncached, distinct custom ranges',
      meaning: 'every request a cache MISS: DuckDB query',
      r: await load(url, (i) => ({ path: customRange(i), headers: BROWSER }), is200),
      cached: false,
    });
    rows.push({
      name: 'static asset',
      meaning: `${mainJs}, br from memory`,
      r: await load(url, () => ({ path: mainJs, headers: { Accept: '*/*', 'Accept-Encoding': 'gzip, deflate, br' } }), is200),
      cached: false,
    });

    await server.stop();
    server = await startProdServer(PORT, { ...env, SANDBOX_CACHE_ENTRIES: '0' });
    await load(url, () => ({ path: USAGE, headers: BROWSER }), is200, 2);
    rows.push({
      name: 'same URL, server cache off',
      meaning: 'SANDBOX_CACHE_ENTRIES=0: DuckDB query each time',
      r: await load(url, () => ({ path: USAGE, headers: BROWSER }), is200),
      cached: false,
    });

    console.log(`\`GET ${USAGE}\` unless noted; ${CONNECTIONS} connections, ${DURATION_S} s each:\n`);
    console.log('| case | what is measured | req/s | p50 ms | p99 ms | requests | errors | server cache hits | KiB/answer | statuses |');
    console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | --- |');
    for (const r of rows) console.log(row(r));

    const cached = rows.filter((r) => r.cached);
    const met = cached.every((r) => r.r.requests / r.r.seconds >= TARGET_RPS && r.r.errors === 0);
    const worst = Math.min(...cached.map((r) => r.r.requests / r.r.seconds));
    console.log(
      `\nTarget: cached ≥ ${TARGET_RPS.toLocaleString('en-US')} req/s with zero errors: ${met ? 'met' : 'NOT met'} (slowest cached case ${Math.round(worst).toLocaleString('en-US')} req/s).`,
    );
    if (!met) process.exitCode = 1;
  } finally {
    await cleanUp();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
