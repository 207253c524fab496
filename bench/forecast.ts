/**
 * `npm run bench:forecast`: rolling-origin backtest of the cost forecast
 * model (server/analytics/forecast.ts) against simple baselines.
 *
 * 1. The sandbox's own history. For each SANDBOX_NOW in BENCH_NOWS (default
 *    three, each giving twelve complete months), the sandbox database is
 *    created in-process on a temporary file and the daily cost per resource
 *    type (USD) is read from it. Origins are the 1st and the 16th of every
 *    month with at least BENCH_MIN_DAYS (90) days of history before it; the
 *    model sees only the complete days before the origin.
 *    - "month in progress": origin on the 16th, forecast of the month's total
 *      (15 known days + the rest).
 *        run-rate       = month-to-date daily average × days in the month
 *                         (the reference's projection)
 *        seasonal naive = known days + the last seven days repeated (same weekday)
 *        model          = known days + the model's forecast of the rest
 *    - "next month": origin on the 1st, forecast of that whole month.
 *        run-rate       = previous month's daily average × days in the month
 *        seasonal naive = the last seven days repeated
 *    - "third month": origin on the 1st of the month two before (e.g. a
 *      forecast made on 1 March for May), same baselines as "next month".
 *    The model forecasts each resource type and sums them; the interval is
 *    that of the summed simulated paths. "total excl. training" is the sum of
 *    the other five types (point forecasts only). The histories share one
 *    catalogue (clusters and endpoints launched on the 1st of the same months
 *    counted from the start of the history), so their months are not
 *    independent trials.
 * 2. Public monthly series from the vega-datasets package: co2-concentration
 *    (Mauna Loa CO2, gaps filled by linear interpolation) and stocks (the
 *    monthly price of each symbol). Rolling origins (at least 36 months of
 *    history; every BENCH_CO2_STEP-th month for CO2), one month ahead.
 *        run-rate (naive) = the last month's value
 *        seasonal naive   = the value twelve months before
 *    The model here is the same ETS family with period 12 and one-step
 *    (likelihood) fitting, which is what a one-month-ahead forecast of a
 *    monthly series calls for.
 *
 * 3. What any forecaster could reach on the sandbox total (training-oracle.ts):
 *    an oracle that knows every training job already launched (end included),
 *    the generator's distribution of the jobs to come, and the model's (or the
 *    actual) cost of the other types, scored against the run-rate in the
 *    sandbox's own draw of training jobs and in BENCH_SEEDS (default 200)
 *    other draws of the same process.
 *
 * Prints markdown tables: MAPE per method and empirical coverage of the
 * model's 80% and 95% intervals. Env: BENCH_NOWS (comma-separated ISO
 * times), BENCH_PATHS (simulated paths, default 1000), BENCH_MIN_DAYS,
 * BENCH_CO2_STEP (default 3), BENCH_FIT (JSON FitOptions overriding the daily
 * fit, to compare variants), BENCH_DETAIL=1 (one line per sandbox origin).
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { RESOURCE_TYPES, type ResourceType } from '../src/contract/billing.ts';
import { Database } from '../server/db/database.ts';
import { fitEts, forecastDaily, simulateJoint, type FitOptions } from '../server/analytics/forecast.ts';
import { trainingBound, type BoundCase, type BoundHistory } from './training-oracle.ts';

const NOWS = (process.env.BENCH_NOWS || '2024-01-01T00:00:00Z,2024-07-01T00:00:00Z,2025-01-01T00:00:00Z').split(',');
const PATHS = Number(process.env.BENCH_PATHS || 1000);
const MIN_DAYS = Number(process.env.BENCH_MIN_DAYS || 90);
const CO2_STEP = Number(process.env.BENCH_CO2_STEP || 3);
const DETAIL = process.env.BENCH_DETAIL === '1';
/** Overrides of the daily fit options (JSON FitOptions), to compare variants. */
const FIT = JSON.parse(process.env.BENCH_FIT || '{}') as FitOptions;
const SEEDS = Number(process.env.BENCH_SEEDS || 200);
const LEVELS = [0.8, 0.95] as const;
const HORIZONS = ['month in progress', 'next month', 'third month'] as const;
const STOCKS_ALL = 'stocks, all five';
const EXCL_TRAINING = 'total excl. training';
const TARGET_IMPROVEMENT = 0.3;
const TARGET_COVERAGE_POINTS = 5;

