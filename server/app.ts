/**
 * The sandbox's HTTP API (no listening here, so tests can use it in-process
 * or over a socket). Every 4xx/5xx answer has the one error body.
 */
import { Hono, type Context } from 'hono';
import type * as z from 'zod/mini';
import {
  MAX_HOURLY_DAYS,
  collectQuery,
  usageQuerySchema,
  type UsageResponse,
} from '../src/contract/billing.ts';
import type { Database } from './db/database.ts';
import { DeadlineExceeded, withDeadline, withoutDeadline } from './db/deadline.ts';
import { HttpError, invalidParameters, parameterIssues } from './http/errors.ts';
import { parameterNameIssues } from './http/params.ts';
import { DEFAULT_REQUEST_TIMEOUT_MS } from './config.ts';
import { storageFailure } from './http/storage-errors.ts';
import { getUsage } from './queries/usage.ts';
import { rangeIssues } from './queries/period.ts';
import { registerOptimization } from './routes/optimization.ts';
import { registerBudgets } from './routes/budgets.ts';
import { registerForecast } from './routes/forecast.ts';
import { registerUsageSeries } from './routes/usage-series.ts';
import { registerUtilization } from './routes/utilization.ts';
import { registerTeamJobs } from './routes/team-jobs.ts';

/** Route modules (server/routes/*.ts), registered in this order after /v2/billing/usage. */
const ROUTES: Array<(app: Hono, ctx: RouteContext) => void> = [
  registerOptimization,
  registerBudgets,
  registerForecast,
  registerUsageSeries,
  registerUtilization,
  registerTeamJobs,
];

export interface AppOptions {
  db: Database;
  apiKey: string;
  /** The sandbox clock (pinned by SANDBOX_NOW, or the real time). */
  now: () => number;
  /** Longest time a request may take; its database work is interrupted then and it answers 503. */
  requestTimeoutMs?: number;
  log?: (message: string) => void;
}



type Schema = z.ZodMiniType<unknown, unknown>;

/** Parses a query string with a contract schema, or throws a 400 naming each bad parameter. */
export function parseQuery<S extends Schema>(c: Context, schema: S, keys: readonly string[]): z.output<S> {
  const url = new URL(c.req.url);
  // Names first, the same way on every endpoint; the known ones are then checked for their values.
  const nameIssues = parameterNameIssues(url, keys);
  const params = new URLSearchParams();
  for (const [k, v] of url.searchParams) if (keys.includes(k.endsWith('[]') ? k.slice(0, -2) : k)) params.append(k, v);
  const input = collectQuery(params);
  const result = schema.safeParse(input);
  const issues = [...(result.success ? [] : parameterIssues(result.error, input, keys)), ...nameIssues];
  if (issues.length > 0) throw invalidParameters(issues);
  return result.data as z.output<S>;
}

const USAGE_KEYS = Object.keys(usageQuerySchema.shape);

/** includeCosts=false: the same answer with every cost and cost share left out. */
export function withoutCosts(r: UsageResponse): unknown {
  const { totalCost: _t, ...summary } = r.summary;
  return {
    period: r.period,
    summary,
    breakdown: r.breakdown.map((b) => ({
      resourceType: b.resourceType,
      usage: { quantity: b.usage.quantity, unit: b.usage.unit },
      timeSeries: b.timeSeries.map(({ timestamp, value }) => ({ timestamp, value })),
      topResources: b.topResources.map(({ resourceId, name, usage }) => ({ resourceId, name, usage })),
    })),
    regional: r.regional.map((g) => ({ region: g.region, usage: { gpuHours: g.usage.gpuHours, apiRequests: g.usage.apiRequests } })),
    ...(r.projections
      ? { projections: { projectedUsage: r.projections.projectedUsage, confidence: r.projections.confidence, trend: r.projections.trend } }
      : {}),
    alerts: r.alerts,
  };
}

/** What a route module gets: the database and the sandbox clock, with data brought up to date. */
export interface RouteContext {
  db: Database;
  /** Brings the data up to the current hour and returns the sandbox's "now" (epoch ms). */
  fresh: () => Promise<number>;
}

export function createApp({ db, apiKey, now, requestTimeoutMs = DEFAULT_REQUEST_TIMEOUT_MS, log = console.error }: AppOptions): Hono {
  const app = new Hono();
  let filling: Promise<unknown> | null = null;

  /** Brings the data up to the current hour (the API updates hourly). */
  async function fresh(): Promise<number> {
    const t = now();
    if (Math.floor(t / 3_600_000) * 3_600_000 > db.filledTo) {
      // Shared by every request waiting for the hour: not bound to the time limit of the one that started it.
      filling ??= withoutDeadline(() =>
        db.ensureData(t).finally(() => {
          filling = null;
        }),
      );
      await filling;
    }
    return t;
  }

  app.use('*', (_c, next) => withDeadline(requestTimeoutMs, next));

  app.onError((err, c) => {
    if (err instanceof HttpError) return c.json(err.body(), err.status);
    const where = `${c.req.method} ${new URL(c.req.url).pathname}`;
    if (err instanceof DeadlineExceeded) {
      log(`[sandbox] ${where}: stopped after ${requestTimeoutMs} ms`);
      c.header('Retry-After', '5');
      return c.json(
        {
          error: {
            code: 'timeout',
            message: `The request took longer than ${requestTimeoutMs} ms and was stopped; ask for a shorter range or fewer groups`,
          },
        },
        503,
      );
    }
    const storage = storageFailure(err);
    if (storage) {
      log(`[sandbox] ${where}: storage error (${storage}) in ${db.path}`);
      c.header('Retry-After', '30');
      return c.json(
        {
          error: {
            code: 'storage_unavailable',
            message: 'The sandbox cannot read or write its database file right now (see the server log); nothing was changed',
          },
        },
        503,
      );
    }
    log(`[sandbox] ${where}: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    return c.json({ error: { code: 'internal_error', message: 'The sandbox failed to answer this request' } }, 500);
  });
  app.notFound((c) =>
    c.json({ error: { code: 'not_found', message: `No route for ${c.req.method} ${new URL(c.req.url).pathname}` } }, 404),
  );

  app.get('/healthz', (c) => c.json({ status: 'ok', dataThrough: new Date(db.filledTo).toISOString() }));

  app.use('/v2/*', async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(.+)$/i.exec(header);
    if (!match) throw new HttpError(401, 'unauthorized', 'Missing API key: send Authorization: Bearer <key>');
    if (match[1]!.trim() !== apiKey) throw new HttpError(401, 'unauthorized', 'Invalid API key');
    await next();
  });

  app.get('/v2/billing/usage', async (c) => {
    const q = parseQuery(c, usageQuerySchema, USAGE_KEYS);
    const t = await fresh();
    const issues = rangeIssues(q, t, MAX_HOURLY_DAYS);
    if (issues.length > 0) throw invalidParameters(issues);
    const usage = await getUsage(db, q, t);
    return c.json(q.includeCosts ? usage : withoutCosts(usage));
  });

  app.all('/v2/billing/usage', () => {
    throw new HttpError(405, 'method_not_allowed', 'Only GET is allowed on /v2/billing/usage');
  });

  // Further endpoints live in server/routes/, one module each.
  const ctx: RouteContext = { db, fresh };
  for (const register of ROUTES) register(app, ctx);

  return app;
}
