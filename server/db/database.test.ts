import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from './database.ts';
import { REFERENCE_NOW } from '../test/sandbox.ts';

const dir = mkdtempSync(join(tmpdir(), 'sandbox-db-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const fingerprint = (db: Database, until: string) =>
  db.all<{ n: number; q: number; c: number }>(
    `SELECT count(*) AS n, round(sum(quantity), 3) AS q, CAST(sum(cost_usd) AS DOUBLE) AS c FROM usage_hourly WHERE ts < TIMESTAMP '${until}'`,
  );

describe('sandbox database', () => {
  it('fills thirteen months deterministically, and extending hour by hour gives the same rows as a fresh fill', async () => {
    const later = REFERENCE_NOW + 30 * 3_600_000;
    const a = await Database.open(join(dir, 'a.duckdb'));
    const first = await a.ensureData(REFERENCE_NOW);
    expect(first.action).toBe('created');
    // thirteen months: from 2023-01-01 to the pinned hour
    expect(first.hours).toBe((REFERENCE_NOW - Date.parse('2023-01-01T00:00:00Z')) / 3_600_000);
    expect((await a.ensureData(REFERENCE_NOW)).action).toBe('none');
    const ext = await a.ensureData(later);
    expect(ext).toMatchObject({ action: 'extended', hours: 30 });

    const b = await Database.open(join(dir, 'b.duckdb'));
    expect((await b.ensureData(later)).action).toBe('created');
    const until = '2024-01-17 18:00:00';
    expect(await fingerprint(a, until)).toEqual(await fingerprint(b, until));
    // the daily rollup agrees with the hourly rows after extending
    const roll = await a.all<{ h: number; d: number }>(
      `SELECT (SELECT CAST(sum(cost_usd) AS DOUBLE) FROM usage_hourly) AS h, (SELECT CAST(sum(cost_usd) AS DOUBLE) FROM usage_daily) AS d`,
    );
    expect(roll[0]!.h).toBeCloseTo(roll[0]!.d, 6);
    const before = await fingerprint(a, '2024-01-16 12:00:00');
    a.close();
    b.close();

    // a clock pinned earlier than the stored data rebuilds the history
    const again = await Database.open(join(dir, 'b.duckdb'));
    expect((await again.ensureData(REFERENCE_NOW)).action).toBe('rebuilt');
    expect(await fingerprint(again, '2024-01-16 12:00:00')).toEqual(before);
    expect(await fingerprint(again, '2024-01-17 18:00:00')).toEqual(before);
    again.close();
  }, 120_000);
});
