/**
 * One month-end projection of record: /usage projections, /usage/forecast's
 * month in progress, budget status projectedSpend and the budget alerts give
 * the same figure, in every currency and for every scope.
 */
import { describe, expect, it } from 'vitest';
import { budgetStatusResponseSchema, forecastResponseSchema, type Currency } from '../src/contract/billing.ts';
import { sandboxForFile } from './test/api.ts';

const sb = sandboxForFile();

async function forecast(qs: string) {
  return forecastResponseSchema.parse(await sb.json(`/v2/billing/usage/forecast?${qs}`));
}

describe('the month-end projection of record', () => {
  it.each<Currency>(['USD', 'EUR', 'JPY'])('is the same in /usage and /usage/forecast (%s), whatever the forecast horizon and level', async (currency) => {
    const usage = await sb.usage(`timeRange=current_month&granularity=daily&includeProjections=true&currency=${currency}`);
    const three = await forecast(`forecastPeriod=3_months&currency=${currency}`);
    const twelve = await forecast(`forecastPeriod=12_months&confidenceInterval=0.95&currency=${currency}`);
    const p = usage.projections!;
    for (const f of [three, twelve]) {
      expect(f.monthlyProjections[0]!.month).toBe(usage.period.startDate.slice(0, 7));
      expect(f.monthlyProjections[0]!.projectedCost).toBe(p.projectedCost);
      // one meaning of confidence: the chance to end within ±10% of the projection
      expect(f.monthlyProjections[0]!.confidence).toBe(p.confidence);
    }
    // the projection is the month so far plus a forecast of the rest: above what is spent, below a month at twice the pace
    const actual = three.monthlyProjections[0]!.actualToDate!;
    expect(Math.abs(actual - usage.summary.totalCost) / usage.summary.totalCost).toBeLessThan(0.001);
    const { daysElapsed, daysInPeriod } = usage.period;
    expect(p.projectedCost).toBeGreaterThan(actual);
    expect(p.projectedCost).toBeLessThan(actual + ((2 * actual) / daysElapsed) * (daysInPeriod - daysElapsed + 1));
  });

  it('follows the resource types asked for: each type alone adds up to the whole within the simulation noise', async () => {
    const all = (await sb.usage('timeRange=current_month&includeProjections=true')).projections!.projectedCost;
    const parts = await Promise.all(
      ['clusters', 'endpoints', 'training', 'ai-services', 'storage', 'bandwidth'].map(
        async (t) => (await sb.usage(`timeRange=current_month&includeProjections=true&resourceType[]=${t}`)).projections!.projectedCost,
      ),
    );
    const sum = parts.reduce((a, b) => a + b, 0);
    expect(Math.abs(sum - all) / all).toBeLessThan(0.02);
    expect(new Set(parts).size).toBe(parts.length);
  });

  it("is each budget's projectedSpend and the figure its budget alerts name", async () => {
    const status = budgetStatusResponseSchema.parse(await sb.json('/v2/billing/budgets/status'));
    const org = status.budgets.find((b) => b.resourceTypes?.includes('all'))!;
    const gpu = status.budgets.find((b) => b.resourceTypes?.length === 1 && b.resourceTypes[0] === 'clusters')!;
    const all = await sb.usage('timeRange=current_month&includeProjections=true');
    const clusters = await sb.usage('timeRange=current_month&includeProjections=true&resourceType[]=clusters');
    expect(org.projectedSpend).toBe(all.projections!.projectedCost);
    expect(gpu.projectedSpend).toBe(clusters.projections!.projectedCost);
    const forecastAlerts = all.alerts.filter((a) => a.type === 'budget_forecast');
    for (const a of forecastAlerts) expect([org.projectedSpend, gpu.projectedSpend]).toContain(a.currentValue);
  });

  it('names amounts in the request currency in alert texts, a USD budget noted beside', async () => {
    const eur = await sb.usage('timeRange=current_month&includeProjections=true&currency=EUR');
    const budgetAlerts = eur.alerts.filter((a) => a.type.startsWith('budget_'));
    expect(budgetAlerts.length).toBeGreaterThan(0);
    for (const a of budgetAlerts) {
      // the first amount in the text is in euros; a dollar amount only in brackets as the budget's own
      const amounts = [...a.message.matchAll(/[€$][\d,]+\.\d\d/g)].map((m) => m[0]);
      expect(amounts[0]!.startsWith('€'), a.message).toBe(true);
      expect(a.message).toMatch(/€[\d,.]+ \(\$[\d,.]+\) monthly budget/);
      for (const m of amounts.slice(1)) if (m.startsWith('$')) expect(a.message).toContain(`(${m})`);
    }
  });
});
