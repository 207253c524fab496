/**
 * Budget breach outlook, computed in the browser from GET /v2/billing/usage
 * (documented parameters only), so every budget scope has a forecast even
 * where the API's /usage/forecast has none. The budgets' projection of record:
 * budget cards, the budget editor and Forecast all show it.
 *
 * Requests (all in USD, the forecast's one constant currency):
 *   1. the API's clock: timeRange=current_month, granularity=monthly, for the
 *      whole account in USD and, for another display currency, in it too:
 *      the period's startDate + daysElapsed − 1 is "today", and the ratio of
 *      the two totals is this month's rate, the one stated rate every figure
 *      is converted at;
 *   2. the scope's history: timeRange=custom from the first day of the month
 *      24 months before through today, granularity=daily, resourceType[] of
 *      the budget (none for "all"). Days before the first with any cost are
 *      dropped (the account did not exist yet).
 * The model (server/analytics/forecast-breach.ts) is loaded lazily, off the
 * first page's bundle.
 */
import { useMemo } from 'react';
import { queryOptions, useQuery, type QueryClient } from '@tanstack/react-query';
import { CURRENCIES, type Currency, type Period, type ResourceType, type UsageResponse } from '../contract/billing';
import type { MonthPaths, ThresholdBreach } from '../../server/analytics/forecast-breach';
import { usageQueryOptions, type UsageRequest } from './usage';
import { queryKeys } from './query-keys';
import { apiToday } from '../lib/period';
import { clockRequest } from './api-clock';
import { DAY_MS } from '../lib/time';
import { breachScope, type BreachResourceType } from './month-end';

export { breachScope, type BreachResourceType };

/** Months of history asked for before the month in progress (two years: yearly seasonality). */
export const BREACH_HISTORY_MONTHS = 24;


const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const dayMs = (d: string) => Date.parse(`${d}T00:00:00Z`);

export function historyRequest(resourceTypes: readonly BreachResourceType[], today: string): UsageRequest {
  const d = new Date(dayMs(today));
  const start = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - BREACH_HISTORY_MONTHS, 1);
  const request: UsageRequest = { timeRange: 'custom', startDate: iso(start), endDate: today, granularity: 'daily', currency: 'USD' };
  if (!resourceTypes.includes('all')) request.resourceType = resourceTypes.filter((t): t is ResourceType => t !== 'all');
  return request;
}

/**
 * Daily cost of the scope (every breakdown item summed) from its first day
 * with cost through the day before `today`, and today's cost so far.
 */
export function dailyHistory(usage: Pick<UsageResponse, 'breakdown'>, today: string): { start: string; daily: number[]; todayCost: number } {
  const byDay = new Map<number, number>();
  for (const item of usage.breakdown)
    for (const p of item.timeSeries) {
      const day = Math.floor(Date.parse(p.timestamp) / DAY_MS) * DAY_MS;
      byDay.set(day, (byDay.get(day) ?? 0) + p.cost);
    }
  const end = dayMs(today);
  const todayCost = byDay.get(end) ?? 0;
  const first = Math.min(...[...byDay].filter(([d, c]) => c > 0 && d < end).map(([d]) => d));
  if (!Number.isFinite(first)) return { start: today, daily: [], todayCost };
  const daily: number[] = [];
  for (let d = first; d < end; d += DAY_MS) daily.push(byDay.get(d) ?? 0);
  return { start: iso(first), daily, todayCost };
}

/** Units of `currency` per USD this month, from the account's month-to-date totals in both. */
export function monthRate(usd: Pick<UsageResponse, 'summary'>, local: Pick<UsageResponse, 'summary'>): number | undefined {
  if (usd.summary.totalCost > 0 && local.summary.totalCost > 0) return local.summary.totalCost / usd.summary.totalCost;
  return undefined;
}

export interface BreachPaths {
  paths: MonthPaths;
  /** Units of the display currency per USD (1 for USD). */
  rate: number;
  currency: Currency;
  today: string;
  period: Period;
  /** The model module's judgeThresholds and anchorPaths (loaded with it). */
  judgeThresholds: (m: MonthPaths, amounts: number[]) => ThresholdBreach[];
  anchorPaths: (m: MonthPaths, target: number) => MonthPaths;
}

/** The API's clock and this month's rate (see the module comment), through the query cache. */
export async function fetchClock(qc: QueryClient, currency: Currency): Promise<{ period: Period; today: string; rate: number }> {
  const usd = await qc.fetchQuery(usageQueryOptions(clockRequest('USD')));
  const local = currency === 'USD' ? usd : await qc.fetchQuery(usageQueryOptions(clockRequest(currency)));
  const rate = currency === 'USD' ? 1 : monthRate(usd, local);
  if (rate === undefined) throw new Error(`No cost this month to convert USD to ${currency} at`);
  return { period: usd.period, today: apiToday(usd.period), rate };
}

