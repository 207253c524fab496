/**
 * `GET /audit/entries` (JSON) and `GET /audit/entries.csv`: the audit log,
 * newest first, for administrators. Filters: actor (part of an id, name or
 * email), action, objectId, from / to (dates, UTC), entry (one id); paging
 * with limit (≤ 1000) and offset. A bad parameter gives 400 naming it.
 */
import type { Context } from 'hono';
import Papa from 'papaparse';
import { auditQuerySchema, MAX_AUDIT_PAGE, type AuditStore } from './store.ts';

export const CSV_MAX_ROWS = 50_000;

function badParameters(c: Context, issues: { path: PropertyKey[]; message: string; code: string; keys?: string[] }[]) {
  const details = issues.flatMap((i) =>
    i.code === 'unrecognized_keys' && i.keys
      ? i.keys.map((k) => ({ parameter: k, message: 'is not a parameter of this endpoint', allowed: Object.keys(auditQuerySchema.shape) }))
      : [{ parameter: String(i.path[0] ?? ''), message: i.message }],
  );
  c.header('Cache-Control', 'no-store');
  return c.json(
    { error: { code: 'invalid_parameter', message: details.map((d) => `${d.parameter} ${d.message}`).join('; '), details } },
    400,
  );
}

export function auditHandlers(store: AuditStore) {
  const parse = (c: Context, csv: boolean) => {
    const raw = Object.fromEntries(new URL(c.req.url).searchParams);
    if (csv && raw.limit === undefined) raw.limit = String(MAX_AUDIT_PAGE);
    return auditQuerySchema.safeParse(raw);
  };

  return {
    async json(c: Context): Promise<Response> {
      const q = parse(c, false);
      if (!q.success) return badParameters(c, q.error.issues as never);
      const page = await store.list(q.data);
      c.header('Cache-Control', 'no-store');
      return c.json({ ...page, limit: q.data.limit, offset: q.data.offset, store: store.kind });
    },

    async csv(c: Context): Promise<Response> {
      const q = parse(c, true);
      if (!q.success) return badParameters(c, q.error.issues as never);
      // Everything that matches, a page at a time, up to a bound.
      const rows: (string | number)[][] = [];
      let offset = q.data.offset;
      for (;;) {
        const page = await store.list({ ...q.data, offset, limit: MAX_AUDIT_PAGE });
        for (const e of page.entries)
          rows.push([
            e.at,
            e.actorId,
            e.actorName,
            e.actorEmail ?? '',
            e.role,
            e.address,
            e.action,
            e.objectType,
            e.objectId ?? '',
            e.status,
            e.before === null ? '' : JSON.stringify(e.before),
            e.after === null ? '' : JSON.stringify(e.after),
            e.id,
          ]);
        offset += page.entries.length;
        if (page.entries.length < MAX_AUDIT_PAGE || rows.length >= CSV_MAX_ROWS) break;
      }
      const csv = Papa.unparse({
        fields: ['at', 'actorId', 'actorName', 'actorEmail', 'role', 'address', 'action', 'objectType', 'objectId', 'status', 'before', 'after', 'id'],
        data: rows,
      }, { escapeFormulae: true });
      c.header('Cache-Control', 'no-store');
      c.header('Content-Type', 'text/csv; charset=utf-8');
      c.header('Content-Disposition', `attachment; filename="${auditFileName(q.data, rows)}"`);
      return c.body(`${csv}\r\n`);
    },
  };
}

/**
 * `tensorone-audit-log-2024-01-01-to-2024-01-31.csv`: the days asked for (`from`, `to`), else those
 * of the oldest and newest entry written (rows are newest first, `at` first); no dates without entries.
 */
export function auditFileName(q: { from?: string; to?: string }, rows: readonly (string | number)[][]): string {
  const day = (row: readonly (string | number)[] | undefined) => (row ? String(row[0]).slice(0, 10) : undefined);
  const from = q.from ?? day(rows.at(-1));
  const to = q.to ?? day(rows[0]);
  return from && to ? `tensorone-audit-log-${from === to ? from : `${from}-to-${to}`}.csv` : 'tensorone-audit-log.csv';
}
