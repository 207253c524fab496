/**
 * Extension of the sandbox (not in the API reference, so optional): a GPU
 * cluster's utilisation over time, `GET /v2/billing/usage/utilization`. The
 * app shows it on a cluster's view where it is served and leaves it out where
 * the API answers 404, as the real API does for a path it does not document.
 *
 * Query: `resourceId` (a cluster), timeRange, startDate, endDate,
 * granularity (hourly or daily; weekly and monthly answer daily) and currency.
 * Answer: per bucket the mean GPU utilisation of the hours the cluster ran
 * (0–1, null when it did not run), its mean GPUs and its cost; and the
 * thresholds of the optimisation rules that the marked periods use.
 */
import * as z from 'zod/mini';
import { periodSchema } from './billing';

export const UTILIZATION_PATH = '/billing/usage/utilization';

export const utilizationPointSchema = z.object({
  timestamp: z.iso.datetime(),
  /** Mean GPU utilisation (0–1) over the bucket's running hours; null: not running. */
  gpuUtilization: z.nullable(z.number()),
  /** Mean GPUs allocated over the bucket. */
  gpus: z.number(),
  cost: z.number(),
});

export const utilizationResponseSchema = z.object({
  resourceId: z.string(),
  name: z.string(),
  period: periodSchema,
  currency: z.string(),
  granularity: z.enum(['hourly', 'daily']),
  thresholds: z.object({
    /** Under this, an hour is idle (the idle-cluster rule counts runs of 24 h or more). */
    idle: z.number(),
    /** A cluster whose p95 stays under this for 72 h or more is oversized. */
    oversized: z.number(),
  }),
  points: z.array(utilizationPointSchema),
});

export type UtilizationPoint = z.infer<typeof utilizationPointSchema>;
export type UtilizationResponse = z.infer<typeof utilizationResponseSchema>;
