/**
 * Budget breach probability: from a budget's daily cost history (its
 * resource types, one constant currency), the chance that this month's spend
 * passes each threshold by the month's end, and when it is expected to.
 *
 * The history's complete days are forecast by the cost model (forecastDaily:
 * ETS with weekly and, from two years, yearly seasonality, spikes and level
 * shifts handled, bootstrap paths calibrated to the history's rolling-origin
 * errors; with the MSTL peer combined as the series' own errors chose, as
 * /usage/forecast does) from the API's "today" (the day in
 * progress, whose partial cost is not a day's worth) through the month's
 * last day. On each simulated path the month's spend is the spend of its
 * complete days plus the path's days; a threshold is passed on the first day
 * that sum reaches it. The probability is the share of paths that pass it
 * by the month's end; the expected day is the median passing day of those
 * paths and the range their 10th–90th percentile days (an 80% range).
 * A threshold the spend so far (today included) has reached is "reached".
 * Pure: shared by the app (lazy-loaded) and the server.
 */
import { DAY_MS, quantileSorted } from './forecast-numerics.ts';
import { forecastDaily, type PeerForecaster } from './forecast.ts';

export interface BreachInput {
  /** First day of `daily`, YYYY-MM-DD. */
  start: string;
  /** Cost of every complete day from `start` through the day before `today`. */
  daily: ArrayLike<number>;
  /** The API's current day, YYYY-MM-DD (its period: startDate + daysElapsed − 1). */
  today: string;
  /** Cost of the day in progress so far. */
  todayCost: number;
  /** Thresholds to judge, in the history's currency. */
  amounts: number[];
  /** Interval level of the month-end projection (default 0.8). */
  level?: number;
  paths?: number;
  seed?: number;
  /**
   * The peer forecaster the served forecast combines with (MSTL, forecast-mstl.ts), as on
   * /usage/forecast; without it the model alone. Not sent to the worker: it builds its own.
   */
  peer?: PeerForecaster;
}

export interface ThresholdBreach {
  amount: number;
  /** Share of simulated months whose spend reaches `amount` by the month's end (1 when already reached). */
  probability: number;
  reached: boolean;
  /** When paths reach it (and it is not reached yet): median day and 80% range, YYYY-MM-DD. */
  expected?: { date: string; earliest: string; latest: string };
}

export interface BreachOutlook {
  month: string;
  /** Spend of the month's complete days, and with today's cost so far. */
  spentComplete: number;
  spentToDate: number;
  /** The month's projected total: mean and interval. */
  projected: { mean: number; lower: number; upper: number; level: number };
  thresholds: ThresholdBreach[];
}

const dayMs = (iso: string) => Date.parse(`${iso}T00:00:00Z`);
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export const BREACH_PATHS = 1000;
/** Complete days the model needs; fewer and the month is projected at the recent daily mean with no spread. */
export const MIN_BREACH_HISTORY = 14;

/** The month's simulated spend paths, from which any threshold can be judged (judgeThresholds). */
export interface MonthPaths {
  month: string;
  today: string;
  spentComplete: number;
  spentToDate: number;
  projected: BreachOutlook['projected'];
  paths: number;
  days: number;
  /** Each path's month spend by the end of each remaining day (path-major, paths × days). */
  cumulative: Float64Array;
}

