/**
 * Alerts of the usage endpoint, computed from stored usage:
 * - budget_exceeded / budget_forecast: a budget whose spend this month (or its
 *   projected month-end spend) has crossed one of its thresholds; only the
 *   highest crossed threshold of each kind per budget.
 * - unusual_spike: a resource type whose usage over the last seven complete
 *   days grew more than 25% against the seven days before.
 */
import { listValue } from '@duckdb/node-api';
import { CURRENCY_DECIMALS, RESOURCE_TYPES, type Alert, type Currency, type ResourceType } from '../../src/contract/billing.ts';
import type { Database } from '../db/database.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
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

/** Spend this month (USD) and its run-rate projection to month end, for a set of resource types. */
export async function monthSpendUsd(db: Database, now: number, types: readonly ResourceType[]): Promise<BudgetSpend> {
  const d = new Date(now);
  const monthStart = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  const monthEnd = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
  const today = Math.floor(now / DAY_MS) * DAY_MS;
  const [r] = await db.all<{ spent: number | null; last7: number | null }>(
    `SELECT CAST(sum(cost_usd) FILTER (WHERE day >= CAST($1 AS DATE)) AS DOUBLE) AS spent,
            CAST(sum(cost_usd) FILTER (WHERE day >= CAST($2 AS DATE) AND day < CAST($3 AS DATE)) AS DOUBLE) AS last7
     FROM usage_daily WHERE day >= CAST($4 AS DATE) AND list_contains($5, resource_type)`,
    [sqlDate(monthStart), sqlDate(today - 7 * DAY_MS), sqlDate(today), sqlDate(Math.min(monthStart, today - 7 * DAY_MS)), listValue([...types])],
  );
  const spent = r?.spent ?? 0;
  const hourly = (r?.last7 ?? 0) / (7 * 24);
  const nowHour = Math.floor(now / HOUR_MS) * HOUR_MS;
  return { spentUsd: spent, projectedUsd: spent + hourly * Math.max(0, (monthEnd - nowHour) / HOUR_MS) };
}

export function budgetTypes(json: string): ResourceType[] {
  const list = JSON.parse(json) as string[];
  return list.includes('all') ? [...RESOURCE_TYPES] : (list as ResourceType[]);
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

export async function budgetAlerts(db: Database, now: number, filter: ResourceType[], currency: Currency): Promise<Alert[]> {
  const budgets = await db.all<BudgetRow>(
    'SELECT budget_id, name, CAST(monthly_budget AS DOUBLE) AS monthly_budget, currency, alert_thresholds, resource_types FROM budgets ORDER BY created_at, budget_id',
  );
  const dec = CURRENCY_DECIMALS[currency];
  const round = (x: number) => Math.round(x * 10 ** dec) / 10 ** dec;
  const toCcy = await rateOn(db, currency, now);
  const alerts: Alert[] = [];
  for (const b of budgets) {
    const types = budgetTypes(b.resource_types);
    if (!types.some((t) => filter.includes(t))) continue;
    const thresholds = (JSON.parse(b.alert_thresholds) as number[]).slice().sort((x, y) => x - y);
    const spend = await monthSpendUsd(db, now, types);
    const budgetUsd = b.monthly_budget / (await rateOn(db, b.currency, now));
    if (budgetUsd <= 0) continue;
    const pct = (spend.spentUsd / budgetUsd) * 100;
    const projectedPct = (spend.projectedUsd / budgetUsd) * 100;
    const crossed = thresholds.filter((t) => pct >= t).at(-1);
    const forecast = thresholds.filter((t) => projectedPct >= t && (crossed === undefined || t > crossed)).at(-1);
    const amount = (usd: number) => round(usd * toCcy);
    if (crossed !== undefined)
      alerts.push({
        type: 'budget_exceeded',
        severity: severityFor(crossed),
        message: `${b.name}: spend this month has passed ${crossed}% of the ${fmt(b.monthly_budget, b.currency)} monthly budget (${pct.toFixed(1)}% used)`,
        threshold: amount((budgetUsd * crossed) / 100),
        currentValue: amount(spend.spentUsd),
      });
    if (forecast !== undefined)
      alerts.push({
        type: 'budget_forecast',
        severity: severityFor(forecast) === 'critical' ? 'high' : severityFor(forecast),
        message: `${b.name}: projected to reach ${projectedPct.toFixed(0)}% of the ${fmt(b.monthly_budget, b.currency)} monthly budget by month end, past the ${forecast}% threshold`,
        threshold: amount((budgetUsd * forecast) / 100),
        currentValue: amount(spend.projectedUsd),
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
