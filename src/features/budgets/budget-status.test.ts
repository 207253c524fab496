import { describe, expect, it } from 'vitest';
import type { BudgetStatus } from '../../contract/billing';
import { barPosition, daysRemainingInMonth, expectedStatus, progressScale, statusFor } from './budget-status';

const NOW = Date.parse('2024-01-16T12:00:00Z');
const spend = { spent: 39702.38, hourlyBurn: 17933.6 / 168, from: NOW, monthEnd: Date.parse('2024-02-01T00:00:00Z') };
const budget = {
  budgetId: 'bdg-1',
  name: 'GPU clusters',
  monthlyBudget: 75000,
  currency: 'USD' as const,
  resourceTypes: ['clusters' as const],
  alertThresholds: [50, 75, 90, 100],
};

describe('expectedStatus', () => {
  it('computes the figures the API reports for the same spend', () => {
    // GET /v2/billing/budgets/status for the seeded GPU-clusters budget on 2024-01-16T12:00Z
    expect(expectedStatus(budget, NOW, spend)).toEqual({
      ...budget,
      currentSpent: 39702.38,
      percentageUsed: 52.9,
      daysRemainingInPeriod: 15,
      projectedSpend: 79412.49,
      thresholdsCrossed: [50],
      status: 'at_risk',
    });
  });

  it("counts the days left from the spend's hour (the API's clock), not from the browser's now", () => {
    const far = Date.parse('2029-06-23T04:40:00Z');
    // 16 Jan 2024: 15 days of January after it.
    expect(expectedStatus(budget, far, spend)!.daysRemainingInPeriod).toBe(15);
  });

  it('reuses the previous figures when the scope is unchanged and no spend is known, else gives up', () => {
    const previous = expectedStatus(budget, NOW, spend)!;
    const raised = expectedStatus({ ...budget, monthlyBudget: 100000 }, NOW, undefined, previous)!;
    expect(raised.percentageUsed).toBe(39.7);
    expect(raised.status).toBe('on_track');
    const other: BudgetStatus = { ...previous, currency: 'EUR' };
    expect(expectedStatus(budget, NOW, undefined, other)).toBeUndefined();
  });
});

describe('status helpers', () => {
  it('follows the API rules', () => {
    expect(statusFor(100, 100)).toBe('exceeded');
    expect(statusFor(99.9, 100)).toBe('at_risk');
    expect(statusFor(50, 99.9)).toBe('on_track');
  });

  it('counts the days left in the month after today', () => {
    expect(daysRemainingInMonth(NOW)).toBe(15);
    expect(daysRemainingInMonth(Date.parse('2024-02-29T23:00:00Z'))).toBe(0);
    expect(daysRemainingInMonth(Date.parse('2024-03-01T00:00:00Z'))).toBe(30);
  });

  it('scales the bar to fit the furthest figure, in steps of 25%', () => {
    expect(progressScale({ percentageUsed: 52.9, projectedSpend: 79412.49, monthlyBudget: 75000 })).toBe(125);
    expect(progressScale({ percentageUsed: 10, projectedSpend: 20, monthlyBudget: 100 })).toBe(100);
    expect(progressScale({ percentageUsed: 900, projectedSpend: 2000, monthlyBudget: 100 })).toBe(250);
    expect(barPosition(50, 125)).toBe(40);
    expect(barPosition(300, 125)).toBe(100);
  });
});
