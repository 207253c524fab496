/**
 * `npm run bench:forecast`: rolling-origin backtest of the cost forecast,
 * side by side in one run:
 *   served    what /usage/forecast and the budgets' worker compute: the model
 *             combined per series with the MSTL peer (peer weight 0, ½ or 1,
 *             chosen on the series' own rolling-origin errors before the
 *             origin), the model's simulated spread widened level by level to
 *             those errors (forecast-fit-daily.ts, forecast-validate.ts);
 *   model     this project's ETS model alone (peer weight 0; server/analytics/forecast.ts),
 *             weekly and yearly seasonality, spikes and level shifts handled,
 *             intervals from a joint bootstrap calibrated the same way;
 *   mstl      @bsull/augurs MSTL + AutoETS (server/analytics/forecast-mstl.ts),
 *             weekly and, from two years of history, yearly seasonality, its
 *             own intervals;
 *   combined  the equal-weight mean of the two, points and interval bounds
 *             (quantile averaging, Lichtendahl et al. 2013), as measured
 *             alternative;
 *   run-rate  the reference's projection (month-to-date daily average × days
 *             in the month; for later months the last complete month's);
 *   seasonal naive  known days + the last seven days repeated (same weekday).
 *
 * Horizons: "month in progress" (origin on the 16th: 15 known days + the
 * rest), "next month" (origin on the 1st) and "third month" (origin on the 1st
 * of the month two before, e.g. made on 1 March for May). Scores: MAPE of the
 * month's total, and the share of months inside the 80% and 95% intervals.
 *
 * Data. 1. The sandbox: for each SANDBOX_NOW in BENCH_NOWS (default three),
 * the database is created in-process on a temporary file and the daily cost
 * per resource type (USD) read from it; each resource type, the total and the
 * total excluding training. The model forecasts the types jointly and sums
 * them (as the server does); the library is fitted to each series itself.
 * 2. Public daily counts (forecast-public.ts: US births from the CDC and the
 * SSA), not used for tuning. Origins every BENCH_PUBLIC_STEP-th month (default
 * 6) once BENCH_WINDOW (default 1096) days of history exist; every method
 * sees the last BENCH_WINDOW days.
 *
 * Env: BENCH_PART (sandbox | public | all), BENCH_SERIES (only the public
 * series whose names contain it), BENCH_DUMP (a JSON file of every
 * scored forecast), BENCH_NOWS, BENCH_PATHS (simulated paths, default 1000),
 * BENCH_MIN_DAYS (90), BENCH_PUBLIC_STEP, BENCH_WINDOW, BENCH_ORACLE=1 (also
 * the training oracle of training-oracle.ts, BENCH_SEEDS draws).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { RESOURCE_TYPES, type ResourceType } from '../src/contract/billing.ts';
import { Database } from '../server/db/database.ts';
import { fitDaily, forecastDaily, type EtsModel } from '../server/analytics/forecast.ts';
import { mstlDaily, mstlPeer, mstlPeriod } from '../server/analytics/forecast-mstl-node.ts';
import { publicDailySeries } from './forecast-public.ts';
import { trainingBound, type BoundCase, type BoundHistory } from './training-oracle.ts';

const NOWS = (process.env.BENCH_NOWS ?? '2024-01-01T00:00:00Z,2024-07-01T00:00:00Z,2025-01-01T00:00:00Z').split(',').filter(Boolean);
const PATHS = Number(process.env.BENCH_PATHS || 1000);
const MIN_DAYS = Number(process.env.BENCH_MIN_DAYS || 90);
const PUBLIC_STEP = Number(process.env.BENCH_PUBLIC_STEP || 6);
const WINDOW = Number(process.env.BENCH_WINDOW || 1096);
const ORACLE = process.env.BENCH_ORACLE === '1';
const DUMP = process.env.BENCH_DUMP;
const dumped: unknown[] = [];
const SEEDS = Number(process.env.BENCH_SEEDS || 200);
const LEVELS = [0.8, 0.95];
const HORIZONS = ['month in progress', 'next month', 'third month'] as const;
type Horizon = (typeof HORIZONS)[number];
const PART = process.env.BENCH_PART ?? 'all';
/** Only the public series whose names contain this (e.g. "1969"), to split a run over processes. */
const SERIES = process.env.BENCH_SERIES ?? '';
const METHODS = ['served', 'model', 'mstl', 'combined', 'runRate', 'seasonalNaive'] as const;
type Method = (typeof METHODS)[number];
const LABEL: Record<Method, string> = { served: 'served', model: 'model', mstl: 'MSTL+ETS', combined: 'combined', runRate: 'run-rate', seasonalNaive: 'seasonal naive' };
const WITH_INTERVALS: Method[] = ['served', 'model', 'mstl', 'combined'];
const EXCL_TRAINING = 'total excl. training';
const COVERAGE_POINTS = 5;

