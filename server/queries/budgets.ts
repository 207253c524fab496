/**
 * Budgets: storage in the `budgets` table (with idempotency keys for
 * retry-safe creates) and this month's status of each budget.
 */
import { createHash, randomUUID } from 'node:crypto';
import {
  BUDGET_RESOURCE_TYPES,
  CURRENCY_DECIMALS,
  type Budget,
  type BudgetData,
  type BudgetStatus,
  type BudgetStatusResponse,
  type Currency,
  type NotificationChannel,
} from '../../src/contract/billing.ts';
import type { Database, Row } from '../db/database.ts';
import { evaluateBudget, type SpendMemo } from '../analytics/alerts.ts';
import { fromMinor, toMinor } from '../analytics/apportion.ts';
import { resolvePeriod } from './period.ts';

interface BudgetDbRow extends Row {
  budget_id: string;
  name: string;
  monthly_budget: number;
  currency: Currency;
  alert_thresholds: string;
  resource_types: string;
  notification_channels: string;
  actions: string;
  created_at: string;
  updated_at: string;
}

const SELECT = `SELECT budget_id, name, CAST(monthly_budget AS DOUBLE) AS monthly_budget, currency, alert_thresholds,
       resource_types, notification_channels, actions, created_at, updated_at FROM budgets`;
const ORDER = 'ORDER BY created_at, budget_id';

const sqlTs = (ms: number) => new Date(ms).toISOString().slice(0, 23).replace('T', ' ');
const iso = (v: string) => new Date(v).toISOString().replace('.000Z', 'Z');

/** Stored rows may hold the reference's plain forms (seeded budgets do): normalise on the way out. */
function toBudget(r: BudgetDbRow): Budget {
  const channels = (JSON.parse(r.notification_channels) as Array<string | NotificationChannel>).map((c) =>
    typeof c === 'string' ? ({ type: c } as NotificationChannel) : c,
  );
  const actions = Object.fromEntries(
    Object.entries(JSON.parse(r.actions) as Record<string, string | string[]>).map(([k, v]) => [k, Array.isArray(v) ? v : [v]]),
  ) as Budget['actions'];
  return {
    budgetId: r.budget_id,
    name: r.name,
    monthlyBudget: r.monthly_budget,
    currency: r.currency,
    alertThresholds: JSON.parse(r.alert_thresholds) as number[],
    resourceTypes: (JSON.parse(r.resource_types) as string[]).filter((t): t is Budget['resourceTypes'][number] =>
      (BUDGET_RESOURCE_TYPES as readonly string[]).includes(t),
    ),
    notificationChannels: channels,
    actions,
    createdAt: iso(r.created_at),
    updatedAt: iso(r.updated_at),
  };
}

/** A name for a budget sent without one: what it covers. */
export function defaultName(data: BudgetData): string {
  return data.resourceTypes.includes('all') ? 'All resources' : data.resourceTypes.join(', ');
}

/** The columns after budget_id, as parameters $2.. of an insert or update. */
function values(data: BudgetData): string[] {
  return [
    data.name ?? defaultName(data),
    data.monthlyBudget.toFixed(CURRENCY_DECIMALS[data.currency]),
    data.currency,
    JSON.stringify(data.alertThresholds),
    JSON.stringify(data.resourceTypes),
    JSON.stringify(data.notificationChannels),
    JSON.stringify(data.actions),
  ];
}

export async function listBudgets(db: Database): Promise<Budget[]> {
  return (await db.all<BudgetDbRow>(`${SELECT} ${ORDER}`)).map(toBudget);
}

export async function getBudget(db: Database, budgetId: string): Promise<Budget | null> {
  const [r] = await db.all<BudgetDbRow>(`${SELECT} WHERE budget_id = $1`, [budgetId]);
  return r ? toBudget(r) : null;
}

/** JSON with object keys sorted, so equal requests have equal fingerprints. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
      .map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v);
}

/** Fingerprint of a validated, normalised create request. */
export function requestHash(data: BudgetData): string {
  return createHash('sha256').update(canonical(data)).digest('hex');
}

export type CreateResult =
  | { kind: 'created'; budget: Budget }
  /** The key was used before with the same request: the budget it created, as it is now. */
  | { kind: 'replayed'; budget: Budget }
  /** The key was used before with a different request. */
  | { kind: 'key_mismatch'; budgetId: string }
  /** The key's budget has been deleted since. */
  | { kind: 'key_budget_deleted'; budgetId: string };

/**
 * Stores a new budget. With an idempotency key, the check for an earlier use
 * and the insert are one transaction (and transactions run one at a time), so
 * concurrent retries with one key create exactly one budget.
 */
