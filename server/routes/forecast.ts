/**
 * GET /v2/billing/usage/forecast: monthly cost projections with intervals,
 * scenarios and growth drivers (see server/queries/forecast.ts).
 */
import type { Hono } from 'hono';
import { forecastQuerySchema } from '../../src/contract/billing.ts';
import { parseQuery, type RouteContext } from '../app.ts';
import { HttpError } from '../http/errors.ts';
import { forecastJson } from '../queries/forecast.ts';

const PATH = '/v2/billing/usage/forecast';
const KEYS = Object.keys(forecastQuerySchema.shape);

export function registerForecast(app: Hono, { db, fresh }: RouteContext): void {
  app.get(PATH, async (c) => {
    const q = parseQuery(c, forecastQuerySchema, KEYS);
    const now = await fresh();
    // the JSON text kept per data version, hour and request (queries/forecast.ts), sent as c.json would
    return c.body(await forecastJson(db, q, now), 200, { 'Content-Type': 'application/json' });
  });
  app.all(PATH, () => {
    throw new HttpError(405, 'method_not_allowed', `Only GET is allowed on ${PATH}`);
  });
}
