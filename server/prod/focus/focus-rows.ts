/**
 * FOCUS rows from documented `/usage` answers (pure; no I/O).
 *
 * The reference documents no answer that splits cost by resource, team and
 * hour at once, so the export combines three documented figures:
 *
 * - the range answer (the export's filters, hourly or daily): each resource
 *   type's cost per hour or day (`breakdown[].timeSeries`), apportioned so the
 *   periods add up to the type's `usage.cost`, and the types to
 *   `summary.totalCost`, to the cent;
 * - one answer per day (a custom range of that day, with team metrics): that
 *   day's top resources per type (`topResources`, the rest as one row without
 *   a resource) and each team's cost per type (`teamBreakdown[].resourceUsage`);
 * - within a day, a period's cost of a type is split across resource × team
 *   in proportion to those figures (largest remainder, so the rows add up to
 *   the period's cost exactly). Such rows say `x_CostAllocation=apportioned`;
 *   a row that is the API's own figure says `reported`.
 *
 * Where an answer has no series for a type (team-scoped answers have none),
 * that type's rows are per day, from the day answers' own costs.
 */
import {
  CURRENCY_DECIMALS,
  type BreakdownItem,
  type Currency,
  type ResourceTypeId,
  type UsageResponse,
} from '../../../src/contract/billing.ts';
import { apportion } from '../../analytics/apportion.ts';
import { focusUnit, serviceOf, type FocusRow } from './focus-columns.ts';

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** Cells that start a formula in a spreadsheet; text from the API starting with one gets a leading `'`. */
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

export interface FocusAccount {
  id: string;
  name: string;
}

/** The account columns when FOCUS_BILLING_ACCOUNT_ID and _NAME are not set (the same defaults as server/prod/config.ts). */
export const DEFAULT_FOCUS_ACCOUNT: FocusAccount = { id: 'tensorone', name: 'TensorOne account' };

/** One resource type's cost (minor units) and quantity in one charge period. */
export interface PeriodTarget {
  type: ResourceTypeId;
  unit: string;
  /** Charge period start, epoch ms (UTC). */
  start: number;
  end: number;
  minor: number;
  quantity: number;
  /** Whether the figure is the API's own (a series point that needed no adjustment). */
  reported: boolean;
}

export interface RangePlan {
  /** Targets per UTC day (YYYY-MM-DD), days in order. */
  byDay: Map<string, PeriodTarget[]>;
  /** Types with cost but no series: their targets come from the day answers. */
  fromDays: { type: ResourceTypeId; unit: string }[];
  currency: Currency;
  decimals: number;
}

const dayOf = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export function decimalsOf(currency: string): number {
  return CURRENCY_DECIMALS[currency as Currency] ?? 2;
}

/**
 * Per type, its periods' costs in minor units, adding up to the type's cost:
 * the series' own cents where they already do (the API rounds once), else the
 * type's cost apportioned by them.
 */
function typeTargets(item: BreakdownItem, decimals: number, periodMs: number): PeriodTarget[] {
  const f = 10 ** decimals;
  const total = Math.round(item.usage.cost * f);
  const points = item.timeSeries
    .map((p) => ({ start: Date.parse(p.timestamp), minor: Math.round(p.cost * f), value: p.value }))
    .filter((p) => p.minor !== 0 || p.value !== 0)
    .sort((a, b) => a.start - b.start);
  const sum = points.reduce((a, p) => a + p.minor, 0);
  const exact = sum === total;
  const minors = exact ? points.map((p) => p.minor) : apportion(points.map((p) => p.minor), total);
  return points.map((p, i) => ({
    type: item.resourceType,
    unit: item.usage.unit,
    start: p.start,
    end: p.start + periodMs,
    minor: minors[i]!,
    quantity: p.value,
    reported: exact,
  }));
}

