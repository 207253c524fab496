import * as z from 'zod';
import { MAX_SCALE } from './db/organisation.ts';
import { SANDBOX_DEFAULT_API_KEY, SANDBOX_DEFAULT_DB, SANDBOX_DEFAULT_PORT } from './defaults.ts';

/**
 * SANDBOX_NOW must leave room for thirteen months of history, the equally long
 * period compared with it, and a year of exchange rates ahead, all within the
 * four-digit years that dates are written in.
 */
export const SANDBOX_NOW_MIN = Date.UTC(1975, 0, 1);
export const SANDBOX_NOW_MAX = Date.UTC(9990, 0, 1);
export const DEFAULT_REQUEST_TIMEOUT_MS = 10_000;

/** Sandbox configuration from the environment, checked at start-up. */
export const configSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(SANDBOX_DEFAULT_PORT),
  HOST: z.string().min(1).default('127.0.0.1'),
  SANDBOX_DB: z.string().min(1).default(SANDBOX_DEFAULT_DB),
  SANDBOX_NOW: z.iso
    .datetime({ offset: true, error: 'must be an ISO 8601 date-time such as 2024-01-16T12:00:00Z' })
    .refine((v) => {
      const t = Date.parse(v);
      return t >= SANDBOX_NOW_MIN && t < SANDBOX_NOW_MAX;
    }, `must be from ${new Date(SANDBOX_NOW_MIN).toISOString()} to before ${new Date(SANDBOX_NOW_MAX).toISOString()} (the history, the comparison period before it and the year of exchange rates after it must be dates the database can hold)`)
    .optional(),
  /** Longest time one request may take before its database work is stopped and it answers 503. */
  SANDBOX_REQUEST_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(DEFAULT_REQUEST_TIMEOUT_MS),
  SANDBOX_API_KEY: z.string().min(8, 'must be at least 8 characters').default(SANDBOX_DEFAULT_API_KEY),
  /** How many times the sandbox organisation is multiplied (teams, users, resources); another value rebuilds the history. */
  SANDBOX_SCALE: z
    .string()
    .regex(/^\d+$/, `must be a whole number from 1 to ${MAX_SCALE}`)
    .transform(Number)
    .refine((n) => n >= 1 && n <= MAX_SCALE, `must be a whole number from 1 to ${MAX_SCALE}`)
    .default(1),
});
export type Config = z.infer<typeof configSchema>;

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const clean = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== ''));
  const result = configSchema.safeParse(clean);
  if (!result.success) {
    const lines = result.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid sandbox configuration:\n${lines.join('\n')}`);
  }
  return result.data;
}

/** The sandbox clock: pinned when SANDBOX_NOW is set, the real time otherwise. */
export function clockFor(config: Config): () => number {
  if (config.SANDBOX_NOW) {
    const pinned = Date.parse(config.SANDBOX_NOW);
    return () => pinned;
  }
  return () => Date.now();
}
