/** Budgets: the input a create or update is validated with, the stored budget, and budget status. */
import { z } from './zod';
import { CURRENCIES, CURRENCY_DECIMALS, RESOURCE_TYPES, currencySchema, type Currency } from './common';
import { money, openEnum } from './schema-parts';

export const BUDGET_ACTIONS = ['send_warning', 'send_alert', 'send_critical', 'notify_admin', 'auto_limit'] as const;
export const budgetActionSchema = z.enum(BUDGET_ACTIONS);
export type BudgetAction = z.infer<typeof budgetActionSchema>;

/** What a budget covers: resource types, or "all" (every type, on its own). */
export const BUDGET_RESOURCE_TYPES = [...RESOURCE_TYPES, 'all'] as const;
export const budgetResourceTypeSchema = z.enum(BUDGET_RESOURCE_TYPES);

export const MAX_ALERT_THRESHOLDS = 6;
export const MIN_ALERT_THRESHOLD = 1;
export const MAX_ALERT_THRESHOLD = 200;
export const MAX_MONTHLY_BUDGET = 1_000_000_000_000;
export const MAX_NOTIFICATION_CHANNELS = 10;
/** Header that makes a create retry-safe: the same key and body give the first result back. */
export const IDEMPOTENCY_KEY_HEADER = 'Idempotency-Key';

/**
 * Key of an action in `actions`: at_<percent>_percent. The percentage of the
 * monthly budget at which the actions fire; it need not be an alert threshold.
 */
export const actionKey = (percent: number) => `at_${percent}_percent`;
const ACTION_KEY = /^at_(\d{1,3})_percent$/;
export const MAX_ACTION_PERCENT = 999;
/** The percentage an action key names (at_050_percent and at_50_percent both 50), or undefined. */
export function actionPercent(key: string): number | undefined {
  const m = ACTION_KEY.exec(key);
  const n = m ? Number(m[1]) : NaN;
  return n >= 1 && n <= MAX_ACTION_PERCENT ? n : undefined;
}

/**
 * A stored notification channel. Without an address (email) or url (webhook)
 * alerts go to the account's default recipient for that channel, which is what
 * the reference's plain strings "email" and "webhook" mean.
 */
export const notificationChannelSchema = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('email'), address: z.optional(z.email({ error: 'must be an email address' })) }),
  z.strictObject({
    type: z.literal('webhook'),
    url: z.optional(
      z.url({ protocol: /^https$/, error: 'must be an https URL' }).check(z.maxLength(2048, 'must be at most 2048 characters')),
    ),
  }),
]);
export type NotificationChannel = z.infer<typeof notificationChannelSchema>;

/** As sent: the reference's plain "email" / "webhook", or a channel object. Stored as the object. */
export const notificationChannelInputSchema = z.union(
  [
    z.pipe(
      z.enum(['email', 'webhook']),
      z.transform((type): NotificationChannel => ({ type })),
    ),
    notificationChannelSchema,
  ],
  { error: 'must be "email", "webhook", {"type":"email","address":...} or {"type":"webhook","url":"https://..."}' },
);

const actionListSchema = z.union([budgetActionSchema, z.array(budgetActionSchema).check(z.minLength(1, 'must be a non-empty list of actions'))], {
  error: `must be one of ${BUDGET_ACTIONS.join(', ')}, or a non-empty list of them`,
});

/**
 * The body of POST /v2/billing/budgets and PUT /v2/billing/budgets/:budgetId
 * (the reference's budget_config, plus an optional name). Unknown fields are
 * rejected. Thresholds are whole percentages of the monthly budget; an action
 * key may name any percentage (at_110_percent fires at 110% whether or not 110
 * is a threshold). Output is normalised: channels become objects, every action
 * value a list, and equivalent action keys one key.
 */
