/**
 * The billing-usage API contract: zod schemas of every request and response,
 * written once from the public reference and imported by both the sandbox
 * server (to validate requests and shape responses) and the app (to validate
 * every response). Types are derived with z.infer, never written by hand.
 *
 * Written with Zod Mini (functional checks instead of method chains) so the
 * app's entry bundle carries no more of zod than the parsers themselves. Zod
 * Mini loads no locale: every message a request can get back is written out
 * here, and zod's own English wording (for a response that breaks the
 * contract) is loaded only when it is needed (src/api/client.ts).
 */
import * as z from 'zod/mini';

// The dashboard's Content-Security-Policy forbids eval: zod must not compile
// parsers with it (nor probe for it). This has to run before any schema below
// is built, so it lives here rather than in the app's entry.
z.config({ jitless: true });

// ---------------------------------------------------------------- enums

export const TIME_RANGES = [
  'current_month',
  'last_month',
  'current_quarter',
  'last_quarter',
  'current_year',
  'custom',
] as const;
export const RESOURCE_TYPES = [
  'clusters',
  'endpoints',
  'training',
  'ai-services',
  'storage',
  'bandwidth',
] as const;
export const GRANULARITIES = ['hourly', 'daily', 'weekly', 'monthly'] as const;
export const GROUP_BYS = ['resource', 'region', 'project', 'service', 'user'] as const;
export const CURRENCIES = ['USD', 'EUR', 'GBP', 'JPY', 'CAD', 'AUD'] as const;
export const UNITS = ['gpu_hours', 'requests', 'gb_hours', 'gb'] as const;

export const timeRangeSchema = z.enum(TIME_RANGES);
export const resourceTypeSchema = z.enum(RESOURCE_TYPES);
export const granularitySchema = z.enum(GRANULARITIES);
export const groupBySchema = z.enum(GROUP_BYS);
export const currencySchema = z.enum(CURRENCIES);
export const unitSchema = z.enum(UNITS);

export type TimeRange = z.infer<typeof timeRangeSchema>;
export type ResourceType = z.infer<typeof resourceTypeSchema>;
export type Granularity = z.infer<typeof granularitySchema>;
export type GroupBy = z.infer<typeof groupBySchema>;
export type Currency = z.infer<typeof currencySchema>;
export type Unit = z.infer<typeof unitSchema>;

/** The unit each resource type is metered in. */
export const UNIT_BY_RESOURCE_TYPE: Record<ResourceType, Unit> = {
  clusters: 'gpu_hours',
  endpoints: 'gpu_hours',
  training: 'gpu_hours',
  'ai-services': 'requests',
  storage: 'gb_hours',
  bandwidth: 'gb',
};

/** Minor-unit digits per currency (JPY has none). */
export const CURRENCY_DECIMALS: Record<Currency, number> = {
  USD: 2,
  EUR: 2,
  GBP: 2,
  JPY: 0,
  CAD: 2,
  AUD: 2,
};

/**
 * A value of an enum the API may grow: one of the known ones, or any other
 * string, kept as it came. Responses are read with openEnum, so a new value
 * never fails a page; the app shows it generically (its id as its label, a
 * neutral colour) and still counts it in totals, tables and CSVs.
 */
export type Open<T extends string> = T | (string & {});
function openEnum<const T extends readonly string[]>(_known: T): z.ZodMiniType<Open<T[number]>, unknown> {
  return z.string();
}
/** Whether an API value is one the dashboard knows (narrows it to the enum). */
export function isKnown<const T extends string>(known: readonly T[], value: string): value is T {
  return (known as readonly string[]).includes(value);
}
/** Resource type, unit and currency as the API may send them. */
export type ResourceTypeId = Open<ResourceType>;
export type UnitId = Open<Unit>;
export type CurrencyId = Open<Currency>;

/** Longest range, in days, the API answers at hourly granularity. */
export const MAX_HOURLY_DAYS = 92;

