/**
 * The reference fake after the API has grown: every answer carries fields
 * the reference does not document, and new enum values the dashboard does
 * not know (a resource type and its unit, a region, an alert type and
 * severity, a team resource, an impact and an effort, a waste rule, a budget
 * currency and status). Totals are kept consistent: the new resource type's
 * cost is added to the total and to the new region.
 */
import { referenceAnswer, type FakeAnswer, type FakeOptions } from './reference.ts';

export const GROWN_TYPE = { resourceType: 'quantum-annealing', unit: 'qpu_seconds', quantity: 5400, cost: 100.0 } as const;
export const GROWN_REGION = { region: 'ap-southeast-1', cost: 100.0 } as const;
/** The example's total plus the new type's cost. */
export const GROWN_TOTAL = 1347.83;

type Json = Record<string, unknown>;

function grownUsage(example: Json): Json {
  const summary = { ...(example.summary as Json), totalCost: GROWN_TOTAL, totalQpuSeconds: GROWN_TYPE.quantity, taxIncluded: false };
  const breakdown: Json[] = (example.breakdown as Json[]).map((b) => ({ ...b, sku: `sku-${String(b.resourceType)}`, discounts: [] }));
  breakdown.push({
    resourceType: GROWN_TYPE.resourceType,
    usage: { quantity: GROWN_TYPE.quantity, unit: GROWN_TYPE.unit, cost: GROWN_TYPE.cost, percentage: 7.4, committed: false },
    timeSeries: [
      { timestamp: '2024-01-15T00:00:00Z', value: 2700, cost: 50.0 },
      { timestamp: '2024-01-16T00:00:00Z', value: 2700, cost: 50.0, estimated: true },
    ],
    topResources: [{ resourceId: 'qa-solver-01', name: 'Annealer QA-01', usage: 5400, cost: 100.0, tags: ['beta'] }],
  });
  const regional = [
    ...(example.regional as Json[]).map((r) => ({ ...r, carbonIntensity: 0.4 })),
    { region: GROWN_REGION.region, usage: { totalCost: GROWN_REGION.cost, gpuHours: 0, apiRequests: 0, qpuSeconds: 5400 }, cost: GROWN_REGION.cost, percentage: 7.4 },
  ];
  const alerts = [
    ...(example.alerts as Json[]),
    { type: 'quota_warning', severity: 'informational', message: 'QPU quota 80% used', threshold: 6000, currentValue: 5400, quota: 'qpu' },
  ];
  const projections = { ...(example.projections as Json), trend: 'volatile', model: 'v7' };
  const out: Json = { ...example, summary, breakdown, regional, alerts, projections, billingAccount: { id: 'acct-42' } };
  if (example.teamBreakdown) {
    const teams: Json[] = (example.teamBreakdown as Json[]).map((t, i) => ({ ...t, costCenter: `cc-${i + 1}` }));
    // The new type's cost goes to the first team.
    const first = teams[0] as Json & { totalCost: number; resourceUsage: Json };
    teams[0] = {
      ...first,
      totalCost: Math.round((first.totalCost + GROWN_TYPE.cost) * 100) / 100,
      resourceUsage: { ...first.resourceUsage, [GROWN_TYPE.resourceType]: { quantity: GROWN_TYPE.quantity, unit: GROWN_TYPE.unit, cost: GROWN_TYPE.cost } },
    };
    out.teamBreakdown = teams;
    out.userBreakdown = (example.userBreakdown as Json[]).map((u) => ({ ...u, email: 'hidden@example.com' }));
  }
  return out;
}

function grownBody(path: string, body: Json): Json {
  switch (path) {
    case '/v2/billing/usage':
      return grownUsage(body);
    case '/v2/billing/usage/forecast':
      return {
        ...body,
        modelVersion: '2025.1',
        monthlyProjections: (body.monthlyProjections as Json[]).map((m) => ({ ...m, drivers: [] })),
        growthDrivers: [...((body.growthDrivers as Json[] | undefined) ?? []), { factor: 'Quantum annealing', impact: 12.5, description: 'New QPU jobs', dimension: 'service', key: 'qa' }],
      };
    case '/v2/billing/usage/optimization': {
      const recs = body.recommendations as Json[];
      const waste = body.wasteAnalysis as Json & { items: Json[] };
      return {
        ...body,
        recommendations: [
          ...recs,
          { title: 'Batch QPU jobs', impact: 'urgent', potentialSavings: 10.0, description: 'Queue short jobs together', implementationEffort: 'trivial', rule: 'qpu_batching' },
        ],
        wasteAnalysis: { ...waste, items: [...waste.items.map((w) => ({ ...w, rule: 'idle_capacity', confidence: 0.9 }))] },
        generatedBy: 'optimizer-v3',
      };
    }
    case '/v2/billing/budgets/status':
      return {
        budgets: [
          ...(body.budgets as Json[]).map((b) => ({ ...b, owner: 'finance' })),
          { name: 'Zurich office', monthlyBudget: 900.0, currentSpent: 312.4, daysRemainingInPeriod: 15, currency: 'CHF', status: 'paused', resourceTypes: ['quantum-annealing'] },
        ],
      };
    default:
      return body;
  }
}

/** The grown fake's answer to one request: the reference answer, grown. */
export function grownAnswer(method: string, url: URL, authorization: string | null, options: FakeOptions): FakeAnswer {
  const a = referenceAnswer(method, url, authorization, options);
  if (a.status >= 300) return a;
  const body = ('text' in a ? JSON.parse(a.text) : a.body) as Json;
  return { status: a.status, body: grownBody(url.pathname.replace(/\/+$/, ''), body) };
}
