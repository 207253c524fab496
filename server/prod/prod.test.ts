/**
 * The production server over HTTP: static files from a small fake build,
 * the in-process sandbox under /v2, and proxy mode against a fake upstream
 * that records what it receives.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gunzipSync, brotliDecompressSync } from 'node:zlib';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { errorBodySchema, usageResponseSchema } from '../../src/contract/billing.ts';
import { createApp } from '../app.ts';
import { Database } from '../db/database.ts';
import { REFERENCE_NOW, TEST_KEY } from '../test/sandbox.ts';
import { createProdApp } from './app.ts';
import { loadProdConfig } from './config.ts';
import { etagMatches, negotiateEncoding } from './http-cache.ts';
import { ResponseCache } from './response-cache.ts';
import { IMMUTABLE, loadDist, type Dist } from './static.ts';
import { FAKE_CSS, FAKE_JS, closedPort, listen, raw, writeFakeDist, type Listening } from './testing.ts';
import { proxyUpstream, sandboxUpstream } from './upstream.ts';

const quiet = () => {};
const HTML = { Accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' };
const USAGE = '/v2/billing/usage?timeRange=current_month&granularity=daily';

let dir: string;
let dist: Dist;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'prod-test-'));
  writeFakeDist(path.join(dir, 'dist'));
  dist = await loadDist(path.join(dir, 'dist'));
});
afterAll(() => {
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function expectSecurityHeaders(headers: Record<string, string | string[] | undefined>) {
  const csp = String(headers['content-security-policy']);
  const directives = new Map(
    csp.split(';').map((d) => {
      const [name = '', ...values] = d.trim().split(/\s+/);
      return [name, values] as const;
    }),
  );
  // WebAssembly compilation for the forecast worker, no JavaScript eval and no inline script
  expect(directives.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
  expect(csp).not.toMatch(/'unsafe-inline'|'unsafe-eval'/);
  expect(directives.get('default-src')).toEqual(["'self'"]);
  expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
  expect(directives.get('object-src')).toEqual(["'none'"]);
  expect(directives.get('connect-src')).toEqual(["'self'"]);
  expect(directives.get('img-src')).toEqual(["'self'", 'data:']);
  expect(directives.get('base-uri')).toEqual(["'self'"]);
  expect(directives.get('form-action')).toEqual(["'self'"]);
  expect(headers['x-content-type-options']).toBe('nosniff');
  expect(headers['referrer-policy']).toBe('no-referrer');
  expect(headers['x-frame-options']).toBe('DENY');
}

describe('configuration', () => {
  it('defaults to 127.0.0.1:8080 and sandbox mode; empty values count as unset', () => {
    const c = loadProdConfig({ TENSORONE_API_URL: '', PORT: '' });
    expect(c.PORT).toBe(8080);
    expect(c.HOST).toBe('127.0.0.1');
    expect(c.TENSORONE_API_URL).toBeUndefined();
    expect(c.SANDBOX_CACHE_ENTRIES).toBe(500);
  });

  it('fails fast, naming each bad variable', () => {
    expect(() => loadProdConfig({ TENSORONE_API_URL: 'api.tensorone.ai', TENSORONE_API_KEY: 'k' })).toThrow(
      /TENSORONE_API_URL: must be an http\(s\) URL/,
    );
    expect(() => loadProdConfig({ TENSORONE_API_URL: 'https://api.tensorone.ai' })).toThrow(
      /TENSORONE_API_KEY: is required when TENSORONE_API_URL is set/,
    );
    expect(() => loadProdConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadProdConfig({ SANDBOX_NOW: 'yesterday' })).toThrow(/SANDBOX_NOW/);
    expect(loadProdConfig({ TENSORONE_API_URL: 'https://api.tensorone.ai', TENSORONE_API_KEY: 'k', AUTH_MODE: 'none' }).TENSORONE_API_URL).toBe(
      'https://api.tensorone.ai',
    );
  });
});

describe('negotiation helpers', () => {
  it('prefers br, then gzip, and honours q=0 and *', () => {
    expect(negotiateEncoding('gzip, deflate, br')).toBe('br');
    expect(negotiateEncoding('gzip, deflate')).toBe('gzip');
    expect(negotiateEncoding('br;q=0, gzip;q=0.5')).toBe('gzip');
    expect(negotiateEncoding('*')).toBe('br');
    expect(negotiateEncoding('identity')).toBeNull();
    expect(negotiateEncoding(undefined)).toBeNull();
  });

  it('compares ETags weakly', () => {
    expect(etagMatches('W/"abc"', 'W/"abc"')).toBe(true);
    expect(etagMatches('"abc"', 'W/"abc"')).toBe(true);
    expect(etagMatches('"x", W/"abc"', 'W/"abc"')).toBe(true);
    expect(etagMatches('*', 'W/"abc"')).toBe(true);
    expect(etagMatches('W/"abd"', 'W/"abc"')).toBe(false);
  });
});

describe('static files and the in-process sandbox', () => {
  let db: Database;
  let server: Listening;
  let cache: ResponseCache;

  beforeAll(async () => {
    db = await Database.open(path.join(dir, 'billing.duckdb'));
    await db.ensureData(REFERENCE_NOW);
    const now = () => REFERENCE_NOW;
    cache = new ResponseCache(100);
    const app = createProdApp({
      dist,
      upstream: sandboxUpstream(createApp({ db, apiKey: TEST_KEY, now }), db, now),
      apiKey: TEST_KEY,
      timeoutMs: 10_000,
      cache,
      log: quiet,
    });
    server = await listen(app.fetch);
  });
  afterAll(async () => {
    await server?.close();
    db?.close();
  });

  it('serves hashed assets as immutable and index.html as no-cache', async () => {
    const asset = await raw(`${server.url}/assets/index-abc123.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers['cache-control']).toBe(IMMUTABLE);
    expect(asset.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(asset.body.toString()).toBe(FAKE_JS);

    const index = await raw(`${server.url}/`, { headers: HTML });
    expect(index.status).toBe(200);
    expect(index.headers['cache-control']).toBe('no-cache');
    expect(index.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(index.body.toString()).toContain('<div id="root">');

    const direct = await raw(`${server.url}/index.html`);
    expect(direct.headers['cache-control']).toBe('no-cache');

    // an unhashed public file is revalidated, not cached for a year
    const theme = await raw(`${server.url}/theme-init.js`);
    expect(theme.status).toBe(200);
    expect(theme.headers['cache-control']).toBe('no-cache');
  });

  it('answers deep links with index.html, and missing files with 404', async () => {
    const deep = await raw(`${server.url}/usage?timeRange=last_month`, { headers: HTML });
    expect(deep.status).toBe(200);
    expect(deep.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(deep.headers['cache-control']).toBe('no-cache');
    expect(deep.body.toString()).toContain('<div id="root">');
    expect((await raw(`${server.url}/teams/research/members`, { headers: HTML })).status).toBe(200);

    const missing = await raw(`${server.url}/assets/missing.js`, { headers: HTML });
    expect(missing.status).toBe(404);
    expectSecurityHeaders(missing.headers);
    expect((await raw(`${server.url}/assets/chunk`, { headers: HTML })).status).toBe(404);
    expect((await raw(`${server.url}/robots.txt`, { headers: HTML })).status).toBe(404);
    // not a browser navigation: no fallback
    expect((await raw(`${server.url}/usage`, { headers: { Accept: 'application/json' } })).status).toBe(404);
    expect((await raw(`${server.url}/usage`, { method: 'POST', headers: HTML })).status).toBe(405);
  });

  it('sends the security headers on every kind of response', async () => {
    for (const res of [
      await raw(`${server.url}/`, { headers: HTML }),
      await raw(`${server.url}/assets/index-def456.css`),
      await raw(`${server.url}/usage`, { headers: HTML }),
      await raw(`${server.url}${USAGE}`),
      await raw(`${server.url}/v2/billing/usage?timeRange=never`),
      await raw(`${server.url}/healthz`),
    ])
      expectSecurityHeaders(res.headers);
  });

  it('compresses text with gzip or br when accepted, never images, and never unasked', async () => {
    const gz = await raw(`${server.url}/assets/index-def456.css`, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gz.headers.vary).toMatch(/Accept-Encoding/i);
    expect(gunzipSync(gz.body).toString()).toBe(FAKE_CSS);
    expect(gz.body.byteLength).toBeLessThan(FAKE_CSS.length / 3);

    const br = await raw(`${server.url}/assets/index-abc123.js`, { headers: { 'Accept-Encoding': 'gzip, deflate, br' } });
    expect(br.headers['content-encoding']).toBe('br');
    expect(brotliDecompressSync(br.body).toString()).toBe(FAKE_JS);

    const plain = await raw(`${server.url}/assets/index-abc123.js`);
    expect(plain.headers['content-encoding']).toBeUndefined();

    const png = await raw(`${server.url}/logo.png`, { headers: { 'Accept-Encoding': 'gzip, br' } });
    expect(png.headers['content-type']).toBe('image/png');
    expect(png.headers['content-encoding']).toBeUndefined();

    const api = await raw(`${server.url}${USAGE}`, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(api.headers['content-encoding']).toBe('gzip');
    usageResponseSchema.parse(JSON.parse(gunzipSync(api.body).toString()));
  });

  it('revalidates static files with ETag / 304', async () => {
    const first = await raw(`${server.url}/assets/index-abc123.js`, { headers: { 'Accept-Encoding': 'br' } });
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^W\/".+"$/);
    const again = await raw(`${server.url}/assets/index-abc123.js`, { headers: { 'If-None-Match': etag } });
    expect(again.status).toBe(304);
    expect(again.body.byteLength).toBe(0);
    expect(again.headers.etag).toBe(etag);
  });

  it('answers /v2 with the server-side key: the browser needs none, and its own is ignored', async () => {
    const res = await raw(`${server.url}${USAGE}`, { headers: { Authorization: 'Bearer wrong-key', Cookie: 'session=1' } });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.headers['cache-control']).toBe('private, no-cache');
    const body = usageResponseSchema.parse(JSON.parse(res.body.toString()));
    expect(body.period.startDate).toBe('2024-01-01');
  });

  it('gives /v2 GET answers a weak ETag and answers If-None-Match with 304', async () => {
    const first = await raw(`${server.url}${USAGE}&currency=EUR`);
    expect(first.status).toBe(200);
    const etag = String(first.headers.etag);
    expect(etag).toMatch(/^W\/"[\w-]+"$/);

    const second = await raw(`${server.url}${USAGE}&currency=EUR`, { headers: { 'If-None-Match': etag } });
    expect(second.status).toBe(304);
    expect(second.body.byteLength).toBe(0);
    expect(second.headers.etag).toBe(etag);
    expect(second.headers['cache-control']).toBe('private, no-cache');
    expectSecurityHeaders(second.headers);

    // another query, another tag; a stale tag gets the full answer
    const other = await raw(`${server.url}${USAGE}&currency=GBP`, { headers: { 'If-None-Match': etag } });
    expect(other.status).toBe(200);
    expect(other.headers.etag).not.toBe(etag);
  });

  it('keeps answers in the response cache until the data changes', async () => {
    const url = `${server.url}/v2/billing/usage?timeRange=last_month&granularity=weekly`;
    const miss = await raw(url);
    const hit = await raw(url);
    expect(miss.headers['x-cache']).toBe('MISS');
    expect(hit.headers['x-cache']).toBe('HIT');
    expect(hit.body.equals(miss.body)).toBe(true);
    expect(hit.headers.etag).toBe(miss.headers.etag);

    // a write to the database (as a saved budget would make) moves the key on
    db.generation++;
    expect((await raw(url)).headers['x-cache']).toBe('MISS');

    // errors are passed through and not cached
    const bad = await raw(`${server.url}/v2/billing/usage?timeRange=never`);
    expect(bad.status).toBe(400);
    expect(bad.headers.etag).toBeUndefined();
    expect(errorBodySchema.parse(JSON.parse(bad.body.toString())).error.code).toBe('invalid_parameter');
    expect((await raw(`${server.url}/v2/billing/usage?timeRange=never`)).headers['x-cache']).toBe('MISS');

    const unknown = await raw(`${server.url}/v2/billing/nothing-here`);
    expect(unknown.status).toBe(404);
    expect(errorBodySchema.parse(JSON.parse(unknown.body.toString())).error.code).toBe('not_found');
  });

  it('reports sandbox mode on /healthz', async () => {
    const res = await raw(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe('no-store');
    const body = JSON.parse(res.body.toString());
    expect(body).toMatchObject({
      status: 'ok',
      mode: 'sandbox',
      upstream: { reachable: true, dataThrough: '2024-01-16T12:00:00.000Z' },
    });
  });
});

describe('proxy mode', () => {
  interface Seen {
    method: string;
    path: string;
    search: string;
    headers: Record<string, string>;
    body: string;
  }
  const UPSTREAM_KEY = 'configured-upstream-key';
  let seen: Seen[];
  let upstream: Listening;
  let server: Listening;

  beforeAll(async () => {
    seen = [];
    const fake = new Hono();
    fake.get('/', (c) => c.text('TensorOne API'));
    fake.get('/v2/slow', async (c) => {
      await new Promise((r) => setTimeout(r, 1_500));
      return c.json({ late: true });
    });
    fake.get('/v2/teapot', (c) => c.json({ error: { code: 'teapot', message: "I'm a teapot" } }, 418));
    fake.all('*', async (c) => {
      const url = new URL(c.req.url);
      seen.push({
        method: c.req.method,
        path: url.pathname,
        search: url.search,
        headers: Object.fromEntries(c.req.raw.headers),
        body: await c.req.text(),
      });
      c.header('Set-Cookie', 'upstream=1');
      c.header('ETag', '"upstream-tag"');
      c.header('X-RateLimit-Remaining', '99');
      c.header('X-Internal', 'secret');
      return c.json({ ok: true, method: c.req.method, padding: 'x'.repeat(2_000) }, c.req.method === 'POST' ? 201 : 200);
    });
    upstream = await listen(fake.fetch);
    const app = createProdApp({
      dist,
      upstream: proxyUpstream(upstream.url),
      apiKey: UPSTREAM_KEY,
      timeoutMs: 300,
      log: quiet,
    });
    server = await listen(app.fetch);
  });
  afterAll(async () => {
    await server?.close();
    await upstream?.close();
  });

  it('forwards method, path, query and body with the configured key, not the browser’s credentials', async () => {
    seen.length = 0;
    const res = await raw(`${server.url}/v2/billing/budgets?limit=5&x=a%20b`, {
      method: 'POST',
      headers: {
        Authorization: 'Bearer browser-key',
        Cookie: 'session=abc',
        'Content-Type': 'application/json',
        Accept: 'application/json',
      },
      body: '{"name":"GPU"}',
    });
    expect(res.status).toBe(201);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(res.body.toString())).toMatchObject({ ok: true, method: 'POST' });
    expect(seen).toHaveLength(1);
    const got = seen[0]!;
    expect(got.method).toBe('POST');
    expect(got.path).toBe('/v2/billing/budgets');
    expect(got.search).toBe('?limit=5&x=a%20b');
    expect(got.body).toBe('{"name":"GPU"}');
    expect(got.headers.authorization).toBe(`Bearer ${UPSTREAM_KEY}`);
    expect(got.headers.cookie).toBeUndefined();
    expect(got.headers['content-type']).toBe('application/json');
    // upstream cookies and internal headers stay behind; rate-limit headers come through
    expect(res.headers['set-cookie']).toBeUndefined();
    expect(res.headers['x-internal']).toBeUndefined();
    expect(res.headers['x-ratelimit-remaining']).toBe('99');
    expectSecurityHeaders(res.headers);
  });

  it('passes status and content type through, and adds its own ETag / 304 to GETs', async () => {
    const tea = await raw(`${server.url}/v2/teapot`);
    expect(tea.status).toBe(418);
    expect(tea.headers['content-type']).toMatch(/^application\/json/);
    expect(JSON.parse(tea.body.toString())).toEqual({ error: { code: 'teapot', message: "I'm a teapot" } });
    expect(tea.headers.etag).toBeUndefined();

    const first = await raw(`${server.url}/v2/billing/usage?timeRange=current_month`, {
      headers: { 'Accept-Encoding': 'gzip' },
    });
    expect(first.status).toBe(200);
    expect(first.headers['content-encoding']).toBe('gzip');
    expect(first.headers.etag).toMatch(/^W\//);
    expect(first.headers.etag).not.toBe('"upstream-tag"');
    expect(first.headers['x-cache']).toBeUndefined(); // nothing is cached in proxy mode
    const second = await raw(`${server.url}/v2/billing/usage?timeRange=current_month`, {
      headers: { 'If-None-Match': String(first.headers.etag) },
    });
    expect(second.status).toBe(304);
    // the upstream was asked both times, without the browser's If-None-Match
    expect(seen.at(-1)!.headers['if-none-match']).toBeUndefined();
  });

  it('answers 504 with the error body when the upstream is too slow', async () => {
    const started = performance.now();
    const res = await raw(`${server.url}/v2/slow`);
    expect(performance.now() - started).toBeLessThan(1_200);
    expect(res.status).toBe(504);
    expect(res.headers['cache-control']).toBe('no-store');
    const body = errorBodySchema.parse(JSON.parse(res.body.toString()));
    expect(body.error.code).toBe('upstream_unavailable');
    expect(body.error.message).toMatch(/did not answer within 300 ms/);
    expectSecurityHeaders(res.headers);
  });

  it('answers 502 with the error body when the upstream refuses the connection, and /healthz says so', async () => {
    const port = await closedPort();
    const app = createProdApp({
      dist,
      upstream: proxyUpstream(`http://127.0.0.1:${port}`),
      apiKey: UPSTREAM_KEY,
      timeoutMs: 2_000,
      log: quiet,
    });
    const down = await listen(app.fetch);
    try {
      const res = await raw(`${down.url}/v2/billing/usage`);
      expect(res.status).toBe(502);
      expect(res.headers['content-type']).toMatch(/^application\/json/);
      const body = errorBodySchema.parse(JSON.parse(res.body.toString()));
      expect(body.error).toEqual({
        code: 'upstream_unavailable',
        message: expect.stringMatching(/could not be reached \(ECONNREFUSED\)/),
      });

      const health = await raw(`${down.url}/healthz`);
      expect(health.status).toBe(503);
      expect(JSON.parse(health.body.toString())).toMatchObject({
        status: 'degraded',
        mode: 'proxy',
        upstream: { url: `http://127.0.0.1:${port}/`, reachable: false, error: 'ECONNREFUSED' },
      });
      // static files are still served
      expect((await raw(`${down.url}/usage`, { headers: HTML })).status).toBe(200);
    } finally {
      await down.close();
    }
  });

  it('reports proxy mode and a reachable upstream on /healthz', async () => {
    const res = await raw(`${server.url}/healthz`);
    expect(res.status).toBe(200);
    expect(JSON.parse(res.body.toString())).toMatchObject({
      status: 'ok',
      mode: 'proxy',
      upstream: { url: `${upstream.url}/`, reachable: true, status: 200 },
    });
  });

  it('keeps a path prefix of TENSORONE_API_URL', async () => {
    const app = createProdApp({ dist, upstream: proxyUpstream(`${upstream.url}/base/`), apiKey: UPSTREAM_KEY, timeoutMs: 2_000, log: quiet });
    const prefixed = await listen(app.fetch);
    try {
      seen.length = 0;
      expect((await raw(`${prefixed.url}/v2/billing/usage?a=1`)).status).toBe(200);
      expect(seen.map((r) => r.path + r.search)).toEqual(['/base/v2/billing/usage?a=1']);
    } finally {
      await prefixed.close();
    }
  });
});
