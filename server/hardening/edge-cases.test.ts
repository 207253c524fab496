import http from 'node:http';
import { describe, expect, it } from 'vitest';
import { TEST_KEY } from '../test/sandbox.ts';
import { expectInvalidParameter, sandboxForFile } from '../test/api.ts';
import { MAX_DETAILS } from '../http/errors.ts';
import { errorBody, expectErrorBody } from './helpers.ts';

/** A clear answer for every odd request: parameter names, error-body size, headers too long, bad text. */
const sb = sandboxForFile();

const ENDPOINTS = [
  '/v2/billing/usage',
  '/v2/billing/usage/forecast',
  '/v2/billing/usage/optimization',
  '/v2/billing/budgets',
  '/v2/billing/budgets/status',
  '/v2/billing/budgets/bdg-organisation',
];

describe('parameter names', () => {
  it('answers an unknown parameter with the same 400 on every endpoint, budgets included', async () => {
    for (const path of ENDPOINTS) {
      const { errorMessage, issue } = await expectInvalidParameter(await sb.get(`${path}?nosuch=1`), 'nosuch', /is not a known parameter/);
      expect(errorMessage, path).toBe(`Invalid parameter nosuch: ${issue.message}`);
      expect(Array.isArray(issue.allowed), path).toBe(true);
    }
    // budget writes too
    const post = await sb.get('/v2/billing/budgets?nosuch=1', {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: '{}',
    });
    await expectInvalidParameter(post, 'nosuch', /is not a known parameter/);
  });

  it('refuses __proto__, constructor and prototype by name', async () => {
    for (const name of ['__proto__', 'constructor', 'prototype', '__proto__[]']) {
      for (const path of ['/v2/billing/usage', '/v2/billing/budgets']) {
        const res = await sb.get(`${path}?${encodeURIComponent(name)}=x`);
        const text = await res.text();
        expect(res.status, text).toBe(400);
        const details = errorBody(text).details as Array<{ parameter: string; message: string }>;
        expect(details.map((d) => d.parameter)).toEqual([name]);
        expect(details[0]!.message).toMatch(/reserved name/);
      }
    }
  });
});

describe('error bodies', () => {
  it('lists the first problems of 5,000 bad values and counts the rest, in a small body', async () => {
    const values = Array.from({ length: 5_000 }, () => 'x').join(',');
    const res = await sb.get(`/v2/billing/usage?resourceType=${values}`);
    const text = await res.text();
    expect(res.status).toBe(400);
    expect(text.length).toBeLessThan(16 * 1024);
    const err = errorBody(text);
    expect((err.details as unknown[]).length).toBe(MAX_DETAILS);
    expect(err.message).toMatch(/and 4999 more problems; the first 20 are listed/);
  });

  it('answers a request whose headers are over the limit with 431 and the error body', async () => {
    const res = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(`${sb.url}/v2/billing/usage?x=${'a'.repeat(20_000)}`, { headers: { Authorization: `Bearer ${TEST_KEY}` }, agent: false }, (r) => {
        let body = '';
        r.on('data', (d: Buffer) => (body += d.toString()));
        r.on('end', () => resolve({ status: r.statusCode ?? 0, body }));
      });
      req.on('error', reject);
      req.end();
    });
    const err = expectErrorBody(res.status, res.body, 431, 'request_too_large');
    expect(err.message).toMatch(/at most \d+ bytes/);
  });
});

describe('budget bodies', () => {
  const valid = { name: 'x', monthlyBudget: 100, currency: 'USD', alertThresholds: [50], resourceTypes: ['all'], notificationChannels: ['email'], actions: {} };
  const post = (body: string | Uint8Array<ArrayBuffer>) =>
    sb.get('/v2/billing/budgets', { method: 'POST', headers: { 'Content-Type': 'application/json' }, body });

  it('refuses invalid UTF-8 with a 400 instead of storing U+FFFD', async () => {
    const json = new Uint8Array(Buffer.from(JSON.stringify({ ...valid, name: 'Team NAME' })));
    const at = Buffer.from(json).indexOf('NAME');
    json[at] = 0xff; // not UTF-8
    json[at + 1] = 0xfe;
    await expectInvalidParameter(await post(json), 'body', /not valid UTF-8/);
    const list = (await sb.json<{ budgets: Array<{ name: string }> }>('/v2/billing/budgets')).budgets;
    expect(list.some((b) => b.name.includes('\uFFFD'))).toBe(false);
  });

  it('refuses a lone surrogate in a string, naming the field', async () => {
    const text = JSON.stringify({ ...valid, name: 'PLACEHOLDER' }).replace('PLACEHOLDER', 'a\\ud800b');
    await expectInvalidParameter(await post(text), 'name', /lone UTF-16 surrogate/);
    // a proper pair is text
    const ok = await post(JSON.stringify({ ...valid, name: 'GPU 🚀' }));
    expect(ok.status).toBe(201);
  });
});
