/**
 * `npm run bench:scale`: the dashboard at one, five and twenty times the
 * sandbox organisation (SANDBOX_SCALE).
 *
 * Builds the app once, then for each scale:
 *
 * - fills a fresh temporary database at that scale and prints its size, rows
 *   and fill time;
 * - serves it with the production server (sandbox mode, clock pinned, response
 *   cache off, so every request runs its query) and opens each page cold in
 *   headless Chromium (bench/scale-browser.ts): time to first chart and the
 *   longest main-thread task until the page has settled;
 * - replays every distinct API request those pages made (the dashboard's own
 *   queries, header clock included), BENCH_REQUESTS times each after a warm-up,
 *   and prints p50/p95 latency and the answer's size (uncompressed JSON, and
 *   gzip as the server sends it).
 *
 * Targets at scale 20: API p50 < 150 ms for every query, no answer over 5 MB,
 * every page's longest task < 200 ms. At scale 1: the hourly last-quarter
 * Overview's longest task < 100 ms. A task is judged by its main-thread CPU
 * time (from a Chromium trace), printed beside its wall time (the Long Tasks
 * API's): on a shared machine the wall time also counts the other processes.
 *
 * Env: BENCH_SCALES (1,5,20), BENCH_REQUESTS (15), BENCH_PORT (5461),
 * SANDBOX_NOW (2024-01-16T12:00:00Z), CHROMIUM_PATH; BENCH_DB_DIR keeps each
 * scale's database there (scale-N.duckdb) and reuses it on the next run
 * instead of filling a fresh one; BENCH_PAGES (comma-separated) measures only
 * those pages; BENCH_RUNS (1) opens each page that many times and prints the
 * medians; BENCH_DIST serves that build instead of building one. BENCH_BROWSER=0
 * skips Chromium and replays the requests the pages made in a previous run
 * (BENCH_URLS, a JSON file every Chromium run writes: bench-scale-urls.json).
 */
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from '@playwright/test';
import { Database } from '../server/db/database.ts';
import { startProdServer, viteBuild, type ProdServer } from '../server/prod/spawn.ts';
import { PAGES, launch, runPage, type PageRun } from './scale-browser.ts';

const SCALES = (process.env.BENCH_SCALES || '1,5,20').split(',').map(Number);
const REQUESTS = Number(process.env.BENCH_REQUESTS || 15);
const PORT = Number(process.env.BENCH_PORT || 5461);
const NOW = process.env.SANDBOX_NOW || '2024-01-16T12:00:00Z';
const TARGET_P50_MS = 150;
const TARGET_ANSWER_BYTES = 5 * 1024 * 1024;
const TARGET_TASK_MS = 200;
const TARGET_HOURLY_TASK_SCALE_1_MS = 100;
const HOURLY_PAGE = '/?timeRange=last_quarter&granularity=hourly';
const DB_DIR = process.env.BENCH_DB_DIR;
const RUNS = Number(process.env.BENCH_RUNS || 1);
const BROWSER = process.env.BENCH_BROWSER !== '0';
const URLS_FILE = process.env.BENCH_URLS || path.join(os.tmpdir(), 'bench-scale-urls.json');

interface Fill {
  ms: number;
  /** The file was already filled at this scale and clock (BENCH_DB_DIR). */
  reused: boolean;
  bytes: number;
  rows: number;
  teams: number;
  users: number;
  clusters: number;
  resources: number;
}

interface Query {
  url: string;
  pages: string[];
  p50: number;
  p95: number;
  bytes: number;
  gzip: number;
  status: number;
  /** The server process's CPU time per request (all its threads), ms. */
  cpu: number | null;
}

/** CPU time of a process so far (user + system, all threads), ms; null where /proc is not there. */
function cpuMs(pid: number | undefined): number | null {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return null;
  }
}

function percentile(sorted: number[], p: number): number {
  const rank = (p / 100) * (sorted.length - 1);
  const lo = Math.floor(rank);
  const hi = Math.ceil(rank);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (rank - lo);
}

const ms = (x: number | null) => (x === null ? 'n/a' : `${Math.round(x)} ms`);
const size = (b: number) => (b >= 1024 * 1024 ? `${(b / 1024 / 1024).toFixed(2)} MB` : `${(b / 1024).toFixed(1)} kB`);
const mark = (ok: boolean) => (ok ? '' : ' ✗');