// ---------------------------------------------------------------- scoring

type Bounds = Array<[number, number]>;
interface Case {
  actual: number;
  forecasts: Record<Method, number>;
  intervals: Partial<Record<Method, Bounds>>;
}

class Scores {
  private cases = new Map<string, Case[]>();
  add(group: string, c: Case) {
    let list = this.cases.get(group);
    if (!list) this.cases.set(group, (list = []));
    list.push(c);
  }
  groups() {
    return [...this.cases.keys()];
  }
  count(group: string) {
    return this.cases.get(group)?.length ?? 0;
  }
  mape(group: string, method: Method): number {
    const list = (this.cases.get(group) ?? []).filter((c) => c.actual !== 0);
    return (100 * list.reduce((a, c) => a + Math.abs(c.forecasts[method] - c.actual) / Math.abs(c.actual), 0)) / list.length;
  }
  coverage(group: string, method: Method, k: number): number {
    const list = (this.cases.get(group) ?? []).filter((c) => c.intervals[method]);
    if (list.length === 0) return NaN;
    return (100 * list.filter((c) => c.actual >= c.intervals[method]![k]![0] && c.actual <= c.intervals[method]![k]![1]).length) / list.length;
  }
}

const f1 = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '–');

const OTHERS = METHODS.filter((m) => m !== 'served');

function table(scores: Scores, groups: string[], label: string): string[] {
  const lines = [
    `| ${label} | n | ${METHODS.map((m) => `${LABEL[m]} MAPE %`).join(' | ')} | best other | served ÷ best | ${WITH_INTERVALS.map((m) => `${LABEL[m]} 80/95% cov.`).join(' | ')} |`,
    `| --- | ---: | ${METHODS.map(() => '---:').join(' | ')} | --- | ---: | ${WITH_INTERVALS.map(() => '---:').join(' | ')} |`,
  ];
  for (const g of groups) {
    const mapes = METHODS.map((m) => scores.mape(g, m));
    const others = OTHERS.map((m) => scores.mape(g, m));
    const bestOther = Math.min(...others);
    const best = OTHERS[others.indexOf(bestOther)]!;
    const cov = WITH_INTERVALS.map((m) => `${f1(scores.coverage(g, m, 0))} / ${f1(scores.coverage(g, m, 1))}`);
    lines.push(`| ${g} | ${scores.count(g)} | ${mapes.map(f1).join(' | ')} | ${LABEL[best]} | ${(mapes[0]! / bestOther).toFixed(2)} | ${cov.join(' | ')} |`);
  }
  return lines;
}

/**
 * Served against the best in hindsight: per cell (a horizon and series) the
 * best method's MAPE is what an oracle choosing one method per cell would
 * reach; served is chosen on validation before each origin. Prints the mean
 * MAPE over the cells of each method and of that oracle, each method's
 * average rank over the cells (1 best), the cells where served is best or
 * within 1.1×, 1.3× and 1.5× of the best other, and its largest ratio.
 */
