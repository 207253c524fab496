import { describe, expect, it } from 'vitest';
import type { Budget, BudgetData } from '../../../contract/billing';
import { applyBudgetData } from './update-budget';

const previous: Budget = {
  budgetId: 'b1',
  name: 'Org',
  monthlyBudget: 1000,
  currency: 'USD',
  alertThresholds: [50, 100],
  resourceTypes: ['all'],
  notificationChannels: [{ type: 'email' }],
  actions: {},
  createdAt: '2024-01-01T00:00:00Z',
  updatedAt: '2024-01-05T10:00:00Z',
};
const data = { ...previous, monthlyBudget: 2000 } as unknown as BudgetData;

describe('applyBudgetData (optimistic update)', () => {
  it("stamps updatedAt with the API's hour, keeping createdAt", () => {
    const next = applyBudgetData(previous, 'b1', data, Date.parse('2024-01-16T11:00:00Z'));
    expect(next).toMatchObject({ monthlyBudget: 2000, createdAt: '2024-01-01T00:00:00Z', updatedAt: '2024-01-16T11:00:00.000Z' });
  });

  it("keeps the stored stamp without the API's clock (never the browser's)", () => {
    expect(applyBudgetData(previous, 'b1', data, undefined).updatedAt).toBe('2024-01-05T10:00:00Z');
  });
});
