/**
 * The audit log of the production server (`GET /audit/entries`), shared by
 * the server and the app's Activity page.
 */
import * as z from 'zod/mini';

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
