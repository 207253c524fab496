/**
 * `npm run bench:web`: what a browser gets from the production build.
 *
 * Builds the app into a temporary folder, serves it with the production
 * server (sandbox mode, temporary database, clock pinned) and measures in
 * headless Chromium:
 *
 * - JS and CSS per route, gzip bytes: the initial JS (entry, page chunk and
 *   their static imports: what must run before the page paints, as
 *   `npm run check:bundle` counts it) and everything a cold load fetches until
 *   the network is idle (lazy charts and tables included), each file counted
 *   at its gzip size as this server sends it;
 * - Overview LCP (largest-contentful-paint), cold (new browser context, empty
 *   caches) and warm (same context, second visit: HTTP cache and the
 *   persisted query cache, which paints the last answers before any request);
 * - Overview time to first figures (`[data-testid="metric-value"]` with a
 *   number) and to first chart (`.recharts-surface`; "n/a" while the page has
 *   none), from navigation start, cold and warm;
 * - time from choosing another currency in the control labelled "Currency" to
 *   the figures and the chart shown in it: uncached (a different currency each
 *   run, so each run fetches a new answer), then back to USD (cached: the
 *   answers are in the query cache);
 * - Overview hourly over the last quarter (92 days: 2,208 hours for each of
 *   six stacked series, downsampled for drawing): time from navigation to the
 *   drawn chart, cold, and the longest main-thread task meanwhile (a long task
 *   is what makes a page feel stuck);
 * - Content-Security-Policy violations and console errors seen on any page
 *   (should be none).
 *
 * Timings are the median of BENCH_RUNS runs (default 5). The sandbox's clock is
 * pinned to SANDBOX_NOW; the browser's is not (unlike in the end-to-end tests):
 * Playwright's pinned clock also shifts the page timestamps of every page after
 * the first in a context, which the warm visits are. The pages ask for
 * relative periods ("current month"), which the sandbox resolves itself.
 *
 * Env: CHROMIUM_PATH (else /usr/bin/chromium, else Playwright's own), BENCH_RUNS,
 * BENCH_PORT (8796), SANDBOX_NOW (2024-01-16T12:00:00Z).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from '@playwright/test';
import { startProdServer, viteBuild, type ProdServer } from '../server/prod/spawn.ts';
import { initialJs } from '../scripts/initial-js.mjs';
import { chromiumLaunchOptions } from '../e2e/chromium.ts';

const RUNS = Number(process.env.BENCH_RUNS || 5);
const PORT = Number(process.env.BENCH_PORT || 8796);
const NOW = process.env.SANDBOX_NOW || '2024-01-16T12:00:00Z';
const ROUTES = ['/', '/usage', '/forecast', '/optimization', '/teams', '/budgets'];
/** Each route's page chunk (see scripts/initial-js.mjs). */
const PAGE_CHUNKS: Record<string, string> = {
  '/': 'overview-page',
  '/usage': 'usage-page',
  '/forecast': 'forecast-page',
  '/optimization': 'optimization-page',
  '/teams': 'teams-page',
  '/budgets': 'budgets-page',
};
const CURRENCY_RUNS = ['EUR', 'GBP', 'JPY', 'CAD', 'AUD'];
const TARGET_OVERVIEW_JS_KB = 150;
const TARGET_LCP_MS = 1_000;
const TARGET_FILTER_CACHED_MS = 150;

/** What the instrumented page records, as `window.__bench`: milliseconds since navigation start. */
interface BenchState {
  lcp: number | null;
  figures: number | null;
  chart: number | null;
  changed: number | null;
  updated: number | null;
  longestTask: number;
  csp: string[];
}
type BenchWindow = Window & { __bench: BenchState };

