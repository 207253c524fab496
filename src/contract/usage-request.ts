/** The usage request: its query parameters as clients send them, collected and serialised. */
import { z } from './zod';
import { currencySchema, granularitySchema, groupBySchema, resourceTypeSchema, timeRangeSchema } from './common';
import { booleanParam, isoDate } from './schema-parts';

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

