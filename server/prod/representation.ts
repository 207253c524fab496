/**
 * A buffered answer (static file or API response) and how it is sent: 304 when
 * the client's If-None-Match matches its ETag, else the body compressed with
 * the best encoding the client accepts. Compressed variants are computed once
 * per representation and kept with it, so a cached representation is
 * compressed only once.
 */
import {
  MIN_COMPRESS_BYTES,
  compress,
  etagMatches,
  isCompressible,
  negotiateEncoding,
  type Encoding,
} from './http-cache.ts';

export interface Representation {
  status: number;
  /** Content-Type, Cache-Control and the like; never Content-Length or Content-Encoding. */
  headers: Headers;
  body: Uint8Array;
  etag?: string;
  /** Compressed variants, made on first use (null: compression did not make it smaller). */
  encoded: Map<Encoding, Promise<Uint8Array | null>>;
}

export function representation(
  status: number,
  headers: HeadersInit,
  body: Uint8Array,
  etag?: string,
): Representation {
  return { status, headers: new Headers(headers), body, etag, encoded: new Map() };
}

function wantsCompression(rep: Representation): boolean {
  return rep.body.byteLength >= MIN_COMPRESS_BYTES && isCompressible(rep.headers.get('content-type'));
}

/** The body in `encoding`, compressed now or earlier; null if it would not be smaller. */
export function encodedBody(rep: Representation, encoding: Encoding, level: 'max' | 'fast'): Promise<Uint8Array | null> {
  let variant = rep.encoded.get(encoding);
  if (!variant) {
    variant = compress(rep.body, encoding, level).then((out) => (out.byteLength < rep.body.byteLength ? out : null));
    rep.encoded.set(encoding, variant);
  }
  return variant;
}

/** Compresses every variant ahead of time (static files, at start-up). */
export async function precompress(rep: Representation): Promise<void> {
  if (!wantsCompression(rep)) return;
  await Promise.all([encodedBody(rep, 'br', 'max'), encodedBody(rep, 'gzip', 'max')]);
}

const NOT_MODIFIED_HEADERS = ['cache-control', 'expires', 'content-location'];

/** Sends a representation to a request: 304, compressed, or as is. */
export async function send(rep: Representation, req: Request, level: 'max' | 'fast'): Promise<Response> {
  const compressible = wantsCompression(rep);
  const vary = compressible ? 'Accept-Encoding' : null;
  const cacheable = req.method === 'GET' || req.method === 'HEAD';

  if (rep.etag && cacheable && rep.status === 200 && etagMatches(req.headers.get('if-none-match'), rep.etag)) {
    const headers = new Headers({ ETag: rep.etag });
    for (const name of NOT_MODIFIED_HEADERS) {
      const value = rep.headers.get(name);
      if (value !== null) headers.set(name, value);
    }
    if (vary) headers.set('Vary', vary);
    return new Response(null, { status: 304, headers });
  }

  const headers = new Headers(rep.headers);
  if (rep.etag) headers.set('ETag', rep.etag);
  if (vary) headers.append('Vary', vary);
  let body: Uint8Array = rep.body;
  if (compressible) {
    const encoding = negotiateEncoding(req.headers.get('accept-encoding'));
    const encoded = encoding ? await encodedBody(rep, encoding, level) : null;
    if (encoding && encoded) {
      body = encoded;
      headers.set('Content-Encoding', encoding);
    }
  }
  headers.set('Content-Length', String(body.byteLength));
  const noBody = req.method === 'HEAD' || rep.status === 204 || rep.status === 304;
  return new Response(noBody ? null : (body as Uint8Array<ArrayBuffer>), { status: rep.status, headers });
}