/** Runs in every page before its own scripts (not subject to the page's CSP). */
function instrument(): void {
  const b: BenchState = { lcp: null, figures: null, chart: null, changed: null, updated: null, longestTask: 0, csp: [] };
  (window as unknown as BenchWindow).__bench = b;
  new PerformanceObserver((list) => {
    const entries = list.getEntries();
    b.lcp = entries[entries.length - 1]!.startTime;
  }).observe({ type: 'largest-contentful-paint', buffered: true });
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) b.longestTask = Math.max(b.longestTask, e.duration);
  }).observe({ type: 'longtask', buffered: true });
  document.addEventListener('securitypolicyviolation', (e) =>
    b.csp.push(`${e.effectiveDirective} blocked ${e.blockedURI || 'inline'} (${e.sourceFile}:${e.lineNumber})`),
  );
  document.addEventListener('change', () => (b.changed = performance.now()), true);
  const seen = new MutationObserver(() => {
    if (b.figures === null) {
      const value = document.querySelector('[data-testid="metric-value"]');
      if (value && /\d/.test(value.textContent ?? '')) b.figures = performance.now();
    }
    if (b.chart === null && document.querySelector('.recharts-surface')) b.chart = performance.now();
    if (b.figures !== null && b.chart !== null) seen.disconnect();
  });
  seen.observe(document, { childList: true, subtree: true, characterData: true });
}

function median(xs: (number | null)[]): number | null {
  const v = xs.filter((x): x is number => x !== null).sort((a, b) => a - b);
  if (v.length === 0) return null;
  const mid = Math.floor(v.length / 2);
  return v.length % 2 ? v[mid]! : (v[mid - 1]! + v[mid]!) / 2;
}

const ms = (x: number | null) => (x === null ? 'n/a' : `${Math.round(x)} ms`);
const kb = (bytes: number) => `${(bytes / 1000).toFixed(1)} kB`;

/** The size of `url` on the wire when the client accepts gzip only. */
function gzipBytes(url: string): Promise<{ gzip: number; raw: number }> {
  const get = (encoding: string) =>
    new Promise<number>((resolve, reject) => {
      http
        .get(url, { headers: { 'Accept-Encoding': encoding }, agent: false }, (res) => {
          let n = 0;
          res.on('data', (c: Buffer) => (n += c.byteLength));
          res.on('end', () => (res.statusCode === 200 ? resolve(n) : reject(new Error(`${url}: ${res.statusCode}`))));
        })
        .on('error', reject);
    });
  return Promise.all([get('gzip'), get('identity')]).then(([gzip, raw]) => ({ gzip, raw }));
}

/** Console errors and uncaught exceptions from every page. */
const consoleErrors: string[] = [];

async function newContext(browser: Browser): Promise<BrowserContext> {
  const context = await browser.newContext({ locale: 'en-US', timezoneId: 'UTC', viewport: { width: 1280, height: 800 } });
  await context.addInitScript(instrument);
  context.on('console', (msg) => {
    if (msg.type() === 'error') consoleErrors.push(msg.text().slice(0, 200));
  });
  context.on('weberror', (err) => consoleErrors.push(`Uncaught ${err.error().message.slice(0, 200)}`));
  return context;
}

const openPage = (context: BrowserContext): Promise<Page> => context.newPage();

/** Navigates and waits for the network to settle and the figures (if the page has any) to show. */
async function visit(page: Page, url: string): Promise<void> {
  await page.goto(url, { waitUntil: 'networkidle' });
  await page.waitForFunction(() => (window as unknown as BenchWindow).__bench.figures !== null, null, { timeout: 3_000 }).catch(() => {});
  await page.waitForFunction(() => (window as unknown as BenchWindow).__bench.chart !== null, null, { timeout: 1_000 }).catch(() => {});
  await page.waitForTimeout(100); // let the last LCP candidate be reported
}

const bench = (page: Page) => page.evaluate(() => (window as unknown as BenchWindow).__bench);

interface RouteBytes {
  route: string;
  jsFiles: number;
  jsGzip: number;
  jsRaw: number;
  cssGzip: number;
  encoding: string;
}

