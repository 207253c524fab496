import { describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApp } from '../app.ts';
import { Database } from '../db/database.ts';
import { DeadlineExceeded, withDeadline } from '../db/deadline.ts';
import { MAX_DAYS_AHEAD, MAX_RANGE_DAYS } from '../queries/period.ts';
import { REFERENCE_NOW, TEST_KEY } from '../test/sandbox.ts';
import { expectInvalidParameter, sandboxForFile } from '../test/api.ts';
import { MiB, expectErrorBody, rss, sendChunked } from './helpers.ts';

/** Bounded work per request: ranges, answer sizes, time, bodies. */
const sb = sandboxForFile();
const DAY = 86_400_000;
const iso = (t: number) => new Date(t).toISOString().slice(0, 10);
// The history of the pinned clock 2024-01-16T12:00Z starts on the first day of the month twelve months before.
const HISTORY_START = '2023-01-01';
const LAST_END = iso(Math.floor(REFERENCE_NOW / DAY) * DAY + MAX_DAYS_AHEAD * DAY);

describe('range bounds', () => {
  it('refuses a range from 0000-01-01 with a 400 naming startDate, within a second, while /healthz keeps answering', async () => {
    for (const extra of ['', '&includeTeamMetrics=true']) {
      const started = performance.now();
      const pending = sb.get(`/v2/billing/usage?timeRange=custom&startDate=0000-01-01&endDate=2024-01-31${extra}`);
      const health = await fetch(`${sb.url}/healthz`);
      expect(health.status).toBe(200);
      const res = await pending;
      expect(performance.now() - started).toBeLessThan(1_000);
      const first = iso(Date.parse('2024-01-31') - (MAX_RANGE_DAYS.daily - 1) * DAY);
      const { errorMessage, issue } = await expectInvalidParameter(res, 'startDate', new RegExp(`on or after ${first}: a daily range spans at most`));
      expect(errorMessage).toContain('startDate');
      expect(issue.allowed).toEqual([`${first} to 2024-01-31`]);
    }
  });

  it('refuses endDate=9999-12-31 with a 400 naming endDate, not a 500', async () => {
    const res = await sb.get('/v2/billing/usage?timeRange=custom&startDate=2023-06-01&endDate=9999-12-31');
    await expectInvalidParameter(res, 'endDate', new RegExp(`on or before ${LAST_END}`));
  });

  it('answers the widest daily range it allows, with every group and team metrics, small and fast', async () => {
    // it starts before the stored history (those days answer zero) and ends a year ahead
    const widestStart = iso(Date.parse(LAST_END) - (MAX_RANGE_DAYS.daily - 1) * DAY);
    expect(widestStart < HISTORY_START).toBe(true);
    const qs = `timeRange=custom&startDate=${widestStart}&endDate=${LAST_END}&groupBy=resource,region,project,service,user&includeTeamMetrics=true&includeProjections=true&currency=JPY`;
    const started = performance.now();
    const res = await sb.get(`/v2/billing/usage?${qs}`);
    const body = await res.text();
    const ms = performance.now() - started;
    expect(res.status, body.slice(0, 300)).toBe(200);
    // daily buckets for all of it; the days before the history cost nothing
    const parsed = JSON.parse(body) as { period: { daysInPeriod: number }; breakdown: Array<{ timeSeries: Array<{ timestamp: string; cost: number }> }> };
    expect(parsed.period.daysInPeriod).toBe(MAX_RANGE_DAYS.daily);
    const before = parsed.breakdown.flatMap((b) => b.timeSeries).filter((p) => p.timestamp.slice(0, 10) < HISTORY_START);
    expect(before.length).toBeGreaterThan(0);
    expect(before.every((p) => p.cost === 0)).toBe(true);
    expect(body.length).toBeLessThan(2 * MiB);
    expect(ms).toBeLessThan(3_000);
    // the longest hourly range with every group
    const hourly = await sb.get(
      `/v2/billing/usage?timeRange=custom&startDate=2023-10-16&endDate=2024-01-15&granularity=hourly&groupBy=resource,region,project,service,user&includeTeamMetrics=true`,
    );
    const hourlyBody = await hourly.text();
    expect(hourly.status, hourlyBody.slice(0, 300)).toBe(200);
    expect((JSON.parse(hourlyBody) as { period: { daysInPeriod: number } }).period.daysInPeriod).toBe(92);
    expect(hourlyBody.length).toBeLessThan(2 * MiB);
  });

  it('keeps a day more than the longest span a 400 naming startDate, per granularity, and the longest span a 200', async () => {
    for (const granularity of ['daily', 'weekly', 'monthly'] as const) {
      const longest = iso(Date.parse('2024-01-31') - (MAX_RANGE_DAYS[granularity] - 1) * DAY);
      const tooLong = iso(Date.parse(longest) - DAY);
      await expectInvalidParameter(
        await sb.get(`/v2/billing/usage?timeRange=custom&startDate=${tooLong}&endDate=2024-01-31&granularity=${granularity}`),
        'startDate',
        new RegExp(`${granularity} range spans at most`),
      );
      const ok = await sb.get(`/v2/billing/usage?timeRange=custom&startDate=${longest}&endDate=2024-01-31&granularity=${granularity}`);
      expect(ok.status, granularity).toBe(200);
    }
  });

  it('keeps a day past the last allowed end a 400, and the last allowed end a 200', async () => {
    const past = iso(Date.parse(LAST_END) + DAY);
    await expectInvalidParameter(
      await sb.get(`/v2/billing/usage?timeRange=custom&startDate=2024-01-01&endDate=${past}&granularity=monthly`),
      'endDate',
      /on or before/,
    );
    expect((await sb.get(`/v2/billing/usage?timeRange=custom&startDate=2024-01-01&endDate=${LAST_END}&granularity=monthly`)).status).toBe(200);
  });
});