// ---------------------------------------------------------------- request: usage

const isoDate = z.string().check(
  z.regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date in YYYY-MM-DD format'),
  z.refine((s) => {
    const d = new Date(`${s}T00:00:00Z`);
    return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
  }, 'must be a real calendar date'),
);

/**
 * A boolean query parameter as clients send it: `true`/`false`, `1`/`0`, in
 * any case (Python's requests sends `True`/`False`).
 */
const booleanParam = z.pipe(
  z.pipe(
    z.string(),
    z.transform((v) => v.toLowerCase()),
  ),
  z.pipe(
    z.enum(['true', 'false', '1', '0'], { error: 'must be true or false' }),
    z.transform((v) => v === 'true' || v === '1'),
  ),
);

/**
 * The usage query after collecting repeated and bracketed array parameters
 * (see collectQuery). Every field is what the reference documents, plus
 * includeTeamMetrics from its team-usage example.
 */
export const usageQuerySchema = z
  .strictObject({
    timeRange: z._default(timeRangeSchema, 'current_month'),
    startDate: z.optional(isoDate),
    endDate: z.optional(isoDate),
    resourceType: z.optional(z.array(resourceTypeSchema)),
    granularity: z._default(granularitySchema, 'daily'),
    groupBy: z.optional(z.array(groupBySchema)),
    includeProjections: z._default(booleanParam, false),
    includeCosts: z._default(booleanParam, true),
    includeTeamMetrics: z._default(booleanParam, false),
    currency: z._default(currencySchema, 'USD'),
  })
  .check(
    z.superRefine((q, ctx) => {
      if (q.timeRange === 'custom') {
        if (!q.startDate)
          ctx.addIssue({ code: 'custom', path: ['startDate'], message: 'is required when timeRange is custom' });
        if (!q.endDate)
          ctx.addIssue({ code: 'custom', path: ['endDate'], message: 'is required when timeRange is custom' });
        if (q.startDate && q.endDate && q.startDate > q.endDate)
          ctx.addIssue({ code: 'custom', path: ['startDate'], message: 'must not be after endDate' });
      } else {
        for (const key of ['startDate', 'endDate'] as const)
          if (q[key] !== undefined)
            ctx.addIssue({ code: 'custom', path: [key], message: 'is only allowed when timeRange is custom' });
      }
    }),
  );

export type UsageQueryInput = z.input<typeof usageQuerySchema>;
export type UsageQuery = z.output<typeof usageQuerySchema>;

/** Query parameters that may carry a list. */
export const ARRAY_PARAMS = ['resourceType', 'groupBy'] as const;

/**
 * Collects a URLSearchParams into a plain object for the query schemas:
 * `resourceType[]=a&resourceType[]=b`, repeated `resourceType=a&resourceType=b`
 * and `resourceType=a,b` all become `{ resourceType: ['a', 'b'] }`. A scalar
 * parameter given twice is kept as an array, so the schema rejects it.
 */
export function collectQuery(params: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [rawKey, value] of params) {
    const key = rawKey.endsWith('[]') ? rawKey.slice(0, -2) : rawKey;
    const isArray = (ARRAY_PARAMS as readonly string[]).includes(key);
    const values = isArray
      ? value
          .split(',')
          .map((v) => v.trim())
          .filter((v) => v !== '')
      : [value];
    const prev = out[key];
    if (isArray) {
      out[key] = [...((prev as string[] | undefined) ?? []), ...values];
    } else if (prev === undefined) {
      out[key] = value;
    } else {
      out[key] = [...(Array.isArray(prev) ? prev : [prev]), value];
    }
  }
  return out;
}

// ---------------------------------------------------------------- response: usage

const money = z.number();
const quantity = z.number().check(z.nonnegative());
/** A share in percent, 0–100. */
const percentage = z.number().check(z.minimum(0), z.maximum(100));
/** A probability, 0–1. */
const probability = z.number().check(z.minimum(0), z.maximum(1));

