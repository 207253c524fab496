/**
 * The production server's own endpoint `GET /auth/me` (not the billing API):
 * who is signed in. Shared by the server and the app; the audit log's shapes
 * are in audit.ts (loaded only by the Activity page).
 */
import * as z from 'zod/mini';

export const ROLES = ['admin', 'editor', 'viewer', 'none'] as const;
export type Role = (typeof ROLES)[number];
export const AUTH_MODES = ['none', 'oidc', 'proxy'] as const;

export const sessionSchema = z.object({
  user: z.object({ id: z.string(), name: z.string(), email: z.nullable(z.string()) }),
  role: z.enum(ROLES),
  /** The teams the user's answers are limited to; empty: the whole organisation. */
  teams: z.array(z.string()),
  mode: z.enum(AUTH_MODES),
  expiresAt: z.optional(z.string()),
});
export type Session = z.infer<typeof sessionSchema>;