// ---------------------------------------------------------------- scoring

interface Case {
  actual: number;
  forecasts: Record<string, number>;
  /** The model's intervals at 80% and 95%. */
  intervals: Array<[number, number]>;
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
  mape(group: string, method: string): number {
    const list = (this.cases.get(group) ?? []).filter((c) => c.actual !== 0);
    return (100 * list.reduce((a, c) => a + Math.abs(c.forecasts[method]! - c.actual) / Math.abs(c.actual), 0)) / list.length;
  }
  coverage(group: string, k: number): number {
    const list = (this.cases.get(group) ?? []).filter((c) => c.intervals.length > 0);
    if (list.length === 0) return NaN;
    return (100 * list.filter((c) => c.actual >= c.intervals[k]![0] && c.actual <= c.intervals[k]![1]).length) / list.length;
  }
  /** Mean width of the interval relative to the actual value, in %. */
  width(group: string, k: number): number {
    const list = (this.cases.get(group) ?? []).filter((c) => c.actual !== 0 && c.intervals.length > 0);
    if (list.length === 0) return NaN;
    return (100 * list.reduce((a, c) => a + (c.intervals[k]![1] - c.intervals[k]![0]) / Math.abs(c.actual), 0)) / list.length;
  }
}

const f1 = (x: number) => (Number.isFinite(x) ? x.toFixed(1) : '–');

