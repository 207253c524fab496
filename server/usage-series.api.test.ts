/**
 * GET /v2/billing/usage/series (a sandbox extension): every member's series adds
 * up to its total, and the totals are the usage endpoint's groups to the cent.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { usageSeriesResponseSchema } from '../src/contract/usage-series.ts';
import { startSandbox, type Sandbox } from './test/sandbox.ts';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
}, 120_000);
afterAll(async () => {
  await sandbox?.close();
});

const cents = (x: number) => Math.round(x * 100);

describe('usage series', () => {
  for (const dimension of ['project', 'region', 'user', 'service'] as const) {
    it(`splits the period by ${dimension}, each series adding up to its group total`, async () => {
      const qs = 'timeRange=last_month&granularity=daily&currency=EUR';
      const body = usageSeriesResponseSchema.parse(await sandbox.json(`/v2/billing/usage/series?${qs}&dimension=${dimension}`));
      const usage = await sandbox.usage(`${qs}&groupBy=${dimension}`);
      const group = usage.groups!.find((g) => g.dimension === dimension)!;
      expect(body.items.map((i) => [i.key, i.cost])).toEqual(group.items.map((i) => [i.key, i.cost]));
      expect(body.items.reduce((a, i) => a + cents(i.cost), 0)).toBe(cents(usage.summary.totalCost));
      for (const item of body.items) {
        expect(item.timeSeries).toHaveLength(31);
        expect(item.timeSeries.reduce((a, p) => a + cents(p.cost), 0), item.key).toBe(cents(item.cost));
      }
      // A day's members add up to about that day's total (each rounded on its own: within a cent per member).
      const day = usage.breakdown.reduce((a, b) => a + b.timeSeries[10]!.cost, 0);
      const sum = body.items.reduce((a, i) => a + i.timeSeries[10]!.cost, 0);
      expect(Math.abs(sum - day)).toBeLessThanOrEqual(0.01 * body.items.length);
    });
  }

  it('answers daily buckets for an hourly request, and 400 for a bad dimension', async () => {
    const body = usageSeriesResponseSchema.parse(
      await sandbox.json('/v2/billing/usage/series?timeRange=custom&startDate=2024-01-02&endDate=2024-01-04&granularity=hourly&dimension=region'),
    );
    expect(body.granularity).toBe('daily');
    expect(body.items[0]!.timeSeries).toHaveLength(3);
    for (const qs of ['dimension=team', '', 'dimension=region&dimension=user', 'dimension=region&foo=1']) {
      const res = await sandbox.get(`/v2/billing/usage/series?${qs}`);
      expect(res.status, qs).toBe(400);
      const err = (await res.json()) as { error: { message: string } };
      expect(err.error.message, qs).toMatch(/dimension|foo/);
    }
  });
});
