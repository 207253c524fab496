/**
 * GET /v2/billing/usage/forecast: reads the daily cost per resource type,
 * fits the forecast model (server/analytics/forecast.ts) to each type in USD,
 * simulates them jointly through the last projected month, converts them at
 * one stated rate (today's, sent as exchangeRate) and adds the cost already
 * incurred in the month in progress (its complete days at their own rates, as
 * billed). Baseline, growth rate and growth drivers come from the last
 * complete months in USD, shown at the same stated rate, so exchange-rate
 * moves neither change a forecast nor count as growth.
 *
 * Fitted models are cached per database and day (they depend only on the
 * complete days of history, not on the currency, level or period asked for).
 * A computed answer does not change until the data or the hour does: answers
 * are kept per data version (history start and last filled hour), hour and
 * request, so a repeated request is served without simulating again.
 */
import {
  CURRENCY_DECIMALS,
  FORECAST_PERIOD_MONTHS,
  RESOURCE_TYPES,
  type Currency,
  type ForecastQuery,
  type ForecastResponse,
  type ResourceType,
} from '../../src/contract/billing.ts';
import type { Database } from '../db/database.ts';
import { fitDaily, forecastDaily, olsSlope, scenarios, shareWithin, type EtsModel } from '../analytics/forecast.ts';
import { fromMinor, toMinor } from '../analytics/apportion.ts';
import { mstlPeer } from '../analytics/forecast-mstl-node.ts';
import { loadNames } from './names.ts';
import { HOUR_MS, DAY_MS } from '../../src/lib/time.ts';
import { monthEndProjection } from './month-end.ts';

/** Average month length: monthly costs are normalised to it before fitting trends. */
export const AVG_MONTH_DAYS = 365.25 / 12;
/** Complete months the baseline average and the growth trends look at. */
export const BASELINE_MONTHS = 3;
export const TREND_MONTHS = 6;
export const SCENARIO_MONTHS = 6;
/** Optimistic, expected and pessimistic slices of the simulated outcomes. */
export const SCENARIO_PROBABILITIES = [0.2, 0.6, 0.2] as const;
/** `confidence` is the probability of landing within this relative distance of the projection. */
export const CONFIDENCE_TOLERANCE = 0.1;
export const PATHS = 2000;
export const SEED = 20240116;

export const RESOURCE_TYPE_LABELS: Record<ResourceType, string> = {
  clusters: 'GPU clusters',
  endpoints: 'Serverless endpoints',
  training: 'Training jobs',
  'ai-services': 'AI services',
  storage: 'Storage',
  bandwidth: 'Bandwidth',
};

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const monthOf = (ms: number) => new Date(ms).toISOString().slice(0, 7);
const monthStart = (ms: number, add = 0) => {
  const d = new Date(ms);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + add, 1);
};
const daysInMonth = (ms: number) => Math.round((monthStart(ms, 1) - monthStart(ms)) / DAY_MS);

export interface History {
  /** First day of the history (UTC midnight) and the number of complete days after it. */
  first: number;
  days: number;
  /** USD cost per complete day, per resource type. */
  usd: Record<ResourceType, Float64Array>;
  /** USD cost of today so far, per resource type. */
  todayUsd: Record<ResourceType, number>;
}

export async function readHistory(db: Database, today: number): Promise<History> {
  const cols = await db.columns<{ day: number[]; t: ResourceType[]; c: number[] }>(
    `SELECT CAST(epoch_ms(CAST(day AS TIMESTAMP)) AS DOUBLE) AS day, resource_type AS t, CAST(sum(cost_usd) AS DOUBLE) AS c
     FROM usage_daily WHERE day <= CAST($1 AS DATE) GROUP BY ALL`,
    [isoDay(today)],
  );
  const first = cols.day.length ? Math.min(...cols.day) : today;
  const days = Math.max(0, Math.round((today - first) / DAY_MS));
  const usd = Object.fromEntries(RESOURCE_TYPES.map((t) => [t, new Float64Array(days)])) as Record<ResourceType, Float64Array>;
  const todayUsd = Object.fromEntries(RESOURCE_TYPES.map((t) => [t, 0])) as Record<ResourceType, number>;
  for (let i = 0; i < cols.day.length; i++) {
    const t = cols.t[i]!;
    if (!usd[t]) continue;
    const k = Math.round((cols.day[i]! - first) / DAY_MS);
    if (k === days) todayUsd[t] += cols.c[i]!;
    else usd[t][k] = (usd[t][k] ?? 0) + cols.c[i]!;
  }
  return { first, days, usd, todayUsd };
}