function table(scores: Scores, groups: string[], label: string): string[] {
  const lines = [
    `| ${label} | origins | model MAPE % | run-rate MAPE % | seasonal-naive MAPE % | model vs run-rate | 80% coverage | 95% coverage | 95% width % |`,
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const g of groups) {
    const m = scores.mape(g, 'model');
    const rr = scores.mape(g, 'runRate');
    lines.push(
      `| ${g} | ${scores.count(g)} | ${f1(m)} | ${f1(rr)} | ${f1(scores.mape(g, 'seasonalNaive'))} | ${rr > 0 ? `${f1((100 * (m - rr)) / rr)}%` : '–'} | ${f1(scores.coverage(g, 0))} | ${f1(scores.coverage(g, 1))} | ${f1(scores.width(g, 1))} |`,
    );
  }
  return lines;
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

const sum = (xs: number[], from: number, to: number) => {
  let s = 0;
  for (let i = from; i < to; i++) s += xs[i]!;
  return s;
};

function backtestHistory(h: History, scores: Scores, bound: BoundCase[]): number {
  let fits = 0;
  const monthStarts = h.days.map((d, i) => [d, i] as const).filter(([d]) => d.endsWith('-01'));
  for (let k = 0; k < monthStarts.length; k++) {
    const [firstDay, start] = monthStarts[k]!;
    const end = monthStarts[k + 1]?.[1] ?? h.days.length;
    const month = firstDay.slice(0, 7);
    const daysInMonth = new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 0)).getUTCDate();
    if (end - start !== daysInMonth) continue; // the month must be complete to be scored
    for (const horizon of HORIZONS) {
      // origin: the 16th of the month, its 1st, or the 1st of the month two before
      const origin = horizon === 'month in progress' ? start + 15 : horizon === 'next month' ? start : monthStarts[k - 2]?.[1];
      if (origin === undefined || origin < MIN_DAYS) continue;
      const f = forecastDaily(
        RESOURCE_TYPES.map((t) => ({ key: t, values: h.byType[t].slice(0, origin) })),
        { start: h.days[0]!, throughMonth: month, level: LEVELS[0], levels: [...LEVELS], paths: PATHS, dailyIntervals: false, seed: 7 + k, fit: FIT },
      );
      fits++;
      const target = f.total.monthly.length - 1;
      // the last complete month before the origin, for the run-rate
      const lastFull = monthStarts.filter(([, i]) => i < origin && i + 28 <= origin).at(-1)?.[1] ?? 0;
      const lastFullEnd = monthStarts.find(([, i]) => i > lastFull)?.[1] ?? origin;
      const rows: Array<{ group: string; series: number[]; m: (typeof f.total.monthly)[number] }> = [
        ...RESOURCE_TYPES.map((t, j) => ({ group: t, series: h.byType[t], m: f.series[j]!.monthly[target]! })),
        { group: 'total', series: h.days.map((_, i) => RESOURCE_TYPES.reduce((a, t) => a + h.byType[t][i]!, 0)), m: f.total.monthly[target]! },
      ];
      // total without training (point forecasts only: the mean is additive, the intervals are not)
      const others = RESOURCE_TYPES.filter((t) => t !== 'training');
      const noTraining = {
        group: EXCL_TRAINING,
        series: h.days.map((_, i) => others.reduce((a, t) => a + h.byType[t][i]!, 0)),
        m: { ...f.total.monthly[target]!, mean: others.reduce((a, t) => a + f.series[RESOURCE_TYPES.indexOf(t)]!.monthly[target]!.mean, 0), intervals: [] },
      };
      if (DETAIL) {
        const tot = rows.at(-1)!;
        const actual = sum(tot.series, start, end);
        const known = origin > start ? sum(tot.series, start, origin) : 0;
        const iv = tot.m.intervals[1]!;
        console.log(
          `  ${h.days[origin]} ${horizon.padEnd(17)} actual ${actual.toFixed(0)} model ${(known + tot.m.mean).toFixed(0)} 95% [${(known + iv.lower).toFixed(0)}, ${(known + iv.upper).toFixed(0)}]${actual < known + iv.lower || actual > known + iv.upper ? ' MISS' : ''}`,
        );
      }
      bound.push({ horizon, start, origin, end, daysInMonth, lastFull, lastFullEnd, othersModel: noTraining.m.mean });
      for (const { group, series, m } of [...rows, noTraining]) {
        const actual = sum(series, start, end);
        const known = origin > start ? sum(series, start, origin) : 0;
        let snaive = known;
        for (let d = Math.max(origin, start); d < end; d++) snaive += series[origin - 7 + ((d - origin) % 7)]!;
        const runRate =
          horizon === 'month in progress'
            ? (known / (origin - start)) * daysInMonth
            : (sum(series, lastFull, lastFullEnd) / (lastFullEnd - lastFull)) * daysInMonth;
        scores.add(`${horizon} · ${group}`, {
          actual,
          forecasts: { model: known + m.mean, runRate, seasonalNaive: snaive },
          intervals: m.intervals.map((iv) => [known + iv.lower, known + iv.upper] as [number, number]),
        });
      }
    }
  }
  return fits;
}

// ---------------------------------------------------------------- public monthly series

function dataFile(name: string): string {
  const entry = fileURLToPath(import.meta.resolve('vega-datasets'));
  return readFileSync(path.join(path.dirname(entry), '..', 'data', name), 'utf8');
}

function csv(text: string): Array<Record<string, string>> {
  const [head, ...rows] = text.trim().split(/\r?\n/);
  const keys = head!.split(',');
  return rows.map((r) => Object.fromEntries(r.split(',').map((v, i) => [keys[i]!, v])));
}

/** Monthly values keyed YYYY-MM, gaps filled by linear interpolation. */
function monthly(points: Array<{ month: string; value: number }>): number[] {
  const idx = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 1;
  points.sort((a, b) => idx(a.month) - idx(b.month));
  const out: number[] = [];
  for (let i = 0; i < points.length; i++) {
    const p = points[i]!;
    if (i > 0) {
      const prev = points[i - 1]!;
      const gap = idx(p.month) - idx(prev.month);
      for (let g = 1; g < gap; g++) out.push(prev.value + ((p.value - prev.value) * g) / gap);
    }
    out.push(p.value);
  }
  return out;
}

