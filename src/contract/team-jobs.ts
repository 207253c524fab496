/**
 * Extension of the sandbox (not in the API reference, so optional): a team's
 * training jobs with the user who ran each, `GET /v2/billing/usage/jobs`.
 * The reference ties no resource to a user or a team; the app lists a team's
 * users' jobs where this is served, and where the API answers 404 shows each
 * member's training cost from the documented `userBreakdown` instead.
 *
 * Query: `teamId` (a team's id, as teamBreakdown's teamId), timeRange,
 * startDate, endDate and currency. Answer: the team's training jobs that cost
 * something in the period, costliest first (at most 200), each with its user,
 * its cost in the period and when it ran.
 */
import * as z from 'zod/mini';
import { periodSchema } from './billing';

export const TEAM_JOBS_PATH = '/billing/usage/jobs';
export const TEAM_JOBS_LIMIT = 200;

export const teamJobSchema = z.object({
  resourceId: z.string(),
  name: z.string(),
  userId: z.string(),
  userName: z.string(),
  cost: z.number(),
  /** First and last hour with usage in the period (UTC). */
  firstUsed: z.iso.datetime(),
  lastUsed: z.iso.datetime(),
});

export const teamJobsResponseSchema = z.object({
  teamId: z.string(),
  period: periodSchema,
  currency: z.string(),
  jobs: z.array(teamJobSchema),
  /** Jobs beyond the limit, and their cost. */
  more: z.object({ count: z.number(), cost: z.number() }),
});

export type TeamJob = z.infer<typeof teamJobSchema>;
export type TeamJobsResponse = z.infer<typeof teamJobsResponseSchema>;