/** Per resource type, the usual share of a day's cost incurred before `hours` o'clock (last 28 complete days). */
export async function shareOfDayDone(db: Database, today: number, hours: number): Promise<Record<ResourceType, number>> {
  const out = Object.fromEntries(RESOURCE_TYPES.map((t) => [t, hours / 24])) as Record<ResourceType, number>;
  if (hours <= 0 || hours >= 24) return out;
  const rows = await db.all<{ t: ResourceType; share: number | null }>(
    `SELECT resource_type AS t,
            CAST(sum(cost_usd) FILTER (WHERE hour(ts) < $3) AS DOUBLE) / NULLIF(CAST(sum(cost_usd) AS DOUBLE), 0) AS share
     FROM usage_type_hourly WHERE day >= CAST($1 AS DATE) AND day < CAST($2 AS DATE) GROUP BY 1`,
    [isoDay(today - 28 * DAY_MS), isoDay(today), hours],
  );
  for (const r of rows) if (r.share !== null && Number.isFinite(r.share) && r.t in out) out[r.t] = Math.min(1, Math.max(0, r.share));
  return out;
}

/** Exchange rate of every day in [from, to) (units per USD); gaps take the nearest earlier rate, or the first one. */
export async function dailyRates(db: Database, currency: Currency, from: number, to: number): Promise<Float64Array> {
  const n = Math.max(0, Math.round((to - from) / DAY_MS));
  const out = new Float64Array(n).fill(NaN);
  if (currency === 'USD') return out.fill(1);
  const cols = await db.columns<{ day: number[]; rate: number[] }>(
    `SELECT CAST(epoch_ms(CAST(day AS TIMESTAMP)) AS DOUBLE) AS day, rate FROM fx_rates
     WHERE currency = $1 AND day >= CAST($2 AS DATE) AND day < CAST($3 AS DATE) ORDER BY day`,
    [currency, isoDay(from - 31 * DAY_MS), isoDay(to)],
  );
  let carry = NaN;
  let j = 0;
  for (let i = 0; i < n; i++) {
    const day = from + i * DAY_MS;
    while (j < cols.day.length && cols.day[j]! <= day) carry = cols.rate[j++]!;
    out[i] = carry;
  }
  const firstKnown = out.find((r) => Number.isFinite(r)) ?? cols.rate[0] ?? 1;
  for (let i = 0; i < n && !Number.isFinite(out[i]!); i++) out[i] = firstKnown;
  return out;
}

const fitCache = new WeakMap<Database, { key: string; models: Promise<EtsModel[]> }>();

export function modelsFor(db: Database, h: History): Promise<EtsModel[]> {
  const key = `${h.first}|${h.days}|${db.anchor}`;
  const hit = fitCache.get(db);
  if (hit && hit.key === key) return hit.models;
  const models = Promise.resolve().then(() => fitDaily(RESOURCE_TYPES.map((t) => ({ key: t, values: h.usd[t] })), undefined, isoDay(h.first), mstlPeer));
  fitCache.set(db, { key, models });
  models.catch(() => fitCache.delete(db));
  return models;
}

/** Monthly cost per member of a dimension over [from, to), in USD. */
async function monthlyUsdBy(db: Database, column: 'resource_type' | 'project_id', from: number, to: number) {
  return db.all<{ k: string; m: string; c: number }>(
    `SELECT u.${column} AS k, strftime(u.day, '%Y-%m') AS m, sum(CAST(u.cost_usd AS DOUBLE)) AS c
     FROM usage_daily u
     WHERE u.day >= CAST($1 AS DATE) AND u.day < CAST($2 AS DATE) GROUP BY ALL`,
    [isoDay(from), isoDay(to)],
  );
}

