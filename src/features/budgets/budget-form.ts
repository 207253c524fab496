/**
 * The budget editor's form values and how they become the API's budget body.
 * The form is shaped for editing (one row per threshold with its actions, one
 * email and one webhook channel); `formToBudgetInput` turns it into the body
 * that `budgetInputSchema` validates, in the form (budget-resolver.ts) and on
 * the server.
 */
import {
  RESOURCE_TYPES,
  actionKey,
  type BUDGET_RESOURCE_TYPES,
  type Budget,
  type BudgetAction,
  type BudgetInput,
  type Currency,
  type NotificationChannel,
} from '../../contract/billing';

/** What a budget may cover: a resource type, or `all`. */
export type BudgetResourceTypeValue = (typeof BUDGET_RESOURCE_TYPES)[number];

export interface ThresholdFormValue {
  /** Whole percent of the monthly budget (NaN while the box is empty). */
  percent: number;
  actions: BudgetAction[];
}

export interface BudgetFormValues {
  name: string;
  /** As typed: `75000`, `75,000.50`. */
  monthlyBudget: string;
  currency: Currency;
  resourceTypes: BudgetResourceTypeValue[];
  thresholds: ThresholdFormValue[];
  emailEnabled: boolean;
  emailAddress: string;
  webhookEnabled: boolean;
  webhookUrl: string;
  /** Further stored channels the form does not edit (kept as they are). */
  otherChannels: NotificationChannel[];
  /** Actions at percentages that are not thresholds (`at_110_percent`), kept as they are. */
  otherActions: Record<string, BudgetAction[]>;
}

export const NEW_BUDGET_VALUES: BudgetFormValues = {
  name: '',
  monthlyBudget: '',
  currency: 'USD',
  resourceTypes: ['all'],
  thresholds: [
    { percent: 50, actions: ['send_warning'] },
    { percent: 75, actions: ['send_alert'] },
    { percent: 90, actions: ['send_critical'] },
    { percent: 100, actions: ['send_critical', 'notify_admin'] },
  ],
  emailEnabled: true,
  emailAddress: '',
  webhookEnabled: false,
  webhookUrl: '',
  otherChannels: [],
  otherActions: {},
};

/** A stored budget as form values (the first email and webhook channel are editable). */
export function budgetToFormValues(budget: Budget): BudgetFormValues {
  const email = budget.notificationChannels.find((c) => c.type === 'email');
  const webhook = budget.notificationChannels.find((c) => c.type === 'webhook');
  return {
    name: budget.name,
    monthlyBudget: String(budget.monthlyBudget),
    currency: budget.currency,
    resourceTypes: [...budget.resourceTypes],
    thresholds: budget.alertThresholds.map((percent) => ({ percent, actions: [...(budget.actions[actionKey(percent)] ?? [])] })),
    emailEnabled: email !== undefined,
    emailAddress: email?.type === 'email' ? (email.address ?? '') : '',
    webhookEnabled: webhook !== undefined,
    webhookUrl: webhook?.type === 'webhook' ? (webhook.url ?? '') : '',
    otherChannels: budget.notificationChannels.filter((c) => c !== email && c !== webhook),
    otherActions: Object.fromEntries(
      Object.entries(budget.actions).filter(([key]) => !budget.alertThresholds.some((t) => actionKey(t) === key)),
    ),
  };
}

/**
 * An amount as typed, as a number: grouping commas and spaces are allowed
 * (`75,000.50`); NaN when empty or not a number.
 */
export function parseAmount(text: string): number {
  const clean = text.replace(/[\s,]/g, '');
  if (clean === '' || !/^[+-]?(\d+\.?\d*|\.\d+)$/.test(clean)) return Number.NaN;
  return Number(clean);
}

/** The channels the form sends, in order: email, webhook, then the ones it keeps. */
export function formChannels(values: Pick<BudgetFormValues, 'emailEnabled' | 'emailAddress' | 'webhookEnabled' | 'webhookUrl' | 'otherChannels'>): NotificationChannel[] {
  const channels: NotificationChannel[] = [];
  if (values.emailEnabled) {
    const address = values.emailAddress.trim();
    channels.push(address ? { type: 'email', address } : { type: 'email' });
  }
  if (values.webhookEnabled) {
    const url = values.webhookUrl.trim();
    channels.push(url ? { type: 'webhook', url } : { type: 'webhook' });
  }
  return [...channels, ...values.otherChannels];
}

/** The request body for these form values (not yet validated). */
export function formToBudgetInput(values: BudgetFormValues): BudgetInput {
  const name = values.name.trim();
  const actions: Record<string, BudgetAction[]> = {};
  // A kept action whose percentage became a threshold row is edited there instead.
  for (const [key, list] of Object.entries(values.otherActions ?? {}))
    if (!values.thresholds.some((t) => actionKey(t.percent) === key)) actions[key] = [...list];
  for (const t of values.thresholds) if (t.actions.length > 0) actions[actionKey(t.percent)] = [...t.actions];
  return {
    ...(name ? { name } : {}),
    monthlyBudget: parseAmount(values.monthlyBudget),
    currency: values.currency,
    alertThresholds: values.thresholds.map((t) => t.percent),
    resourceTypes: [...values.resourceTypes],
    notificationChannels: formChannels(values),
    actions,
  };
}

/** "All" stands alone: checking it clears the others, checking another type clears it. */
export function toggleResourceType(
  selected: readonly BudgetResourceTypeValue[],
  type: BudgetResourceTypeValue,
  checked: boolean,
): BudgetResourceTypeValue[] {
  if (type === 'all') return checked ? ['all'] : [];
  const rest = selected.filter((t) => t !== 'all' && t !== type);
  const next = checked ? [...rest, type] : rest;
  return RESOURCE_TYPES.filter((t) => next.includes(t));
}
