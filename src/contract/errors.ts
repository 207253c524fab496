/** The one error body of every 4xx and 5xx answer. */
import { z } from './zod';

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