function publicSeries(): Array<{ name: string; values: number[] }> {
  const co2 = monthly(csv(dataFile('co2-concentration.csv')).map((r) => ({ month: r.Date!.slice(0, 7), value: Number(r.CO2) })));
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const bySymbol = new Map<string, Array<{ month: string; value: number }>>();
  for (const r of csv(dataFile('stocks.csv'))) {
    const [mon, , year] = r.date!.split(' ');
    const month = `${year}-${String(months.indexOf(mon!) + 1).padStart(2, '0')}`;
    let list = bySymbol.get(r.symbol!);
    if (!list) bySymbol.set(r.symbol!, (list = []));
    list.push({ month, value: Number(r.price) });
  }
  return [{ name: 'co2-concentration', values: co2 }, ...[...bySymbol].map(([s, pts]) => ({ name: `stocks ${s}`, values: monthly(pts) }))];
}

function backtestMonthly(name: string, y: number[], scores: Scores, step: number): number {
  let fits = 0;
  for (let o = 36; o < y.length; o += step) {
    const model = fitEts(y.slice(0, o), { period: 12, criterion: 'lik' });
    const sim = simulateJoint([model], 1, { paths: PATHS, levels: [...LEVELS], seed: o, blockLength: 1 });
    fits++;
    const step1 = sim.series[0]!.steps[0]!;
    const c: Case = {
      actual: y[o]!,
      forecasts: { model: step1.mean, runRate: y[o - 1]!, seasonalNaive: y[o - 12]! },
      intervals: step1.intervals.map((iv) => [iv.lower, iv.upper] as [number, number]),
    };
    scores.add(name, c);
    if (name.startsWith('stocks')) scores.add(STOCKS_ALL, c);
  }
  return fits;
}

// ---------------------------------------------------------------- main