function money(currency: Currency, amount: number): string {
  const dec = CURRENCY_DECIMALS[currency];
  return new Intl.NumberFormat('en-US', { style: 'currency', currency, minimumFractionDigits: dec, maximumFractionDigits: dec }).format(amount);
}

const ANSWER_CACHE_ENTRIES = 100;
const answerCache = new WeakMap<Database, Map<string, Promise<string>>>();

/**
 * The forecast answer as JSON text, computed once per data version, hour and
 * request (the simulation is seeded, so a recomputation gives the same bytes).
 */
export function forecastJson(db: Database, q: ForecastQuery, now: number): Promise<string> {
  const key = `${db.anchor}|${db.filledTo}|${Math.floor(now / HOUR_MS)}|${JSON.stringify(q)}`;
  let byKey = answerCache.get(db);
  if (!byKey) answerCache.set(db, (byKey = new Map()));
  let hit = byKey.get(key);
  if (!hit) {
    if (byKey.size >= ANSWER_CACHE_ENTRIES) byKey.clear();
    hit = getForecast(db, q, now).then((r) => JSON.stringify(r));
    byKey.set(key, hit);
    const entries = byKey;
    hit.catch(() => entries.delete(key));
  }
  return hit;
}

export async function getForecast(db: Database, q: ForecastQuery, now: number): Promise<ForecastResponse> {
  const dec = CURRENCY_DECIMALS[q.currency];
  const round = (x: number) => fromMinor(toMinor(x, dec), dec);
  const today = Math.floor(now / DAY_MS) * DAY_MS;
  const hoursDone = Math.min(24, Math.max(0, Math.floor((now - today) / HOUR_MS)));
  const thisMonth = monthStart(now);
  const nMonths = FORECAST_PERIOD_MONTHS[q.forecastPeriod];
  const horizonEnd = monthStart(now, nMonths);

  const history = await readHistory(db, today);
  const [models, shares, rates, names] = await Promise.all([
    modelsFor(db, history),
    shareOfDayDone(db, today, hoursDone),
    dailyRates(db, q.currency, history.first, horizonEnd),
    loadNames(db),
  ]);
  const rateOn = (day: number) => rates[Math.round((day - history.first) / DAY_MS)] ?? 1;
  // the one stated rate every forecast, baseline and trend is shown at: today's
  const statedRate = rateOn(today);

  // ---- actuals: complete months, and the month in progress so far (in the currency)
  const dailyTotal = new Float64Array(history.days);
  for (const t of RESOURCE_TYPES) for (let i = 0; i < history.days; i++) dailyTotal[i]! += history.usd[t][i]! * rates[i]!;
  const byMonth = new Map<string, { cost: number; days: number }>();
  for (let i = 0; i < history.days; i++) {
    const day = history.first + i * DAY_MS;
    const key = monthOf(day);
    const m = byMonth.get(key) ?? { cost: 0, days: 0 };
    m.cost += dailyTotal[i]!;
    m.days++;
    byMonth.set(key, m);
  }
  const complete = [...byMonth]
    .filter(([key, m]) => key < monthOf(thisMonth) && m.days === daysInMonth(Date.parse(`${key}-01T00:00:00Z`)))
    .map(([month, m]) => ({ month, cost: m.cost, days: m.days }))
    .sort((a, b) => a.month.localeCompare(b.month));
  const todayCost = RESOURCE_TYPES.reduce((a, t) => a + history.todayUsd[t], 0) * statedRate;
  const actualToDate = (byMonth.get(monthOf(thisMonth))?.cost ?? 0) + todayCost;

  // ---- the forecast: today's remaining hours onwards, by calendar month
  const start = isoDay(history.first);
  const dayFactors = new Float64Array(Math.max(0, Math.round((horizonEnd - history.first) / DAY_MS) - history.days)).fill(statedRate);
  const fc =
    history.days > 0
      ? forecastDaily(
          RESOURCE_TYPES.map((t) => ({ key: t, values: history.usd[t] })),
          {
            start,
            throughMonth: monthOf(horizonEnd - DAY_MS),
            level: q.confidenceInterval,
            firstDayShare: RESOURCE_TYPES.map((t) => 1 - shares[t]),
            dayFactors,
            paths: PATHS,
            seed: SEED,
            dailyIntervals: false,
            models,
            peer: mstlPeer,
          },
        )
      : null;

  const offsets: number[] = [];
  const monthlyProjections: ForecastResponse['monthlyProjections'] = [];
  for (let i = 0; i < nMonths; i++) {
    const month = monthOf(monthStart(now, i));
    const known = i === 0 ? actualToDate : 0;
    offsets.push(known);
    const f = fc?.total.monthly.find((m) => m.month === month);
    const paths = fc?.totalMonthPaths[fc.total.monthly.findIndex((m) => m.month === month)];
    const mean = known + (f?.mean ?? 0);
    const lower = Math.min(mean, known + (f?.lower ?? 0));
    const upper = Math.max(mean, known + (f?.upper ?? 0));
    monthlyProjections.push({
      month,
      projectedCost: round(mean),
      confidence: paths ? Math.round(shareWithin(paths, mean, CONFIDENCE_TOLERANCE, known) * 100) / 100 : 1,
      lowerBound: round(Math.max(0, lower)),
      upperBound: round(upper),
      ...(i === 0 ? { actualToDate: round(actualToDate) } : {}),
    });
  }
  // the month in progress is the projection of record (month-end.ts), the figure /usage and the budgets give too
  const record = await monthEndProjection(db, { now, types: RESOURCE_TYPES, currency: q.currency, level: q.confidenceInterval });
  // the scenarios' month in progress is centred on it as well, so their weighted totals add up to the projections
  const first = fc?.total.monthly.find((m) => m.month === monthlyProjections[0]!.month);
  if (first) offsets[0] = record.projectedCost - first.mean;
  Object.assign(monthlyProjections[0]!, {
    projectedCost: record.projectedCost,
    confidence: record.confidence,
    lowerBound: record.lowerBound,
    upperBound: record.upperBound,
  });

  // ---- baseline and growth drivers from the last complete months, in USD (so exchange-rate moves are not growth), shown at the stated rate
  const usdByMonth = new Map<string, number>();
  for (let i = 0; i < history.days; i++) {
    const key = monthOf(history.first + i * DAY_MS);
    usdByMonth.set(key, (usdByMonth.get(key) ?? 0) + RESOURCE_TYPES.reduce((a, t) => a + history.usd[t][i]!, 0));
  }
  const completeUsd = complete.map((m) => ({ ...m, cost: usdByMonth.get(m.month) ?? 0 }));
  const recent = completeUsd.slice(-TREND_MONTHS);
  const base = completeUsd.slice(-BASELINE_MONTHS);
  const avgMonthlyCost = (base.length ? base.reduce((a, m) => a + m.cost, 0) / base.length : 0) * statedRate;
  const normalised = recent.map((m) => (m.cost / m.days) * AVG_MONTH_DAYS);
  const logFit = normalised.every((v) => v > 0) && normalised.length >= 2 ? olsSlope(normalised.map((_, i) => i), normalised.map(Math.log)) : null;
  const growthRate = logFit ? Math.round((Math.exp(logFit.slope) - 1) * 1000) / 10 : 0;

  const growthDrivers = await drivers(db, { currency: q.currency, rate: statedRate }, recent, names.project);

  const response: ForecastResponse = {
    baseline: { avgMonthlyCost: round(avgMonthlyCost), growthRate },
    monthlyProjections,
    growthDrivers,
    currency: q.currency,
    confidenceInterval: q.confidenceInterval,
    actuals: complete.slice(-12).map((m) => ({ month: m.month, cost: round(m.cost) })),
    ...(q.currency === 'USD' ? {} : { exchangeRate: { rate: statedRate, date: isoDay(today) } }),
  };

  if (q.includeScenarios) {
    const k = Math.min(SCENARIO_MONTHS, nMonths);
    const paths = fc ? fc.totalMonthPaths.slice(0, k) : [new Float64Array(1)];
    const [opt, exp, pes] = scenarios(paths, offsets, k, [...SCENARIO_PROBABILITIES]);
    const shape = (s: typeof opt) => {
      const peak = s!.months.reduce((best, v, i) => (v > s!.months[best]! ? i : best), 0);
      return {
        sixMonthTotal: round(s!.total),
        peakMonth: round(s!.months[peak] ?? 0),
        probability: s!.probability,
        peakMonthLabel: monthlyProjections[peak]!.month,
      };
    };
    response.scenarios = { optimistic: shape(opt), expected: shape(exp), pessimistic: shape(pes) };
    response.scenarioMonths = k;
  }
  return response;
}