export const budgetInputSchema = z
  .strictObject({
    name: z.optional(
      z
        .string({ error: 'must be a string' })
        .check(z.trim(), z.minLength(1, 'must not be empty'), z.maxLength(80, 'must be at most 80 characters')),
    ),
    monthlyBudget: z
      .number({ error: 'must be a number' })
      .check(z.positive('must be greater than 0'), z.maximum(MAX_MONTHLY_BUDGET, `must be at most ${MAX_MONTHLY_BUDGET}`)),
    currency: z._default(currencySchema, 'USD'),
    alertThresholds: z
      .array(
        z
          .number({ error: 'must be a number' })
          .check(
            z.int('must be a whole number of percent'),
            z.minimum(MIN_ALERT_THRESHOLD, `must be at least ${MIN_ALERT_THRESHOLD}`),
            z.maximum(MAX_ALERT_THRESHOLD, `must be at most ${MAX_ALERT_THRESHOLD}`),
          ),
        { error: 'must be a list of percentages' },
      )
      .check(
        z.minLength(1, 'needs at least 1 threshold'),
        z.maxLength(MAX_ALERT_THRESHOLDS, `allows at most ${MAX_ALERT_THRESHOLDS} thresholds`),
        z.superRefine((t, ctx) => {
          t.forEach((v, i) => {
            if (i > 0 && v <= t[i - 1]!)
              ctx.addIssue({ code: 'custom', path: [i], input: v, message: `must be greater than the threshold before it (${t[i - 1]})` });
          });
        }),
      ),
    resourceTypes: z
      ._default(
        z
          .array(budgetResourceTypeSchema, { error: 'must be a list of resource types' })
          .check(z.minLength(1, 'needs at least 1 resource type')),
        ['all'],
      )
      .check(
        z.superRefine((types, ctx) => {
          types.forEach((v, i) => {
            if (types.indexOf(v) !== i) ctx.addIssue({ code: 'custom', path: [i], input: v, message: `lists ${v} twice` });
          });
          if (types.includes('all') && types.length > 1)
            ctx.addIssue({ code: 'custom', path: [types.indexOf('all')], input: 'all', message: '"all" cannot be combined with other resource types' });
        }),
      ),
    notificationChannels: z._default(
      z
        .array(notificationChannelInputSchema, { error: 'must be a list of channels' })
        .check(z.maxLength(MAX_NOTIFICATION_CHANNELS, `allows at most ${MAX_NOTIFICATION_CHANNELS} channels`)),
      [],
    ),
    actions: z.pipe(
      z._default(z.record(z.string(), actionListSchema, { error: 'must be an object such as {"at_90_percent": "send_warning"}' }), {}),
      // Equivalent keys (at_050_percent, at_50_percent) become one, their actions merged.
      z.transform((a) => {
        const out: Record<string, BudgetAction[]> = {};
        for (const [k, v] of Object.entries(a)) {
          const percent = actionPercent(k);
          const key = percent === undefined ? k : actionKey(percent);
          out[key] = [...new Set([...(out[key] ?? []), ...(Array.isArray(v) ? v : [v])])];
        }
        return out;
      }),
    ),
  })
  .check(
    z.superRefine((b, ctx) => {
      const decimals = CURRENCY_DECIMALS[b.currency];
      if (Math.abs(b.monthlyBudget * 10 ** decimals - Math.round(b.monthlyBudget * 10 ** decimals)) > 1e-6)
        ctx.addIssue({
          code: 'custom',
          path: ['monthlyBudget'],
          input: b.monthlyBudget,
          message: decimals === 0 ? `must be a whole amount in ${b.currency}` : `must have at most ${decimals} decimals in ${b.currency}`,
        });
      for (const key of Object.keys(b.actions))
        if (actionPercent(key) === undefined)
          ctx.addIssue({
            code: 'custom',
            path: ['actions', key],
            message: `keys must look like at_90_percent, with a percentage from 1 to ${MAX_ACTION_PERCENT}`,
          });
    }),
  );
export type BudgetInput = z.input<typeof budgetInputSchema>;
export type BudgetData = z.output<typeof budgetInputSchema>;

/** A stored budget, as every budget endpoint returns it. */
export const budgetSchema = z.object({
  budgetId: z.string(),
  name: z.string(),
  monthlyBudget: money,
  currency: currencySchema,
  alertThresholds: z.array(z.number()),
  resourceTypes: z.array(budgetResourceTypeSchema),
  notificationChannels: z.array(notificationChannelSchema),
  actions: z.record(z.string(), z.array(budgetActionSchema)),
  createdAt: z.iso.datetime(),
  updatedAt: z.iso.datetime(),
});
export type Budget = z.infer<typeof budgetSchema>;

