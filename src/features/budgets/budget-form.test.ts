import { describe, expect, it } from 'vitest';
import type { Budget } from '../../contract/billing';
import { budgetToFormValues, formToBudgetInput, parseAmount, toggleResourceType } from './budget-form';

describe('parseAmount', () => {
  it('reads amounts with grouping, and nothing else', () => {
    expect(parseAmount('75,000.50')).toBe(75000.5);
    expect(parseAmount(' 1 000 ')).toBe(1000);
    expect(parseAmount('.5')).toBe(0.5);
    expect(parseAmount('')).toBeNaN();
    expect(parseAmount('12abc')).toBeNaN();
    expect(parseAmount('1e5')).toBeNaN();
  });
});

describe('toggleResourceType', () => {
  it('keeps "all" on its own and the types in API order', () => {
    expect(toggleResourceType(['all'], 'storage', true)).toEqual(['storage']);
    expect(toggleResourceType(['storage'], 'clusters', true)).toEqual(['clusters', 'storage']);
    expect(toggleResourceType(['clusters', 'storage'], 'all', true)).toEqual(['all']);
    expect(toggleResourceType(['clusters'], 'clusters', false)).toEqual([]);
    expect(toggleResourceType(['all'], 'all', false)).toEqual([]);
  });
});

describe('budget ↔ form values', () => {
  const budget: Budget = {
    budgetId: 'bdg-1',
    name: 'GPU',
    monthlyBudget: 75000,
    currency: 'EUR',
    alertThresholds: [50, 90],
    resourceTypes: ['clusters', 'training'],
    notificationChannels: [{ type: 'webhook', url: 'https://h.example.com/x' }, { type: 'email' }, { type: 'email', address: 'b@example.com' }],
    actions: { at_90_percent: ['send_alert', 'notify_admin'] },
    createdAt: '2024-01-01T00:00:00Z',
    updatedAt: '2024-01-01T00:00:00Z',
  };

  it('round-trips a stored budget, keeping channels the form does not edit', () => {
    const values = budgetToFormValues(budget);
    expect(values).toMatchObject({
      monthlyBudget: '75000',
      thresholds: [
        { percent: 50, actions: [] },
        { percent: 90, actions: ['send_alert', 'notify_admin'] },
      ],
      emailEnabled: true,
      emailAddress: '',
      webhookEnabled: true,
      webhookUrl: 'https://h.example.com/x',
      otherChannels: [{ type: 'email', address: 'b@example.com' }],
    });
    expect(formToBudgetInput(values)).toEqual({
      name: 'GPU',
      monthlyBudget: 75000,
      currency: 'EUR',
      alertThresholds: [50, 90],
      resourceTypes: ['clusters', 'training'],
      notificationChannels: [{ type: 'email' }, { type: 'webhook', url: 'https://h.example.com/x' }, { type: 'email', address: 'b@example.com' }],
      actions: { at_90_percent: ['send_alert', 'notify_admin'] },
    });
  });

  it('keeps actions at percentages that are not thresholds (the reference\'s at_110_percent)', () => {
    const withLevel = { ...budget, actions: { ...budget.actions, at_110_percent: ['send_critical', 'auto_limit'] } } satisfies Budget;
    const values = budgetToFormValues(withLevel);
    expect(values.otherActions).toEqual({ at_110_percent: ['send_critical', 'auto_limit'] });
    expect(formToBudgetInput(values).actions).toEqual(withLevel.actions);
    // Made a threshold row, the percentage is edited there: the row's actions win.
    const asRow = { ...values, thresholds: [...values.thresholds, { percent: 110, actions: ['send_alert' as const] }] };
    expect(formToBudgetInput(asRow).actions).toEqual({ at_90_percent: ['send_alert', 'notify_admin'], at_110_percent: ['send_alert'] });
  });

  it('leaves an empty name out (the API then names the budget after what it covers)', () => {
    expect(formToBudgetInput({ ...budgetToFormValues(budget), name: '  ' })).not.toHaveProperty('name');
  });
});
