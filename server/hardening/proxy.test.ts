import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { createGzip } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProdApp } from '../prod/app.ts';
import { loadProdConfig } from '../prod/config.ts';
import { ROOT } from '../prod/spawn.ts';
import { loadDist, type Dist } from '../prod/static.ts';
import { listen, raw, writeFakeDist, type Listening } from '../prod/testing.ts';
import { proxyUpstream } from '../prod/upstream.ts';
import { MiB, expectErrorBody, rss, sendChunked } from './helpers.ts';

/**
 * The production server in proxy mode against a fake TensorOne API that
 * misbehaves the way the reference allows nothing for: huge answers, a gzip
 * bomb, an HTML error page.
 */
const LIMIT = 1 * MiB;
let dir: string;
let dist: Dist;
let upstream: http.Server;
let upstreamUrl: string;
let server: Listening;
const logged: string[] = [];
let upstreamBytesSent = 0;

/** An endless stream of `chunk`, until the reader goes away. */
function endless(chunk: Buffer): Readable {
  return new Readable({
    read() {
      upstreamBytesSent += chunk.length;
      this.push(chunk);
    },
  });
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'hardening-proxy-'));
  writeFakeDist(path.join(dir, 'dist'));
  dist = await loadDist(path.join(dir, 'dist'));
  upstream = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    res.on('close', () => undefined);
    switch (url.pathname) {
      case '/v2/billing/usage': {
        // 1 GiB of JSON, sent without Content-Length
        if (url.searchParams.get('case') === 'huge') {
          res.writeHead(200, { 'Content-Type': 'application/json' });
          res.write('{"padding":"');
          const body = endless(Buffer.alloc(64 * 1024, 0x78));
          body.pipe(res);
          res.on('close', () => body.destroy());
          return;
        }
        if (url.searchParams.get('case') === 'declared') {
          res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Length': String(2 * 1024 * MiB) });
          res.write('{"a":"');
          setTimeout(() => res.destroy(), 2_000).unref();
          return;
        }
        if (url.searchParams.get('case') === 'bomb') {
          // a few KB on the wire that inflate without end
          res.writeHead(200, { 'Content-Type': 'application/json', 'Content-Encoding': 'gzip' });
          const zeros = endless(Buffer.alloc(1024 * 1024, 0x20));
          const gz = createGzip();
          zeros.pipe(gz).pipe(res);
          res.on('close', () => {
            zeros.destroy();
            gz.destroy();
          });
          return;
        }
        if (url.searchParams.get('case') === 'html') {
          res.writeHead(500, { 'Content-Type': 'text/html' });
          res.end('<html><body><h1>500 Internal Server Error</h1><p>nginx</p></body></html>');
          return;
        }
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end('{"ok":true}');
        return;
      }
      case '/v2/billing/budgets':
        res.writeHead(201, { 'Content-Type': 'application/json', 'Idempotent-Replayed': 'true' });
        res.end('{"budgetId":"bdg-1"}');
        return;
      default:
        res.writeHead(404, { 'Content-Type': 'application/json' });
        res.end('{"error":{"code":"not_found","message":"no"}}');
    }
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', () => resolve()));
  upstreamUrl = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
  const app = createProdApp({
    dist,
    upstream: proxyUpstream(upstreamUrl),
    apiKey: 'upstream-key-123',
    timeoutMs: 10_000,
    maxUpstreamBytes: LIMIT,
    log: (m) => logged.push(m),
  });
  server = await listen(app.fetch);
});
afterAll(async () => {
  await server?.close();
  upstream?.closeAllConnections();
  await new Promise<void>((resolve) => (upstream ? upstream.close(() => resolve()) : resolve()));
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('upstream answers over UPSTREAM_MAX_BYTES', () => {
  it('answers 502 with the error body to an endless upstream answer, reading little of it and keeping memory flat', async () => {
    upstreamBytesSent = 0;
    const before = rss();
    const res = await raw(`${server.url}/v2/billing/usage?case=huge`);
    const err = expectErrorBody(res.status, res.body.toString(), 502, 'upstream_unavailable');
    expect(err.message).toContain(`${LIMIT} bytes`);
    expect(rss() - before).toBeLessThan(64 * MiB);
    // the upstream stream was abandoned long before a gigabyte
    expect(upstreamBytesSent).toBeLessThan(64 * MiB);
  });

  it('refuses an answer whose Content-Length is over the limit without reading it', async () => {
    const started = performance.now();
    const res = await raw(`${server.url}/v2/billing/usage?case=declared`);
    expectErrorBody(res.status, res.body.toString(), 502, 'upstream_unavailable');
    expect(performance.now() - started).toBeLessThan(1_500);
  });

  it('stops a gzip bomb at the limit counted after decompression', async () => {
    upstreamBytesSent = 0;
    const before = rss();
    const res = await raw(`${server.url}/v2/billing/usage?case=bomb`);
    expectErrorBody(res.status, res.body.toString(), 502, 'upstream_unavailable');
    expect(rss() - before).toBeLessThan(64 * MiB);
    expect(upstreamBytesSent).toBeLessThan(256 * MiB);
  });
});

describe('odd upstream answers and requests', () => {
  it('turns an HTML error page into the API error body', async () => {
    const res = await raw(`${server.url}/v2/billing/usage?case=html`);
    const err = expectErrorBody(res.status, res.body.toString(), 502, 'upstream_unavailable');
    expect(err.message).toMatch(/text\/html \(status 500\) instead of JSON/);
    expect(res.body.toString()).not.toContain('nginx');
  });

  it('answers TRACE with 405 and the error body instead of trying to forward it', async () => {
    const res = await raw(`${server.url}/v2/billing/usage`, { method: 'TRACE' });
    expectErrorBody(res.status, res.body.toString(), 405, 'method_not_allowed');
    expect(res.headers.allow).toContain('GET');
  });

  it('passes Idempotent-Replayed on', async () => {
    const res = await raw(`${server.url}/v2/billing/budgets`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Idempotency-Key': 'k1' },
      body: '{}',
    });
    expect(res.status).toBe(201);
    expect(res.headers['idempotent-replayed']).toBe('true');
  });

  it('cuts a chunked 20 MB request body at the 1 MiB limit and closes the connection', async () => {
    const before = rss();
    const res = await sendChunked(`${server.url}/v2/billing/budgets`, 20 * MiB);
    expectErrorBody(res.status, res.body, 413, 'payload_too_large');
    expect(res.headers.connection).toBe('close');
    expect(res.sent).toBeLessThan(20 * MiB);
    expect(rss() - before).toBeLessThan(64 * MiB);
  });
});

describe('secrets in TENSORONE_API_URL', () => {
  const SECRET_URL = 'http://billing-user:hunter2-pass@api.example.test/api?token=tok-SECRET-42';
  const SECRETS = ['billing-user', 'hunter2-pass', 'tok-SECRET-42'];

  it('refuses credentials and tokens in the URL, pointing to TENSORONE_API_KEY, without repeating them', () => {
    for (const url of [SECRET_URL, 'https://api.example.test/?token=tok-SECRET-42', 'https://hunter2-pass@api.example.test/']) {
      let message = '';
      try {
        loadProdConfig({ TENSORONE_API_URL: url, TENSORONE_API_KEY: 'k', AUTH_MODE: 'none' });
      } catch (e) {
        message = (e as Error).message;
      }
      expect(message).toMatch(/TENSORONE_API_URL: must not carry credentials .* put the key in TENSORONE_API_KEY/);
      for (const s of SECRETS) expect(message).not.toContain(s);
    }
    expect(loadProdConfig({ TENSORONE_API_URL: 'https://api.example.test/prefix', TENSORONE_API_KEY: 'k', AUTH_MODE: 'none' }).TENSORONE_API_URL).toBe(
      'https://api.example.test/prefix',
    );
  });

  it('stops `npm run serve` with such a URL, and nothing it prints holds the secrets', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'server/serve.ts'], {
      cwd: ROOT,
      env: { ...process.env, TENSORONE_API_URL: SECRET_URL, TENSORONE_API_KEY: 'k', AUTH_MODE: 'none', PORT: '0', DIST_DIR: path.join(dir, 'dist') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('exit', (c) => resolve(c)));
    expect(code).toBe(1);
    expect(out).toMatch(/TENSORONE_API_URL: must not carry credentials/);
    for (const s of SECRETS) expect(out).not.toContain(s);
  }, 30_000);

  it('never logs the API key', () => {
    expect(logged.join('\n')).not.toContain('upstream-key-123');
  });
});
