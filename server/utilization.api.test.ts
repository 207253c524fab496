/**
 * GET /v2/billing/usage/utilization (a sandbox extension): a cluster's GPU
 * utilisation per hour or day, with its cost adding up to the cluster's cost in
 * the usage answer; the planted idle cluster (cluster-gpu-a100-004, idle from
 * month 11) and oversized one (cluster-gpu-h100-003) show as such.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { utilizationResponseSchema } from '../src/contract/utilization.ts';
import { utilizationPeriods } from '../src/lib/utilization-periods.ts';
import { startSandbox, type Sandbox } from './test/sandbox.ts';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
}, 120_000);
afterAll(async () => {
  await sandbox?.close();
});

const util = async (qs: string) => utilizationResponseSchema.parse(await sandbox.json(`/v2/billing/usage/utilization?${qs}`));

describe('cluster utilisation', () => {
  it('answers one point per day whose costs add up to the cluster’s cost in the usage answer', async () => {
    const body = await util('resourceId=cluster-gpu-a100-001&timeRange=last_month&granularity=daily');
    expect(body.points).toHaveLength(31);
    const usage = await sandbox.usage('timeRange=last_month&granularity=daily&resourceType[]=clusters&groupBy=resource');
    const item = usage.groups!.find((g) => g.dimension === 'resource')!.items.find((i) => i.key === 'cluster-gpu-a100-001')!;
    const cents = body.points.reduce((a, p) => a + Math.round(p.cost * 100), 0);
    expect(Math.abs(cents - Math.round(item.cost * 100))).toBeLessThanOrEqual(31);
    expect(body.points.every((p) => p.gpuUtilization === null || (p.gpuUtilization >= 0 && p.gpuUtilization <= 1))).toBe(true);
  });

  it('marks the planted idle cluster idle and the oversized one oversized', async () => {
    const idle = await util('resourceId=cluster-gpu-a100-004&timeRange=last_month&granularity=hourly');
    const idlePeriods = utilizationPeriods(idle.points, idle.thresholds, 1);
    expect(idlePeriods.filter((p) => p.kind === 'idle').reduce((a, p) => a + p.hours, 0)).toBeGreaterThan(24 * 20);
    const big = await util('resourceId=cluster-gpu-h100-003&timeRange=last_month&granularity=hourly');
    const bigPeriods = utilizationPeriods(big.points, big.thresholds, 1);
    expect(bigPeriods.some((p) => p.kind === 'oversized')).toBe(true);
    const busy = await util('resourceId=cluster-gpu-h100-001&timeRange=last_month&granularity=hourly');
    expect(utilizationPeriods(busy.points, busy.thresholds, 1).filter((p) => p.kind === 'idle')).toEqual([]);
  });

  it('answers 400 without a cluster and 404 for an unknown one', async () => {
    expect((await sandbox.get('/v2/billing/usage/utilization?timeRange=last_month')).status).toBe(400);
    expect((await sandbox.get('/v2/billing/usage/utilization?resourceId=x&resourceId=y')).status).toBe(400);
    expect((await sandbox.get('/v2/billing/usage/utilization?resourceId=ep-llm-prod')).status).toBe(404);
  });
});
