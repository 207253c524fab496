/**
 * Budgets API:
 *   POST   /v2/billing/budgets             create (201); Idempotency-Key makes it retry-safe
 *   GET    /v2/billing/budgets             list
 *   GET    /v2/billing/budgets/status      this month's spend against every budget
 *   GET    /v2/billing/budgets/:budgetId   one budget (404 when unknown)
 *   PUT    /v2/billing/budgets/:budgetId   replace every field, validated like a create
 *   DELETE /v2/billing/budgets/:budgetId   204
 *
 * Bodies must be JSON objects sent as application/json; anything else, and
 * every invalid field, is a 400 whose details name each field by its path
 * (`alertThresholds.2`, `notificationChannels.1.url`, `actions.at_110_percent`).
 *
 * Idempotency-Key on POST: the first request with a key creates the budget
 * and answers 201. A retry with the same key and the same body (after
 * validation and normalisation) answers 201 again with the same budget as it
 * is now, and `Idempotent-Replayed: true`; nothing new is stored. The same key
 * with a different body answers 409 (conflict), as does a retry whose budget
 * has been deleted since. Keys do not expire in the sandbox.
 */
import type { Context, Hono } from 'hono';
import type * as z from 'zod/mini';
import { IDEMPOTENCY_KEY_HEADER, budgetInputSchema, type BudgetData, type ParameterIssue } from '../../src/contract/billing.ts';
import type { RouteContext } from '../app.ts';
import { readBodyLimited, loneSurrogatePaths } from '../http/body.ts';
import { HttpError, invalidParameters } from '../http/errors.ts';
import { checkParameterNames } from '../http/params.ts';
import { budgetStatus, createBudget, deleteBudget, getBudget, listBudgets, replaceBudget } from '../queries/budgets.ts';

const BASE = '/v2/billing/budgets';
const BODY_FIELDS = Object.keys(budgetInputSchema.shape);
const MAX_BODY_BYTES = 64 * 1024;
const MAX_KEY_LENGTH = 255;

function valueAt(input: unknown, path: readonly PropertyKey[]): unknown {
  let v = input;
  for (const seg of path) v = v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[seg] : undefined;
  return v;
}

/** One entry per problem, named by its path in the body. */
export function bodyIssues(error: z.core.$ZodError, input: unknown): ParameterIssue[] {
  const out: ParameterIssue[] = [];
  for (const issue of error.issues) {
    const path = issue.path.map(String);
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys)
        out.push({
          parameter: [...path, key].join('.'),
          message: 'is not a known field',
          ...(path.length === 0 ? { allowed: BODY_FIELDS } : {}),
        });
      continue;
    }
    const received = valueAt(input, issue.path);
    const entry: ParameterIssue = { parameter: path.join('.') || 'body', message: issue.message };
    if (received === undefined && issue.code === 'invalid_type') entry.message = 'is required';
    else if (issue.code === 'invalid_value') {
      entry.allowed = issue.values.map(String);
      entry.message = `must be one of ${entry.allowed.join(', ')}`;
    }
    if (received !== undefined) entry.received = received;
    out.push(entry);
  }
  return out;
}

/** The request body as a validated budget, or a 400 naming what is wrong. */
async function readBudget(c: Context): Promise<BudgetData> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(type))
    throw invalidParameters([
      { parameter: 'Content-Type', message: 'must be application/json', ...(type ? { received: type } : {}) },
    ]);
  const body = await readBodyLimited(c.req.raw, MAX_BODY_BYTES);
  if (!body.ok) {
    c.header('Connection', 'close');
    throw new HttpError(413, 'payload_too_large', `The request body must be at most ${MAX_BODY_BYTES} bytes`, [
      { parameter: 'body', message: `must be at most ${MAX_BODY_BYTES} bytes` },
    ]);
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false }).decode(body.bytes);
  } catch {
    throw invalidParameters([{ parameter: 'body', message: 'is not valid UTF-8' }]);
  }
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (e) {
    throw invalidParameters([{ parameter: 'body', message: `is not valid JSON (${(e as Error).message})` }]);
  }
  const broken = loneSurrogatePaths(input);
  if (broken.length > 0)
    throw invalidParameters(broken.map((p) => ({ parameter: p, message: 'holds a lone UTF-16 surrogate (\\ud800-\\udfff), which is not text' })));
  if (!input || typeof input !== 'object' || Array.isArray(input))
    throw invalidParameters([{ parameter: 'body', message: 'must be a JSON object' }]);
  const result = budgetInputSchema.safeParse(input);
  if (!result.success) throw invalidParameters(bodyIssues(result.error, input));
  return result.data;
}