export const periodSchema = z.object({
  startDate: isoDate,
  endDate: isoDate,
  billingCycle: openEnum(['monthly', 'quarterly', 'yearly', 'custom']),
  daysInPeriod: z.int().check(z.positive()),
  daysElapsed: z.int().check(z.nonnegative()),
});

export const summarySchema = z.object({
  totalCost: money,
  totalGpuHours: quantity,
  totalApiRequests: quantity,
  totalStorageGB: quantity,
  totalBandwidthGB: quantity,
  currency: currencySchema,
});

export const timeSeriesPointSchema = z.object({
  timestamp: z.iso.datetime(),
  value: quantity,
  cost: money,
});

export const topResourceSchema = z.object({
  resourceId: z.string(),
  name: z.string(),
  usage: quantity,
  cost: money,
});

const openResourceType = openEnum(RESOURCE_TYPES);
const openUnit = openEnum(UNITS);

export const breakdownItemSchema = z.object({
  resourceType: openResourceType,
  usage: z.object({
    quantity,
    unit: openUnit,
    cost: money,
    percentage,
  }),
  timeSeries: z.array(timeSeriesPointSchema),
  topResources: z.array(topResourceSchema),
});

export const regionalItemSchema = z.object({
  region: z.string(),
  usage: z.object({
    totalCost: money,
    gpuHours: quantity,
    apiRequests: quantity,
  }),
  cost: money,
  percentage,
});

/** One member of a groupBy dimension (an extension: the reference names groupBy but shows no shape). */
export const groupItemSchema = z.object({
  key: z.string(),
  name: z.string(),
  cost: money,
  percentage,
  usage: z.array(
    z.object({
      resourceType: openResourceType,
      quantity,
      unit: openUnit,
      cost: money,
    }),
  ),
});

export const groupSchema = z.object({
  dimension: openEnum(GROUP_BYS),
  items: z.array(groupItemSchema),
});

export const projectionsSchema = z.object({
  projectedCost: money,
  projectedUsage: z.object({
    gpuHours: quantity,
    apiRequests: quantity,
    storageGB: quantity,
  }),
  confidence: probability,
  trend: openEnum(['increasing', 'decreasing', 'stable']),
});

export const ALERT_TYPES = ['budget_exceeded', 'budget_forecast', 'unusual_spike'] as const;
export const SEVERITIES = ['low', 'medium', 'high', 'critical'] as const;

export const alertSchema = z.object({
  type: openEnum(ALERT_TYPES),
  severity: openEnum(SEVERITIES),
  message: z.string(),
  threshold: z.number(),
  currentValue: z.number(),
});

/**
 * Team metrics: sent whenever includeTeamMetrics=true, whatever groupBy says
 * (the reference pairs it with groupBy=project,user, which adds `groups` as
 * usual), and left out with includeCosts=false. A team is a project. Costs are
 * apportioned from summary.totalCost, so team totals and user totals each add
 * up to it exactly and percentages to 100.0. Every team and user of the
 * account is listed, highest cost first, with 0 where nothing was used.
 */
export const teamResourceUsageSchema = z.object({ quantity, unit: openUnit, cost: money });

/**
 * The fields the reference's team example reads are required (teamName,
 * totalCost, percentage, memberCount; userName, totalCost); teamId and
 * userId are extensions the app fills from the names when absent (see
 * withTeamIds), and resourceUsage, read with `.get()` there, may be missing.
 */
export const teamBreakdownItemSchema = z.object({
  teamId: z.optional(z.string()),
  teamName: z.string(),
  totalCost: money,
  percentage,
  memberCount: z.int().check(z.nonnegative()),
  /** Per resource type the team used; the costs add up to totalCost. */
  resourceUsage: z.optional(z.record(z.string(), teamResourceUsageSchema)),
  /**
   * Extension: the team's cost over the same length of time just before the
   * period (as far into it as the period has data). Left out when that time
   * reaches before the stored history.
   */
  previousPeriodCost: z.optional(money),
  /**
   * Extension: the team's cost per bucket of the request's granularity (daily
   * when hourly was asked for); the costs add up to totalCost.
   */
  timeSeries: z.optional(z.array(z.object({ timestamp: z.iso.datetime(), cost: money }))),
});