function selectionSummary(label: string, scores: Scores, groups: string[]): string[] {
  const cells = groups.filter((g) => scores.count(g) > 0);
  if (cells.length === 0) return [];
  const mape = Object.fromEntries(METHODS.map((m) => [m, cells.map((g) => scores.mape(g, m))])) as Record<Method, number[]>;
  const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const oracle = cells.map((_, i) => Math.min(...OTHERS.map((m) => mape[m][i]!)));
  const ranks = Object.fromEntries(METHODS.map((m) => [m, cells.map((_, i) => 1 + METHODS.filter((o) => mape[o][i]! < mape[m][i]! - 1e-9).length)])) as Record<Method, number[]>;
  const ratio = cells.map((_, i) => mape.served[i]! / oracle[i]!);
  const within = (r: number) => ratio.filter((x) => x <= r + 1e-9).length;
  return [
    `${label} (${cells.length} cells): mean MAPE over cells ${METHODS.map((m) => `${LABEL[m]} ${f1(avg(mape[m]))}`).join(', ')}; oracle (best other per cell) ${f1(avg(oracle))}.`,
    `  average rank (1 best of ${METHODS.length}): ${METHODS.map((m) => `${LABEL[m]} ${avg(ranks[m]).toFixed(2)}`).join(', ')}.`,
    `  served ÷ best other: at or below 1 in ${within(1)}, ≤ 1.1 in ${within(1.1)}, ≤ 1.3 in ${within(1.3)}, ≤ 1.5 in ${within(1.5)} of ${cells.length} cells; largest ${Math.max(...ratio).toFixed(2)} (${cells[ratio.indexOf(Math.max(...ratio))]}).`,
  ];
}

const sum = (xs: ArrayLike<number>, from: number, to: number) => {
  let s = 0;
  for (let i = from; i < to; i++) s += xs[i]!;
  return s;
};

// ---------------------------------------------------------------- calendar

const dayIso = (startMs: number, i: number) => new Date(startMs + i * 86_400_000).toISOString().slice(0, 10);

interface Target {
  horizon: Horizon;
  /** Day indices: first day of the scored month, the origin (first unknown day), the month's end (exclusive). */
  start: number;
  origin: number;
  end: number;
  month: string;
  daysInMonth: number;
  /** The last complete month before the origin (the run-rate's). */
  lastFull: number;
  lastFullEnd: number;
}

/** Every complete month of a daily history from `startIso`, with the origins of the three horizons. */
function targets(startIso: string, n: number, minOrigin: number, monthStep = 1): Target[] {
  const startMs = Date.parse(`${startIso}T00:00:00Z`);
  const monthStarts: number[] = [];
  for (let i = 0; i < n; i++) if (dayIso(startMs, i).endsWith('-01')) monthStarts.push(i);
  const out: Target[] = [];
  for (let k = 0; k < monthStarts.length; k++) {
    const start = monthStarts[k]!;
    const end = monthStarts[k + 1] ?? n;
    const month = dayIso(startMs, start).slice(0, 7);
    const daysInMonth = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate();
    if (end - start !== daysInMonth || k % monthStep !== 0) continue;
    for (const horizon of HORIZONS) {
      const origin = horizon === 'month in progress' ? start + 15 : horizon === 'next month' ? start : monthStarts[k - 2];
      if (origin === undefined || origin < minOrigin) continue;
      const lastFull = monthStarts.filter((i) => i < origin && i + 28 <= origin).at(-1) ?? 0;
      const lastFullEnd = monthStarts.find((i) => i > lastFull) ?? origin;
      out.push({ horizon, start, origin, end, month, daysInMonth, lastFull, lastFullEnd });
    }
  }
  return out;
}

function baselines(series: ArrayLike<number>, t: Target): { known: number; runRate: number; seasonalNaive: number } {
  const known = t.origin > t.start ? sum(series, t.start, t.origin) : 0;
  let seasonalNaive = known;
  for (let d = Math.max(t.origin, t.start); d < t.end; d++) seasonalNaive += series[t.origin - 7 + ((d - t.origin) % 7)]!;
  const runRate =
    t.horizon === 'month in progress'
      ? (known / (t.origin - t.start)) * t.daysInMonth
      : (sum(series, t.lastFull, t.lastFullEnd) / (t.lastFullEnd - t.lastFull)) * t.daysInMonth;
  return { known, runRate, seasonalNaive };
}

/** The library's forecast of days [max(origin, start), end) from the history before the origin (last `window` days). */
function mstlMonth(series: ArrayLike<number>, t: Target, window: number) {
  const from = Math.max(0, t.origin - window);
  const f = mstlDaily(Array.prototype.slice.call(series, from, t.origin) as number[], t.end - t.origin, LEVELS);
  return mstlPeriod(f, Math.max(0, t.start - t.origin), t.end - t.origin);
}

