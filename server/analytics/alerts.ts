/**
 * Alerts of the usage endpoint, computed from stored usage:
 * - budget_exceeded / budget_forecast: a budget whose spend this month (or its
 *   projected month-end spend) has crossed one of its thresholds; only the
 *   highest crossed threshold of each kind per budget. An action level
 *   (`at_110_percent`) is a level too: spend that reaches it fires its actions
 *   and raises the budget_exceeded alert to it, threshold or not.
 *   Decided in the budget's currency by evaluateBudget, which
 *   GET /v2/billing/budgets/status uses too, so the two always agree.
 * - unusual_spike: a resource type whose usage over the last seven complete
 *   days grew more than 25% against the seven days before.
 */
import { listValue } from '@duckdb/node-api';
import { CURRENCY_DECIMALS, RESOURCE_TYPES, actionPercent, type Alert, type Currency, type ResourceType } from '../../src/contract/billing.ts';
import type { Database } from '../db/database.ts';
import { DAY_MS } from '../../src/lib/time.ts';
import { monthEndProjection } from '../queries/month-end.ts';

export const SPIKE_THRESHOLD_PERCENT = 25;

const sqlDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

const SPIKE_LABEL: Record<ResourceType, string> = {
  clusters: 'GPU cluster hours',
  endpoints: 'Serverless endpoint GPU hours',
  training: 'Training GPU hours',
  'ai-services': 'AI service requests',
  storage: 'Stored data',
  bandwidth: 'Data transfer',
};

export interface BudgetRow extends Record<string, unknown> {
  budget_id: string;
  name: string;
  monthly_budget: number;
  currency: Currency;
  alert_thresholds: string;
  resource_types: string;
  actions: string;
}

/** Latest exchange rate on or before `day` (units of currency per USD). */
export async function rateOn(db: Database, currency: Currency, day: number): Promise<number> {
  if (currency === 'USD') return 1;
  const [r] = await db.all<{ rate: number }>(
    'SELECT rate FROM fx_rates WHERE currency = $1 AND day <= CAST($2 AS DATE) ORDER BY day DESC LIMIT 1',
    [currency, sqlDate(day)],
  );
  return r?.rate ?? 1;
}

export interface BudgetSpend {
  spentUsd: number;
  projectedUsd: number;
}

export interface MonthSpend {
  /** This month's spend so far (complete hours), in the currency. */
  spent: number;
  /** The month-end projection of record (server/queries/month-end.ts), in the currency. */
  projected: number;
}

/**
 * Spend this month and its projection of record to month end for a set of
 * resource types, in `currency`: each day's cost converted at that day's
 * rate, like every amount of /v2/billing/usage.
 */
export async function monthSpend(db: Database, now: number, types: readonly ResourceType[], currency: Currency): Promise<MonthSpend> {
  const d = new Date(now);
  const monthStart = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  const [r] = await db.all<{ spent: number | null }>(
    `SELECT sum(CAST(u.cost_usd AS DOUBLE) * f.rate) AS spent
     FROM usage_daily u JOIN fx_rates f ON f.day = u.day AND f.currency = $3
     WHERE u.day >= CAST($1 AS DATE) AND list_contains($2, u.resource_type)`,
    [sqlDate(monthStart), listValue([...types]), currency],
  );
  const spent = r?.spent ?? 0;
  const { projectedCost } = await monthEndProjection(db, { now, types, currency });
  return { spent, projected: projectedCost };
}

/** Spend this month (USD) and its projection of record to month end, for a set of resource types. */
export async function monthSpendUsd(db: Database, now: number, types: readonly ResourceType[]): Promise<BudgetSpend> {
  const s = await monthSpend(db, now, types, 'USD');
  return { spentUsd: s.spent, projectedUsd: s.projected };
}

export function budgetTypes(json: string | readonly string[]): ResourceType[] {
  const list = typeof json === 'string' ? (JSON.parse(json) as string[]) : json;
  return list.includes('all') ? [...RESOURCE_TYPES] : (list as ResourceType[]);
}