export function simulateMonth(input: Omit<BreachInput, 'amounts'>): MonthPaths {
  const today = dayMs(input.today);
  const start = dayMs(input.start);
  const n = input.daily.length;
  if (Math.round((today - start) / DAY_MS) !== n) throw new Error('daily must run from start through the day before today');
  const month = input.today.slice(0, 7);
  const monthStart = Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)) - 1, 1);
  const monthEnd = Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5, 7)), 1);
  let spentComplete = 0;
  for (let i = Math.max(0, Math.round((monthStart - start) / DAY_MS)); i < n; i++) spentComplete += input.daily[i]!;
  const spentToDate = spentComplete + input.todayCost;
  const level = input.level ?? 0.8;
  const days = Math.round((monthEnd - today) / DAY_MS);
  const P = input.paths ?? BREACH_PATHS;

  const cumulative = new Float64Array(P * days);
  if (n >= MIN_BREACH_HISTORY) {
    const f = forecastDaily([{ key: 'budget', values: input.daily }], {
      start: input.start,
      throughMonth: month,
      level,
      paths: P,
      seed: input.seed ?? 17,
      dailyIntervals: true,
      peer: input.peer,
    });
    const paths = f.totalDayPaths!;
    for (let p = 0; p < P; p++) {
      let c = spentComplete;
      for (let h = 0; h < days; h++) cumulative[p * days + h] = c += paths[p * days + h]!;
    }
  } else {
    let recent = 0;
    for (let i = 0; i < n; i++) recent += input.daily[i]! / n;
    for (let p = 0; p < P; p++) for (let h = 0; h < days; h++) cumulative[p * days + h] = spentComplete + recent * (h + 1);
  }
  const finals = Float64Array.from({ length: P }, (_, p) => (days > 0 ? cumulative[p * days + days - 1]! : spentComplete)).sort();
  const mean = finals.reduce((a, b) => a + b, 0) / P;
  const projected = {
    mean: Math.max(mean, spentToDate),
    lower: Math.max(quantileSorted(finals, (1 - level) / 2), spentToDate),
    upper: Math.max(quantileSorted(finals, (1 + level) / 2), spentToDate),
    level,
  };
  return { month, today: input.today, spentComplete, spentToDate, projected, paths: P, days, cumulative };
}

/** Per amount: the chance to reach it by the month's end and the expected day (see the module comment). */
export function judgeThresholds(m: MonthPaths, amounts: number[]): ThresholdBreach[] {
  const { paths: P, days, cumulative } = m;
  const today = dayMs(m.today);
  return amounts.map((amount): ThresholdBreach => {
    if (m.spentToDate >= amount) return { amount, probability: 1, reached: true };
    const crossings: number[] = [];
    for (let p = 0; p < P; p++)
      for (let h = 0; h < days; h++)
        if (cumulative[p * days + h]! >= amount) {
          crossings.push(h);
          break;
        }
    const probability = crossings.length / P;
    if (crossings.length === 0) return { amount, probability, reached: false };
    crossings.sort((a, b) => a - b);
    const at = (q: number) => iso(today + Math.round(quantileSorted(crossings, q)) * DAY_MS);
    return { amount, probability, reached: false, expected: { date: at(0.5), earliest: at(0.1), latest: at(0.9) } };
  });
}

export function breachOutlook(input: BreachInput): BreachOutlook {
  const m = simulateMonth(input);
  return { month: m.month, spentComplete: m.spentComplete, spentToDate: m.spentToDate, projected: m.projected, thresholds: judgeThresholds(m, input.amounts) };
}

/**
 * The paths centred on a given month-end projection (the projection of
 * record): every path's spend after the complete days is scaled by one factor
 * so that the median month end equals `target`. Chances and dates then agree
 * with that figure: a budget below it is passed on more than half the paths,
 * one above it on fewer. Unchanged when there is nothing to scale (no days
 * left, or a median or target not above the spend of the complete days).
 */
export function anchorPaths(m: MonthPaths, target: number): MonthPaths {
  const { paths: P, days, cumulative, spentComplete } = m;
  if (days === 0 || !(target > spentComplete)) return m;
  const finals = Float64Array.from({ length: P }, (_, p) => cumulative[p * days + days - 1]!).sort();
  const median = quantileSorted(finals, 0.5);
  if (!(median > spentComplete)) return m;
  const s = (target - spentComplete) / (median - spentComplete);
  const scaled = new Float64Array(cumulative.length);
  for (let i = 0; i < cumulative.length; i++) scaled[i] = spentComplete + (cumulative[i]! - spentComplete) * s;
  const level = m.projected.level;
  const sortedFinals = finals.map((f) => spentComplete + (f - spentComplete) * s);
  const projected = {
    mean: Math.max(target, m.spentToDate),
    lower: Math.max(quantileSorted(sortedFinals, (1 - level) / 2), m.spentToDate),
    upper: Math.max(quantileSorted(sortedFinals, (1 + level) / 2), m.spentToDate),
    level,
  };
  return { ...m, cumulative: scaled, projected };
}