interface Part {
  mean: number;
  intervals: Array<{ lower: number; upper: number }>;
}

interface Scored {
  group: string;
  series: ArrayLike<number>;
  t: Target;
  /** The served forecast, the model alone (peer weight 0) and the library alone. */
  served: Part;
  model: Part;
  mstl: Part;
  /** The served model of a single series (not of a sum): its blend and rolling-origin records, for the dump. */
  fitted?: EtsModel;
}

function score(scores: Scores, { group, series, t, served, model, mstl, fitted }: Scored): void {
  const { known, runRate, seasonalNaive } = baselines(series, t);
  const combined = combineForecasts([model, mstl]);
  // the served run-rate candidate (the last 28 days' mean per forecast day), for re-scoring a dump
  const rate28 = (sum(series, t.origin - 28, t.origin) / 28) * (t.end - Math.max(t.origin, t.start));
  if (DUMP) dumped.push({ group, horizon: t.horizon, month: t.month, origin: t.origin, start: t.start, actual: sum(series, t.start, t.end), known, runRate, rate28, seasonalNaive, served, model, mstl, blend: fitted?.blend, records: fitted?.validation });
  const shift = (p: Part): Bounds => p.intervals.map((iv) => [known + iv.lower, known + iv.upper]);
  scores.add(`${t.horizon} · ${group}`, {
    actual: sum(series, t.start, t.end),
    forecasts: { served: known + served.mean, model: known + model.mean, mstl: known + mstl.mean, combined: known + combined.mean, runRate, seasonalNaive },
    intervals: { served: shift(served), model: shift(model), mstl: shift(mstl), combined: shift(combined) },
  });
}

/** Equal-weight mean of forecasts: points and each interval bound. */
function combineForecasts(parts: Part[]): Part {
  const k = Math.min(...parts.map((p) => p.intervals.length));
  const avg = (f: (p: Part) => number) => parts.reduce((a, p) => a + f(p), 0) / parts.length;
  return { mean: avg((p) => p.mean), intervals: Array.from({ length: k }, (_, i) => ({ lower: avg((p) => p.intervals[i]!.lower), upper: avg((p) => p.intervals[i]!.upper) })) };
}

// ---------------------------------------------------------------- sandbox history

interface History {
  now: string;
  days: string[];
  byType: Record<ResourceType, number[]>;
  fillMs: number;
}

