/**
 * A stand-in for the real TensorOne billing API that sends only what the
 * public reference documents (docs/billing-usage-api.txt, a copy of it),
 * written from the reference, not from our sandbox:
 * - GET /v2/billing/usage: the reference's example answer, verbatim (the same
 *   text whatever the query); with includeTeamMetrics=true, teamBreakdown and
 *   userBreakdown with exactly the fields the reference's team example reads.
 * - GET /v2/billing/usage/forecast, /usage/optimization, /budgets/status and
 *   POST /v2/billing/budgets: exactly the fields the reference's Python
 *   examples read, nothing more.
 * Every request must carry `Authorization: Bearer <apiKey>`, as the real API
 * wants; anything else answers 401, an unknown path 404.
 */
import { readFileSync } from 'node:fs';

/** The API reference, as published. */
export const REFERENCE_TEXT = readFileSync(new URL('../../docs/billing-usage-api.txt', import.meta.url), 'utf8');

/** The reference's /usage example answer, character for character as the reference prints it. */
export const USAGE_EXAMPLE_TEXT = firstJsonObject(REFERENCE_TEXT);

function firstJsonObject(text: string): string {
  const start = text.indexOf('{\n  "period"');
  let depth = 0;
  for (let i = start; i < text.length; i++) {
    if (text[i] === '{') depth++;
    else if (text[i] === '}' && --depth === 0) return text.slice(start, i + 1);
  }
  throw new Error('the reference has no /usage example');
}

/** What a fake answers: a JSON body (or raw text) per request. */
export type FakeAnswer = { status: number; body: unknown } | { status: number; text: string };

/** The team figures, written to add up to the example's total (1,247.83) and its 100%. */
export const REFERENCE_TEAMS = [
  {
    teamName: 'ML Research',
    totalCost: 612.4,
    percentage: 49.1,
    memberCount: 4,
    resourceUsage: {
      clusters: { quantity: 98.2, unit: 'gpu_hours', cost: 491.0 },
      storage: { quantity: 1602.5, unit: 'gb_hours', cost: 80.12 },
      bandwidth: { quantity: 968.9, unit: 'gb', cost: 41.28 },
    },
  },
  {
    teamName: 'Product AI',
    totalCost: 463.55,
    percentage: 37.1,
    memberCount: 3,
    resourceUsage: {
      clusters: { quantity: 58.5, unit: 'gpu_hours', cost: 293.5 },
      'ai-services': { quantity: 56640, unit: 'requests', cost: 170.05 },
    },
  },
  {
    teamName: 'Data Platform',
    totalCost: 171.88,
    percentage: 13.8,
    memberCount: 0,
    resourceUsage: {
      'ai-services': { quantity: 32903, unit: 'requests', cost: 98.58 },
      storage: { quantity: 1244.8, unit: 'gb_hours', cost: 62.25 },
      bandwidth: { quantity: 287.9, unit: 'gb', cost: 11.05 },
    },
  },
];

export const REFERENCE_USERS = [
  { userName: 'Ada Lovelace', totalCost: 402.1, team: 'ML Research' },
  { userName: 'Grace Hopper', totalCost: 301.25, team: 'Product AI' },
  { userName: 'Alan Turing', totalCost: 210.3, team: 'ML Research' },
  { userName: 'Edsger Dijkstra', totalCost: 162.3, team: 'Product AI' },
  // The reference reads `team` with .get(): a user may have none.
  { userName: 'Barbara Liskov', totalCost: 171.88 },
];

const MONTHS = ['2024-01', '2024-02', '2024-03', '2024-04', '2024-05', '2024-06', '2024-07', '2024-08', '2024-09', '2024-10', '2024-11', '2024-12'];

export function referenceForecast(months: number) {
  return {
    baseline: { avgMonthlyCost: 2104.5, growthRate: 3.2 },
    monthlyProjections: MONTHS.slice(0, months).map((month, i) => ({
      month,
      projectedCost: Math.round(2418.67 * 1.032 ** i * 100) / 100,
      confidence: Math.round((0.87 - i * 0.05) * 100) / 100,
    })),
    scenarios: {
      optimistic: { sixMonthTotal: 13250.0, peakMonth: 2390.1, probability: 0.2 },
      expected: { sixMonthTotal: 15512.4, peakMonth: 2832.75, probability: 0.6 },
      pessimistic: { sixMonthTotal: 18904.2, peakMonth: 3620.0, probability: 0.2 },
    },
    growthDrivers: [
      { factor: 'GPU cluster usage', impact: 84.2, description: 'More training runs on A100 clusters' },
      { factor: 'AI service requests', impact: 21.75, description: 'Text-to-image traffic is growing' },
    ],
  };
}

