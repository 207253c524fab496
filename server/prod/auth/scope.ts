/**
 * Team scope: a non-admin whose identity lists teams sees only those teams.
 *
 * Only GET /v2/billing/usage can be limited to teams: the API apportions its
 * cost to teams in `teamBreakdown` (with includeTeamMetrics=true, which this
 * server adds). The scoped answer keeps the user's teams and their users,
 * rebuilds `summary` and `breakdown` from those teams' figures (to the cent,
 * percentages of the scoped total), and leaves out what the API does not
 * split by team (regions, top resources, time series per resource type,
 * other groupings, projections, alerts). Every other endpoint (forecast,
 * optimisation, budgets) is organisation-wide and refused with 403
 * `team_scope`.
 */
import { CURRENCY_DECIMALS, type Currency } from '../../../src/contract/billing.ts';

export const TEAM_SCOPE_CODE = 'team_scope';

interface TeamItem {
  teamId?: unknown;
  teamName?: unknown;
  totalCost?: unknown;
  percentage?: unknown;
  resourceUsage?: Record<string, { quantity?: unknown; unit?: unknown; cost?: unknown }>;
  [k: string]: unknown;
}

interface UserItem {
  team?: unknown;
  teamId?: unknown;
  totalCost?: unknown;
  percentage?: unknown;
  [k: string]: unknown;
}

const norm = (s: unknown) => (typeof s === 'string' ? s.trim().toLowerCase() : '');

/** Whether a team (by id or name, case-insensitive) is one of `teams`. */
export function inScope(teams: readonly string[], id: unknown, name: unknown): boolean {
  const wanted = new Set(teams.map(norm));
  return wanted.has(norm(id)) || wanted.has(norm(name));
}

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

/** Money sum in minor units, so it is exact to the cent (JPY: to the yen). */
function sumMoney(values: number[], currency: Currency): number {
  const f = 10 ** (CURRENCY_DECIMALS[currency] ?? 2);
  return values.reduce((acc, v) => acc + Math.round(v * f), 0) / f;
}

/** Percentages with one decimal that add up to exactly 100.0 (largest remainder); all 0 when the total is 0. */
export function percentages(values: number[]): number[] {
  const total = values.reduce((a, b) => a + b, 0);
  if (total <= 0) return values.map(() => 0);
  const raw = values.map((v) => (v / total) * 1000);
  const floors = raw.map(Math.floor);
  let left = 1000 - floors.reduce((a, b) => a + b, 0);
  const order = raw.map((r, i) => [r - floors[i]!, i] as const).sort((a, b) => b[0] - a[0]);
  for (const [, i] of order) {
    if (left <= 0) break;
    floors[i]!++;
    left--;
  }
  return floors.map((f) => f / 10);
}

const UNIT_TOTAL: Record<string, 'totalGpuHours' | 'totalApiRequests' | 'totalStorageGB' | 'totalBandwidthGB'> = {
  gpu_hours: 'totalGpuHours',
  requests: 'totalApiRequests',
  gb_hours: 'totalStorageGB',
  gb: 'totalBandwidthGB',
};

/**
 * The usage answer limited to `teams`. Throws if the answer has no team
 * breakdown to scope by (the caller then refuses the request).
 */
export function scopeUsage(body: Record<string, unknown>, teams: readonly string[]): Record<string, unknown> {
  const summary = (body.summary ?? {}) as Record<string, unknown>;
  const currency = (typeof summary.currency === 'string' ? summary.currency : 'USD') as Currency;
  if (!Array.isArray(body.teamBreakdown)) throw new Error('the answer has no team breakdown');
  const kept = (body.teamBreakdown as TeamItem[]).filter((t) => inScope(teams, t.teamId, t.teamName));
  const teamCosts = kept.map((t) => num(t.totalCost));
  const teamPct = percentages(teamCosts);
  const teamBreakdown = kept.map((t, i) => ({ ...t, percentage: teamPct[i] }));

  const users = Array.isArray(body.userBreakdown)
    ? (body.userBreakdown as UserItem[]).filter((u) =>
        u.teamId !== undefined ? inScope(teams, u.teamId, u.team) : inScope(teams, undefined, u.team),
      )
    : undefined;
  const userPct = users ? percentages(users.map((u) => num(u.totalCost))) : [];
  const userBreakdown = users?.map((u, i) => (u.percentage === undefined ? u : { ...u, percentage: userPct[i] }));

  // Per resource type: the kept teams' quantities and costs.
  const byType = new Map<string, { quantity: number; unit: string; costs: number[] }>();
  for (const t of kept)
    for (const [type, u] of Object.entries(t.resourceUsage ?? {})) {
      const e = byType.get(type) ?? { quantity: 0, unit: typeof u.unit === 'string' ? u.unit : '', costs: [] };
      e.quantity += num(u.quantity);
      e.costs.push(num(u.cost));
      byType.set(type, e);
    }
  const types = [...byType.entries()].map(([resourceType, e]) => ({ resourceType, e, cost: sumMoney(e.costs, currency) }));
  const typePct = percentages(types.map((t) => t.cost));
  const breakdown = types.map(({ resourceType, e, cost }, i) => ({
    resourceType,
    usage: { quantity: Math.round(e.quantity * 1000) / 1000, unit: e.unit, cost, percentage: typePct[i] },
    timeSeries: [],
    topResources: [],
  }));
  const totals = { totalGpuHours: 0, totalApiRequests: 0, totalStorageGB: 0, totalBandwidthGB: 0 };
  for (const { e } of types) {
    const key = UNIT_TOTAL[e.unit];
    if (key) totals[key] += e.quantity;
  }
  for (const k of Object.keys(totals) as (keyof typeof totals)[]) totals[k] = Math.round(totals[k] * 1000) / 1000;

  const groups = Array.isArray(body.groups)
    ? (body.groups as { dimension?: unknown; items?: { key?: unknown; name?: unknown; cost?: unknown }[] }[])
        .filter((g) => g.dimension === 'project')
        .map((g) => {
          const items = (g.items ?? []).filter((it) => inScope(teams, it.key, it.name));
          const pct = percentages(items.map((it) => num(it.cost)));
          return { ...g, items: items.map((it, i) => ({ ...it, percentage: pct[i] })) };
        })
    : undefined;

  const out: Record<string, unknown> = {
    period: body.period,
    summary: { ...totals, totalCost: sumMoney(teamCosts, currency), currency },
    breakdown,
    regional: [],
    alerts: [],
    teamBreakdown,
  };
  if (userBreakdown) out.userBreakdown = userBreakdown;
  if (groups) out.groups = groups;
  return out;
}

/** Why an endpoint cannot be limited to teams, for the 403 message; null for the usage endpoint. */
export function unscopableReason(method: string, pathname: string, search: URLSearchParams): string | null {
  if (method === 'GET' && pathname === '/v2/billing/usage') {
    if (search.get('includeCosts') === 'false')
      return 'Your view is limited to your teams, and team figures come with costs only: includeCosts=false cannot be scoped.';
    return null;
  }
  const what = pathname.startsWith('/v2/billing/budgets')
    ? 'Budgets cover the whole organisation'
    : pathname.startsWith('/v2/billing/usage/forecast')
      ? 'The forecast covers the whole organisation'
      : pathname.startsWith('/v2/billing/usage/optimization')
        ? 'Optimisation findings cover the whole organisation'
        : 'This answer is not split by team';
  return `${what}, and your view is limited to your teams: ask an administrator for organisation-wide access.`;
}
