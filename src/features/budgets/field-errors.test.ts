import type { ResolverOptions } from 'react-hook-form';
import { describe, expect, it } from 'vitest';
import { NEW_BUDGET_VALUES, type BudgetFormValues } from './budget-form';
import { budgetFormResolver } from './budget-resolver';
import { apiDetailsToIssues, issuesToFormErrors, parameterToFormPath } from './field-errors';

const values: BudgetFormValues = {
  ...NEW_BUDGET_VALUES,
  name: 'GPU spend',
  monthlyBudget: '75,000',
  emailEnabled: true,
  emailAddress: 'finance@example.com',
  webhookEnabled: true,
  webhookUrl: 'http://hooks.example.com/x',
};

describe('parameterToFormPath', () => {
  it('maps body paths to the form fields they came from', () => {
    expect(parameterToFormPath('monthlyBudget', values)).toBe('monthlyBudget');
    expect(parameterToFormPath('name', values)).toBe('name');
    expect(parameterToFormPath('alertThresholds.2', values)).toBe('thresholds.2.percent');
    expect(parameterToFormPath('alertThresholds', values)).toBe('thresholds.root');
    expect(parameterToFormPath('alertThresholds.9', values)).toBe('thresholds.root');
    expect(parameterToFormPath('actions.at_90_percent', values)).toBe('thresholds.2.actions');
    expect(parameterToFormPath('actions.at_110_percent', values)).toBe('thresholds.root');
    expect(parameterToFormPath('resourceTypes.1', values)).toBe('resourceTypes');
    expect(parameterToFormPath('notificationChannels.0.address', values)).toBe('emailAddress');
    expect(parameterToFormPath('notificationChannels.1.url', values)).toBe('webhookUrl');
    expect(parameterToFormPath('Idempotency-Key', values)).toBe('root.server');
    expect(parameterToFormPath('body', values)).toBe('root.server');
  });

  it('finds the webhook at index 0 when email is off, and leaves channels the form does not edit to the form', () => {
    const webhookOnly = { ...values, emailEnabled: false, otherChannels: [{ type: 'email' as const, address: 'x@example.com' }] };
    expect(parameterToFormPath('notificationChannels.0.url', webhookOnly)).toBe('webhookUrl');
    expect(parameterToFormPath('notificationChannels.1.address', webhookOnly)).toBe('root.server');
  });
});

describe('API 400 details → form errors', () => {
  it('places each detail at its field, worded with the field label', () => {
    const details = [
      { parameter: 'notificationChannels.1.url', message: 'must be an https URL', received: 'http://hooks.example.com/x' },
      { parameter: 'alertThresholds.2', message: 'must be greater than the threshold before it (95)' },
      { parameter: 'resourceTypes', message: 'needs at least 1 resource type' },
      { parameter: 'body', message: 'is not valid JSON (Unexpected end)' },
      'not an issue',
    ];
    expect(issuesToFormErrors(apiDetailsToIssues(details), values)).toEqual([
      { path: 'webhookUrl', message: 'Webhook URL must be an https URL', type: 'server' },
      { path: 'thresholds.2.percent', message: 'Threshold 3 must be greater than the threshold before it (95)', type: 'server' },
      { path: 'resourceTypes', message: 'A budget needs at least 1 resource type', type: 'server' },
      { path: 'root.server', message: 'Is not valid JSON (Unexpected end)', type: 'server' },
    ]);
    expect(apiDetailsToIssues(undefined)).toEqual([]);
  });

  it('says "is required" for an empty amount', () => {
    const empty = { ...values, monthlyBudget: '  ' };
    expect(issuesToFormErrors([{ parameter: 'monthlyBudget', message: 'must be a number', code: 'invalid_type' }], empty)).toEqual([
      { path: 'monthlyBudget', message: 'Monthly budget is required', type: 'invalid_type' },
    ]);
  });
});

describe('budgetFormResolver (budgetInputSchema through zodResolver)', () => {
  const options: ResolverOptions<BudgetFormValues> = {
    fields: {},
    names: ['monthlyBudget', 'thresholds.0.percent', 'thresholds.1.percent'],
    shouldUseNativeValidation: false,
  };

  it('returns the normalised body for valid values', async () => {
    const ok = { ...values, webhookUrl: 'https://hooks.example.com/x' };
    const result = await budgetFormResolver(ok, undefined, options);
    expect(result.errors).toEqual({});
    expect(result.values).toEqual({
      name: 'GPU spend',
      monthlyBudget: 75000,
      currency: 'USD',
      alertThresholds: [50, 75, 90, 100],
      resourceTypes: ['all'],
      notificationChannels: [
        { type: 'email', address: 'finance@example.com' },
        { type: 'webhook', url: 'https://hooks.example.com/x' },
      ],
      actions: {
        at_50_percent: ['send_warning'],
        at_75_percent: ['send_alert'],
        at_90_percent: ['send_critical'],
        at_100_percent: ['send_critical', 'notify_admin'],
      },
    });
  });

  it('puts schema problems at the form fields', async () => {
    const bad: BudgetFormValues = {
      ...values,
      monthlyBudget: '',
      resourceTypes: [],
      thresholds: [
        { percent: 80, actions: [] },
        { percent: 60, actions: ['send_alert'] },
      ],
    };
    const { errors } = await budgetFormResolver(bad, undefined, options);
    expect(errors.monthlyBudget?.message).toBe('Monthly budget is required');
    expect(errors.thresholds?.[1]?.percent?.message).toBe('Threshold 2 must be greater than the threshold before it (80)');
    expect(errors.resourceTypes?.message).toBe('A budget needs at least 1 resource type');
    expect(errors.webhookUrl?.message).toBe('Webhook URL must be an https URL');
  });

  it('checks decimals per currency, and that there is a threshold', async () => {
    const { errors } = await budgetFormResolver({ ...values, webhookEnabled: false, currency: 'JPY', monthlyBudget: '1000.5', thresholds: [] }, undefined, options);
    expect(errors.monthlyBudget?.message).toBe('Monthly budget must be a whole amount in JPY');
    expect(errors.thresholds?.root?.message).toBe('A budget needs at least 1 threshold');
  });
});
