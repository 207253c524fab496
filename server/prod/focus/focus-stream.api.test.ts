/**
 * The FOCUS export is written day by day: while a client reads a month of
 * hourly rows, the export never asks the API for more than a couple of days
 * ahead of what has been read, and no chunk holds more than one day's rows.
 * Prints the measured figures (rows, bytes, largest chunk, time).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSandbox, type Sandbox } from '../../test/sandbox.ts';
import { focusExport } from './focus-export.ts';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
}, 120_000);
afterAll(async () => {
  await sandbox?.close();
});

describe('FOCUS export stream', () => {
  it('reads a month of hourly rows with at most a few day answers ahead of the reader', async () => {
    const prefetch = 2;
    let calls = 0;
    const res = await focusExport(
      new URL('http://dash/exports/focus.csv?timeRange=last_month&granularity=hourly'),
      (search) => {
        calls++;
        return sandbox.get(`/v2/billing/usage?${search}`);
      },
      { account: { id: 'acct', name: 'Account' }, prefetch },
    );
    expect(res.status).toBe(200);
    expect(calls).toBe(1);
    const reader = res.body!.getReader();
    const decoder = new TextDecoder();
    const started = performance.now();
    let reads = 0;
    let bytes = 0;
    let rows = -1;
    let largest = 0;
    const hours = new Set<string>();
    let tail = '';
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      reads++;
      // The range answer, then at most one day per read plus the prefetched ones.
      expect(calls, `after read ${reads}`).toBeLessThanOrEqual(1 + reads + prefetch);
      bytes += value.byteLength;
      largest = Math.max(largest, value.byteLength);
      const text = tail + decoder.decode(value, { stream: true });
      const lines = text.split('\r\n');
      tail = lines.pop()!;
      rows += lines.length;
      for (const line of lines) {
        const m = /,(\d{4}-\d{2}-\d{2}T\d{2}:00:00Z),\d+(?:\.\d+)?,/.exec(line);
        if (m) hours.add(m[1]!);
      }
    }
    const seconds = (performance.now() - started) / 1000;
    expect(tail).toBe('');
    // December 2023: 31 day answers after the range answer, 744 hours of rows.
    expect(calls).toBe(32);
    expect(hours.size).toBe(744);
    // No chunk is more than a day's share of the month (it would be the whole file if rows were collected first).
    expect(largest).toBeLessThan(bytes / 15);
    console.log(
      `FOCUS export, December 2023 hourly: ${rows.toLocaleString('en')} rows, ${(bytes / 1048576).toFixed(1)} MiB in ${reads} chunks, largest chunk ${(largest / 1048576).toFixed(2)} MiB, ${seconds.toFixed(1)} s`,
    );
  }, 300_000);
});