export const userBreakdownItemSchema = z.object({
  userId: z.optional(z.string()),
  userName: z.string(),
  /** Name of the user's team. */
  team: z.optional(z.string()),
  totalCost: money,
  /** Extensions: the team's id and the user's share of the total. */
  teamId: z.optional(z.string()),
  percentage: z.optional(percentage),
});

/** `name`, or `name (2)`, `name (3)`… for the second and later uses of it. */
function uniqueIds(names: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((n) => {
    const k = (seen.get(n) ?? 0) + 1;
    seen.set(n, k);
    return k === 1 ? n : `${n} (${k})`;
  });
}

type TeamIn = z.output<typeof teamBreakdownItemSchema>;
type UserIn = z.output<typeof userBreakdownItemSchema>;
type TeamOut = TeamIn & Required<Pick<TeamIn, 'teamId' | 'resourceUsage'>>;
type UserOut = UserIn & Required<Pick<UserIn, 'userId'>>;
type WithTeamIds<T> = Omit<T, 'teamBreakdown' | 'userBreakdown'> & { teamBreakdown?: TeamOut[]; userBreakdown?: UserOut[] };

/**
 * Team and user ids where the API sends none: a team's name is its id (as
 * the reference's example keys teams by name), a user's name likewise, made
 * unique within the list; a user's teamId is the id of the team named in
 * `team`, when there is one.
 */
function withTeamIds<T extends { teamBreakdown?: TeamIn[]; userBreakdown?: UserIn[] }>(r: T): WithTeamIds<T> {
  const teamIds = uniqueIds((r.teamBreakdown ?? []).map((t) => t.teamName));
  const teams = r.teamBreakdown?.map((t, i): TeamOut => ({ ...t, teamId: t.teamId ?? teamIds[i]!, resourceUsage: t.resourceUsage ?? {} }));
  const userIds = uniqueIds((r.userBreakdown ?? []).map((u) => u.userName));
  const users = r.userBreakdown?.map((u, i): UserOut => {
    const teamId = u.teamId ?? teams?.find((t) => t.teamName === u.team)?.teamId;
    return { ...u, userId: u.userId ?? userIds[i]!, ...(teamId === undefined ? {} : { teamId }) };
  });
  return {
    ...r,
    ...(teams ? { teamBreakdown: teams } : {}),
    ...(users ? { userBreakdown: users } : {}),
  };
}

/**
 * The usage answer. Every field of the reference's example is required and
 * checked; groups, teamBreakdown and userBreakdown are optional; fields the
 * contract does not name are dropped.
 */
export const usageResponseSchema = z.pipe(
  z.object({
    period: periodSchema,
    summary: summarySchema,
    breakdown: z.array(breakdownItemSchema),
    regional: z.array(regionalItemSchema),
    groups: z.optional(z.array(groupSchema)),
    projections: z.optional(projectionsSchema),
    alerts: z.array(alertSchema),
    teamBreakdown: z.optional(z.array(teamBreakdownItemSchema)),
    userBreakdown: z.optional(z.array(userBreakdownItemSchema)),
  }),
  z.transform(withTeamIds),
);