async function fill(file: string, scale: number): Promise<Fill> {
  const db = await Database.open(file, { scale });
  const started = performance.now();
  const report = await db.ensureData(Date.parse(NOW));
  const ms = performance.now() - started;
  const count = async (sql: string) => (await db.all<{ n: number }>(sql))[0]!.n;
  const out: Fill = {
    ms,
    reused: report.action === 'none',
    bytes: 0,
    rows: report.action === 'none' ? await count('SELECT count(*) AS n FROM usage_hourly') : report.rows,
    teams: await count('SELECT count(*) AS n FROM projects'),
    users: await count('SELECT count(*) AS n FROM users'),
    clusters: await count(`SELECT count(*) AS n FROM resources WHERE resource_type = 'clusters'`),
    resources: await count('SELECT count(*) AS n FROM resources'),
  };
  db.close();
  out.bytes = statSync(file).size;
  return out;
}

/** Times `url` REQUESTS times (after two warm-ups), one request at a time. */
async function timeQuery(base: string, url: string, pages: string[], pid: number | undefined): Promise<Query> {
  let body = '';
  let status = 0;
  for (let i = 0; i < 2; i++) {
    const res = await fetch(base + url, { headers: { 'Accept-Encoding': 'identity' } });
    status = res.status;
    body = await res.text();
  }
  const times: number[] = [];
  const cpuBefore = cpuMs(pid);
  for (let i = 0; i < REQUESTS; i++) {
    const t = performance.now();
    const res = await fetch(base + url, { headers: { 'Accept-Encoding': 'identity' } });
    await res.arrayBuffer();
    times.push(performance.now() - t);
  }
  const cpuAfter = cpuMs(pid);
  times.sort((a, b) => a - b);
  const bytes = Buffer.byteLength(body);
  const cpu = cpuBefore === null || cpuAfter === null ? null : (cpuAfter - cpuBefore) / REQUESTS;
  return { url, pages, p50: percentile(times, 50), p95: percentile(times, 95), bytes, gzip: gzipSync(body).byteLength, status, cpu };
}

/** A page opened RUNS times: the median of each figure (and every run's requests and errors). */
async function runPageMedian(browser: Browser, base: string, page: string): Promise<PageRun> {
  const runs: PageRun[] = [];
  for (let i = 0; i < RUNS; i++) runs.push(await runPage(browser, base, page));
  if (runs.length === 1) return runs[0]!;
  const median = (xs: (number | null)[]) => {
    const known = xs.filter((x): x is number => x !== null).sort((a, b) => a - b);
    return known.length === 0 ? null : percentile(known, 50);
  };
  return {
    page,
    firstChart: median(runs.map((r) => r.firstChart)),
    longestTask: median(runs.map((r) => r.longestTask))!,
    longestTaskCpu: median(runs.map((r) => r.longestTaskCpu)),
    requests: [...new Set(runs.flatMap((r) => r.requests))],
    errors: [...new Set(runs.flatMap((r) => r.errors))],
  };
}

async function measureScale(browser: Browser | undefined, distDir: string, scale: number): Promise<{ fill: Fill; pages: PageRun[]; queries: Query[]; load: number[] }> {
  const dir = DB_DIR ?? mkdtempSync(path.join(os.tmpdir(), `tensorone-scale-${scale}-`));
  const file = path.join(dir, DB_DIR ? `scale-${scale}.duckdb` : 'billing.duckdb');
  let server: ProdServer | undefined;
  try {
    const filled = await fill(file, scale);
    server = await startProdServer(PORT, {
      SANDBOX_DB: file,
      SANDBOX_NOW: NOW,
      SANDBOX_SCALE: String(scale),
      SANDBOX_CACHE_ENTRIES: '0',
      DIST_DIR: distDir,
    });
    const pages: PageRun[] = [];
    const byUrl = new Map<string, string[]>();
    if (browser) {
      // a throw-away load, so the server's first answers (JIT, DuckDB's caches) do not count
      await runPage(browser, server.url, '/');
      for (const page of PAGES) pages.push(await runPageMedian(browser, server.url, page));
      for (const p of pages) for (const r of p.requests) byUrl.set(r, [...new Set([...(byUrl.get(r) ?? []), p.page])]);
      writeFileSync(URLS_FILE, JSON.stringify(Object.fromEntries(byUrl)));
    } else for (const [url, from] of Object.entries(JSON.parse(readFileSync(URLS_FILE, 'utf8')) as Record<string, string[]>)) byUrl.set(url, from);
    const load = os.loadavg();
    const queries: Query[] = [];
    for (const [url, from] of byUrl) queries.push(await timeQuery(server.url, url, from, server.child.pid));
    return { fill: filled, pages, queries, load };
  } finally {
    await server?.stop();
    if (!DB_DIR) rmSync(dir, { recursive: true, force: true });
  }
}

