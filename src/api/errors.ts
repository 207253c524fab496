/**
 * The three ways a call to the billing API can fail, as typed errors the UI
 * can tell apart: the API answered with an error (ApiError), the request never
 * got an answer (NetworkError), or the answer does not match the contract
 * (SchemaError).
 */
import type * as z from 'zod/mini';

/** The API answered 4xx/5xx; code, message and details come from its error body. */
export class ApiError extends Error {
  override readonly name = 'ApiError';
  readonly status: number;
  readonly code: string;
  readonly details: unknown;
  /** How long the API asked us to wait before trying again (429/503 Retry-After), in ms. */
  readonly retryAfterMs: number | undefined;

  constructor(status: number, code: string, message: string, details?: unknown, retryAfterMs?: number) {
    super(message);
    this.status = status;
    this.code = code;
    this.details = details;
    this.retryAfterMs = retryAfterMs;
  }

  /** 4xx: the request itself is wrong (or not allowed); repeating it will not help. */
  get isClientError(): boolean {
    return this.status >= 400 && this.status < 500;
  }
}

/** The request did not reach the API or no answer came back (offline, DNS, proxy down). */
export class NetworkError extends Error {
  override readonly name: string = 'NetworkError';

  constructor(message = 'Could not reach the billing API. Check your connection and try again.', options?: ErrorOptions) {
    super(message, options);
  }
}

export const SCHEMA_ERROR_MESSAGE = 'The billing API returned data this dashboard does not understand';

/** The API answered 2xx but the body does not match the contract. */
export class SchemaError extends Error {
  override readonly name = 'SchemaError';
  /** Where in the response the first problem is, e.g. `breakdown[0].usage.cost`, or `(root)`. */
  readonly path: string;
  readonly issues: readonly z.core.$ZodIssue[];

  constructor(path: string, issues: readonly z.core.$ZodIssue[] = [], detail?: string) {
    super(`${SCHEMA_ERROR_MESSAGE} (at ${path}${detail ? `: ${detail}` : ''})`);
    this.path = path;
    this.issues = issues;
  }

  static fromZodError(error: z.core.$ZodError): SchemaError {
    const first = error.issues[0];
    return new SchemaError(first ? formatIssuePath(first.path) : '(root)', error.issues, first?.message);
  }
}

/** `['breakdown', 0, 'usage', 'cost']` → `breakdown[0].usage.cost`; `[]` → `(root)`. */
export function formatIssuePath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out === '' ? String(key) : `.${String(key)}`;
  }
  return out === '' ? '(root)' : out;
}

/** The request got no answer in time. */
export class TimeoutError extends NetworkError {
  override readonly name: string = 'TimeoutError';
}

/** Whether a failed query is worth retrying: network errors, 5xx and 429; never another 4xx or a contract mismatch. */
export function isRetryableError(error: unknown): boolean {
  if (error instanceof ApiError) return error.status === 429 || !error.isClientError;
  if (error instanceof SchemaError) return false;
  return true;
}

/** A short, user-facing sentence for any error a query can throw. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error && error.message) return error.message;
  return 'Something went wrong while loading billing data.';
}
