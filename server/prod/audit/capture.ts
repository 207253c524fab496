/**
 * Recording a write: the value before (read from the API first, for updates
 * and deletes), the write itself, and the value after (the API's answer), as
 * one audit entry, for every write that succeeded. A write the audit log
 * cannot record is still answered (it has happened), and the server log
 * says which write went unrecorded (without its values, which may hold
 * webhook addresses).
 */
import { randomUUID } from 'node:crypto';
import type { Identity } from '../auth/identify.ts';
import type { AuditAction, AuditEntry, AuditStore } from './store.ts';

type Handler = (req: Request) => Promise<Response>;

const BUDGETS = /^\/v2\/billing\/budgets(?:\/([^/]+))?$/;

export function actionOf(method: string, pathname: string): { action: AuditAction; objectType: string; objectId: string | null } {
  const m = BUDGETS.exec(pathname);
  if (m) {
    const id = m[1] ? decodeURIComponent(m[1]) : null;
    if (method === 'POST' && !id) return { action: 'budget.create', objectType: 'budget', objectId: null };
    if ((method === 'PUT' || method === 'PATCH') && id) return { action: 'budget.update', objectType: 'budget', objectId: id };
    if (method === 'DELETE' && id) return { action: 'budget.delete', objectType: 'budget', objectId: id };
  }
  return { action: 'api.write', objectType: `${method} ${pathname}`, objectId: null };
}

async function jsonOf(res: Response): Promise<unknown> {
  if (!(res.headers.get('content-type') ?? '').includes('json')) return null;
  try {
    return (await res.clone().json()) as unknown;
  } catch {
    return null;
  }
}

export interface CaptureOptions {
  store: AuditStore;
  now?: () => number;
  log: (message: string) => void;
}

export function createCapture({ store, now = Date.now, log }: CaptureOptions) {
  return async function capture(req: Request, who: Identity, handle: Handler): Promise<Response> {
    const url = new URL(req.url);
    const what = actionOf(req.method, url.pathname);
    // Answers to writes are small: ask for them uncompressed, so they can be read here.
    const headers = new Headers(req.headers);
    headers.delete('accept-encoding');
    let before: unknown = null;
    if (what.objectId && what.action !== 'budget.create') {
      const prior = await handle(new Request(url, { method: 'GET', headers: { accept: 'application/json' } }));
      if (prior.status === 200) before = await jsonOf(prior);
    }
    const body = req.method === 'GET' || req.method === 'HEAD' ? undefined : await req.arrayBuffer();
    const res = await handle(new Request(url, { method: req.method, headers, body }));
    if (res.status >= 200 && res.status < 300) {
      const after = what.action === 'budget.delete' ? null : await jsonOf(res);
      const objectId =
        what.objectId ?? (after && typeof after === 'object' && 'budgetId' in after ? String((after as { budgetId: unknown }).budgetId) : null);
      const entry: AuditEntry = {
        id: randomUUID(),
        at: new Date(now()).toISOString(),
        actorId: who.user.id,
        actorName: who.user.name,
        actorEmail: who.user.email,
        role: who.role,
        address: who.address,
        ...what,
        objectId,
        before,
        after,
        status: res.status,
      };
      try {
        await store.append(entry);
      } catch (err) {
        log(
          `[audit] could not record ${entry.action} ${entry.objectId ?? ''} by ${entry.actorId} from ${entry.address} at ${entry.at} (entry ${entry.id}): ${err instanceof Error ? err.message : String(err)}`,
        );
      }
    }
    return res;
  };
}