async function routeBytes(browser: Browser, base: string, route: string, csp: string[]): Promise<RouteBytes> {
  const context = await newContext(browser);
  const page = await openPage(context);
  const assets = new Map<string, { type: string; encoding: string }>();
  page.on('response', (res) => {
    const type = res.request().resourceType();
    if ((type === 'script' || type === 'stylesheet') && res.url().startsWith(base))
      assets.set(res.url(), { type, encoding: res.headers()['content-encoding'] ?? 'identity' });
  });
  await visit(page, base + route);
  csp.push(...(await bench(page)).csp.map((v) => `${route}: ${v}`));
  await context.close();
  const out: RouteBytes = { route, jsFiles: 0, jsGzip: 0, jsRaw: 0, cssGzip: 0, encoding: '' };
  const encodings = new Set<string>();
  for (const [url, { type, encoding }] of assets) {
    const size = await gzipBytes(url);
    encodings.add(encoding);
    if (type === 'script') {
      out.jsFiles++;
      out.jsGzip += size.gzip;
      out.jsRaw += size.raw;
    } else out.cssGzip += size.gzip;
  }
  out.encoding = [...encodings].join(', ');
  return out;
}

interface OverviewRun {
  lcpCold: number | null;
  lcpWarm: number | null;
  figures: number | null;
  chart: number | null;
  figuresWarm: number | null;
  chartWarm: number | null;
  filter: number | null;
  filterCached: number | null;
}

/** The persisted query cache of the page's origin holds at least one answer. */
async function waitForPersistedCache(page: Page): Promise<void> {
  await page
    .waitForFunction(
      () =>
        Object.keys(localStorage).some((k) => {
          const v = JSON.parse(localStorage.getItem(k) ?? '{}') as { clientState?: { queries?: unknown[] } };
          return (v.clientState?.queries?.length ?? 0) > 0;
        }),
      null,
      { timeout: 5_000 },
    )
    .catch(() => {});
}

/**
 * Chooses `currency` and waits until the page shows it — `shows` in the main
 * area, `gone` nowhere in it, a chart drawn in it, nothing busy — returning
 * the time from the change event to then.
 */
async function changeCurrency(page: Page, currency: string, shows: string, gone: string | null): Promise<number | null> {
  await page.evaluate(() => {
    const b = (window as unknown as BenchWindow).__bench;
    b.changed = null;
    b.updated = null;
  });
  await page.getByLabel('Currency').selectOption(currency);
  await page.waitForFunction(
    ([sym, old]) => {
      const main = document.querySelector('main');
      if (!main || document.querySelector('[aria-busy="true"]')) return false;
      const text = main.innerText;
      const charts = [...main.querySelectorAll('.recharts-surface')].map((c) => c.textContent ?? '').join(' ');
      const done = text.includes(sym!) && (old === null || !text.includes(old)) && charts.includes(sym!) && (old === null || !charts.includes(old));
      if (done) (window as unknown as BenchWindow).__bench.updated ??= performance.now();
      return done;
    },
    [shows, gone] as const,
    { polling: 'raf', timeout: 10_000 },
  );
  const b = await bench(page);
  return b.changed !== null && b.updated !== null ? b.updated - b.changed : null;
}

const currencySymbol = (currency: string) =>
  new Intl.NumberFormat('en-US', { style: 'currency', currency }).formatToParts(1).find((p) => p.type === 'currency')!.value;

