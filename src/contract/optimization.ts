/** The optimisation request and response: savings by category, recommendations with their evidence, waste. */
import { z } from './zod';
import { TIME_RANGES, currencySchema, type TimeRange } from './common';
import { booleanParam, isoDate, money, openEnum, percentage } from './schema-parts';

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
