/**
 * Tolerant reading: what the reference documents is required, everything
 * else optional, unknown fields dropped and unknown enum values kept.
 * The reference's example is read from the copy of the reference in docs/.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  budgetInputSchema,
  budgetStatusResponseSchema,
  collectQuery,
  forecastQuerySchema,
  optimizationQuerySchema,
  optimizationResponseSchema,
  usageQuerySchema,
  usageResponseSchema,
} from './billing';

const REFERENCE = readFileSync(path.join(process.cwd(), 'docs', 'billing-usage-api.txt'), 'utf8');
const start = REFERENCE.indexOf('{\n  "period"');
const EXAMPLE = JSON.parse(REFERENCE.slice(start, REFERENCE.indexOf('\n}\n', start) + 2)) as Record<string, unknown>;
const clone = () => structuredClone(EXAMPLE) as Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe('usage response', () => {
  it("reads the reference's example as written", () => {
    const r = usageResponseSchema.parse(EXAMPLE);
    expect(r.summary.totalCost).toBe(1247.83);
    expect(r.regional.map((g) => g.region)).toEqual(['us-east-1', 'us-west-2', 'eu-west-1']);
    expect(r.breakdown.map((b) => b.usage.cost).reduce((a, b) => a + b, 0)).toBeCloseTo(1247.83, 2);
  });

  it('keeps values the API added and drops fields it does not know', () => {
    const grown = clone();
    grown.breakdown.push({ ...grown.breakdown[0], resourceType: 'quantum', usage: { ...grown.breakdown[0].usage, unit: 'qpu_seconds' } });
    grown.alerts.push({ ...grown.alerts[0], type: 'quota_warning', severity: 'informational' });
    grown.projections.trend = 'volatile';
    grown.period.billingCycle = 'fortnightly';
    grown.summary.carbonKg = 12;
    const r = usageResponseSchema.parse(grown);
    expect(r.breakdown.at(-1)).toMatchObject({ resourceType: 'quantum', usage: { unit: 'qpu_seconds' } });
    expect(r.alerts.at(-1)).toMatchObject({ type: 'quota_warning', severity: 'informational' });
    expect(r.projections?.trend).toBe('volatile');
    expect(r.summary).not.toHaveProperty('carbonKg');
  });

  it('still fails a missing documented field, naming it', () => {
    for (const [drop, path] of [
      [(x: any) => delete x.summary.totalCost, ['summary', 'totalCost']], // eslint-disable-line @typescript-eslint/no-explicit-any
      [(x: any) => delete x.breakdown[1].usage.unit, ['breakdown', 1, 'usage', 'unit']], // eslint-disable-line @typescript-eslint/no-explicit-any
      [(x: any) => delete x.regional[2].percentage, ['regional', 2, 'percentage']], // eslint-disable-line @typescript-eslint/no-explicit-any
      [(x: any) => delete x.alerts, ['alerts']], // eslint-disable-line @typescript-eslint/no-explicit-any
    ] as const) {
      const x = clone();
      drop(x);
      const r = usageResponseSchema.safeParse(x);
      expect(r.success).toBe(false);
      expect(r.error!.issues.map((i) => i.path)).toContainEqual(path);
    }
  });

  it("fills team and user ids from their names, as the reference's team example reads them", () => {
    const r = usageResponseSchema.parse({
      ...EXAMPLE,
      teamBreakdown: [
        { teamName: 'Research', totalCost: 1000, percentage: 80.1, memberCount: 2 },
        { teamName: 'Ops', totalCost: 247.83, percentage: 19.9, memberCount: 1, resourceUsage: { storage: { quantity: 1, unit: 'gb_hours', cost: 247.83 } } },
      ],
      userBreakdown: [
        { userName: 'Kim', totalCost: 600, team: 'Research' },
        { userName: 'Kim', totalCost: 400, team: 'Research' },
        { userName: 'Lee', totalCost: 247.83 },
      ],
    });
    expect(r.teamBreakdown!.map((t) => [t.teamId, t.resourceUsage])).toEqual([
      ['Research', {}],
      ['Ops', { storage: { quantity: 1, unit: 'gb_hours', cost: 247.83 } }],
    ]);
    expect(r.userBreakdown!.map((u) => [u.userId, u.teamId])).toEqual([
      ['Kim', 'Research'],
      ['Kim (2)', 'Research'],
      ['Lee', undefined],
    ]);
  });
});

describe('optimization, forecast and budget-status responses', () => {
  it('reads an optimization answer with only what the reference reads, filling ids', () => {
    const r = optimizationResponseSchema.parse({
      recommendations: [
        { title: 'A', impact: 'high', potentialSavings: 10, description: 'a', implementationEffort: 'low' },
        { id: 'rec-1', title: 'B', impact: 'urgent', potentialSavings: 5, description: 'b', implementationEffort: 'trivial' },
      ],
    });
    expect(r.potentialSavings).toBeUndefined();
    expect(r.wasteAnalysis).toBeUndefined();
    expect(r.recommendations!.map((x) => [x.id, x.impact, x.resourceIds])).toEqual([
      ['rec-2', 'high', []],
      ['rec-1', 'urgent', []],
    ]);
  });

  it('reads budget status with the four fields the reference reads, computing the rest', () => {
    const r = budgetStatusResponseSchema.parse({
      budgets: [
        { monthlyBudget: 2000, currentSpent: 1500, daysRemainingInPeriod: 15 },
        { name: 'EU', monthlyBudget: 800, currentSpent: 100, daysRemainingInPeriod: 15, currency: 'CHF', alertThresholds: [10, 50], status: 'paused' },
      ],
    });
    expect(r.budgets[0]).toMatchObject({ name: 'Default Budget', currency: 'USD', percentageUsed: 75, alertThresholds: [], thresholdsCrossed: [] });
    expect(r.budgets[0]!.projectedSpend).toBeUndefined();
    expect(r.budgets[0]!.budgetId).toBeUndefined();
    expect(r.budgets[1]).toMatchObject({ currency: 'CHF', percentageUsed: 12.5, thresholdsCrossed: [10], status: 'paused' });
    const missing = budgetStatusResponseSchema.safeParse({ budgets: [{ monthlyBudget: 1, daysRemainingInPeriod: 1 }] });
    expect(missing.error!.issues.map((i) => i.path)).toContainEqual(['budgets', 0, 'currentSpent']);
  });
});

describe('query values as clients send them', () => {
  it('reads booleans in any case and as 1/0, and nothing else', () => {
    for (const [v, want] of [['True', true], ['FALSE', false], ['1', true], ['0', false], ['tRUE', true]] as const) {
      expect(optimizationQuerySchema.parse({ includeRecommendations: v }).includeRecommendations).toBe(want);
      expect(forecastQuerySchema.parse({ includeScenarios: v }).includeScenarios).toBe(want);
      expect(usageQuerySchema.parse({ includeTeamMetrics: v }).includeTeamMetrics).toBe(want);
    }
    for (const v of ['yes', 'on', '', 'truee']) expect(usageQuerySchema.safeParse({ includeProjections: v }).success).toBe(false);
  });

  it('collects lists from repeated keys, key[]= and comma lists', () => {
    for (const qs of ['groupBy=project&groupBy=user', 'groupBy[]=project&groupBy[]=user', 'groupBy=project,user', 'groupBy=project&groupBy[]=user'])
      expect(collectQuery(new URLSearchParams(qs))).toEqual({ groupBy: ['project', 'user'] });
  });
});

describe('budget actions', () => {
  const body = {
    monthlyBudget: 2000.0,
    currency: 'USD',
    alertThresholds: [50, 75, 90, 100],
    resourceTypes: ['clusters', 'ai-services'],
    notificationChannels: ['email', 'webhook'],
    actions: { at_90_percent: 'send_warning', at_100_percent: ['send_alert', 'notify_admin'], at_110_percent: ['send_critical', 'auto_limit'] },
  };

  it("accepts the reference's example body as written", () => {
    expect(budgetInputSchema.parse(body).actions).toEqual({
      at_90_percent: ['send_warning'],
      at_100_percent: ['send_alert', 'notify_admin'],
      at_110_percent: ['send_critical', 'auto_limit'],
    });
  });

  it('makes equivalent keys one and refuses keys that name no percentage', () => {
    expect(budgetInputSchema.parse({ ...body, actions: { at_050_percent: 'send_alert', at_50_percent: 'notify_admin' } }).actions).toEqual({
      at_50_percent: ['send_alert', 'notify_admin'],
    });
    for (const key of ['at_0_percent', 'at_1000_percent', 'fifty', 'at_5.5_percent'])
      expect(budgetInputSchema.safeParse({ ...body, actions: { [key]: 'send_alert' } }).success, key).toBe(false);
  });
});