async function overviewRun(browser: Browser, base: string, currency: string, csp: string[]): Promise<OverviewRun> {
  const context = await newContext(browser);
  const cold = await openPage(context);
  await visit(cold, `${base}/`);
  const c = await bench(cold);
  await waitForPersistedCache(cold);
  await cold.close();

  const warm = await openPage(context);
  await visit(warm, `${base}/`);
  const w = await bench(warm);

  // filter change: another currency (fetched), then back to USD (in the query cache)
  let filter: number | null = null;
  let filterCached: number | null = null;
  if ((await warm.getByLabel('Currency').count()) > 0) {
    filter = await changeCurrency(warm, currency, currencySymbol(currency), null);
    filterCached = await changeCurrency(warm, 'USD', '$', currencySymbol(currency));
  }
  csp.push(...c.csp.map((v) => `/ (cold): ${v}`), ...(await bench(warm)).csp.map((v) => `/ (warm): ${v}`));
  await context.close();
  return { lcpCold: c.lcp, lcpWarm: w.lcp, figures: c.figures, chart: c.chart, figuresWarm: w.figures, chartWarm: w.chart, filter, filterCached };
}

interface HourlyRun {
  chart: number | null;
  longestTask: number;
}

/** Overview, hourly over the last quarter (the stacked cost chart of every type), in a new context (cold caches). */
async function hourlyRun(browser: Browser, base: string, csp: string[]): Promise<HourlyRun> {
  const context = await newContext(browser);
  const page = await openPage(context);
  await page.goto(`${base}/?timeRange=last_quarter&granularity=hourly`);
  await page.waitForFunction(() => !!document.querySelector('main .recharts-surface .recharts-area-area'), null, {
    polling: 'raf',
    timeout: 15_000,
  });
  const t = await page.evaluate(() => performance.now());
  await page.waitForTimeout(200);
  const b = await bench(page);
  csp.push(...b.csp.map((v) => `/ hourly: ${v}`));
  await context.close();
  return { chart: t, longestTask: b.longestTask };
}

