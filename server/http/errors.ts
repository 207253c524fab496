import * as z from 'zod/mini';
import { ARRAY_PARAMS, type ErrorBody, type ParameterIssue } from '../../src/contract/billing.ts';

// The contract is written with Zod Mini, which loads no locale of its own: any
// issue message the contract does not spell out is worded in zod's English.
z.config(z.locales.en());

export class HttpError extends Error {
  constructor(
    readonly status: 400 | 401 | 404 | 405 | 409 | 413 | 415 | 429 | 431 | 500 | 503,
    readonly code: string,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
  }

  body(): ErrorBody {
    return { error: { code: this.code, message: this.message, ...(this.details === undefined ? {} : { details: this.details }) } };
  }
}

/** Turns zod issues into one entry per parameter: its name, what is wrong, and what is allowed. */
export function parameterIssues(error: z.core.$ZodError, input: Record<string, unknown>, knownKeys: readonly string[]): ParameterIssue[] {
  const out: ParameterIssue[] = [];
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys)
        out.push({ parameter: key, message: 'is not a known parameter', allowed: [...knownKeys] });
      continue;
    }
    const parameter = String(issue.path[0] ?? 'body');
    const path = issue.path.map(String).join('.');
    const entry: ParameterIssue = { parameter: path || parameter, message: issue.message };
    const values = issue.code === 'invalid_value' ? issue.values.map(String) : [];
    if (Array.isArray(input[parameter]) && !(ARRAY_PARAMS as readonly string[]).includes(parameter)) {
      entry.message = 'must be given once';
    } else if (values.includes('true') && values.includes('false')) {
      entry.allowed = ['true', 'false'];
      entry.message = 'must be true or false';
    } else if (issue.code === 'invalid_value') {
      entry.allowed = values;
      entry.message = `must be one of ${values.join(', ')}`;
    }
    let received: unknown = input[parameter];
    for (const seg of issue.path.slice(1)) received = (received as Record<string, unknown> | undefined)?.[seg as string];
    if (received !== undefined) entry.received = received;
    out.push(entry);
  }
  return out;
}

/** At most this many problems are listed in an error body; the message counts the rest. */
export const MAX_DETAILS = 20;
const MAX_RECEIVED_CHARS = 200;

/** A received value as shown back: long strings and lists cut, so an error body stays small. */
function shown(v: unknown): unknown {
  if (typeof v === 'string') return v.length > MAX_RECEIVED_CHARS ? `${v.slice(0, MAX_RECEIVED_CHARS)}…` : v;
  if (Array.isArray(v)) return v.slice(0, MAX_DETAILS).map(shown);
  if (v && typeof v === 'object') {
    const text = JSON.stringify(v);
    return text.length > MAX_RECEIVED_CHARS ? `${text.slice(0, MAX_RECEIVED_CHARS)}…` : v;
  }
  return v;
}

export function invalidParameters(issues: ParameterIssue[]): HttpError {
  const first = issues[0];
  const more = issues.length - 1;
  const summary = first
    ? `Invalid parameter ${first.parameter}: ${first.message}${more > 0 ? ` (and ${more} more problem${more === 1 ? '' : 's'}${issues.length > MAX_DETAILS ? `; the first ${MAX_DETAILS} are listed` : ''})` : ''}`
    : 'Invalid request';
  const listed = issues.slice(0, MAX_DETAILS).map((i) => ({
    ...i,
    parameter: shown(i.parameter) as string,
    ...(i.received === undefined ? {} : { received: shown(i.received) }),
  }));
  return new HttpError(400, 'invalid_parameter', summary, listed);
}
