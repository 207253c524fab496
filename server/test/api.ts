/**
 * Shared pieces of the API tests: one sandbox per test file, the error answers
 * every endpoint shares, and exact money sums in minor units.
 */
import { afterAll, beforeAll, expect } from 'vitest';
import { CURRENCY_DECIMALS, errorBodySchema, type Currency } from '../../src/contract/billing.ts';
import { TEST_KEY, startSandbox, type Sandbox } from './sandbox.ts';

/**
 * Starts a sandbox before the file's tests and closes it after them. The
 * returned object forwards to that sandbox, so it can be used in tests and in
 * hooks registered after this call.
 */
export function sandboxForFile(opts?: Parameters<typeof startSandbox>[0]): Sandbox {
  let current: Sandbox | undefined;
  beforeAll(async () => {
    current = await startSandbox(opts);
  });
  afterAll(async () => {
    await current?.close();
  });
  const live = (): Sandbox => {
    if (!current) throw new Error('the sandbox is not started yet');
    return current;
  };
  return {
    get url() {
      return live().url;
    },
    get db() {
      return live().db;
    },
    get dir() {
      return live().dir;
    },
    get: (path, init) => live().get(path, init),
    json: <T = unknown>(path: string) => live().json<T>(path),
    usage: (qs) => live().usage(qs),
    close: () => live().close(),
  };
}

/** One entry of an invalid_parameter error's details. */
export interface ParameterIssue {
  parameter: string;
  message: string;
  allowed?: string[];
}

/**
 * Asserts a 400 invalid_parameter answer whose details hold an issue for
 * `parameter` with a message matching `message`. Returns the error's message
 * and that issue, for further checks.
 */
export async function expectInvalidParameter(
  res: Response,
  parameter: string,
  message: RegExp,
): Promise<{ errorMessage: string; issue: ParameterIssue }> {
  const text = await res.text();
  expect(res.status, text).toBe(400);
  const body = errorBodySchema.parse(JSON.parse(text));
  expect(body.error.code).toBe('invalid_parameter');
  const details = body.error.details as ParameterIssue[];
  const issue = details.find((d) => d.parameter === parameter);
  expect(issue, JSON.stringify(details)).toBeDefined();
  expect(issue!.message).toMatch(message);
  return { errorMessage: body.error.message, issue: issue! };
}

/**
 * Asserts that GET `path` answers 401 with the error body without a key and
 * with the bearer key `wrongKey`.
 */
export async function expectUnauthorized(sb: Pick<Sandbox, 'url'>, path: string, wrongKey: string): Promise<void> {
  const missing = await fetch(`${sb.url}${path}`);
  expect(missing.status).toBe(401);
  expect(errorBodySchema.parse(await missing.json()).error.code).toBe('unauthorized');
  const wrong = await fetch(`${sb.url}${path}`, { headers: { Authorization: `Bearer ${wrongKey}` } });
  expect(wrong.status).toBe(401);
  expect(errorBodySchema.parse(await wrong.json()).error.message).toMatch(/Invalid API key/);
}

/** Asserts that `method` with the right key answers 405 with the error body. */
export async function expectMethodNotAllowed(sb: Pick<Sandbox, 'url'>, path: string, method = 'POST'): Promise<void> {
  const res = await fetch(`${sb.url}${path}`, { method, headers: { Authorization: `Bearer ${TEST_KEY}` } });
  expect(res.status).toBe(405);
  errorBodySchema.parse(await res.json());
}

/** Money in integer minor units, so sums are compared exactly. */
export const minor = (x: number, c: Currency) => Math.round(x * 10 ** CURRENCY_DECIMALS[c]);
export const sumMinor = (xs: number[], c: Currency) => xs.reduce((a, x) => a + minor(x, c), 0);
/** Percentages in integer tenths. */
export const sumTenths = (xs: number[]) => xs.reduce((a, x) => a + Math.round(x * 10), 0);