/** What a budget's figures are computed from. */
export interface BudgetTerms {
  monthlyBudget: number;
  currency: Currency;
  alertThresholds: readonly number[];
  resourceTypes: readonly string[];
  /** Action key (at_<percent>_percent) → actions; any percentage. */
  actions?: Readonly<Record<string, readonly string[]>>;
}

/** An action level the spend has reached. */
export interface FiredActions {
  key: string;
  percent: number;
  actions: readonly string[];
}

export interface BudgetEvaluation {
  /** Exact (unrounded) figures in the budget's currency. */
  spent: number;
  projected: number;
  percentUsed: number;
  projectedPercent: number;
  /** Every threshold the spend has reached, ascending. */
  crossed: number[];
  /** The highest threshold the projection reaches above the highest crossed one. */
  forecast: number | undefined;
  /** Every action level the spend has reached, ascending. */
  fired: FiredActions[];
}

/** Memo of month spends within one request (budgets often share types and currency). */
export type SpendMemo = Map<string, Promise<MonthSpend>>;

export function memoSpend(memo: SpendMemo, db: Database, now: number, types: readonly ResourceType[], currency: Currency): Promise<MonthSpend> {
  const key = `${currency}|${[...types].sort().join(',')}`;
  let hit = memo.get(key);
  if (!hit) memo.set(key, (hit = monthSpend(db, now, types, currency)));
  return hit;
}

/** A budget against this month's spend: the one computation behind budget alerts and budget status. */
export async function evaluateBudget(db: Database, now: number, b: BudgetTerms, memo: SpendMemo = new Map()): Promise<BudgetEvaluation> {
  const spend = await memoSpend(memo, db, now, budgetTypes(b.resourceTypes), b.currency);
  const percentUsed = b.monthlyBudget > 0 ? (spend.spent / b.monthlyBudget) * 100 : 0;
  const projectedPercent = b.monthlyBudget > 0 ? (spend.projected / b.monthlyBudget) * 100 : 0;
  const thresholds = [...b.alertThresholds].sort((x, y) => x - y);
  const crossed = thresholds.filter((t) => percentUsed >= t);
  const highest = crossed.at(-1);
  const forecast = thresholds.filter((t) => projectedPercent >= t && (highest === undefined || t > highest)).at(-1);
  const fired = Object.entries(b.actions ?? {})
    .map(([key, actions]) => ({ key, percent: actionPercent(key), actions }))
    .filter((a): a is FiredActions => a.percent !== undefined && percentUsed >= a.percent)
    .sort((x, y) => x.percent - y.percent);
  return { spent: spend.spent, projected: spend.projected, percentUsed, projectedPercent, crossed, forecast, fired };
}

function fmt(amount: number, currency: Currency): string {
  return new Intl.NumberFormat('en-US', {
    style: 'currency',
    currency,
    maximumFractionDigits: CURRENCY_DECIMALS[currency],
    minimumFractionDigits: CURRENCY_DECIMALS[currency],
  }).format(amount);
}

function severityFor(percent: number): Alert['severity'] {
  if (percent >= 110) return 'critical';
  if (percent >= 100) return 'high';
  if (percent >= 75) return 'medium';
  return 'low';
}

/**
 * Budget alerts in the requested currency. Whether a threshold is crossed is
 * decided in the budget's own currency; the threshold amount is the budget's
 * share converted at today's rate, currentValue the spend converted day by day
 * (so in USD it equals what /v2/billing/usage reports for those types).
 */