export type Period = z.infer<typeof periodSchema>;
export type Summary = z.infer<typeof summarySchema>;
export type TimeSeriesPoint = z.infer<typeof timeSeriesPointSchema>;
export type TopResource = z.infer<typeof topResourceSchema>;
export type BreakdownItem = z.infer<typeof breakdownItemSchema>;
export type RegionalItem = z.infer<typeof regionalItemSchema>;
export type GroupItem = z.infer<typeof groupItemSchema>;
export type Group = z.infer<typeof groupSchema>;
export type Projections = z.infer<typeof projectionsSchema>;
export type Alert = z.infer<typeof alertSchema>;
export type UsageResponse = z.output<typeof usageResponseSchema>;
/** A team as the app reads it: teamId and resourceUsage always there. */
export type TeamBreakdownItem = NonNullable<UsageResponse['teamBreakdown']>[number];
/** A user as the app reads it: userId always there. */
export type UserBreakdownItem = NonNullable<UsageResponse['userBreakdown']>[number];

/**
 * With includeCosts=false the API leaves out every cost and cost share:
 * the same shape with quantities only.
 */
export const usageQuantitiesResponseSchema = z.object({
  period: periodSchema,
  summary: z.omit(summarySchema, { totalCost: true }),
  breakdown: z.array(
    z.object({
      resourceType: openResourceType,
      usage: z.object({ quantity, unit: openUnit }),
      timeSeries: z.array(z.omit(timeSeriesPointSchema, { cost: true })),
      topResources: z.array(z.omit(topResourceSchema, { cost: true })),
    }),
  ),
  regional: z.array(
    z.object({
      region: z.string(),
      usage: z.object({ gpuHours: quantity, apiRequests: quantity }),
    }),
  ),
  projections: z.optional(z.omit(projectionsSchema, { projectedCost: true })),
  alerts: z.array(alertSchema),
});
export type UsageQuantitiesResponse = z.infer<typeof usageQuantitiesResponseSchema>;

// ---------------------------------------------------------------- optimization

export const ANALYSIS_DEPTHS = ['summary', 'detailed'] as const;
export const IMPACTS = ['high', 'medium', 'low'] as const;
export const EFFORTS = ['low', 'medium', 'high'] as const;
/** The rule behind each recommendation (an extension: the reference shows no such field). */
export const OPTIMIZATION_RULES = [
  'idle_cluster',
  'oversized_cluster',
  'endpoint_min_workers',
  'reserved_capacity',
  'offpeak_training',
  'stale_storage',
  'cross_region_transfer',
] as const;
export type OptimizationRule = (typeof OPTIMIZATION_RULES)[number];

export const optimizationQuerySchema = z.strictObject({
  timeRange: z._default(z.enum(TIME_RANGES.filter((t): t is Exclude<TimeRange, 'custom'> => t !== 'custom')), 'last_month'),
  includeRecommendations: z._default(booleanParam, true),
  analysisDepth: z._default(z.enum(ANALYSIS_DEPTHS), 'summary'),
  currency: z._default(currencySchema, 'USD'),
});
export type OptimizationQuery = z.output<typeof optimizationQuerySchema>;

/** One measured fact behind a recommendation, already formatted for display. */
export const evidenceSchema = z.object({ label: z.string(), value: z.string() });

/**
 * The fields the reference's example reads are required (title, impact,
 * potentialSavings, description, implementationEffort); id and resourceIds
 * are extensions the app fills when absent (see withRecommendationIds).
 */
export const optimizationRecommendationSchema = z.object({
  id: z.optional(z.string()),
  title: z.string(),
  impact: openEnum(IMPACTS),
  /** Per month, in the requested currency. */
  potentialSavings: money,
  description: z.string(),
  implementationEffort: openEnum(EFFORTS),
  resourceIds: z.optional(z.array(z.string())),
  /** Extensions: the byCategory name it counts towards, the rule that fired, and (analysisDepth=detailed) its evidence. */
  category: z.optional(z.string()),
  rule: z.optional(openEnum(OPTIMIZATION_RULES)),
  evidence: z.optional(z.array(evidenceSchema)),
});
type RecommendationIn = z.output<typeof optimizationRecommendationSchema>;
type RecommendationOut = RecommendationIn & Required<Pick<RecommendationIn, 'id' | 'resourceIds'>>;