/** The range answer's per-period targets, grouped by day. */
export function planRange(range: UsageResponse, hourly: boolean): RangePlan {
  const currency = range.summary.currency;
  const decimals = decimalsOf(currency);
  const byDay = new Map<string, PeriodTarget[]>();
  const fromDays: RangePlan['fromDays'] = [];
  for (const item of range.breakdown) {
    if (item.timeSeries.length === 0) {
      if (item.usage.cost !== 0 || item.usage.quantity !== 0) fromDays.push({ type: item.resourceType, unit: item.usage.unit });
      continue;
    }
    for (const t of typeTargets(item, decimals, hourly ? HOUR_MS : DAY_MS)) {
      const day = dayOf(t.start);
      const list = byDay.get(day) ?? [];
      list.push(t);
      byDay.set(day, list);
    }
  }
  const sorted = new Map([...byDay.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
  return { byDay: sorted, fromDays, currency, decimals };
}

/** Every day of the answer's period that has data (up to its last elapsed day). */
export function elapsedDays(range: UsageResponse): string[] {
  const start = Date.parse(`${range.period.startDate}T00:00:00Z`);
  const end = Date.parse(`${range.period.endDate}T00:00:00Z`);
  const last = Math.min(end, start + (Math.max(range.period.daysElapsed, 1) - 1) * DAY_MS);
  const out: string[] = [];
  for (let t = start; t <= last; t += DAY_MS) out.push(dayOf(t));
  return out;
}

interface Part {
  id: string | null;
  name: string | null;
  cost: number;
  quantity: number;
  user?: string;
}

/** A type's parts on one day, with what they leave of the type's figures as one part without an id. */
function withRest(parts: Part[], cost: number, quantity: number): Part[] {
  const restCost = cost - parts.reduce((a, p) => a + p.cost, 0);
  const restQty = quantity - parts.reduce((a, p) => a + p.quantity, 0);
  const out = parts.filter((p) => p.cost > 0 || p.quantity > 0);
  if (restCost > 1e-9 * Math.max(1, Math.abs(cost)) || restQty > 1e-9 * Math.max(1, quantity))
    out.push({ id: null, name: null, cost: Math.max(0, restCost), quantity: Math.max(0, restQty) });
  return out.length ? out : [{ id: null, name: null, cost: 1, quantity: 1 }];
}

export interface DaySplit {
  resources: Part[];
  teams: Part[];
}

/** How one day's answer splits each type: by resource and by team. */
export function daySplits(day: UsageResponse): Map<string, DaySplit & { item: BreakdownItem }> {
  const out = new Map<string, DaySplit & { item: BreakdownItem }>();
  for (const item of day.breakdown) {
    const resources = withRest(
      item.topResources.map((r) => ({ id: r.resourceId, name: r.name, cost: r.cost, quantity: r.usage })),
      item.usage.cost,
      item.usage.quantity,
    );
    const teams = withRest(
      (day.teamBreakdown ?? []).flatMap((t) => {
        const u = t.resourceUsage[item.resourceType];
        if (!u) return [];
        const users = (day.userBreakdown ?? []).filter((x) => x.teamId === t.teamId && x.totalCost > 0);
        return [{ id: t.teamId, name: t.teamName, cost: u.cost, quantity: u.quantity, ...(users.length === 1 ? { user: users[0]!.userName } : {}) }];
      }),
      item.usage.cost,
      item.usage.quantity,
    );
    out.set(item.resourceType, { item, resources, teams });
  }
  return out;
}

/** Targets of the types that had no series in the range answer, from this day's answer. */
export function dayTargets(plan: RangePlan, dayIso: string, day: UsageResponse): PeriodTarget[] {
  const start = Date.parse(`${dayIso}T00:00:00Z`);
  const f = 10 ** plan.decimals;
  return plan.fromDays.flatMap(({ type, unit }) => {
    const item = day.breakdown.find((b) => b.resourceType === type);
    if (!item || (item.usage.cost === 0 && item.usage.quantity === 0)) return [];
    return [{ type, unit, start, end: start + DAY_MS, minor: Math.round(item.usage.cost * f), quantity: item.usage.quantity, reported: true }];
  });
}

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');
const text = (s: string | null): string | null => (s !== null && FORMULA_START.test(s) ? `'${s}` : s);
const qty = (q: number) => String(Number(q.toFixed(6)));

function billingPeriod(ms: number): [string, string] {
  const d = new Date(ms);
  const start = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  const end = Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
  return [iso(start), iso(end)];
}

export interface RowContext {
  account: FocusAccount;
  currency: Currency;
  decimals: number;
}

/** The rows of one period target: one per resource × team of its day's split. */
export function* targetRows(ctx: RowContext, target: PeriodTarget, split: DaySplit | undefined): Generator<FocusRow> {
  const resources = split?.resources ?? [{ id: null, name: null, cost: 1, quantity: 1 }];
  const teams = split?.teams ?? [{ id: null, name: null, cost: 1, quantity: 1 }];
  const cells: { r: Part; t: Part; w: number; q: number }[] = [];
  const rq = resources.reduce((a, r) => a + r.quantity, 0);
  const tq = teams.reduce((a, t) => a + t.quantity, 0);
  for (const r of resources)
    for (const t of teams) cells.push({ r, t, w: r.cost * t.cost, q: (rq > 0 ? r.quantity / rq : 0) * (tq > 0 ? t.quantity / tq : 0) });
  const weights = cells.map((c) => c.w);
  const minors = apportion(weights.some((w) => w > 0) ? weights : cells.map((c) => c.q), target.minor);
  const service = serviceOf(target.type);
  const unit = focusUnit(target.unit);
  const [bpStart, bpEnd] = billingPeriod(target.start);
  const f = 10 ** ctx.decimals;
  const allocation = cells.length === 1 && target.reported ? 'reported' : 'apportioned';
  for (let i = 0; i < cells.length; i++) {
    const { r, t, q } = cells[i]!;
    const minor = minors[i]!;
    const quantity = target.quantity * q;
    if (minor === 0 && quantity === 0) continue;
    const cost = (minor / f).toFixed(ctx.decimals);
    const tags: Record<string, string> = {};
    if (t.name !== null) tags.team = t.name;
    if (t.user) tags.user = t.user;
    yield {
      BilledCost: cost,
      BillingAccountId: text(ctx.account.id),
      BillingAccountName: text(ctx.account.name),
      BillingCurrency: ctx.currency,
      BillingPeriodEnd: bpEnd,
      BillingPeriodStart: bpStart,
      ChargeCategory: 'Usage',
      ChargeClass: null,
      ChargeDescription: text(`${service.name}${r.name !== null ? `: ${r.name}` : ''}${t.name !== null ? ` (${t.name})` : ''}`),
      ChargeFrequency: 'Usage-Based',
      ChargePeriodEnd: iso(target.end),
      ChargePeriodStart: iso(target.start),
      ConsumedQuantity: qty(quantity),
      ConsumedUnit: text(unit),
      ContractedCost: cost,
      EffectiveCost: cost,
      InvoiceIssuerName: 'TensorOne',
      ListCost: cost,
      PricingQuantity: qty(quantity),
      PricingUnit: text(unit),
      ProviderName: 'TensorOne',
      PublisherName: 'TensorOne',
      RegionId: null,
      RegionName: null,
      ResourceId: text(r.id),
      ResourceName: text(r.name),
      ResourceType: r.id !== null ? service.resourceType : null,
      ServiceCategory: service.category,
      ServiceName: text(service.name),
      SubAccountId: text(t.id),
      SubAccountName: text(t.name),
      Tags: Object.keys(tags).length ? JSON.stringify(tags) : null,
      x_CostAllocation: allocation,
      x_TensorOneResourceType: text(target.type),
    };
  }
}
