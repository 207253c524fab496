/**
 * GET /v2/billing/usage/optimization: potential monthly savings, ranked
 * recommendations and identified waste, computed from stored usage.
 */
import type { Hono } from 'hono';
import { optimizationQuerySchema } from '../../src/contract/billing.ts';
import { parseQuery, type RouteContext } from '../app.ts';
import { HttpError } from '../http/errors.ts';
import { getOptimization } from '../queries/optimization.ts';

const PATH = '/v2/billing/usage/optimization';
const KEYS = Object.keys(optimizationQuerySchema.shape);

export function registerOptimization(app: Hono, { db, fresh }: RouteContext): void {
  app.get(PATH, async (c) => {
    const q = parseQuery(c, optimizationQuerySchema, KEYS);
    const now = await fresh();
    return c.json(await getOptimization(db, q, now));
  });
  app.all(PATH, () => {
    throw new HttpError(405, 'method_not_allowed', `Only GET is allowed on ${PATH}`);
  });
}
