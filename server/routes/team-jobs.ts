/**
 * GET /v2/billing/usage/jobs (a sandbox extension, src/contract/team-jobs.ts):
 * a team's training jobs with the user who ran each and its cost in the
 * period, from the stored hours.
 */
import type { Hono } from 'hono';
import { CURRENCY_DECIMALS } from '../../src/contract/billing.ts';
import { TEAM_JOBS_LIMIT, type TeamJobsResponse } from '../../src/contract/team-jobs.ts';
import type { RouteContext } from '../app.ts';
import { HttpError } from '../http/errors.ts';
import { resolvePeriod } from '../queries/period.ts';
import { extensionQuery } from './extension-query.ts';

const PATH = '/v2/billing/usage/jobs';
const USAGE_KEYS = ['timeRange', 'startDate', 'endDate', 'currency'];
const sqlTs = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
const isoTs = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

export function registerTeamJobs(app: Hono, { db, fresh }: RouteContext): void {
  app.get(PATH, async (c) => {
    const { q, id, t } = await extensionQuery(new URL(c.req.url), { usageKeys: USAGE_KEYS, idParam: 'teamId', idHint: 'the id of a team', fresh });
    const team = await db.all<{ n: number }>(`SELECT count(*) AS n FROM projects WHERE project_id = $1`, [id]);
    if (Number(team[0]?.n ?? 0) === 0) throw new HttpError(404, 'not_found', `No team ${id}`);
    const p = resolvePeriod(q.timeRange, t, q);
    const usd = q.currency === 'USD';
    const rows = await db.all<{ id: string; name: string; uid: string; uname: string; c: number; f: number; l: number }>(
      `SELECT u.resource_id AS id, r.name AS name, u.user_id AS uid, us.name AS uname,
              CAST(sum(CAST(${usd ? 'u.cost_usd' : 'CAST(u.cost_usd AS DOUBLE) * f.rate'} AS DECIMAL(18,6))) AS DOUBLE) AS c,
              CAST(epoch_ms(min(u.ts)) AS DOUBLE) AS f, CAST(epoch_ms(max(u.ts)) AS DOUBLE) AS l
       FROM usage_hourly u
       JOIN resources r ON r.resource_id = u.resource_id
       JOIN users us ON us.user_id = u.user_id
       ${usd ? '' : 'JOIN fx_rates f ON f.day = u.day AND f.currency = $4'}
       WHERE u.resource_type = 'training' AND u.project_id = $1
         AND u.ts >= CAST($2 AS TIMESTAMP) AND u.ts < CAST($3 AS TIMESTAMP) ${usd ? "AND $4 = 'USD'" : ''}
       GROUP BY u.resource_id, r.name, u.user_id, us.name
       HAVING sum(u.cost_usd) > 0
       ORDER BY c DESC, id`,
      [id, sqlTs(p.start), sqlTs(p.dataEnd), q.currency],
    );
    const scale = 10 ** CURRENCY_DECIMALS[q.currency];
    const money = (x: number) => Math.round(x * scale) / scale;
    const rest = rows.slice(TEAM_JOBS_LIMIT);
    const body: TeamJobsResponse = {
      teamId: id,
      period: p.period,
      currency: q.currency,
      jobs: rows.slice(0, TEAM_JOBS_LIMIT).map((r) => ({
        resourceId: r.id,
        name: r.name,
        userId: r.uid,
        userName: r.uname,
        cost: money(r.c),
        firstUsed: isoTs(r.f),
        lastUsed: isoTs(r.l),
      })),
      more: { count: rest.length, cost: money(rest.reduce((a, r) => a + r.c, 0)) },
    };
    return c.json(body);
  });
  app.all(PATH, () => {
    throw new HttpError(405, 'method_not_allowed', `Only GET is allowed on ${PATH}`);
  });
}