/** Ids where the API sends none (`rec-1`, `rec-2`… in the API's order), and no resources where it lists none. */
function withRecommendationIds<T extends { recommendations?: RecommendationIn[] }>(
  r: T,
): Omit<T, 'recommendations'> & { recommendations?: RecommendationOut[] } {
  if (!r.recommendations) return r as Omit<T, 'recommendations'>;
  const taken = new Set(r.recommendations.map((x) => x.id));
  let n = 0;
  const next = () => {
    let id;
    do id = `rec-${++n}`;
    while (taken.has(id));
    return id;
  };
  return { ...r, recommendations: r.recommendations.map((x) => ({ ...x, id: x.id ?? next(), resourceIds: x.resourceIds ?? [] })) };
}

/**
 * The optimization answer. The reference's example checks for each of
 * potentialSavings, recommendations and wasteAnalysis before reading it, so
 * each is optional; within them the fields it reads are required.
 */
export const optimizationResponseSchema = z.pipe(z.object({
  potentialSavings: z.optional(z.object({
    totalMonthly: money,
    currency: z.optional(currencySchema),
    byCategory: z.array(
      z.object({
        name: z.string(),
        currentCost: money,
        savings: money,
        percentage,
        recommendation: z.string(),
      }),
    ),
  })),
  recommendations: z.optional(z.array(optimizationRecommendationSchema)),
  wasteAnalysis: z.optional(z.object({
    totalWaste: money,
    items: z.array(
      z.object({
        description: z.string(),
        amount: money,
        /** Extensions: the resource, and the rule that found it. */
        resourceId: z.optional(z.string()),
        rule: z.optional(openEnum(OPTIMIZATION_RULES)),
      }),
    ),
  })),
  /**
   * Extension: what was analysed and how it was made monthly. Every amount is
   * the analysed hours' figure × monthlyFactor, where monthlyFactor =
   * hoursPerMonth / hoursAnalysed and hoursPerMonth is the average calendar
   * month of the requested range (last_month: that month itself, factor 1).
   */
  analysis: z.optional(
    z.object({
      startDate: isoDate,
      endDate: isoDate,
      dataThrough: z.iso.datetime(),
      hoursAnalysed: z.int().check(z.nonnegative()),
      hoursPerMonth: z.number().check(z.positive()),
      monthlyFactor: z.number().check(z.nonnegative()),
    }),
  ),
}), z.transform(withRecommendationIds));
export type OptimizationResponse = z.output<typeof optimizationResponseSchema>;
/** A recommendation as the app reads it: id and resourceIds always there. */
export type OptimizationRecommendation = NonNullable<OptimizationResponse['recommendations']>[number];

// ---------------------------------------------------------------- forecast

export const FORECAST_PERIODS = ['3_months', '6_months', '12_months'] as const;
export type ForecastPeriod = (typeof FORECAST_PERIODS)[number];
/** Months projected per forecastPeriod, the month in progress included. */
export const FORECAST_PERIOD_MONTHS: Record<ForecastPeriod, number> = { '3_months': 3, '6_months': 6, '12_months': 12 };

export const forecastQuerySchema = z.strictObject({
  forecastPeriod: z._default(z.enum(FORECAST_PERIODS), '3_months'),
  includeScenarios: z._default(booleanParam, false),
  confidenceInterval: z._default(
    z.coerce
      .number({ error: 'must be a number from 0.5 to 0.99' })
      .check(z.minimum(0.5, 'must be at least 0.5'), z.maximum(0.99, 'must be at most 0.99')),
    0.95,
  ),
  currency: z._default(currencySchema, 'USD'),
});
export type ForecastQuery = z.output<typeof forecastQuerySchema>;

const monthKey = z.string().check(z.regex(/^\d{4}-\d{2}$/));

/**
 * One scenario: the slice of simulated outcomes of the first `scenarioMonths`
 * projected months (at most six) that it stands for. sixMonthTotal is the mean
 * total of that slice, peakMonth its costliest month (mean over the slice);
 * probability is the slice's share of outcomes. The three slices are the
 * lowest 20%, the middle 60% and the highest 20%, so the probability-weighted
 * totals add up to the expected total.
 */
