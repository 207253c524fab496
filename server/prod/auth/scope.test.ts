/**
 * Team scope on answers shaped as the API reference shows them (teamName,
 * totalCost, percentage, memberCount, resourceUsage; users with userName,
 * team, totalCost), without the sandbox's extensions (teamId, timeSeries).
 */
import { describe, expect, it } from 'vitest';
import { scopeUsage, unscopableReason } from './scope.ts';

const reference = () => ({
  period: { startDate: '2024-01-01', endDate: '2024-01-31', billingCycle: 'monthly', daysInPeriod: 31, daysElapsed: 16 },
  summary: { totalCost: 1247.83, totalGpuHours: 156.7, totalApiRequests: 89543, totalStorageGB: 2847.3, totalBandwidthGB: 1256.8, currency: 'USD' },
  breakdown: [{ resourceType: 'clusters', usage: { quantity: 156.7, unit: 'gpu_hours', cost: 784.5, percentage: 62.9 }, timeSeries: [], topResources: [] }],
  regional: [{ region: 'us-east-1', usage: { totalCost: 743.21, gpuHours: 93.4, apiRequests: 52847 }, cost: 743.21, percentage: 59.6 }],
  alerts: [{ type: 'budget_exceeded', severity: 'medium', message: 'Monthly GPU usage has exceeded 80% of allocated budget', threshold: 1000, currentValue: 1247.83 }],
  teamBreakdown: [
    { teamName: 'Vision', totalCost: 700.01, percentage: 56.1, memberCount: 4, resourceUsage: { clusters: { quantity: 90.1, unit: 'gpu_hours', cost: 600.01 }, storage: { quantity: 1000, unit: 'gb_hours', cost: 100 } } },
    { teamName: 'Speech', totalCost: 300.11, percentage: 24.1, memberCount: 2, resourceUsage: { 'ai-services': { quantity: 50000, unit: 'requests', cost: 300.11 } } },
    { teamName: 'Search', totalCost: 247.71, percentage: 19.8, memberCount: 3, resourceUsage: { clusters: { quantity: 66.6, unit: 'gpu_hours', cost: 247.71 } } },
  ],
  userBreakdown: [
    { userName: 'Ann', team: 'Vision', totalCost: 500 },
    { userName: 'Bob', team: 'Speech', totalCost: 300.11 },
    { userName: 'Cat', team: 'Search', totalCost: 247.71 },
    { userName: 'Dan', team: 'Vision', totalCost: 200.01 },
  ],
});

describe('scopeUsage', () => {
  it('keeps the teams by name, rebuilds totals and drops what is not split by team', () => {
    const out = scopeUsage(reference(), ['vision', 'Speech']);
    const text = JSON.stringify(out);
    expect(text).not.toContain('Search');
    expect(text).not.toContain('Cat');
    expect(text).not.toContain('1247.83');
    expect(text).not.toContain('us-east-1');
    expect(out.summary).toEqual({ totalCost: 1000.12, totalGpuHours: 90.1, totalApiRequests: 50000, totalStorageGB: 1000, totalBandwidthGB: 0, currency: 'USD' });
    const teams = out.teamBreakdown as { teamName: string; percentage: number }[];
    expect(teams.map((t) => [t.teamName, t.percentage])).toEqual([
      ['Vision', 70],
      ['Speech', 30],
    ]);
    const breakdown = out.breakdown as { resourceType: string; usage: { cost: number; percentage: number } }[];
    expect(breakdown.map((b) => [b.resourceType, b.usage.cost])).toEqual([
      ['clusters', 600.01],
      ['storage', 100],
      ['ai-services', 300.11],
    ]);
    expect(breakdown.reduce((a, b) => a + Math.round(b.usage.percentage * 10), 0)).toBe(1000);
    expect((out.userBreakdown as { userName: string }[]).map((u) => u.userName)).toEqual(['Ann', 'Bob', 'Dan']);
    expect(out.regional).toEqual([]);
    expect(out.alerts).toEqual([]);
  });

  it('keeps nothing for teams the answer does not have, and refuses an answer without team figures', () => {
    const out = scopeUsage(reference(), ['Nobody']);
    expect(out.teamBreakdown).toEqual([]);
    expect((out.summary as { totalCost: number }).totalCost).toBe(0);
    const { teamBreakdown: _dropped, ...without } = reference();
    expect(() => scopeUsage(without, ['Vision'])).toThrow(/no team breakdown/);
  });

  it('says why the organisation-wide endpoints cannot be scoped', () => {
    expect(unscopableReason('GET', '/v2/billing/usage', new URLSearchParams())).toBeNull();
    expect(unscopableReason('GET', '/v2/billing/budgets/status', new URLSearchParams())).toMatch(/Budgets cover the whole organisation/);
    expect(unscopableReason('GET', '/v2/billing/usage/forecast', new URLSearchParams())).toMatch(/forecast/);
    expect(unscopableReason('GET', '/v2/billing/something-new', new URLSearchParams())).toMatch(/not split by team/);
  });
});