/** The answer to POST /v2/billing/budgets: the stored budget, or just its id (all the reference's example reads). */
export const budgetCreatedSchema = z.union([budgetSchema, z.object({ budgetId: z.string() })]);
export type BudgetCreated = z.infer<typeof budgetCreatedSchema>;

export const budgetListResponseSchema = z.object({ budgets: z.array(budgetSchema) });
export type BudgetListResponse = z.infer<typeof budgetListResponseSchema>;

/**
 * exceeded: this month's spend has reached the budget; at_risk: the run-rate
 * projection to month end reaches it; on_track otherwise.
 */
export const BUDGET_STATUSES = ['on_track', 'at_risk', 'exceeded'] as const;
export type BudgetStatusKind = (typeof BUDGET_STATUSES)[number];

/**
 * One budget this calendar month (UTC), in the budget's currency (each day's
 * spend converted at that day's rate). projectedSpend: spend so far plus the
 * average hourly spend of the last seven complete days for the hours left, as
 * the budget alerts of /v2/billing/usage use. thresholdsCrossed: every
 * threshold the spend so far has reached, ascending.
 */
export const budgetStatusItemSchema = z.object({
  budgetId: z.string(),
  name: z.string(),
  monthlyBudget: money,
  currency: currencySchema,
  resourceTypes: z.array(budgetResourceTypeSchema),
  alertThresholds: z.array(z.number()),
  currentSpent: money,
  percentageUsed: z.number().check(z.nonnegative()),
  daysRemainingInPeriod: z.int().check(z.nonnegative()),
  projectedSpend: money,
  thresholdsCrossed: z.array(z.number()),
  /** Extension: the action keys (at_<percent>_percent) whose percentage the spend has reached, ascending. */
  actionsFired: z.optional(z.array(z.string())),
  status: z.enum(BUDGET_STATUSES),
});
/** A budget's status as the sandbox sends it (every field). */
export type BudgetStatusAnswer = z.infer<typeof budgetStatusItemSchema>;

/**
 * The currency of a budget whose status names none: the account's, which
 * the reference gives as the API's default currency.
 */
export const ACCOUNT_CURRENCY: Currency = 'USD';

/**
 * A budget's status as the app reads it. The reference's example reads
 * monthlyBudget, currentSpent and daysRemainingInPeriod (required) and name
 * (optional, "Default Budget" when absent); everything else is an extension
 * and may be missing: currency is then the account's, percentageUsed and
 * thresholdsCrossed are computed from the figures, and budgetId,
 * resourceTypes, projectedSpend and status stay absent (the app shows the
 * budget without what needs them).
 */
const budgetStatusReadSchema = z.pipe(
  z.object({
    budgetId: z.optional(z.string()),
    name: z.optional(z.string()),
    monthlyBudget: money,
    currency: z.optional(openEnum(CURRENCIES)),
    resourceTypes: z.optional(z.array(openEnum(BUDGET_RESOURCE_TYPES))),
    alertThresholds: z.optional(z.array(z.number())),
    currentSpent: money,
    percentageUsed: z.optional(z.number()),
    daysRemainingInPeriod: z.int().check(z.nonnegative()),
    projectedSpend: z.optional(money),
    thresholdsCrossed: z.optional(z.array(z.number())),
    actionsFired: z.optional(z.array(z.string())),
    status: z.optional(openEnum(BUDGET_STATUSES)),
  }),
  z.transform((b) => {
    const percentageUsed = b.percentageUsed ?? (b.monthlyBudget > 0 ? Math.round((b.currentSpent / b.monthlyBudget) * 1000) / 10 : 0);
    const alertThresholds = b.alertThresholds ?? [];
    return {
      ...b,
      name: b.name ?? 'Default Budget',
      currency: b.currency ?? ACCOUNT_CURRENCY,
      alertThresholds,
      percentageUsed,
      thresholdsCrossed: b.thresholdsCrossed ?? alertThresholds.filter((t) => percentageUsed >= t),
    };
  }),
);
export type BudgetStatus = z.output<typeof budgetStatusReadSchema>;

export const budgetStatusResponseSchema = z.object({ budgets: z.array(budgetStatusReadSchema) });
export type BudgetStatusResponse = z.infer<typeof budgetStatusResponseSchema>;
