/**
 * Extension of the sandbox (not in the API reference): cost over time per
 * member of one dimension, `GET /v2/billing/usage/series`. The app reads it
 * where it is served and leaves its charts out (with a note) where the API
 * answers 404, as the real API does for a path it does not document.
 *
 * Query: the usage query's timeRange, startDate, endDate, resourceType,
 * granularity and currency, and `dimension` (one of the usage endpoint's
 * groupBy values). Answer: every member with its cost for the period (the
 * usage endpoint's groups, to the cent) and its cost per bucket (daily for an
 * hourly request), which adds up to it.
 */
import * as z from 'zod/mini';
import { GROUP_BYS, granularitySchema, periodSchema } from './billing';

export const USAGE_SERIES_PATH = '/billing/usage/series';
export const dimensionSchema = z.enum(GROUP_BYS);

export const usageSeriesItemSchema = z.object({
  key: z.string(),
  name: z.string(),
  cost: z.number(),
  timeSeries: z.array(z.object({ timestamp: z.iso.datetime(), cost: z.number() })),
});

export const usageSeriesResponseSchema = z.object({
  period: periodSchema,
  currency: z.string(),
  /** The buckets' granularity (daily for an hourly request). */
  granularity: granularitySchema,
  dimension: z.string(),
  items: z.array(usageSeriesItemSchema),
});

export type UsageSeriesItem = z.infer<typeof usageSeriesItemSchema>;
export type UsageSeriesResponse = z.infer<typeof usageSeriesResponseSchema>;
