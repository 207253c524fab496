/**
 * `npx tsx bench/profile-page.ts URL`: opens one page of a running server cold
 * in headless Chromium with the V8 sampling profiler on, and prints its
 * longest main-thread tasks (trace `RunTask`, wall and CPU time) with the
 * functions that took the most of each (self and total time from the samples
 * inside the task). For finding what a long task of `npm run bench:scale` is
 * made of. Env: PROFILE_TASKS (3), PROFILE_TOP (25), PROFILE_FOCUS, CHROMIUM_PATH.
 */
import type { CDPSession } from '@playwright/test';
import { launch } from './scale-browser.ts';

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  dur?: number;
  tdur?: number;
  args?: { name?: string };
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number };
  parent?: number;
  children?: number[];
}
interface Profile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

const TASKS = Number(process.env.PROFILE_TASKS || 3);
const TOP = Number(process.env.PROFILE_TOP || 25);
/** PROFILE_FOCUS=name also prints the call stacks of the samples in functions so named. */
const FOCUS = process.env.PROFILE_FOCUS;

function frameName(n: ProfileNode): string {
  const f = n.callFrame;
  const file = f.url.split('/').pop() || '';
  return `${f.functionName || '(anonymous)'} ${file}:${f.lineNumber + 1}:${f.columnNumber + 1}`;
}

async function main(): Promise<void> {
  const url = process.argv[2];
  if (!url) throw new Error('usage: tsx bench/profile-page.ts URL');
  const browser = await launch();
  try {
    const context = await browser.newContext({ locale: 'en-US', timezoneId: 'UTC', viewport: { width: 1440, height: 900 } });
    const tab = await context.newPage();
    const cdp: CDPSession = await context.newCDPSession(tab);
    await cdp.send('Profiler.enable');
    await cdp.send('Profiler.setSamplingInterval', { interval: 200 });
    await cdp.send('Profiler.start');
    await browser.startTracing(tab, { categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline'] });
    await tab.goto(url, { waitUntil: 'networkidle', timeout: 120_000 });
    await tab.waitForFunction(() => !document.querySelector('[aria-busy="true"]'), null, { polling: 100, timeout: 60_000 });
    await tab.waitForLoadState('networkidle');
    await tab.waitForTimeout(500);
    const trace = JSON.parse((await browser.stopTracing()).toString('utf8')) as { traceEvents: TraceEvent[] };
    const { profile } = (await cdp.send('Profiler.stop')) as { profile: Profile };
    const events = trace.traceEvents;
    const mains = new Set(events.filter((e) => e.ph === 'M' && e.name === 'thread_name' && e.args?.name === 'CrRendererMain').map((e) => `${e.pid}:${e.tid}`));
    const busy = new Map<string, number>();
    for (const e of events) if (e.name === 'RunTask' && e.ph === 'X' && mains.has(`${e.pid}:${e.tid}`)) busy.set(`${e.pid}:${e.tid}`, (busy.get(`${e.pid}:${e.tid}`) ?? 0) + (e.tdur ?? 0));
    const main = [...busy].sort((a, b) => b[1] - a[1])[0]![0];
    const tasks = events
      .filter((e) => e.name === 'RunTask' && e.ph === 'X' && `${e.pid}:${e.tid}` === main)
      .sort((a, b) => (b.tdur ?? 0) - (a.tdur ?? 0))
      .slice(0, TASKS);
    const byId = new Map(profile.nodes.map((n) => [n.id, n]));
    const parent = new Map<number, number>();
    for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
    const times: number[] = [];
    let t = profile.startTime;
    for (const d of profile.timeDeltas) times.push((t += d));
    const start0 = tasks.length ? Math.min(...events.filter((e) => `${e.pid}:${e.tid}` === main && e.ts > 0).map((e) => e.ts)) : 0;
    for (const task of tasks) {
      console.log(`\n## task at +${((task.ts - start0) / 1000).toFixed(0)} ms: wall ${((task.dur ?? 0) / 1000).toFixed(1)} ms, CPU ${((task.tdur ?? 0) / 1000).toFixed(1)} ms`);
      const self = new Map<string, number>();
      const total = new Map<string, number>();
      const stacks = new Map<string, number>();
      let samples = 0;
      for (let i = 0; i < profile.samples.length; i++) {
        const ts = times[i]!;
        if (ts < task.ts || ts > task.ts + (task.dur ?? 0)) continue;
        const dt = (times[i + 1] ?? ts) - ts;
        samples += dt;
        const leaf = byId.get(profile.samples[i]!)!;
        self.set(frameName(leaf), (self.get(frameName(leaf)) ?? 0) + dt);
        if (FOCUS && frameName(leaf).startsWith(FOCUS)) {
          const path: string[] = [];
          for (let id: number | undefined = leaf.id; id !== undefined && path.length < 14; id = parent.get(id)) path.push(byId.get(id)!.callFrame.functionName || '?');
          stacks.set(path.join(' < '), (stacks.get(path.join(' < ')) ?? 0) + dt);
        }
        const seen = new Set<string>();
        for (let id: number | undefined = leaf.id; id !== undefined; id = parent.get(id)) {
          const name = frameName(byId.get(id)!);
          if (seen.has(name)) continue;
          seen.add(name);
          total.set(name, (total.get(name) ?? 0) + dt);
        }
      }
      console.log(`sampled ${(samples / 1000).toFixed(1)} ms`);
      const show = (m: Map<string, number>, label: string) => {
        console.log(`\n${label}:`);
        for (const [name, us] of [...m].sort((a, b) => b[1] - a[1]).slice(0, TOP)) console.log(`  ${(us / 1000).toFixed(1).padStart(7)} ms  ${name}`);
      };
      show(self, 'self');
      show(total, 'total');
      if (FOCUS) show(stacks, `stacks of ${FOCUS}`);
      // React components (capitalised names) and the app's own functions, by total time
      show(new Map([...total].filter(([name]) => /^[A-Z]/.test(name))), 'components');
    }
    await context.close();
  } finally {
    await browser.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? err.stack : err);
  process.exitCode = 1;
});