export function createBudget(db: Database, data: BudgetData, now: number, idempotencyKey?: string): Promise<CreateResult> {
  const hash = requestHash(data);
  return db.transaction(async (tx) => {
    if (idempotencyKey !== undefined) {
      const [k] = await tx.all<{ budget_id: string; request_hash: string | null }>(
        'SELECT budget_id, request_hash FROM idempotency_keys WHERE key = $1',
        [idempotencyKey],
      );
      if (k) {
        if (k.request_hash !== hash) return { kind: 'key_mismatch', budgetId: k.budget_id };
        const [r] = await tx.all<BudgetDbRow>(`${SELECT} WHERE budget_id = $1`, [k.budget_id]);
        return r ? { kind: 'replayed', budget: toBudget(r) } : { kind: 'key_budget_deleted', budgetId: k.budget_id };
      }
    }
    const budgetId = `bdg-${randomUUID().replaceAll('-', '').slice(0, 16)}`;
    await tx.run(
      `INSERT INTO budgets (budget_id, name, monthly_budget, currency, alert_thresholds, resource_types, notification_channels,
                            actions, created_at, updated_at)
       VALUES ($1, $2, CAST($3 AS DECIMAL(18,2)), $4, $5, $6, $7, $8, CAST($9 AS TIMESTAMP), CAST($9 AS TIMESTAMP))`,
      [budgetId, ...values(data), sqlTs(now)],
    );
    if (idempotencyKey !== undefined)
      await tx.run(
        'INSERT INTO idempotency_keys (key, budget_id, created_at, request_hash) VALUES ($1, $2, CAST($3 AS TIMESTAMP), $4)',
        [idempotencyKey, budgetId, sqlTs(now), hash],
      );
    const [r] = await tx.all<BudgetDbRow>(`${SELECT} WHERE budget_id = $1`, [budgetId]);
    return { kind: 'created', budget: toBudget(r!) };
  });
}

/** Replaces every field of a budget (keeping its id and createdAt); null when there is no such budget. */
export function replaceBudget(db: Database, budgetId: string, data: BudgetData, now: number): Promise<Budget | null> {
  return db.transaction(async (tx) => {
    const [found] = await tx.all('SELECT 1 AS x FROM budgets WHERE budget_id = $1', [budgetId]);
    if (!found) return null;
    await tx.run(
      `UPDATE budgets SET name = $2, monthly_budget = CAST($3 AS DECIMAL(18,2)), currency = $4, alert_thresholds = $5,
              resource_types = $6, notification_channels = $7, actions = $8, updated_at = CAST($9 AS TIMESTAMP)
       WHERE budget_id = $1`,
      [budgetId, ...values(data), sqlTs(now)],
    );
    const [r] = await tx.all<BudgetDbRow>(`${SELECT} WHERE budget_id = $1`, [budgetId]);
    return toBudget(r!);
  });
}

/**
 * Deletes a budget; false when there is none. Idempotency keys that created it
 * stay, so a late retry of its create is refused rather than bringing it back.
 */
export function deleteBudget(db: Database, budgetId: string): Promise<boolean> {
  return db.transaction(async (tx) => {
    const [found] = await tx.all('SELECT 1 AS x FROM budgets WHERE budget_id = $1', [budgetId]);
    if (!found) return false;
    await tx.run('DELETE FROM budgets WHERE budget_id = $1', [budgetId]);
    return true;
  });
}

/** Every budget against this calendar month's spend (see budgetStatusItemSchema). */
export async function budgetStatus(db: Database, now: number): Promise<BudgetStatusResponse> {
  const budgets = await listBudgets(db);
  const { period } = resolvePeriod('current_month', now);
  const daysRemainingInPeriod = period.daysInPeriod - period.daysElapsed;
  const memo: SpendMemo = new Map();
  const out: BudgetStatus[] = [];
  for (const b of budgets) {
    const e = await evaluateBudget(db, now, b, memo);
    const dec = CURRENCY_DECIMALS[b.currency];
    out.push({
      budgetId: b.budgetId,
      name: b.name,
      monthlyBudget: b.monthlyBudget,
      currency: b.currency,
      resourceTypes: b.resourceTypes,
      alertThresholds: b.alertThresholds,
      currentSpent: fromMinor(toMinor(e.spent, dec), dec),
      percentageUsed: Math.round(e.percentUsed * 10) / 10,
      daysRemainingInPeriod,
      projectedSpend: fromMinor(toMinor(e.projected, dec), dec),
      thresholdsCrossed: e.crossed,
      actionsFired: e.fired.map((a) => a.key),
      status: e.percentUsed >= 100 ? 'exceeded' : e.projectedPercent >= 100 ? 'at_risk' : 'on_track',
    });
  }
  return { budgets: out };
}
