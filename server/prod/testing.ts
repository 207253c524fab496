/**
 * Test helpers for the production server: listen on an ephemeral loopback
 * port, raw HTTP requests (no automatic decompression, so encodings can be
 * checked), and a small fake build.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { serve, type ServerType } from '@hono/node-server';
import { answerClientErrors } from '../http/client-errors.ts';

export interface Listening {
  url: string;
  port: number;
  close: () => Promise<void>;
}

export async function listen(fetchHandler: (req: Request) => Response | Promise<Response>): Promise<Listening> {
  const server: ServerType = await new Promise((resolve) => {
    const s = serve({ fetch: fetchHandler, port: 0, hostname: '127.0.0.1' }, () => resolve(s));
  });
  answerClientErrors(server);
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    port,
    close: () =>
      new Promise<void>((resolve) => {
        (server as http.Server).closeAllConnections?.();
        server.close(() => resolve());
      }),
  };
}

export interface RawResponse {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** One HTTP request with node:http: the body exactly as sent on the wire. */
export function raw(
  url: string,
  init: { method?: string; headers?: Record<string, string>; body?: string } = {},
): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method: init.method ?? 'GET', headers: init.headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(init.body);
  });
}

/** A port nothing listens on (bound, then released). */
export async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

export const FAKE_JS = `export const rows = [${Array.from({ length: 400 }, (_, i) => `{id:${i},name:"row ${i}"}`).join(',')}];\n`;
export const FAKE_CSS = `${Array.from({ length: 100 }, (_, i) => `.c${i}{color:red;margin:${i}px}`).join('\n')}\n`;

/** A minimal built app: index.html, one hashed script and style sheet, an unhashed public file and a PNG. */
export function writeFakeDist(dir: string): void {
  mkdirSync(path.join(dir, 'assets'), { recursive: true });
  writeFileSync(
    path.join(dir, 'index.html'),
    `<!doctype html>\n<html lang="en"><head><meta charset="UTF-8" /><title>Fake</title>\n<script src="/theme-init.js"></script>\n<script type="module" crossorigin src="/assets/index-abc123.js"></script>\n<link rel="stylesheet" href="/assets/index-def456.css">\n</head><body><div id="root"></div>${'<!-- padding -->'.repeat(80)}</body></html>\n`,
  );
  writeFileSync(path.join(dir, 'assets', 'index-abc123.js'), FAKE_JS);
  writeFileSync(path.join(dir, 'assets', 'index-def456.css'), FAKE_CSS);
  writeFileSync(path.join(dir, 'theme-init.js'), '(function () { document.documentElement.dataset.x = "1"; })();\n');
  writeFileSync(path.join(dir, 'logo.png'), Buffer.alloc(4096, 7));
}