async function main(): Promise<void> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'tensorone-web-'));
  const distDir = path.join(dir, 'dist');
  let server: ProdServer | undefined;
  let browser: Browser | undefined;
  const cleanUp = async () => {
    await browser?.close();
    await server?.stop();
    rmSync(dir, { recursive: true, force: true });
  };
  process.once('SIGINT', () => void cleanUp().then(() => process.exit(130)));

  try {
    await viteBuild(distDir);
    server = await startProdServer(PORT, { SANDBOX_DB: path.join(dir, 'billing.duckdb'), SANDBOX_NOW: NOW, DIST_DIR: distDir });
    browser = await chromium.launch(chromiumLaunchOptions());
    console.log(
      `Web benchmark: production build served by server/serve.ts (sandbox, SANDBOX_NOW=${NOW}), Chromium ${browser.version()} headless, ${os.cpus().length} CPU(s), median of ${RUNS} runs\n`,
    );
    const base = server.url;
    const csp: string[] = [];

    // one throw-away load, so the server's first answers (cache fill, JIT) do not count
    const warmup = await newContext(browser);
    await visit(await openPage(warmup), `${base}/`);
    await warmup.close();

    const bytes: RouteBytes[] = [];
    for (const route of ROUTES) bytes.push(await routeBytes(browser, base, route, csp));

    const runs: OverviewRun[] = [];
    for (let i = 0; i < RUNS; i++) runs.push(await overviewRun(browser, base, CURRENCY_RUNS[i % CURRENCY_RUNS.length]!, csp));
    const hourly: HourlyRun[] = [];
    for (let i = 0; i < RUNS; i++) hourly.push(await hourlyRun(browser, base, csp));

    console.log('JS and CSS per route (cold load; gzip bytes, 1 kB = 1,000 bytes):\n');
    console.log('| route | initial JS gzip (before the page paints) | all JS until idle: files | gzip | uncompressed | CSS gzip | Chromium got |');
    console.log('| --- | ---: | ---: | ---: | ---: | ---: | --- |');
    const initial = new Map(ROUTES.map((r) => [r, initialJs(distDir, PAGE_CHUNKS[r]!).gzip]));
    for (const b of bytes)
      console.log(`| ${b.route} | ${kb(initial.get(b.route)!)} | ${b.jsFiles} | ${kb(b.jsGzip)} | ${kb(b.jsRaw)} | ${kb(b.cssGzip)} | ${b.encoding} |`);

    const overviewJs = initial.get('/')!;
    const lcpCold = median(runs.map((r) => r.lcpCold));
    const lcpWarm = median(runs.map((r) => r.lcpWarm));
    const verdict = (ok: boolean | null) => (ok === null ? 'n/a' : ok ? 'met' : 'NOT met');
    console.log(`\nOverview (median of ${RUNS}):\n`);
    console.log('| metric | median | runs | target | |');
    console.log('| --- | ---: | --- | --- | --- |');
    console.log(`| Overview initial JS (gzip) | ${kb(overviewJs)} | – | ≤ ${TARGET_OVERVIEW_JS_KB} kB | ${verdict(overviewJs <= TARGET_OVERVIEW_JS_KB * 1000)} |`);
    const list = (xs: (number | null)[]) => xs.map((x) => (x === null ? 'n/a' : Math.round(x))).join(', ');
    console.log(`| LCP, cold | ${ms(lcpCold)} | ${list(runs.map((r) => r.lcpCold))} | < ${TARGET_LCP_MS} ms | ${verdict(lcpCold === null ? null : lcpCold < TARGET_LCP_MS)} |`);
    console.log(`| LCP, warm | ${ms(lcpWarm)} | ${list(runs.map((r) => r.lcpWarm))} | < ${TARGET_LCP_MS} ms | ${verdict(lcpWarm === null ? null : lcpWarm < TARGET_LCP_MS)} |`);
    console.log(`| first figures, cold | ${ms(median(runs.map((r) => r.figures)))} | ${list(runs.map((r) => r.figures))} | – | |`);
    console.log(`| first chart, cold | ${ms(median(runs.map((r) => r.chart)))} | ${list(runs.map((r) => r.chart))} | – | |`);
    console.log(`| first figures, warm (from the persisted cache) | ${ms(median(runs.map((r) => r.figuresWarm)))} | ${list(runs.map((r) => r.figuresWarm))} | – | |`);
    console.log(`| first chart, warm | ${ms(median(runs.map((r) => r.chartWarm)))} | ${list(runs.map((r) => r.chartWarm))} | – | |`);
    console.log(
      `| currency change → figures and chart, uncached (${CURRENCY_RUNS.slice(0, RUNS).join(', ')}) | ${ms(median(runs.map((r) => r.filter)))} | ${list(runs.map((r) => r.filter))} | – | |`,
    );
    const cached = median(runs.map((r) => r.filterCached));
    console.log(
      `| currency change → figures and chart, cached (back to USD) | ${ms(cached)} | ${list(runs.map((r) => r.filterCached))} | < ${TARGET_FILTER_CACHED_MS} ms | ${verdict(cached === null ? null : cached < TARGET_FILTER_CACHED_MS)} |`,
    );
    console.log(`| Overview, hourly over the last quarter: navigation → chart drawn | ${ms(median(hourly.map((r) => r.chart)))} | ${list(hourly.map((r) => r.chart))} | – | |`);
    console.log(`| Overview, hourly over the last quarter: longest main-thread task | ${ms(median(hourly.map((r) => r.longestTask)))} | ${list(hourly.map((r) => r.longestTask))} | – | |`);

    console.log(`\nContent-Security-Policy violations (expected: none): ${csp.length}`);
    for (const v of [...new Set(csp)]) console.log(`  - ${v}`);
    const distinctErrors = [...new Set(consoleErrors)];
    console.log(`Console errors: ${consoleErrors.length}${distinctErrors.length ? ` (${distinctErrors.length} distinct)` : ''}`);
    for (const e of distinctErrors) console.log(`  - ${e}`);
    if (overviewJs > TARGET_OVERVIEW_JS_KB * 1000 || (lcpCold ?? 0) >= TARGET_LCP_MS || (cached ?? 0) >= TARGET_FILTER_CACHED_MS) process.exitCode = 1;
  } finally {
    await cleanUp();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.message : err);
  process.exitCode = 1;
});