function print(scale: number, r: { fill: Fill; pages: PageRun[]; queries: Query[]; load: number[] }): boolean {
  const at20 = scale >= 20;
  let ok = true;
  const f = r.fill;
  console.log(`\n### SANDBOX_SCALE=${scale}\n`);
  console.log(
    `Database ${size(f.bytes)}, ${f.rows.toLocaleString('en-US')} hourly rows, ${f.reused ? `reused from ${DB_DIR}` : `filled in ${(f.ms / 1000).toFixed(1)} s`}; ${f.teams} teams, ${f.users} users, ${f.clusters} clusters, ${f.resources.toLocaleString('en-US')} resources.\n`,
  );
  console.log('| API request (as the pages make it) | pages | status | p50 | p95 | server CPU / request | answer | gzip |');
  console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const q of [...r.queries].sort((a, b) => b.p50 - a.p50)) {
    const fast = !at20 || q.p50 < TARGET_P50_MS;
    const small = q.bytes <= TARGET_ANSWER_BYTES;
    ok &&= fast && small && q.status === 200;
    console.log(`| \`${q.url}\` | ${q.pages.join(' ')} | ${q.status} | ${ms(q.p50)}${mark(fast)} | ${ms(q.p95)} | ${ms(q.cpu)} | ${size(q.bytes)}${mark(small)} | ${size(q.gzip)} |`);
  }
  const p50s = r.queries.map((q) => q.p50).sort((a, b) => a - b);
  console.log(`\n${r.queries.length} distinct requests; median of their p50s ${ms(percentile(p50s, 50))}, slowest p50 ${ms(p50s.at(-1) ?? null)}; largest answer ${size(Math.max(...r.queries.map((q) => q.bytes)))}.\n`);
  console.log(`Pages (load average ${r.load.map((l) => l.toFixed(2)).join(', ')} after them):\n`);
  console.log('| page | first chart | longest main-thread task (wall) | its CPU time | API requests | errors |');
  console.log('| --- | ---: | ---: | ---: | ---: | --- |');
  for (const p of r.pages) {
    const limit = p.page === HOURLY_PAGE && scale === 1 ? TARGET_HOURLY_TASK_SCALE_1_MS : at20 ? TARGET_TASK_MS : Infinity;
    const smooth = (p.longestTaskCpu ?? p.longestTask) < limit;
    ok &&= smooth && p.errors.length === 0;
    console.log(
      `| \`${p.page}\` | ${ms(p.firstChart)} | ${ms(p.longestTask)} | ${ms(p.longestTaskCpu)}${mark(smooth)} | ${p.requests.length} | ${p.errors.join('; ') || '–'} |`,
    );
  }
  return ok;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tensorone-scale-dist-'));
  let browser: Browser | undefined;
  process.once('SIGINT', () => void browser?.close().finally(() => process.exit(130)));
  try {
    if (!process.env.BENCH_DIST) await viteBuild(path.join(dir, 'dist'));
    if (BROWSER) browser = await launch();
    console.log(
      `Scale benchmark: production build served by server/serve.ts (sandbox, SANDBOX_NOW=${NOW}, response cache off), ${browser ? `Chromium ${browser.version()} headless at 1440×900` : `no Chromium (BENCH_BROWSER=0: the requests in ${URLS_FILE})`}, ${os.cpus().length} CPU(s), load average ${os.loadavg().map((l) => l.toFixed(2)).join(', ')}; API p50/p95 of ${REQUESTS} sequential requests each; pages: ${RUNS === 1 ? 'one cold load each' : `median of ${RUNS} cold loads each`}.`,
    );
    console.log(
      `Targets: at scale 20 API p50 < ${TARGET_P50_MS} ms, no answer over ${size(TARGET_ANSWER_BYTES)}, longest task (CPU time) < ${TARGET_TASK_MS} ms on every page; at scale 1 the hourly last-quarter Overview's longest task < ${TARGET_HOURLY_TASK_SCALE_1_MS} ms. ✗ marks a miss.`,
    );
    let ok = true;
    const dist = process.env.BENCH_DIST ? path.resolve(process.env.BENCH_DIST) : path.join(dir, 'dist');
    for (const scale of SCALES) ok = print(scale, await measureScale(browser, dist, scale)) && ok;
    console.log(`\nTargets ${ok ? 'met' : 'NOT met'}.`);
    if (!ok) process.exitCode = 1;
  } finally {
    await browser?.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exitCode = 1;
});
