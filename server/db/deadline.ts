/**
 * The time limit of the request being answered. The app runs every request
 * inside `withDeadline`; the database reads the limit when a statement starts
 * and interrupts the statement (DuckDB's connection.interrupt()) when the
 * limit passes, so an expensive query stops instead of running on after the
 * client has been answered.
 */
import { AsyncLocalStorage } from 'node:async_hooks';

interface Limit {
  /** Epoch ms after which work for this request stops. */
  deadline: number;
  timeoutMs: number;
}

const current = new AsyncLocalStorage<Limit>();

export function withDeadline<T>(timeoutMs: number, fn: () => T): T {
  return current.run({ deadline: Date.now() + timeoutMs, timeoutMs }, fn);
}

export function currentDeadline(): Limit | undefined {
  return current.getStore();
}

/** Thrown when a request's time limit passed before or during a database statement. */
export class DeadlineExceeded extends Error {
  override name = 'DeadlineExceeded';
  constructor(readonly timeoutMs: number) {
    super(`the request's time limit of ${timeoutMs} ms passed`);
  }
}

/** Runs fn with no time limit (shared work such as bringing the data up to date, which other requests await). */
export function withoutDeadline<T>(fn: () => T): T {
  return current.exit(fn);
}