export const REFERENCE_OPTIMIZATION = {
  potentialSavings: {
    totalMonthly: 312.45,
    byCategory: [
      {
        name: 'GPU Clusters',
        currentCost: 784.5,
        savings: 235.35,
        percentage: 30.0,
        recommendation: 'Scale idle clusters down outside working hours',
      },
      { name: 'Storage', currentCost: 142.37, savings: 77.1, percentage: 54.2, recommendation: 'Delete snapshots untouched for 90 days' },
    ],
  },
  recommendations: [
    {
      title: 'Right-size GPU Cluster A100-001',
      impact: 'high',
      potentialSavings: 235.35,
      description: 'Average utilisation is 22%; half the GPUs would do',
      implementationEffort: 'low',
    },
    {
      title: 'Archive old snapshots',
      impact: 'medium',
      potentialSavings: 77.1,
      description: 'Snapshots older than 90 days are never read',
      implementationEffort: 'medium',
    },
  ],
  wasteAnalysis: {
    totalWaste: 118.6,
    items: [
      { description: 'Idle GPU cluster cluster-gpu-h100-002 at night', amount: 96.4 },
      { description: 'Unattached volume vol-tmp-17', amount: 22.2 },
    ],
  },
};

export const REFERENCE_BUDGETS = [
  { name: 'Monthly GPU budget', monthlyBudget: 1500.0, currentSpent: 784.5, daysRemainingInPeriod: 15 },
  // The reference reads `name` with .get(..., 'Default Budget').
  { monthlyBudget: 2000.0, currentSpent: 1247.83, daysRemainingInPeriod: 15 },
];

export interface FakeOptions {
  apiKey: string;
}

/** The reference fake's answer to one request. */
export function referenceAnswer(method: string, url: URL, authorization: string | null, options: FakeOptions): FakeAnswer {
  if (authorization !== `Bearer ${options.apiKey}`)
    return { status: 401, body: { error: { code: 'unauthorized', message: 'Missing or invalid API key' } } };
  const route = `${method} ${url.pathname.replace(/\/+$/, '')}`;
  switch (route) {
    case 'GET /v2/billing/usage': {
      if (!/^(true|1)$/i.test(url.searchParams.get('includeTeamMetrics') ?? '')) return { status: 200, text: USAGE_EXAMPLE_TEXT };
      const example = JSON.parse(USAGE_EXAMPLE_TEXT) as Record<string, unknown>;
      return { status: 200, body: { ...example, teamBreakdown: REFERENCE_TEAMS, userBreakdown: REFERENCE_USERS } };
    }
    case 'GET /v2/billing/usage/forecast': {
      const months = { '3_months': 3, '6_months': 6, '12_months': 12 }[url.searchParams.get('forecastPeriod') ?? '3_months'] ?? 3;
      const forecast = referenceForecast(months);
      if (!/^(true|1)$/i.test(url.searchParams.get('includeScenarios') ?? '')) delete (forecast as Partial<typeof forecast>).scenarios;
      return { status: 200, body: forecast };
    }
    case 'GET /v2/billing/usage/optimization':
      return { status: 200, body: REFERENCE_OPTIMIZATION };
    case 'GET /v2/billing/budgets/status':
      return { status: 200, body: { budgets: REFERENCE_BUDGETS } };
    case 'POST /v2/billing/budgets':
      return { status: 201, body: { budgetId: 'bgt_ref_0001' } };
    default:
      return { status: 404, body: { error: { code: 'not_found', message: `No route ${route}` } } };
  }
}

/** A fetch handler over an answer function, for listen() (server/prod/testing.ts). */
export function fakeHandler(answer: (method: string, url: URL, authorization: string | null) => FakeAnswer) {
  return (req: Request): Response => {
    const a = answer(req.method, new URL(req.url), req.headers.get('authorization'));
    const text = 'text' in a ? a.text : JSON.stringify(a.body);
    return new Response(text, { status: a.status, headers: { 'Content-Type': 'application/json' } });
  };
}
