/** The usage response: period, summary, breakdown, regions, groups, projections, alerts, team and user metrics. */
import { z } from './zod';
import { GROUP_BYS, RESOURCE_TYPES, UNITS, currencySchema } from './common';
import { isoDate, money, openEnum, percentage, probability, quantity } from './schema-parts';

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
