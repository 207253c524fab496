/**
 * The production server's own endpoints (not the billing API): who is signed
 * in (`GET /auth/me`) and the audit log (`GET /audit/entries`). Shared by the
 * server and the app.
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

/** api.write: a write to an API path the server does not know yet (recorded all the same). */
export const AUDIT_ACTIONS = ['budget.create', 'budget.update', 'budget.delete', 'api.write'] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

export const auditEntrySchema = z.object({
  id: z.string(),
  /** ISO 8601 UTC with milliseconds. */
  at: z.string(),
  actorId: z.string(),
  actorName: z.string(),
  actorEmail: z.nullable(z.string()),
  role: z.string(),
  address: z.string(),
  action: z.string(),
  objectType: z.string(),
  objectId: z.nullable(z.string()),
  before: z.unknown(),
  after: z.unknown(),
  status: z.number(),
});
export type AuditEntryView = z.infer<typeof auditEntrySchema>;

export const auditPageSchema = z.object({
  entries: z.array(auditEntrySchema),
  total: z.number(),
  limit: z.number(),
  offset: z.number(),
  store: z.string(),
});
export type AuditPageView = z.infer<typeof auditPageSchema>;
