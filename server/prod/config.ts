/**
 * Configuration of the production server (`npm run serve`), from the
 * environment, checked with zod at start-up: a bad value stops the server with
 * a message naming the variable.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as z from 'zod';
import { configSchema as sandboxConfigSchema } from '../config.ts';
import { DEFAULT_UPSTREAM_MAX_BYTES } from './api.ts';
import { parseAuthConfig, type AuthConfig } from './auth/config.ts';

export const PROD_DEFAULT_PORT = 8080;

/** A URL with a user, a password, a query or a fragment: places where a secret would be echoed by logs and /healthz. */
function hasSecrets(value: string): boolean {
  try {
    const u = new URL(value);
    return u.username !== '' || u.password !== '' || u.search !== '' || u.hash !== '' || /[?#]/.test(value);
  } catch {
    return false;
  }
}
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');

export const prodConfigSchema = sandboxConfigSchema
  .pick({ SANDBOX_DB: true, SANDBOX_NOW: true, SANDBOX_API_KEY: true, SANDBOX_REQUEST_TIMEOUT_MS: true, SANDBOX_SCALE: true })
  .extend({
    PORT: z.coerce.number().int().min(0).max(65535).default(PROD_DEFAULT_PORT),
    HOST: z.string().min(1).default('127.0.0.1'),
    /** The billing API to proxy /v2 to. Unset: the sandbox runs in-process. */
    TENSORONE_API_URL: z
      .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as https://api.tensorone.ai' })
      .refine((u) => !hasSecrets(u), {
        message:
          'must not carry credentials (user:password@, or a query string such as ?token=…): put the key in TENSORONE_API_KEY, which the server adds to every call',
      })
      .optional(),
    /** The key added to every proxied call. Required with TENSORONE_API_URL. */
    TENSORONE_API_KEY: z.string().min(1).optional(),
    /** The built app (`npm run build`). */
    DIST_DIR: z.string().min(1).default(path.join(ROOT, 'dist')),
    /** How long an API answer may take (connect + headers + body) before the client gets 504. */
    UPSTREAM_TIMEOUT_MS: z.coerce.number().int().min(50).max(600_000).default(15_000),
    /** Largest API answer passed on (bytes, raw and decompressed); a larger one is answered 502. */
    UPSTREAM_MAX_BYTES: z.coerce.number().int().min(1024).max(1024 ** 3).default(DEFAULT_UPSTREAM_MAX_BYTES),
    /** Sandbox mode: how many GET answers the in-memory response cache keeps (0 turns it off). */
    SANDBOX_CACHE_ENTRIES: z.coerce.number().int().min(0).max(100_000).default(500),
    /** BillingAccountId and BillingAccountName of the FOCUS export (printable text, at most 200 characters). */
    FOCUS_BILLING_ACCOUNT_ID: z.string().max(200).regex(/^[^\p{Cc}]+$/u, 'must be printable text').default('tensorone'),
    FOCUS_BILLING_ACCOUNT_NAME: z.string().max(200).regex(/^[^\p{Cc}]+$/u, 'must be printable text').default('TensorOne account'),
  })
  .superRefine((c, ctx) => {
    if (c.TENSORONE_API_URL && !c.TENSORONE_API_KEY)
      ctx.addIssue({
        code: 'custom',
        path: ['TENSORONE_API_KEY'],
        message: 'is required when TENSORONE_API_URL is set (the server adds it to every API call)',
      });
  });

/** `auth`: sign-in, roles, team scope and audit store (auth/config.ts). */
export type ProdConfig = z.infer<typeof prodConfigSchema> & { auth: AuthConfig };

/** Reads and checks the configuration; throws one error listing every bad variable. Empty values count as unset. */
export function loadProdConfig(env: NodeJS.ProcessEnv = process.env): ProdConfig {
  const clean = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''));
  const result = prodConfigSchema.safeParse(clean);
  const auth = parseAuthConfig(clean as Record<string, string>, clean.TENSORONE_API_URL !== undefined);
  if (!result.success || Array.isArray(auth)) {
    const lines = result.success ? [] : result.error.issues.map((i) => `  ${i.path.join('.') || '(config)'}: ${i.message}`);
    if (Array.isArray(auth)) lines.push(...auth.map((l) => `  ${l}`));
    throw new Error(`Invalid server configuration:\n${lines.join('\n')}`);
  }
  return { ...result.data, DIST_DIR: path.resolve(result.data.DIST_DIR), auth };
}

/** The sandbox clock: pinned by SANDBOX_NOW, else the real time. */
export function sandboxClock(config: Pick<ProdConfig, 'SANDBOX_NOW'>): () => number {
  if (config.SANDBOX_NOW) {
    const pinned = Date.parse(config.SANDBOX_NOW);
    return () => pinned;
  }
  return () => Date.now();
}
