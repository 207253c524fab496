/**
 * The month-end projection of record: the cost of the calendar month in
 * progress for a set of resource types, in one currency. Everything in the
 * sandbox that projects the month end uses it: /usage `projections`,
 * /usage/forecast's first month, budget status `projectedSpend` and the budget
 * alerts, so they agree to the cent.
 *
 * The method is the forecast's: the cost already incurred this month (each
 * complete day at its own exchange rate, today so far at today's) plus the
 * forecast model's simulation of the rest of the month (fitted per resource
 * type in USD, converted at today's rate), summed over the requested types.
 * `confidence` has the forecast's one meaning: the share of simulated months
 * that end within ±10% (CONFIDENCE_TOLERANCE) of the projection.
 *
 * Results are kept per database, hour, scope, currency and interval level
 * (the data changes once an hour).
 */
import { CURRENCY_DECIMALS, RESOURCE_TYPES, type Currency, type ResourceType } from '../../src/contract/billing.ts';
import { fromMinor, toMinor } from '../analytics/apportion.ts';
import { forecastDaily, shareWithin } from '../analytics/forecast.ts';
import { mstlPeer } from '../analytics/forecast-mstl-node.ts';
import type { Database } from '../db/database.ts';
import { CONFIDENCE_TOLERANCE, PATHS, SEED, dailyRates, modelsFor, readHistory, shareOfDayDone } from './forecast.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Interval level of lowerBound/upperBound when none is asked for. */
export const MONTH_END_LEVEL = 0.8;
const CACHE_ENTRIES = 200;

export interface MonthEnd {
  /** YYYY-MM of the month in progress. */
  month: string;
  /** Cost so far this month, in the currency (exact). */
  actualToDate: number;
  /** Projected month total, rounded to the currency's minor unit. */
  projectedCost: number;
  lowerBound: number;
  upperBound: number;
  /** Share of simulated months within ±10% of projectedCost (two decimals). */
  confidence: number;
}

export interface MonthEndOptions {
  now: number;
  types: readonly ResourceType[];
  currency: Currency;
  level?: number;
}

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const monthOf = (ms: number) => new Date(ms).toISOString().slice(0, 7);

const cache = new WeakMap<Database, Map<string, Promise<MonthEnd>>>();

export function monthEndProjection(db: Database, opts: MonthEndOptions): Promise<MonthEnd> {
  const types = RESOURCE_TYPES.filter((t) => opts.types.includes(t));
  const level = opts.level ?? MONTH_END_LEVEL;
  const key = `${db.anchor}|${Math.floor(opts.now / HOUR_MS)}|${types.join(',')}|${opts.currency}|${level}`;
  let byKey = cache.get(db);
  if (!byKey) cache.set(db, (byKey = new Map()));
  let hit = byKey.get(key);
  if (!hit) {
    if (byKey.size >= CACHE_ENTRIES) byKey.clear();
    hit = compute(db, { ...opts, types, level });
    byKey.set(key, hit);
    const entries = byKey;
    hit.catch(() => entries.delete(key));
  }
  return hit;
}

async function compute(db: Database, { now, types, currency, level }: Required<MonthEndOptions>): Promise<MonthEnd> {
  const dec = CURRENCY_DECIMALS[currency];
  const round = (x: number) => fromMinor(toMinor(x, dec), dec);
  const today = Math.floor(now / DAY_MS) * DAY_MS;
  const hoursDone = Math.min(24, Math.max(0, Math.floor((now - today) / HOUR_MS)));
  const d = new Date(now);
  const monthStart = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  const monthEnd = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
  const month = monthOf(monthStart);

  const history = await readHistory(db, today);
  const [models, shares, rates] = await Promise.all([
    modelsFor(db, history),
    shareOfDayDone(db, today, hoursDone),
    dailyRates(db, currency, history.first, monthEnd),
  ]);
  const statedRate = rates[Math.round((today - history.first) / DAY_MS)] ?? 1;

  let actualToDate = 0;
  for (let i = Math.max(0, Math.round((monthStart - history.first) / DAY_MS)); i < history.days; i++)
    for (const t of types) actualToDate += history.usd[t][i]! * rates[i]!;
  for (const t of types) actualToDate += history.todayUsd[t] * statedRate;

  if (history.days === 0 || types.length === 0) {
    const v = round(actualToDate);
    return { month, actualToDate, projectedCost: v, lowerBound: v, upperBound: v, confidence: 1 };
  }
  const index = types.map((t) => RESOURCE_TYPES.indexOf(t));
  const fc = forecastDaily(
    types.map((t) => ({ key: t, values: history.usd[t] })),
    {
      start: isoDay(history.first),
      throughMonth: month,
      level,
      firstDayShare: types.map((t) => 1 - shares[t]),
      dayFactors: new Float64Array(Math.round((monthEnd - today) / DAY_MS)).fill(statedRate),
      paths: PATHS,
      seed: SEED,
      dailyIntervals: false,
      models: index.map((i) => models[i]!),
      peer: mstlPeer,
    },
  );
  const k = fc.total.monthly.findIndex((m) => m.month === month);
  const f = fc.total.monthly[k];
  const paths = fc.totalMonthPaths[k];
  const mean = actualToDate + (f?.mean ?? 0);
  return {
    month,
    actualToDate,
    projectedCost: round(mean),
    lowerBound: round(Math.max(0, Math.min(mean, actualToDate + (f?.lower ?? 0)))),
    upperBound: round(Math.max(mean, actualToDate + (f?.upper ?? 0))),
    confidence: paths ? Math.round(shareWithin(paths, mean, CONFIDENCE_TOLERANCE, actualToDate) * 100) / 100 : 1,
  };
}

/**
 * Fits the day's models and projects the whole account once, so the first
 * answers after a start do not wait for the fit (about two seconds); the
 * sandbox starts it as soon as its data are ready.
 */
export function warmMonthEnd(db: Database, now: number): Promise<MonthEnd> {
  return monthEndProjection(db, { now, types: RESOURCE_TYPES, currency: 'USD' });
}