/**
 * Resource types and teams whose monthly cost grew: the least-squares slope
 * of each one's monthly cost (normalised to an average-length month) over the
 * given complete months, in the currency per month; positive ones only,
 * largest first.
 */
async function drivers(
  db: Database,
  { currency, rate }: { currency: Currency; rate: number },
  months: Array<{ month: string; days: number; cost: number }>,
  projectNames: Map<string, string>,
): Promise<ForecastResponse['growthDrivers']> {
  if (months.length < 2) return [];
  const dec = CURRENCY_DECIMALS[currency];
  const from = Date.parse(`${months[0]!.month}-01T00:00:00Z`);
  const to = monthStart(Date.parse(`${months.at(-1)!.month}-01T00:00:00Z`), 1);
  const index = new Map(months.map((m, i) => [m.month, i]));
  const totalSlope = olsSlope(
    months.map((_, i) => i),
    months.map((m) => (m.cost / m.days) * AVG_MONTH_DAYS * rate),
  ).slope;
  const out: Array<NonNullable<ForecastResponse['growthDrivers']>[number] & { exact: number }> = [];
  for (const dimension of ['resource_type', 'project'] as const) {
    const rows = await monthlyUsdBy(db, dimension === 'resource_type' ? 'resource_type' : 'project_id', from, to);
    const series = new Map<string, number[]>();
    for (const r of rows) {
      const i = index.get(r.m);
      if (i === undefined) continue;
      let s = series.get(r.k);
      if (!s) series.set(r.k, (s = new Array<number>(months.length).fill(0)));
      s[i]! += (r.c / months[i]!.days) * AVG_MONTH_DAYS * rate;
    }
    for (const [key, values] of series) {
      const slope = olsSlope(
        values.map((_, i) => i),
        values,
      ).slope;
      if (!(slope > 0) || toMinor(slope, dec) <= 0) continue;
      const label =
        dimension === 'resource_type' ? (RESOURCE_TYPE_LABELS[key as ResourceType] ?? key) : `${projectNames.get(key) ?? key} team`;
      const firstV = values[0]!;
      const lastV = values.at(-1)!;
      const pct = firstV > 0 ? (Math.pow(lastV / firstV, 1 / Math.max(1, values.length - 1)) - 1) * 100 : NaN;
      const share = totalSlope > 0 ? Math.round((slope / totalSlope) * 100) : null;
      out.push({
        factor: label,
        impact: fromMinor(toMinor(slope, dec), dec),
        exact: slope,
        description:
          `${label}: ${money(currency, firstV)} → ${money(currency, lastV)} a month from ${months[0]!.month} to ${months.at(-1)!.month}` +
          `${Number.isFinite(pct) ? ` (${pct >= 0 ? '+' : ''}${pct.toFixed(1)}% a month)` : ''}; trend +${money(currency, slope)}/month` +
          `${share !== null ? `, ${share}% of the organisation's growth` : ''}.`,
        dimension,
        key,
      });
    }
  }
  out.sort((a, b) => b.exact - a.exact || a.factor.localeCompare(b.factor));
  return out.map(({ exact: _exact, ...d }) => d);
}
