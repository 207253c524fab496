/**
 * Helpers of the hardening tests: a chunked upload that counts what the
 * server let through before answering, and the error body's shape.
 */
import http from 'node:http';
import { expect } from 'vitest';
import { errorBodySchema, type ErrorBody } from '../../src/contract/billing.ts';

export interface ChunkedResult {
  status: number;
  body: string;
  headers: http.IncomingHttpHeaders;
  /** Bytes written before the answer came or the connection closed. */
  sent: number;
}

/**
 * POSTs up to `total` bytes as a chunked body (no Content-Length), 64 KiB at
 * a time, and stops writing as soon as the server answers or closes.
 */
export function sendChunked(url: string, total: number, headers: Record<string, string> = {}): Promise<ChunkedResult> {
  return new Promise((resolve, reject) => {
    const chunk = Buffer.alloc(64 * 1024, 0x61);
    let sent = 0;
    let answered = false;
    const req = http.request(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked', ...headers },
      agent: false,
    });
    req.on('response', (res) => {
      answered = true;
      const parts: Buffer[] = [];
      res.on('data', (d: Buffer) => parts.push(d));
      res.on('end', () => {
        resolve({ status: res.statusCode ?? 0, body: Buffer.concat(parts).toString(), headers: res.headers, sent });
        req.destroy();
      });
      res.on('error', reject);
    });
    req.on('error', (e) => {
      if (!answered) reject(e);
    });
    const pump = () => {
      while (!answered && sent < total) {
        sent += chunk.length;
        if (!req.write(chunk)) {
          req.once('drain', pump);
          return;
        }
      }
      if (!answered && sent >= total) req.end();
    };
    pump();
  });
}

/** Parses and checks the API's error body. */
export function errorBody(text: string): ErrorBody['error'] {
  return errorBodySchema.parse(JSON.parse(text)).error;
}

export function expectErrorBody(status: number, text: string, wantStatus: number, code: string | RegExp): ErrorBody['error'] {
  expect(status, text.slice(0, 500)).toBe(wantStatus);
  const err = errorBody(text);
  expect(err.code).toMatch(code);
  return err;
}

export const MiB = 1024 * 1024;
export const rss = () => process.memoryUsage().rss;