async function loadHistory(now: string): Promise<History> {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'forecast-bench-'));
  const db = await Database.open(path.join(dir, 'billing.duckdb'));
  try {
    const t0 = performance.now();
    await db.ensureData(Date.parse(now));
    const fillMs = performance.now() - t0;
    const cols = await db.columns<{ day: string[]; t: ResourceType[]; c: number[] }>(
      `SELECT strftime(day, '%Y-%m-%d') AS day, resource_type AS t, CAST(sum(cost_usd) AS DOUBLE) AS c
       FROM usage_daily WHERE day < CAST($1 AS DATE) GROUP BY ALL ORDER BY day`,
      [now.slice(0, 10)],
    );
    const first = Date.parse(`${cols.day[0]}T00:00:00Z`);
    const last = Date.parse(`${cols.day.at(-1)}T00:00:00Z`);
    const days: string[] = [];
    for (let t = first; t <= last; t += 86_400_000) days.push(new Date(t).toISOString().slice(0, 10));
    const index = new Map(days.map((d, i) => [d, i]));
    const byType = Object.fromEntries(RESOURCE_TYPES.map((t) => [t, new Array<number>(days.length).fill(0)])) as Record<ResourceType, number[]>;
    for (let i = 0; i < cols.day.length; i++) byType[cols.t[i]!][index.get(cols.day[i]!)!]! += cols.c[i]!;
    return { now, days, byType, fillMs };
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

function backtestSandbox(h: History, scores: Scores, bound: BoundCase[]): number {
  const others = RESOURCE_TYPES.filter((t) => t !== 'training');
  const total = h.days.map((_, i) => RESOURCE_TYPES.reduce((a, t) => a + h.byType[t][i]!, 0));
  const noTraining = h.days.map((_, i) => others.reduce((a, t) => a + h.byType[t][i]!, 0));
  let fits = 0;
  for (const t of targets(h.days[0]!, h.days.length, MIN_DAYS)) {
    const series = RESOURCE_TYPES.map((r) => ({ key: r, values: h.byType[r].slice(0, t.origin) }));
    const models: EtsModel[] = fitDaily(series, undefined, h.days[0], mstlPeer);
    const plain = models.map((m) => ({ ...m, blend: undefined }));
    const opts = { start: h.days[0]!, throughMonth: t.month, level: LEVELS[0]!, levels: LEVELS, paths: PATHS, dailyIntervals: false, seed: 7 + t.start };
    const idx = others.map((r) => RESOURCE_TYPES.indexOf(r));
    const run = (ms: EtsModel[]) => ({
      all: forecastDaily(series, { ...opts, models: ms, peer: mstlPeer }),
      part: forecastDaily(
        idx.map((i) => series[i]!),
        { ...opts, models: idx.map((i) => ms[i]!), peer: mstlPeer },
      ),
    });
    const own = run(plain);
    const sel = run(models);
    fits += 1;
    const last = own.all.total.monthly.length - 1;
    const at = (f: typeof own.all) => f.total.monthly[last]!;
    RESOURCE_TYPES.forEach((r, j) =>
      score(scores, { group: r, series: h.byType[r], t, served: sel.all.series[j]!.monthly[last]!, model: own.all.series[j]!.monthly[last]!, mstl: mstlMonth(h.byType[r], t, WINDOW), fitted: models[j] }),
    );
    score(scores, { group: 'total', series: total, t, served: at(sel.all), model: at(own.all), mstl: mstlMonth(total, t, WINDOW) });
    score(scores, { group: EXCL_TRAINING, series: noTraining, t, served: at(sel.part), model: at(own.part), mstl: mstlMonth(noTraining, t, WINDOW) });
    bound.push({ ...t, othersModel: own.part.total.monthly[last]!.mean });
  }
  return fits;
}

// ---------------------------------------------------------------- public daily series

function backtestPublic(name: string, start: string, values: number[], scores: Scores): number {
  let fits = 0;
  for (const t of targets(start, values.length, WINDOW, PUBLIC_STEP)) {
    const from = t.origin - WINDOW;
    const startMs = Date.parse(`${start}T00:00:00Z`);
    const series = [{ key: name, values: values.slice(from, t.origin) }];
    const models = fitDaily(series, undefined, dayIso(startMs, from), mstlPeer);
    const opts = { start: dayIso(startMs, from), throughMonth: t.month, level: LEVELS[0]!, levels: LEVELS, paths: PATHS, dailyIntervals: false, seed: 11 + t.start, peer: mstlPeer };
    const own = forecastDaily(series, { ...opts, models: models.map((m) => ({ ...m, blend: undefined })) });
    const sel = forecastDaily(series, { ...opts, models });
    fits++;
    score(scores, { group: name, series: values, t, served: sel.total.monthly.at(-1)!, model: own.total.monthly.at(-1)!, mstl: mstlMonth(values, t, WINDOW), fitted: models[0] });
  }
  return fits;
}

// ---------------------------------------------------------------- main

function coverageVerdicts(label: string, scores: Scores, groups: string[]): void {
  for (const m of WITH_INTERVALS) {
    for (const [k, level] of LEVELS.entries()) {
      const gs = groups.filter((g) => Number.isFinite(scores.coverage(g, m, k)));
      const n = gs.reduce((a, g) => a + scores.count(g), 0);
      if (n === 0) continue;
      const cov = gs.reduce((a, g) => a + scores.coverage(g, m, k) * scores.count(g), 0) / n;
      // binomial standard error at the nominal level (the forecasts of a horizon are not independent: a floor)
      const se = 100 * Math.sqrt((level * (1 - level)) / n);
      const verdict = Math.abs(cov - 100 * level) <= COVERAGE_POINTS ? '' : ` (more than ${COVERAGE_POINTS} points from nominal)`;
      console.log(`- ${label}, ${LABEL[m]} ${100 * level}%: coverage ${f1(cov)}% over ${n} forecasts (one miss ${(100 / n).toFixed(2)} points, SE ±${f1(se)})${verdict}`);
    }
  }
}

async function main(): Promise<void> {
  console.log(`Forecast backtest: node ${process.version}, ${os.cpus().length} CPU(s), ${PATHS} simulated paths per forecast\n`);
  const t0 = performance.now();
  let fits = 0;
  const scores = new Scores();
  const boundHistories: BoundHistory[] = [];
  for (const now of PART === 'public' ? [] : NOWS) {
    const h = await loadHistory(now);
    const t1 = performance.now();
    const cases: BoundCase[] = [];
    const n = backtestSandbox(h, scores, cases);
    const anchor = Date.parse(`${h.days[0]}T00:00:00Z`);
    const others = h.days.map((_, i) => RESOURCE_TYPES.reduce((a, t) => (t === 'training' ? a : a + h.byType[t][i]!), 0));
    boundHistories.push({ anchor, until: anchor + h.days.length * 86_400_000, others, training: h.byType.training, cases });
    fits += n;
    console.log(`- sandbox history to ${now}: ${h.days[0]} … ${h.days.at(-1)} (${h.days.length} days), filled in ${(h.fillMs / 1000).toFixed(1)} s; ${n} origins in ${((performance.now() - t1) / 1000).toFixed(1)} s`);
  }
  const pub = new Scores();
  const t2 = performance.now();
  const series = PART === 'sandbox' ? [] : publicDailySeries().filter((s) => s.name.includes(SERIES));
  for (const s of series) fits += backtestPublic(s.name, s.start, s.values, pub);
  console.log(`- public daily series (${((performance.now() - t2) / 1000).toFixed(1)} s): ${series.map((s) => `${s.name} (${s.source}; ${s.values.length} days)`).join('; ')}`);

  const order = (horizon: string) => [`${horizon} · total`, `${horizon} · ${EXCL_TRAINING}`, ...RESOURCE_TYPES.map((t) => `${horizon} · ${t}`)];
  console.log('\n### Sandbox: monthly cost (USD)\n');
  for (const line of table(scores, HORIZONS.flatMap(order).filter((g) => scores.count(g) > 0), 'horizon · series')) console.log(line);
  console.log(`\n### Public daily counts, monthly totals (last ${WINDOW} days of history; every ${PUBLIC_STEP}th month)\n`);
  for (const line of table(pub, HORIZONS.flatMap((hz) => series.map((s) => `${hz} · ${s.name}`)), 'horizon · series')) console.log(line);

  console.log('\n### Served against the best in hindsight\n');
  for (const line of selectionSummary('Sandbox', scores, HORIZONS.flatMap(order))) console.log(line);
  for (const line of selectionSummary('Public', pub, HORIZONS.flatMap((hz) => series.map((s) => `${hz} · ${s.name}`)))) console.log(line);

  console.log('\n### Coverage over all series of a horizon\n');
  for (const hz of HORIZONS) {
    coverageVerdicts(`sandbox ${hz}`, scores, order(hz));
    coverageVerdicts(`public ${hz}`, pub, series.map((s) => `${hz} · ${s.name}`));
  }

  if (ORACLE) {
    const t3 = performance.now();
    console.log(`\n### What any forecaster could reach on the sandbox total (${SEEDS} draws of the training jobs)\n`);
    console.log('| horizon | run-rate MAPE % (sandbox) | oracle, model others % | oracle, perfect others % | other draws: run-rate % | oracle, model others % |');
    console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
    const med = (xs: number[]) => [...xs].sort((p, q) => p - q)[Math.floor(xs.length / 2)]!;
    for (const b of trainingBound(boundHistories, HORIZONS, SEEDS)) {
      console.log(
        `| ${b.horizon} | ${f1(b.sandbox.runRate)} | ${f1(b.sandbox.oracleModelOthers)} | ${f1(b.sandbox.oraclePerfectOthers)} | ${f1(med(b.worlds.map((w) => w.runRate)))} | ${f1(med(b.worlds.map((w) => w.oracleModelOthers)))} |`,
      );
    }
    console.log(`\n(oracle ${((performance.now() - t3) / 1000).toFixed(1)} s)`);
  }
  if (DUMP) (await import('node:fs')).writeFileSync(DUMP, JSON.stringify(dumped));
  console.log(`\n${fits} origins in ${((performance.now() - t0) / 1000).toFixed(1)} s.`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exitCode = 1;
});