export async function budgetAlerts(db: Database, now: number, filter: ResourceType[], currency: Currency): Promise<Alert[]> {
  const budgets = await db.all<BudgetRow>(
    'SELECT budget_id, name, CAST(monthly_budget AS DOUBLE) AS monthly_budget, currency, alert_thresholds, resource_types, actions FROM budgets ORDER BY created_at, budget_id',
  );
  const dec = CURRENCY_DECIMALS[currency];
  const round = (x: number) => Math.round(x * 10 ** dec) / 10 ** dec;
  const toCcy = await rateOn(db, currency, now);
  const memo: SpendMemo = new Map();
  const alerts: Alert[] = [];
  for (const b of budgets) {
    const types = budgetTypes(b.resource_types);
    if (!types.some((t) => filter.includes(t))) continue;
    if (b.monthly_budget <= 0) continue;
    const e = await evaluateBudget(
      db,
      now,
      {
        monthlyBudget: b.monthly_budget,
        currency: b.currency,
        alertThresholds: JSON.parse(b.alert_thresholds) as number[],
        resourceTypes: types,
        actions: JSON.parse(b.actions) as Record<string, string[]>,
      },
      memo,
    );
    const lastFired = e.fired.at(-1);
    const crossed = Math.max(e.crossed.at(-1) ?? -1, lastFired?.percent ?? -1);
    if (crossed < 0 && e.forecast === undefined) continue;
    const inRequest = await memoSpend(memo, db, now, types, currency);
    const budgetInRequest = (b.monthly_budget / (await rateOn(db, b.currency, now))) * toCcy;
    // amounts in the request's currency; a budget kept in another currency names its own amount beside
    const budgetText =
      b.currency === currency ? fmt(b.monthly_budget, currency) : `${fmt(budgetInRequest, currency)} (${fmt(b.monthly_budget, b.currency)})`;
    const firedHere = e.fired.filter((a) => a.percent === crossed).flatMap((a) => a.actions);
    if (crossed >= 0)
      alerts.push({
        type: 'budget_exceeded',
        severity: severityFor(crossed),
        message: `${b.name}: spend this month has passed ${crossed}% of the ${budgetText} monthly budget (${e.percentUsed.toFixed(1)}% used; spent ${fmt(inRequest.spent, currency)})${firedHere.length > 0 ? `; actions: ${firedHere.join(', ')}` : ''}`,
        threshold: round((budgetInRequest * crossed) / 100),
        currentValue: round(inRequest.spent),
      });
    if (e.forecast !== undefined)
      alerts.push({
        type: 'budget_forecast',
        severity: severityFor(e.forecast) === 'critical' ? 'high' : severityFor(e.forecast),
        message: `${b.name}: projected to reach ${e.projectedPercent.toFixed(0)}% of the ${budgetText} monthly budget by month end (${fmt(inRequest.projected, currency)}), past the ${e.forecast}% threshold`,
        threshold: round((budgetInRequest * e.forecast) / 100),
        currentValue: round(inRequest.projected),
      });
  }
  return alerts;
}

/** Alerts describe the account as it is now, whatever period is being viewed. */
export async function spikeAlerts(db: Database, types: ResourceType[], now: number): Promise<Alert[]> {
  const ref = Math.floor(now / DAY_MS) * DAY_MS;
  const rows = await db.all<{ resource_type: ResourceType; last: number; prev: number }>(
    `SELECT resource_type,
            COALESCE(sum(quantity) FILTER (WHERE day >= CAST($2 AS DATE)), 0) AS last,
            COALESCE(sum(quantity) FILTER (WHERE day < CAST($2 AS DATE)), 0) AS prev
     FROM usage_daily
     WHERE day >= CAST($1 AS DATE) AND day < CAST($3 AS DATE) AND list_contains($4, resource_type)
     GROUP BY resource_type`,
    [sqlDate(ref - 14 * DAY_MS), sqlDate(ref - 7 * DAY_MS), sqlDate(ref), listValue(types)],
  );
  const alerts: Alert[] = [];
  for (const t of types) {
    const r = rows.find((x) => x.resource_type === t);
    if (!r || r.prev <= 0) continue;
    const change = (r.last / r.prev - 1) * 100;
    if (change <= SPIKE_THRESHOLD_PERCENT) continue;
    const value = Math.round(change * 10) / 10;
    alerts.push({
      type: 'unusual_spike',
      severity: change >= 100 ? 'high' : change >= 50 ? 'medium' : 'low',
      message: `${SPIKE_LABEL[t]} increased by ${value.toFixed(1)}% compared to last week`,
      threshold: SPIKE_THRESHOLD_PERCENT,
      currentValue: value,
    });
  }
  return alerts;
}
