/**
 * The Activity page's filters, from and to the URL (so every view is a deep
 * link): actor, action, objectId, from, to (YYYY-MM-DD), entry (one entry),
 * offset (paging). A value that cannot be used is dropped with a notice.
 */
import { AUDIT_ACTIONS, type AuditAction } from '../../contract/audit';

export interface ActivityFilters {
  actor?: string;
  action?: AuditAction;
  objectId?: string;
  from?: string;
  to?: string;
  entry?: string;
  offset?: number;
}

export const PAGE_SIZE = 50;
const KEYS = ['actor', 'action', 'objectId', 'from', 'to', 'entry', 'offset'] as const;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

function validDate(s: string): boolean {
  if (!DATE.test(s)) return false;
  const d = new Date(`${s}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === s;
}

export function parseActivityFilters(search: string | URLSearchParams): { filters: ActivityFilters; issues: string[] } {
  const p = typeof search === 'string' ? new URLSearchParams(search) : search;
  const filters: ActivityFilters = {};
  const issues: string[] = [];
  const text = (k: 'actor' | 'objectId' | 'entry', max: number) => {
    const v = p.get(k)?.trim();
    if (!v) return;
    if (v.length > max) issues.push(`${k} is longer than ${max} characters and was ignored`);
    else filters[k] = v;
  };
  text('actor', 200);
  text('objectId', 200);
  text('entry', 100);
  const action = p.get('action');
  if (action) {
    if ((AUDIT_ACTIONS as readonly string[]).includes(action)) filters.action = action as AuditAction;
    else issues.push(`action “${action}” is not one of ${AUDIT_ACTIONS.join(', ')}: showing every action`);
  }
  for (const k of ['from', 'to'] as const) {
    const v = p.get(k);
    if (!v) continue;
    if (validDate(v)) filters[k] = v;
    else issues.push(`${k} “${v}” is not a date such as 2024-01-31 and was ignored`);
  }
  if (filters.from && filters.to && filters.from > filters.to) {
    issues.push(`from (${filters.from}) is after to (${filters.to}): both were ignored`);
    delete filters.from;
    delete filters.to;
  }
  const offset = p.get('offset');
  if (offset) {
    const n = Number(offset);
    if (Number.isInteger(n) && n >= 0) filters.offset = n;
    else issues.push(`offset “${offset}” is not a whole number ≥ 0: showing the newest entries`);
  }
  return { filters, issues };
}

export function activitySearch(f: ActivityFilters): string {
  const p = new URLSearchParams();
  for (const k of KEYS) {
    const v = f[k];
    if (v !== undefined && v !== '' && !(k === 'offset' && v === 0)) p.set(k, String(v));
  }
  const s = p.toString();
  return s ? `?${s}` : '';
}

/** The server query for a view: the filters, a page size and offset. */
export function auditQuery(f: ActivityFilters, limit = PAGE_SIZE): URLSearchParams {
  const p = new URLSearchParams(activitySearch({ ...f, offset: undefined }));
  p.set('limit', String(limit));
  if (f.offset) p.set('offset', String(f.offset));
  return p;
}

/** The CSV download of everything the filters match (no paging). */
export function csvHref(f: ActivityFilters): string {
  const p = new URLSearchParams(activitySearch({ ...f, offset: undefined, entry: f.entry }));
  const s = p.toString();
  return `/audit/entries.csv${s ? `?${s}` : ''}`;
}

/** The fields a change touched: `field: before → after`, values as JSON. */
export function changedFields(before: unknown, after: unknown): { field: string; from: string; to: string }[] {
  const obj = (v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : {});
  const a = obj(before);
  const b = obj(after);
  const skip = new Set(['updatedAt', 'createdAt', 'budgetId']);
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])].filter((k) => !skip.has(k));
  const show = (v: unknown) => (v === undefined ? '—' : JSON.stringify(v));
  return keys.filter((k) => show(a[k]) !== show(b[k])).map((k) => ({ field: k, from: show(a[k]), to: show(b[k]) }));
}