async function main(): Promise<void> {
  console.log(`Forecast backtest: node ${process.version}, ${os.cpus().length} CPU(s), ${PATHS} simulated paths per forecast\n`);
  const scores = new Scores();
  const t0 = performance.now();
  let fits = 0;
  const boundHistories: BoundHistory[] = [];
  for (const now of NOWS) {
    const h = await loadHistory(now);
    const t1 = performance.now();
    const cases: BoundCase[] = [];
    const n = backtestHistory(h, scores, cases);
    const anchor = Date.parse(`${h.days[0]}T00:00:00Z`);
    const others = h.days.map((_, i) => RESOURCE_TYPES.reduce((a, t) => (t === 'training' ? a : a + h.byType[t][i]!), 0));
    boundHistories.push({ anchor, until: anchor + h.days.length * 86_400_000, others, training: h.byType.training, cases });
    fits += n;
    console.log(
      `- sandbox history to ${now}: ${h.days[0]} … ${h.days.at(-1)} (${h.days.length} days), filled in ${(h.fillMs / 1000).toFixed(1)} s; ${n} forecasts in ${((performance.now() - t1) / 1000).toFixed(1)} s`,
    );
  }
  const groups = scores.groups();
  const order = (horizon: string) => [
    `${horizon} · total`,
    `${horizon} · ${EXCL_TRAINING}`,
    ...RESOURCE_TYPES.map((t) => `${horizon} · ${t}`).filter((g) => groups.includes(g)),
  ];

  console.log('\n### Sandbox: monthly cost, model vs baselines\n');
  for (const line of table(scores, HORIZONS.flatMap(order), 'horizon · series')) console.log(line);

  const pub = new Scores();
  const t2 = performance.now();
  for (const s of publicSeries()) fits += backtestMonthly(s.name, s.values, pub, s.name.startsWith('co2') ? CO2_STEP : 1);
  console.log(`\n### Public monthly series (vega-datasets), one month ahead (${((performance.now() - t2) / 1000).toFixed(1)} s)\n`);
  for (const line of table(pub, pub.groups(), 'series')) console.log(line);

  const t3 = performance.now();
  const bounds = trainingBound(boundHistories, HORIZONS, SEEDS);
  console.log(`\n### What any forecaster could reach on the sandbox total (${((performance.now() - t3) / 1000).toFixed(1)} s)\n`);
  console.log(
    'Oracle: knows every training job already launched (and when it ends) and the generator\'s distribution of the jobs to come; the other types by the model, or their actual cost. Sandbox: the history scored above. Other draws: the same history with the training jobs drawn anew (' +
      `${SEEDS} draws; medians, and the share of draws where the oracle is at least ${100 * TARGET_IMPROVEMENT}% below the run-rate).\n`,
  );
  console.log('| horizon | draw | run-rate MAPE % | oracle, model others % | vs run-rate | oracle, perfect others % | vs run-rate | draws meeting the target (model others / perfect others) |');
  console.log('| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  const gain = (x: number, rr: number) => `${f1((100 * (x - rr)) / rr)}%`;
  const med = (xs: number[]) => {
    const s = [...xs].sort((p, q) => p - q);
    return s.length % 2 ? s[(s.length - 1) / 2]! : (s[s.length / 2 - 1]! + s[s.length / 2]!) / 2;
  };
  for (const b of bounds) {
    const { sandbox: w0, worlds } = b;
    console.log(
      `| ${b.horizon} | sandbox | ${f1(w0.runRate)} | ${f1(w0.oracleModelOthers)} | ${gain(w0.oracleModelOthers, w0.runRate)} | ${f1(w0.oraclePerfectOthers)} | ${gain(w0.oraclePerfectOthers, w0.runRate)} | – |`,
    );
    const meets = (key: 'oracleModelOthers' | 'oraclePerfectOthers') =>
      `${f1((100 * worlds.filter((w) => w[key] <= (1 - TARGET_IMPROVEMENT) * w.runRate).length) / worlds.length)}%`;
    const rr = med(worlds.map((w) => w.runRate));
    console.log(
      `| ${b.horizon} | other draws (median) | ${f1(rr)} | ${f1(med(worlds.map((w) => w.oracleModelOthers)))} | ${f1(med(worlds.map((w) => (100 * (w.oracleModelOthers - w.runRate)) / w.runRate)))}% | ${f1(med(worlds.map((w) => w.oraclePerfectOthers)))} | ${f1(med(worlds.map((w) => (100 * (w.oraclePerfectOthers - w.runRate)) / w.runRate)))}% | ${meets('oracleModelOthers')} / ${meets('oraclePerfectOthers')} |`,
    );
  }
  console.log('\n### Targets\n');
  // verdicts
  for (const horizon of HORIZONS) {
    const g = `${horizon} · total`;
    const m = scores.mape(g, 'model');
    const rr = scores.mape(g, 'runRate');
    const gain = (rr - m) / rr;
    console.log(
      `- sandbox ${horizon}, total: model MAPE ${f1(m)}% vs run-rate ${f1(rr)}% (${f1(100 * Math.abs(gain))}% ${gain >= 0 ? 'lower' : 'higher'}; target ≥ ${100 * TARGET_IMPROVEMENT}% lower): ${gain >= TARGET_IMPROVEMENT ? 'met' : 'NOT met'}`,
    );
  }
  const coverageLine = (label: string, sc: Scores, gs: string[]) => {
    for (const [k, level] of LEVELS.entries()) {
      const n = gs.reduce((a, g) => a + sc.count(g), 0);
      const cov = gs.reduce((a, g) => a + sc.coverage(g, k) * sc.count(g), 0) / n;
      const ok = Math.abs(cov - 100 * level) <= TARGET_COVERAGE_POINTS;
      console.log(`- ${label}, ${100 * level}% intervals: coverage ${f1(cov)}% over ${n} forecasts (target within ${TARGET_COVERAGE_POINTS} points): ${ok ? 'met' : 'NOT met'}`);
    }
  };
  for (const horizon of HORIZONS) coverageLine(`sandbox ${horizon}, total`, scores, [`${horizon} · total`]);
  coverageLine('public series', pub, pub.groups().filter((g) => g !== STOCKS_ALL));
  console.log(`\n${fits} forecasts in ${((performance.now() - t0) / 1000).toFixed(1)} s.`);
}

main().catch((err: unknown) => {
  console.error(err instanceof Error ? (err.stack ?? err.message) : err);
  process.exitCode = 1;
});
