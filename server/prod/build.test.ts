/**
 * Smoke test on a real production build (`vite build` into a temporary
 * folder): the production server serves it, and the built index.html fits the
 * Content-Security-Policy (no inline script or style).
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProdApp } from './app.ts';
import { MIN_COMPRESS_BYTES } from './http-cache.ts';
import { viteBuild } from './spawn.ts';
import { IMMUTABLE, loadDist } from './static.ts';
import { closedPort, listen, raw, type Listening } from './testing.ts';
import { proxyUpstream } from './upstream.ts';

const HTML = { Accept: 'text/html' };

describe('a real build, served', () => {
  let dir: string;
  let server: Listening;
  let indexHtml: string;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'prod-build-'));
    await viteBuild(dir);
    const dist = await loadDist(dir);
    const app = createProdApp({
      dist,
      upstream: proxyUpstream(`http://127.0.0.1:${await closedPort()}`),
      apiKey: 'unused-key',
      timeoutMs: 1_000,
      log: () => {},
    });
    server = await listen(app.fetch);
    indexHtml = (await raw(`${server.url}/`, { headers: HTML })).body.toString();
  }, 60_000);
  afterAll(async () => {
    await server?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('has no inline script or style in index.html', () => {
    const scripts = [...indexHtml.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.length).toBeGreaterThanOrEqual(2);
    for (const [, attrs, body] of scripts) {
      expect(attrs).toMatch(/\bsrc="\//);
      expect(body!.trim()).toBe('');
    }
    expect(indexHtml).toContain('<script src="/theme-init.js"></script>');
    expect(indexHtml).not.toMatch(/<style\b|\sstyle=|\son[a-z]+=/i);
  });

  it('serves every file index.html references, hashed ones as immutable and compressed', async () => {
    const refs = [...indexHtml.matchAll(/\b(?:src|href)="(\/assets\/[^"]+)"/g)].map((m) => m[1]!);
    expect(refs.some((r) => r.endsWith('.js'))).toBe(true);
    expect(refs.some((r) => r.endsWith('.css'))).toBe(true);
    for (const ref of refs) {
      const res = await raw(server.url + ref, { headers: { 'Accept-Encoding': 'gzip, deflate, br' } });
      expect(res.status, ref).toBe(200);
      expect(res.headers['cache-control']).toBe(IMMUTABLE);
      // files under MIN_COMPRESS_BYTES are sent as they are (compressing them gains nothing)
      const size = statSync(path.join(dir, ref)).size;
      expect(res.headers['content-encoding'], `${ref}, ${size} bytes`).toBe(size >= MIN_COMPRESS_BYTES ? 'br' : undefined);
    }
    const theme = await raw(`${server.url}/theme-init.js`);
    expect(theme.status).toBe(200);
    expect(theme.headers['content-type']).toBe('text/javascript; charset=utf-8');
    expect(theme.headers['cache-control']).toBe('no-cache');
    expect(theme.body.toString()).toContain('tensorone-billing.theme');
  });

  it('opens deep links with the app and keeps 404 for missing assets', async () => {
    const deep = await raw(`${server.url}/usage?timeRange=last_month`, { headers: HTML });
    expect(deep.status).toBe(200);
    expect(deep.body.toString()).toBe(indexHtml);
    expect((await raw(`${server.url}/assets/missing.js`)).status).toBe(404);
  });
});