/** The scope's daily USD history through the API's today (see dailyHistory), through the query cache. */
export async function fetchDailyHistory(qc: QueryClient, resourceTypes: readonly BreachResourceType[], today: string) {
  const history = await qc.fetchQuery(usageQueryOptions(historyRequest(resourceTypes, today)));
  return dailyHistory(history, today);
}

async function fetchBreachPaths(qc: QueryClient, resourceTypes: readonly BreachResourceType[], currency: Currency): Promise<BreachPaths> {
  const { period, today, rate } = await fetchClock(qc, currency);
  const { start, daily, todayCost } = await fetchDailyHistory(qc, resourceTypes, today);
  const mod = await import('../../server/analytics/forecast-breach');
  const input = { start, daily, today, todayCost };
  const paths = typeof Worker === 'undefined' ? mod.simulateMonth(input) : await simulateInWorker(input);
  return { paths, rate, currency, today, period, judgeThresholds: mod.judgeThresholds, anchorPaths: mod.anchorPaths };
}

/** simulateMonth in a module worker, so a second of fitting does not freeze the page. */
function simulateInWorker(input: Parameters<typeof import('../../server/analytics/forecast-breach').simulateMonth>[0]): Promise<MonthPaths> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./breach-worker.ts', import.meta.url), { type: 'module' });
    worker.onmessage = (event: MessageEvent<{ paths?: MonthPaths; error?: string }>) => {
      worker.terminate();
      if (event.data.paths) resolve(event.data.paths);
      else reject(new Error(event.data.error ?? 'The forecast could not be computed'));
    };
    worker.onerror = (event) => {
      worker.terminate();
      reject(new Error(event.message || 'The forecast could not be computed'));
    };
    worker.postMessage(input);
  });
}

export function breachQueryKey(resourceTypes: readonly BreachResourceType[], currency: Currency) {
  const scope = resourceTypes.includes('all') ? ['all'] : [...resourceTypes].sort();
  return [...queryKeys.all, 'breach', scope, currency] as const;
}

/** A threshold judged, amounts in the display currency. */
export interface BreachThreshold extends ThresholdBreach {
  /** The threshold in the display currency. */
  display: number;
}

export interface BreachView {
  today: string;
  month: string;
  currency: Currency;
  rate: number;
  /** Month-end projection in the display currency. */
  projected: { mean: number; lower: number; upper: number; level: number };
  spentToDate: number;
  /** Centred on the projection of record (projected.mean is that figure). */
  anchored: boolean;
  thresholds: BreachThreshold[];
}

/**
 * The month-end outlook of a budget scope and its thresholds (in `currency`).
 * Judging amounts is cheap; the fetch and simulation run once per scope.
 */
export function breachQueryOptions(resourceTypes: readonly BreachResourceType[], currency: Currency) {
  return queryOptions({
    queryKey: breachQueryKey(resourceTypes, currency),
    queryFn: ({ client }) => fetchBreachPaths(client, resourceTypes, currency),
    enabled: resourceTypes.length > 0,
    staleTime: 5 * 60_000,
    structuralSharing: false,
    // simulated paths and the model's function: recomputed on a return visit, never stored
    meta: { persist: false },
  });
}


/**
 * The breach outlook of a scope for amounts in `currencyId`, its simulated
 * months centred on `record` (the month-end projection of record in that
 * currency, src/api/month-end.ts) once known, so chances, dates and the
 * projection agree.
 */
export function useBreachOutlook(types: readonly string[] | undefined, currencyId: string, amounts: readonly number[], record?: number) {
  // a budget in a currency the usage endpoint cannot be asked for has no forecast either
  const currency = (CURRENCIES as readonly string[]).includes(currencyId) ? (currencyId as Currency) : undefined;
  const scope = currency ? breachScope(types) : undefined;
  const query = useQuery(breachQueryOptions(scope ?? [], currency ?? 'USD'));
  const key = amounts.join(',');
  const { data, error, isError, isPending, refetch } = query;
  const view = useMemo((): BreachView | undefined => {
    if (!data) return undefined;
    return judge(data, key ? key.split(',').map(Number) : [], record);
  }, [data, key, record]);
  return { view, error, isError, isPending, refetch, unavailable: scope === undefined };
}

export type BreachOutlookState = ReturnType<typeof useBreachOutlook>;

/** Converts the paths' USD figures at the stated rate and judges display-currency amounts; `record` (display currency) centres them. */
export function judge(data: BreachPaths, amounts: number[], record?: number): BreachView {
  const { rate } = data;
  const paths = record !== undefined && Number.isFinite(record) ? data.anchorPaths(data.paths, record / rate) : data.paths;
  const thresholds = data.judgeThresholds(paths, amounts.map((a) => a / rate)).map((t, i) => ({ ...t, display: amounts[i]! }));
  const p = paths.projected;
  return {
    today: data.today,
    month: paths.month,
    currency: data.currency,
    rate,
    projected: { mean: p.mean * rate, lower: p.lower * rate, upper: p.upper * rate, level: p.level },
    spentToDate: paths.spentToDate * rate,
    anchored: paths !== data.paths,
    thresholds,
  };
}
