/**
 * GET /v2/billing/usage/utilization (a sandbox extension,
 * src/contract/utilization.ts): one GPU cluster's utilisation, GPUs and cost
 * per hour or day, from the stored cluster-hours.
 */
import type { Hono } from 'hono';
import { CURRENCY_DECIMALS } from '../../src/contract/billing.ts';
import type { UtilizationResponse } from '../../src/contract/utilization.ts';
import { IDLE_UTIL, OVERSIZED_P95 } from '../analytics/optimization.ts';
import type { RouteContext } from '../app.ts';
import { HttpError } from '../http/errors.ts';
import { resolvePeriod } from '../queries/period.ts';
import { extensionQuery } from './extension-query.ts';
import { bucketsFor } from '../queries/usage.ts';

const PATH = '/v2/billing/usage/utilization';
const USAGE_KEYS = ['timeRange', 'startDate', 'endDate', 'granularity', 'currency'];
const sqlTs = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');

export function registerUtilization(app: Hono, { db, fresh }: RouteContext): void {
  app.get(PATH, async (c) => {
    const { q, id, t } = await extensionQuery(new URL(c.req.url), { usageKeys: USAGE_KEYS, idParam: 'resourceId', idHint: 'the id of a GPU cluster', fresh });
    const resource = await db.all<{ name: string }>(`SELECT name FROM resources WHERE resource_id = $1 AND resource_type = 'clusters'`, [id]);
    if (resource.length === 0) throw new HttpError(404, 'not_found', `No GPU cluster ${id}`);
    const p = resolvePeriod(q.timeRange, t, q);
    const hourly = q.granularity === 'hourly';
    const buckets = bucketsFor(p.start, p.dataEnd, hourly ? 'hourly' : 'daily');
    const usd = q.currency === 'USD';
    const rows = await db.all<{ b: number; util: number | null; gpus: number; c: number }>(
      `SELECT CAST(epoch_ms(${hourly ? 'u.ts' : 'CAST(u.day AS TIMESTAMP)'}) AS DOUBLE) AS b,
              sum(u.gpu_util * u.quantity) FILTER (WHERE u.quantity > 0) / nullif(sum(u.quantity) FILTER (WHERE u.quantity > 0), 0) AS util,
              sum(u.quantity) / ${hourly ? 1 : 24} AS gpus,
              CAST(sum(CAST(${usd ? 'u.cost_usd' : 'CAST(u.cost_usd AS DOUBLE) * f.rate'} AS DECIMAL(18,6))) AS DOUBLE) AS c
       FROM usage_hourly u ${usd ? '' : 'JOIN fx_rates f ON f.day = u.day AND f.currency = $4'}
       WHERE u.resource_id = $1 AND u.ts >= CAST($2 AS TIMESTAMP) AND u.ts < CAST($3 AS TIMESTAMP) ${usd ? "AND $4 = 'USD'" : ''}
       GROUP BY b ORDER BY b`,
      [id, sqlTs(p.start), sqlTs(p.dataEnd), q.currency],
    );
    const byBucket = new Map(rows.map((r) => [r.b, r]));
    const f = 10 ** CURRENCY_DECIMALS[q.currency];
    const body: UtilizationResponse = {
      resourceId: id,
      name: resource[0]!.name,
      period: resolvePeriod(q.timeRange, t, q).period,
      currency: q.currency,
      granularity: hourly ? 'hourly' : 'daily',
      thresholds: { idle: IDLE_UTIL, oversized: OVERSIZED_P95 },
      points: buckets.map((b) => {
        const r = byBucket.get(b);
        return {
          timestamp: new Date(b).toISOString().replace('.000Z', 'Z'),
          gpuUtilization: r?.util == null ? null : Math.round(r.util * 1000) / 1000,
          gpus: r ? Math.round(r.gpus * 100) / 100 : 0,
          cost: r ? Math.round(r.c * f) / f : 0,
        };
      }),
    };
    return c.json(body);
  });
  app.all(PATH, () => {
    throw new HttpError(405, 'method_not_allowed', `Only GET is allowed on ${PATH}`);
  });
}
