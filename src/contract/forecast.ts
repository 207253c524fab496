/** The forecast request and response: monthly projections, intervals, scenarios, growth drivers. */
import { z } from './zod';
import { currencySchema } from './common';
import { booleanParam, isoDate, money, openEnum, probability } from './schema-parts';

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
