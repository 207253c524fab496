/**
 * How this account's forecasts have done: for each of the last complete
 * months, what the model would have said on its 1st (fitted to the days
 * before it only) against what happened, beside the run-rate projection
 * (the month before's daily average × the month's days). Reports each
 * month's errors, the MAPE of both and the share of months inside the
 * model's interval. Pure: shared by the app (lazy-loaded) and the server.
 */
import { DAY_MS } from './forecast-numerics.ts';
import { forecastDaily } from './forecast.ts';

export interface AccuracyInput {
  /** First day of `daily`, YYYY-MM-DD. */
  start: string;
  /** Cost of every complete day from `start` (the last one the day before the API's today). */
  daily: ArrayLike<number>;
  /** How many of the last complete months to score (default 12). */
  months?: number;
  /** Days of history a forecast needs before the month's 1st (default 90). */
  minHistory?: number;
  level?: number;
  paths?: number;
}

export interface AccuracyMonth {
  month: string;
  actual: number;
  forecast: number;
  lower: number;
  upper: number;
  inside: boolean;
  runRate: number;
}

export interface AccuracyReport {
  level: number;
  months: AccuracyMonth[];
  /** Mean absolute percentage errors (%), NaN without months. */
  modelMape: number;
  runRateMape: number;
  /** Share of months inside the model's interval (0–1). */
  coverage: number;
}

const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Scores one month at a time; `onMonth` may yield between them (the app keeps the page responsive). */
export async function accuracyReport(input: AccuracyInput, onMonth?: () => Promise<void>): Promise<AccuracyReport> {
  const start = Date.parse(`${input.start}T00:00:00Z`);
  const n = input.daily.length;
  const level = input.level ?? 0.8;
  const minHistory = input.minHistory ?? 90;
  const end = start + n * DAY_MS;
  // complete months inside the history, latest last
  const firsts: number[] = [];
  const d0 = new Date(start);
  for (let m = Date.UTC(d0.getUTCFullYear(), d0.getUTCMonth(), 1); m < end; ) {
    const next = Date.UTC(new Date(m).getUTCFullYear(), new Date(m).getUTCMonth() + 1, 1);
    if (m >= start && next <= end) firsts.push(m);
    m = next;
  }
  const values = Array.from(input.daily);
  const sum = (from: number, to: number) => {
    let s = 0;
    for (let i = from; i < to; i++) s += values[i]!;
    return s;
  };
  const out: AccuracyMonth[] = [];
  for (const first of firsts.slice(-(input.months ?? 12))) {
    const origin = Math.round((first - start) / DAY_MS);
    if (origin < minHistory) continue;
    const monthEnd = Date.UTC(new Date(first).getUTCFullYear(), new Date(first).getUTCMonth() + 1, 1);
    const days = Math.round((monthEnd - first) / DAY_MS);
    const f = forecastDaily([{ key: 'total', values: values.slice(0, origin) }], {
      start: input.start,
      throughMonth: iso(first).slice(0, 7),
      level,
      paths: input.paths ?? 1000,
      seed: 29,
      dailyIntervals: false,
    });
    const m = f.total.monthly.at(-1)!;
    const actual = sum(origin, origin + days);
    const prevFirst = Date.UTC(new Date(first).getUTCFullYear(), new Date(first).getUTCMonth() - 1, 1);
    const p = Math.max(0, Math.round((prevFirst - start) / DAY_MS));
    const runRate = origin > p ? (sum(p, origin) / (origin - p)) * days : 0;
    out.push({ month: iso(first).slice(0, 7), actual, forecast: m.mean, lower: m.lower, upper: m.upper, inside: actual >= m.lower && actual <= m.upper, runRate });
    if (onMonth) await onMonth();
  }
  const scored = out.filter((r) => r.actual > 0);
  const mape = (f: (r: AccuracyMonth) => number) =>
    scored.length ? (100 * scored.reduce((a, r) => a + Math.abs(f(r) - r.actual) / r.actual, 0)) / scored.length : NaN;
  return {
    level,
    months: out,
    modelMape: mape((r) => r.forecast),
    runRateMape: mape((r) => r.runRate),
    coverage: out.length ? out.filter((r) => r.inside).length / out.length : NaN,
  };
}