describe('time limit', () => {
  it('interrupts a database statement when the request’s time limit passes, and the connection keeps working', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'deadline-'));
    const db = await Database.open(join(dir, 'x.duckdb'));
    try {
      const started = performance.now();
      // billions of rows: minutes of work if nothing stopped it
      const heavy = withDeadline(300, () => db.all('SELECT sum(hash(i)) AS s FROM range(200000000000) t(i)'));
      await expect(heavy).rejects.toBeInstanceOf(DeadlineExceeded);
      expect(performance.now() - started).toBeLessThan(3_000);
      expect(await db.all('SELECT 41 + 1 AS n')).toEqual([{ n: 42 }]);
      // a statement whose request is already past its limit is not started
      await expect(withDeadline(-1, () => db.all('SELECT 1 AS n'))).rejects.toBeInstanceOf(DeadlineExceeded);
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('time limit through the API', () => {
  it('answers 503 timeout when a request’s query runs past the limit, and /healthz answers meanwhile', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'deadline-api-'));
    const db = await Database.open(join(dir, 'x.duckdb'));
    await db.ensureData(REFERENCE_NOW);
    // every usage query becomes one that would run for minutes, through the real database and its time limit
    const slow = new Proxy(db, {
      get(target, prop) {
        if (prop === 'columns') return () => target.all('SELECT sum(hash(i)) AS s FROM range(200000000000) t(i)');
        const value = Reflect.get(target, prop, target) as unknown;
        return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
      },
    });
    const logged: string[] = [];
    const app = createApp({ db: slow, apiKey: TEST_KEY, now: () => REFERENCE_NOW, requestTimeoutMs: 400, log: (m) => logged.push(m) });
    try {
      const started = performance.now();
      const pending = app.fetch(new Request('http://sandbox/v2/billing/usage', { headers: { Authorization: `Bearer ${TEST_KEY}` } }));
      expect((await app.fetch(new Request('http://sandbox/healthz'))).status).toBe(200);
      const res = await pending;
      expect(performance.now() - started).toBeLessThan(3_000);
      const err = expectErrorBody(res.status, await res.text(), 503, 'timeout');
      expect(err.message).toMatch(/longer than 400 ms/);
      expect(logged.join('\n')).toMatch(/GET \/v2\/billing\/usage: stopped after 400 ms/);
      // the connection was interrupted, not left running: the next statement runs at once
      expect(await db.all('SELECT 1 AS n')).toEqual([{ n: 1 }]);
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);
});

describe('request bodies', () => {
  it('cuts a chunked 20 MB budget body at the 64 KiB limit and closes the connection, without holding it in memory', async () => {
    const before = rss();
    const res = await sendChunked(`${sb.url}/v2/billing/budgets`, 20 * MiB, { Authorization: 'Bearer test-key-0123456789' });
    const after = rss();
    const err = expectErrorBody(res.status, res.body, 413, 'payload_too_large');
    expect(err.message).toMatch(/at most 65536 bytes/);
    expect(res.headers.connection).toBe('close');
    expect(res.sent).toBeLessThan(20 * MiB);
    expect(after - before).toBeLessThan(64 * MiB);
  });
});
