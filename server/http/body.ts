/**
 * Request bodies read with a limit that holds for chunked bodies too: bytes
 * are counted while they arrive, and reading stops at the limit (the answer
 * then closes the connection), so a body never costs more than the limit.
 */

export type LimitedBody = { ok: true; bytes: Uint8Array<ArrayBuffer> } | { ok: false; reason: 'too_large' };

export async function readBodyLimited(req: Request, maxBytes: number): Promise<LimitedBody> {
  const declared = req.headers.get('content-length');
  if (declared !== null && Number(declared) > maxBytes) {
    await req.body?.cancel().catch(() => undefined);
    return { ok: false, reason: 'too_large' };
  }
  const bytes = await readStreamLimited(req.body, maxBytes);
  return bytes ? { ok: true, bytes } : { ok: false, reason: 'too_large' };
}

/**
 * A stream's bytes, counted as they arrive; null (and the stream cancelled)
 * as soon as there are more than `maxBytes`.
 */
export async function readStreamLimited(
  stream: ReadableStream<Uint8Array> | null,
  maxBytes: number,
): Promise<Uint8Array<ArrayBuffer> | null> {
  if (!stream) return new Uint8Array(0);
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return null;
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    bytes.set(c, at);
    at += c.byteLength;
  }
  return bytes;
}

/** Strings in a parsed JSON value that hold a lone surrogate (`"\ud800"`): their paths. */
export function loneSurrogatePaths(v: unknown, path: string[] = [], out: string[] = []): string[] {
  if (typeof v === 'string') {
    if (LONE_SURROGATE.test(v)) out.push(path.join('.') || 'body');
  } else if (Array.isArray(v)) v.forEach((x, i) => loneSurrogatePaths(x, [...path, String(i)], out));
  else if (v && typeof v === 'object')
    for (const [k, x] of Object.entries(v)) {
      if (LONE_SURROGATE.test(k)) out.push([...path, k].join('.'));
      loneSurrogatePaths(x, [...path, k], out);
    }
  return out;
}

/** With the u flag a surrogate pair is one code point: only a lone surrogate is in category Cs. */
const LONE_SURROGATE = /\p{Cs}/u;
