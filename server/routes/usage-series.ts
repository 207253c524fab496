/**
 * GET /v2/billing/usage/series: cost over time per member of a dimension (an
 * extension of the sandbox; see server/queries/usage-series.ts).
 */
import type { Hono } from 'hono';
import { MAX_HOURLY_DAYS, collectQuery, usageQuerySchema } from '../../src/contract/billing.ts';
import { dimensionSchema } from '../../src/contract/usage-series.ts';
import type { RouteContext } from '../app.ts';
import { HttpError, invalidParameters, parameterIssues } from '../http/errors.ts';
import { parameterNameIssues } from '../http/params.ts';
import { rangeIssues } from '../queries/period.ts';
import { getUsageSeries } from '../queries/usage-series.ts';

const PATH = '/v2/billing/usage/series';
const USAGE_KEYS = ['timeRange', 'startDate', 'endDate', 'resourceType', 'granularity', 'currency'];
const KEYS = [...USAGE_KEYS, 'dimension'];

export function registerUsageSeries(app: Hono, { db, fresh }: RouteContext): void {
  app.get(PATH, async (c) => {
    const url = new URL(c.req.url);
    const issues0 = parameterNameIssues(url, KEYS);
    const params = new URLSearchParams([...url.searchParams].filter(([k]) => USAGE_KEYS.includes(k.replace(/\[\]$/, ''))));
    const input = collectQuery(params);
    const parsed = usageQuerySchema.safeParse(input);
    if (!parsed.success) issues0.push(...parameterIssues(parsed.error, input, KEYS));
    const raw = url.searchParams.getAll('dimension');
    const dim = dimensionSchema.safeParse(raw.length === 1 ? raw[0] : undefined);
    if (!dim.success)
      issues0.push({
        parameter: 'dimension',
        message: raw.length > 1 ? 'must be given once' : `must be one of ${dimensionSchema.options.join(', ')}`,
        allowed: [...dimensionSchema.options],
      });
    if (issues0.length > 0 || !parsed.success || !dim.success) throw invalidParameters(issues0);
    const q = parsed.data;
    const t = await fresh();
    const issues = rangeIssues(q, t, MAX_HOURLY_DAYS);
    if (issues.length > 0) throw invalidParameters(issues);
    return c.json(await getUsageSeries(db, q, dim.data, t));
  });
  app.all(PATH, () => {
    throw new HttpError(405, 'method_not_allowed', `Only GET is allowed on ${PATH}`);
  });
}
