/**
 * `/v2/*`: forwards the browser's API calls to the upstream (real API or
 * in-process sandbox) with the server's key.
 *
 * - The browser's Authorization and Cookie headers are never passed on; only a
 *   short list of request headers is (Accept, Content-Type, …). Method, path,
 *   query and body are passed as they are.
 * - The answer's status, Content-Type and a few more headers (Retry-After,
 *   rate-limit headers, Content-Disposition, …) come back; upstream ETags and
 *   encodings are replaced by this server's own.
 * - A GET 200 gets a weak ETag from a hash of its body and
 *   `Cache-Control: private, no-cache`, so the browser revalidates and gets a
 *   304 when nothing changed. Bodies are compressed (br, gzip) when accepted.
 * - No answer within UPSTREAM_TIMEOUT_MS: 504; upstream not reachable: 502;
 *   both with the API's error body, code `upstream_unavailable`.
 * - Sandbox mode: GET 200 answers are kept in a response cache keyed by URL,
 *   data hour and database generation (see response-cache.ts); `X-Cache` says
 *   HIT or MISS.
 */
import type { ErrorBody } from '../../src/contract/billing.ts';
import { readBodyLimited, readStreamLimited } from '../http/body.ts';
import { weakEtag } from './http-cache.ts';
import { representation, send, type Representation } from './representation.ts';
import type { ResponseCache } from './response-cache.ts';
import { describeFailure, isTimeout, type OutgoingRequest, type Upstream } from './upstream.ts';

export const MAX_REQUEST_BODY_BYTES = 1024 * 1024;
export const DEFAULT_UPSTREAM_MAX_BYTES = 32 * 1024 * 1024;
/** Methods passed on to the API; anything else (TRACE, CONNECT, …) is answered 405 here. */
const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;

/** Request headers passed on to the API; everything else (Authorization, Cookie, Host, …) stays here. */
const FORWARD_REQUEST = ['accept', 'accept-language', 'content-type', 'if-match', 'idempotency-key', 'x-request-id'];
/** Response headers passed back to the browser. */
const FORWARD_RESPONSE =
  /^(content-type|content-disposition|content-language|retry-after|location|x-request-id|idempotent-replayed|ratelimit(-[a-z-]+)?|x-ratelimit-[a-z-]+)$/i;

export interface ApiOptions {
  upstream: Upstream;
  /** The key sent as `Authorization: Bearer …` on every call. */
  apiKey: string;
  timeoutMs: number;
  /** Largest upstream answer passed on, counted after decompression; a larger one is a 502. */
  maxUpstreamBytes?: number;
  /** Sandbox mode only. */
  cache?: ResponseCache | null;
  log?: (message: string) => void;
}

const encoder = new TextEncoder();

export function errorRepresentation(status: number, code: string, message: string): Representation {
  const body: ErrorBody = { error: { code, message } };
  return representation(
    status,
    { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' },
    encoder.encode(JSON.stringify(body)),
  );
}

/** The upstream body, read up to `max` bytes (decompressed); null when it is larger. */
async function readCapped(res: Response, max: number): Promise<Uint8Array<ArrayBuffer> | null> {
  const declared = Number(res.headers.get('content-length') ?? NaN);
  // Content-Length counts the encoded bytes: only an unencoded answer can be refused before reading.
  if (!res.headers.get('content-encoding') && declared > max) {
    await res.body?.cancel().catch(() => undefined);
    return null;
  }
  return readStreamLimited(res.body, max);
}

export function createApiHandler({
  upstream,
  apiKey,
  timeoutMs,
  maxUpstreamBytes = DEFAULT_UPSTREAM_MAX_BYTES,
  cache = null,
  log = console.warn,
}: ApiOptions) {
  const seconds = timeoutMs >= 1000 ? `${+(timeoutMs / 1000).toFixed(1)} s` : `${timeoutMs} ms`;

  async function call(out: OutgoingRequest): Promise<Representation> {
    const signal = AbortSignal.timeout(timeoutMs);
    let res: Response;
    let body: Uint8Array;
    try {
      res = await upstream.fetch(out, signal);
      const capped = await readCapped(res, maxUpstreamBytes);
      if (!capped) {
        log(`[serve] ${out.method} ${out.pathAndQuery}: upstream answer over ${maxUpstreamBytes} bytes, not passed on`);
        return errorRepresentation(
          502,
          'upstream_unavailable',
          `The billing API's answer was larger than this server passes on (${maxUpstreamBytes} bytes). Ask for a shorter range or fewer groups.`,
        );
      }
      body = capped;
    } catch (err) {
      const timedOut = isTimeout(err) || (signal.aborted && isTimeout(signal.reason));
      const reason = timedOut ? 'timeout' : describeFailure(err);
      log(`[serve] ${out.method} ${out.pathAndQuery}: upstream ${reason}`);
      return timedOut
        ? errorRepresentation(504, 'upstream_unavailable', `The billing API did not answer within ${seconds}. Try again shortly.`)
        : errorRepresentation(502, 'upstream_unavailable', `The billing API could not be reached (${reason}). Try again shortly.`);
    }
    const type = res.headers.get('content-type') ?? '';
    if (body.byteLength > 0 && !JSON_TYPE.test(type)) {
      log(`[serve] ${out.method} ${out.pathAndQuery}: upstream answered ${res.status} with ${type || 'no content type'}, not JSON`);
      return errorRepresentation(
        502,
        'upstream_unavailable',
        `The billing API answered with ${type.split(';')[0] || 'an untyped body'} (status ${res.status}) instead of JSON. Try again shortly.`,
      );
    }
    const headers = new Headers();
    res.headers.forEach((value, name) => {
      if (FORWARD_RESPONSE.test(name)) headers.set(name, value);
    });
    const ok = out.method === 'GET' && res.status === 200;
    headers.set('Cache-Control', ok ? 'private, no-cache' : 'no-store');
    return representation(res.status, headers, body, ok ? weakEtag(body) : undefined);
  }

  return async function handleApi(req: Request): Promise<Response> {
    const url = new URL(req.url);
    const headers = new Headers();
    for (const name of FORWARD_REQUEST) {
      const value = req.headers.get(name);
      if (value !== null) headers.set(name, value);
    }
    headers.set('Authorization', `Bearer ${apiKey}`);
    const out: OutgoingRequest = { pathAndQuery: url.pathname + url.search, method: req.method, headers };

    if (!METHODS.includes(req.method)) {
      const res = await send(
        errorRepresentation(405, 'method_not_allowed', `${req.method} is not allowed; the API takes ${METHODS.join(', ')}`),
        req,
        'fast',
      );
      res.headers.set('Allow', METHODS.join(', '));
      return res;
    }

    if (req.method !== 'GET' && req.method !== 'HEAD') {
      const read = await readBodyLimited(req, MAX_REQUEST_BODY_BYTES);
      if (!read.ok) {
        const res = await send(
          errorRepresentation(413, 'payload_too_large', `Request bodies are limited to ${MAX_REQUEST_BODY_BYTES} bytes`),
          req,
          'fast',
        );
        res.headers.set('Connection', 'close');
        return res;
      }
      if (read.bytes.byteLength > 0) out.body = read.bytes;
    }

    if (cache && upstream.cacheKey && req.method === 'GET') {
      const { rep, hit } = await cache.through(
        upstream.cacheKey(url),
        () => call(out),
        (r) => r.status === 200,
      );
      const res = await send(rep, req, 'fast');
      res.headers.set('X-Cache', hit ? 'HIT' : 'MISS');
      return res;
    }
    return send(await call(out), req, 'fast');
  };
}