const scenarioSchema = z.object({
  sixMonthTotal: money,
  peakMonth: money,
  probability: probability,
  /** Extension: which month is the peak (YYYY-MM). */
  peakMonthLabel: z.optional(monthKey),
});

export const GROWTH_DRIVER_DIMENSIONS = ['resource_type', 'project'] as const;

/**
 * Forecast answer. The reference's example reads baseline and each month's
 * month, projectedCost and confidence (required), and checks for scenarios
 * and growthDrivers before reading them (optional). Extensions (all optional,
 * so the reference's own shape parses): lowerBound/upperBound, currency, confidenceInterval and
 * scenarioMonths at the top level, `actuals` (complete past months, for a
 * chart of actuals + projection), actualToDate on the month in progress,
 * peakMonthLabel on scenarios, dimension and key on growth drivers.
 *
 * - baseline.avgMonthlyCost: mean cost of the last three complete months;
 *   baseline.growthRate: % per month, from a log-linear least-squares fit to
 *   the last six complete months' cost per day.
 * - monthlyProjections: forecastPeriod months starting with the current one;
 *   the current month's projectedCost is its actual cost so far plus the
 *   forecast of the rest. lowerBound/upperBound: the central interval at
 *   confidenceInterval; confidence: the model's probability that the month
 *   lands within ±10% of projectedCost.
 * - growthDrivers: resource types and teams (projects) whose monthly cost
 *   grew over the last six complete months; impact is the least-squares slope
 *   of their monthly cost (normalised to a 30.44-day month), in the currency
 *   per month; sorted by impact, largest first.
 */
export const forecastResponseSchema = z.object({
  baseline: z.object({ avgMonthlyCost: money, growthRate: z.number() }),
  monthlyProjections: z.array(
    z.object({
      month: monthKey,
      projectedCost: money,
      confidence: probability,
      /** Extensions: the interval (both or neither) and the month's actual cost so far. */
      lowerBound: z.optional(money),
      upperBound: z.optional(money),
      actualToDate: z.optional(money),
    }),
  ),
  scenarios: z.optional(z.object({ optimistic: scenarioSchema, expected: scenarioSchema, pessimistic: scenarioSchema })),
  growthDrivers: z.optional(z.array(
    z.object({
      factor: z.string(),
      impact: z.number(),
      description: z.string(),
      dimension: z.optional(openEnum(GROWTH_DRIVER_DIMENSIONS)),
      key: z.optional(z.string()),
    }),
  )),
  currency: z.optional(currencySchema),
  confidenceInterval: z.optional(z.number().check(z.minimum(0.5), z.maximum(0.99))),
  /** How many projected months the scenarios' sixMonthTotal sums: six, or all of them when there are fewer. */
  scenarioMonths: z.optional(z.int().check(z.positive())),
  actuals: z.optional(z.array(z.object({ month: monthKey, cost: money }))),
  /** Forecasts and trends are computed in USD and shown at this one rate (units of `currency` per USD, as of `date`). */
  exchangeRate: z.optional(z.object({ rate: z.number().check(z.positive()), date: isoDate })),
});
export type ForecastResponse = z.infer<typeof forecastResponseSchema>;

// ---------------------------------------------------------------- budgets

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

// ---------------------------------------------------------------- errors

/** The one error body of every 4xx and 5xx answer. */
export const errorBodySchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    details: z.optional(z.unknown()),
  }),
});
export type ErrorBody = z.infer<typeof errorBodySchema>;

/** details of an invalid_parameter error: one entry per offending parameter. */
export const parameterIssueSchema = z.object({
  parameter: z.string(),
  message: z.string(),
  allowed: z.optional(z.array(z.string())),
  received: z.optional(z.unknown()),
});
export type ParameterIssue = z.infer<typeof parameterIssueSchema>;