function idempotencyKey(c: Context): string | undefined {
  const key = c.req.header(IDEMPOTENCY_KEY_HEADER);
  if (key === undefined) return undefined;
  if (key.length < 1 || key.length > MAX_KEY_LENGTH || !/^[\x21-\x7e]+$/.test(key))
    throw invalidParameters([
      { parameter: IDEMPOTENCY_KEY_HEADER, message: `must be 1 to ${MAX_KEY_LENGTH} visible ASCII characters`, received: key },
    ]);
  return key;
}

const notFound = (budgetId: string) => new HttpError(404, 'not_found', `No budget with id ${budgetId}`);
const methodNotAllowed = (path: string, allowed: string) => () => {
  throw new HttpError(405, 'method_not_allowed', `Only ${allowed} ${allowed.includes(',') ? 'are' : 'is'} allowed on ${path}`);
};

export function registerBudgets(app: Hono, { db, fresh }: RouteContext): void {
  // No budgets endpoint takes query parameters: refuse any, as the other endpoints refuse unknown ones.
  const noParameters = async (c: Context, next: () => Promise<void>) => {
    checkParameterNames(new URL(c.req.url), []);
    await next();
  };
  app.use(BASE, noParameters);
  app.use(`${BASE}/*`, noParameters);
  // /status first: /:budgetId would match it too.
  app.get(`${BASE}/status`, async (c) => c.json(await budgetStatus(db, await fresh())));
  app.all(`${BASE}/status`, methodNotAllowed(`${BASE}/status`, 'GET'));

  app.get(BASE, async (c) => c.json({ budgets: await listBudgets(db) }));

  app.post(BASE, async (c) => {
    const key = idempotencyKey(c);
    const data = await readBudget(c);
    const result = await createBudget(db, data, await fresh(), key);
    switch (result.kind) {
      case 'created':
      case 'replayed':
        c.header('Location', `${BASE}/${encodeURIComponent(result.budget.budgetId)}`);
        if (result.kind === 'replayed') c.header('Idempotent-Replayed', 'true');
        return c.json(result.budget, 201);
      case 'key_mismatch':
        throw new HttpError(
          409,
          'conflict',
          `${IDEMPOTENCY_KEY_HEADER} was already used with a different request (it created budget ${result.budgetId}); use a new key for a new budget`,
          { budgetId: result.budgetId },
        );
      case 'key_budget_deleted':
        throw new HttpError(
          409,
          'conflict',
          `${IDEMPOTENCY_KEY_HEADER} was already used: budget ${result.budgetId} it created has since been deleted; use a new key to create another`,
          { budgetId: result.budgetId },
        );
    }
  });
  app.all(BASE, methodNotAllowed(BASE, 'GET, POST'));

  app.get(`${BASE}/:budgetId`, async (c) => {
    const id = c.req.param('budgetId');
    const budget = await getBudget(db, id);
    if (!budget) throw notFound(id);
    return c.json(budget);
  });

  app.put(`${BASE}/:budgetId`, async (c) => {
    const id = c.req.param('budgetId');
    const data = await readBudget(c);
    const budget = await replaceBudget(db, id, data, await fresh());
    if (!budget) throw notFound(id);
    return c.json(budget);
  });

  app.delete(`${BASE}/:budgetId`, async (c) => {
    const id = c.req.param('budgetId');
    if (!(await deleteBudget(db, id))) throw notFound(id);
    return c.body(null, 204);
  });
  app.all(`${BASE}/:budgetId`, methodNotAllowed(`${BASE}/:budgetId`, 'GET, PUT, DELETE'));
}
