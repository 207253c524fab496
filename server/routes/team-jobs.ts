/**
 * GET /v2/billing/usage/jobs (a sandbox extension, src/contract/team-jobs.ts):
 * a team's training jobs with the user who ran each and its cost in the
 * period, from the stored hours.
 */
import type { Hono } from 'hono';
import { CURRENCY_DECIMALS, MAX_HOURLY_DAYS, collectQuery, usageQuerySchema } from '../../src/contract/billing.ts';
import { TEAM_JOBS_LIMIT, type TeamJobsResponse } from '../../src/contract/team-jobs.ts';
import type { RouteContext } from '../app.ts';
import { HttpError, invalidParameters, parameterIssues } from '../http/errors.ts';
import { parameterNameIssues } from '../http/params.ts';
import { rangeIssues, resolvePeriod } from '../queries/period.ts';

const PATH = '/v2/billing/usage/jobs';
const USAGE_KEYS = ['timeRange', 'startDate', 'endDate', 'currency'];
const KEYS = [...USAGE_KEYS, 'teamId'];
const sqlTs = (ms: number) => new Date(ms).toISOString().replace('T', ' ').replace('Z', '');
const isoTs = (ms: number) => new Date(ms).toISOString().replace('.000Z', 'Z');

export function registerTeamJobs(app: Hono, { db, fresh }: RouteContext): void {
  app.get(PATH, async (c) => {
    const url = new URL(c.req.url);
    const issues = parameterNameIssues(url, KEYS);
    const input = collectQuery(new URLSearchParams([...url.searchParams].filter(([k]) => USAGE_KEYS.includes(k))));
    const parsed = usageQuerySchema.safeParse(input);
    if (!parsed.success) issues.push(...parameterIssues(parsed.error, input, KEYS));
    const ids = url.searchParams.getAll('teamId');
    if (ids.length !== 1 || !ids[0]) issues.push({ parameter: 'teamId', message: ids.length > 1 ? 'must be given once' : 'is required: the id of a team' });
    if (issues.length > 0 || !parsed.success) throw invalidParameters(issues);
    const q = parsed.data;
    const t = await fresh();
    const range = rangeIssues(q, t, MAX_HOURLY_DAYS);
    if (range.length > 0) throw invalidParameters(range);
    const team = await db.all<{ n: number }>(`SELECT count(*) AS n FROM projects WHERE project_id = $1`, [ids[0]!]);
    if (Number(team[0]?.n ?? 0) === 0) throw new HttpError(404, 'not_found', `No team ${ids[0]}`);
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
      [ids[0]!, sqlTs(p.start), sqlTs(p.dataEnd), q.currency],
    );
    const scale = 10 ** CURRENCY_DECIMALS[q.currency];
    const money = (x: number) => Math.round(x * scale) / scale;
    const rest = rows.slice(TEAM_JOBS_LIMIT);
    const body: TeamJobsResponse = {
      teamId: ids[0]!,
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
