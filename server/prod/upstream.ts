/**
 * Where `/v2` calls go: the real billing API over HTTP (proxy mode), or the
 * sandbox's Hono app in the same process (sandbox mode). Both get the same
 * cleaned request with the server's key; see api.ts.
 */
import type { Hono } from 'hono';
import type { Database } from '../db/database.ts';

export interface UpstreamHealth {
  reachable: boolean;
  /** The probe's round trip. */
  latencyMs: number;
  /** Proxy mode: the HTTP status the probe got (any status means the API is reachable). */
  status?: number;
  /** Sandbox mode: the last complete hour of data. */
  dataThrough?: string;
  error?: string;
}

/** A cleaned API call: path with query, method, the headers to send (key included) and the body. */
export interface OutgoingRequest {
  pathAndQuery: string;
  method: string;
  headers: Headers;
  body?: Uint8Array<ArrayBuffer>;
}

export interface Upstream {
  mode: 'sandbox' | 'proxy';
  /** The API URL (proxy), or a description (sandbox). */
  target: string;
  /** Sends a request; rejects when `signal` aborts. */
  fetch(req: OutgoingRequest, signal: AbortSignal): Promise<Response>;
  health(): Promise<UpstreamHealth>;
  /**
   * Sandbox mode: the response-cache key for a GET, which changes whenever the
   * answer may (data hour, database writes). Absent in proxy mode: nothing is cached.
   */
  cacheKey?(url: URL): string;
}

/** Rejects when the signal aborts, with the signal's reason (a TimeoutError for AbortSignal.timeout). */
function aborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    else signal.addEventListener('abort', () => reject(signal.reason), { once: true });
  });
}

/** The real billing API (or any HTTP server speaking it) at `base`. */
export function proxyUpstream(base: string, probeTimeoutMs = 3_000): Upstream {
  const root = new URL(base);
  const prefix = root.pathname.replace(/\/+$/, '');
  let lastProbe: { at: number; result: Promise<UpstreamHealth> } | null = null;

  async function probe(): Promise<UpstreamHealth> {
    const started = performance.now();
    try {
      const res = await fetch(root, { signal: AbortSignal.timeout(probeTimeoutMs), redirect: 'manual' });
      await res.body?.cancel();
      return { reachable: true, status: res.status, latencyMs: Math.round(performance.now() - started) };
    } catch (err) {
      return { reachable: false, latencyMs: Math.round(performance.now() - started), error: describeFailure(err) };
    }
  }

  return {
    mode: 'proxy',
    target: root.href,
    fetch({ pathAndQuery, method, headers, body }, signal) {
      const target = new URL(prefix + pathAndQuery, root);
      return fetch(target, { method, headers, body, signal, redirect: 'manual' });
    },
    health() {
      // Health checks may come often: probe at most every two seconds.
      const now = Date.now();
      if (!lastProbe || now - lastProbe.at > 2_000) lastProbe = { at: now, result: probe() };
      return lastProbe.result;
    },
  };
}

/** The sandbox app, called in-process. */
export function sandboxUpstream(app: Hono, db: Database, now: () => number): Upstream {
  return {
    mode: 'sandbox',
    target: `sandbox (${db.path})`,
    async fetch({ pathAndQuery, method, headers, body }, signal) {
      const req = new Request(`http://sandbox${pathAndQuery}`, { method, headers, body });
      return Promise.race([Promise.resolve(app.fetch(req)), aborted(signal)]);
    },
    async health() {
      const started = performance.now();
      try {
        const res = await app.fetch(new Request('http://sandbox/healthz'));
        const body = (await res.json()) as { dataThrough?: string };
        return { reachable: res.ok, latencyMs: Math.round(performance.now() - started), dataThrough: body.dataThrough };
      } catch (err) {
        return { reachable: false, latencyMs: Math.round(performance.now() - started), error: describeFailure(err) };
      }
    },
    cacheKey(url) {
      return `${Math.floor(now() / 3_600_000)}|${db.generation}|${url.pathname}${url.search}`;
    },
  };
}

/** A short reason for a failed call: the system error code if there is one (ECONNREFUSED, ENOTFOUND, …). */
export function describeFailure(err: unknown): string {
  if (err instanceof Error || (typeof err === 'object' && err !== null)) {
    const e = err as { name?: string; message?: string; code?: string; cause?: unknown };
    if (e.name === 'TimeoutError') return 'timeout';
    const cause = e.cause as { code?: string; message?: string; errors?: { code?: string }[] } | undefined;
    const code = e.code ?? cause?.code ?? cause?.errors?.[0]?.code;
    if (code) return code;
    return cause?.message ?? e.message ?? String(err);
  }
  return String(err);
}

export function isTimeout(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { name?: string }).name === 'TimeoutError';
}
