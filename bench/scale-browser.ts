/**
 * The browser half of `npm run bench:scale`: opens each page of the production
 * build in headless Chromium, cold (a new context), and records what the page
 * asked the API for, the time to its first chart and its longest main-thread
 * task until it has settled.
 */
import { chromium, type Browser } from '@playwright/test';
import { chromiumLaunchOptions } from '../e2e/chromium.ts';

/** Every route with data (each resource type's page), and the hourly last-quarter Overview. */
const ALL_PAGES = [
  '/',
  '/?timeRange=last_quarter&granularity=hourly',
  '/usage',
  '/usage/clusters',
  '/usage/endpoints',
  '/usage/training',
  '/usage/ai-services',
  '/usage/storage',
  '/usage/bandwidth',
  '/compare',
  '/forecast',
  '/optimization',
  '/teams',
  '/teams/research',
  '/budgets',
  '/activity',
];

/** The pages measured: all, or those BENCH_PAGES names (comma-separated). */
export const PAGES = process.env.BENCH_PAGES ? process.env.BENCH_PAGES.split(',') : ALL_PAGES;

export interface PageRun {
  page: string;
  /** Navigation start → first `.recharts-surface` with a drawn shape; null: the page drew none. */
  firstChart: number | null;
  longestTask: number;
  /**
   * The main thread's CPU time in its longest task (trace `RunTask` thread
   * time): what the task costs without the other processes on the machine.
   */
  longestTaskCpu: number | null;
  /** The API requests the page made (path and query), in order. */
  requests: string[];
  errors: string[];
}

interface ScaleBench {
  chart: number | null;
  longestTask: number;
}
type ScaleWindow = Window & { __scaleBench: ScaleBench };

/** Runs in every page before its own scripts. */
function instrument(): void {
  const b: ScaleBench = { chart: null, longestTask: 0 };
  (window as unknown as ScaleWindow).__scaleBench = b;
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) b.longestTask = Math.max(b.longestTask, e.duration);
  }).observe({ type: 'longtask', buffered: true });
  const seen = new MutationObserver(() => {
    if (document.querySelector('main .recharts-surface :is(path, rect)')) {
      b.chart = performance.now();
      seen.disconnect();
    }
  });
  seen.observe(document, { childList: true, subtree: true });
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

/** The longest `RunTask` of the page's renderer main thread, by CPU time (ms); null without thread times. */
function longestCpuTask(trace: Buffer): number | null {
  const events = (JSON.parse(trace.toString('utf8')) as { traceEvents: TraceEvent[] }).traceEvents;
  const mains = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
  // the renderer that worked most is the page's (others are the blank start page and helpers)
  const busy = new Map<string, number>();
  const longest = new Map<string, number>();
  for (const e of events) {
    const thread = `${e.pid}:${e.tid}`;
    if (e.name !== 'RunTask' || e.ph !== 'X' || !mains.has(thread) || e.tdur === undefined) continue;
    busy.set(thread, (busy.get(thread) ?? 0) + e.tdur);
    longest.set(thread, Math.max(longest.get(thread) ?? 0, e.tdur));
  }
  const page = [...busy].sort((a, b) => b[1] - a[1])[0]?.[0];
  return page === undefined ? null : longest.get(page)! / 1000;
}

export async function launch(): Promise<Browser> {
  return chromium.launch(chromiumLaunchOptions());
}

/** Opens `page` cold and waits until the network is idle, the charts are drawn and nothing is busy. */
export async function runPage(browser: Browser, base: string, page: string): Promise<PageRun> {
  const context = await browser.newContext({ locale: 'en-US', timezoneId: 'UTC', viewport: { width: 1440, height: 900 } });
  await context.addInitScript(instrument);
  const tab = await context.newPage();
  const requests: string[] = [];
  const errors: string[] = [];
  tab.on('request', (req) => {
    const url = new URL(req.url());
    if (url.pathname.startsWith('/v2/') && req.method() === 'GET') requests.push(url.pathname + url.search);
  });
  tab.on('console', (msg) => msg.type() === 'error' && errors.push(msg.text().slice(0, 200)));
  tab.on('pageerror', (err) => errors.push(`Uncaught ${err.message.slice(0, 200)}`));
  await browser.startTracing(tab, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
  await tab.goto(base + page, { waitUntil: 'networkidle', timeout: 120_000 });
  // settled: nothing loading, then a chart drawn where the page has one
  await tab
    .waitForFunction(() => !document.querySelector('[aria-busy="true"]'), null, { polling: 100, timeout: 60_000 })
    .catch(() => errors.push('still busy after 60 s'));
  await tab
    .waitForFunction(() => (window as unknown as ScaleWindow).__scaleBench.chart !== null, null, { polling: 100, timeout: 3_000 })
    .catch(() => undefined);
  await tab.waitForLoadState('networkidle');
  await tab.waitForTimeout(300);
  const b = await tab.evaluate(() => (window as unknown as ScaleWindow).__scaleBench);
  const trace = await browser.stopTracing();
  await context.close();
  return { page, firstChart: b.chart, longestTask: b.longestTask, longestTaskCpu: longestCpuTask(trace), requests, errors };
}
