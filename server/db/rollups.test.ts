import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from './database.ts';
import { REFERENCE_NOW } from '../test/sandbox.ts';
import { analysisWindow, loadOptimizationInput } from '../queries/optimization.ts';
import { IDLE_UTIL } from '../analytics/optimization.ts';
import type { Currency, TimeRange } from '../../src/contract/billing.ts';

const dir = mkdtempSync(join(tmpdir(), 'sandbox-rollups-'));
let db: Database;
beforeAll(async () => {
  db = await Database.open(join(dir, 'billing.duckdb'));
  await db.ensureData(REFERENCE_NOW);
}, 120_000);
afterAll(() => {
  db?.close();
  rmSync(dir, { recursive: true, force: true });
});

const sqlTs = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

/** Rows of the roll-up that the hourly rows do not give, and the other way round. */
const mismatches = () =>
  db.all<{ n: number }>(
    `WITH fromHours AS (
       SELECT day, resource_id, any_value(resource_type) AS resource_type, count(*) AS rows, count(DISTINCT ts) AS hours,
              count(*) FILTER (WHERE gpu_util < ${IDLE_UTIL} AND quantity > 0) AS low_rows, min(ts) AS first_ts,
              max(ts) FILTER (WHERE io_ops > 0) AS last_io_ts
       FROM usage_hourly GROUP BY day, resource_id
     )
     SELECT (SELECT count(*) FROM (SELECT * FROM usage_resource_daily EXCEPT ALL SELECT * FROM fromHours))
          + (SELECT count(*) FROM (SELECT * FROM fromHours EXCEPT ALL SELECT * FROM usage_resource_daily)) AS n`,
  );

/** The low-utilisation runs and volume histories as the hourly rows alone give them (the whole history scanned). */
async function fromHourlyRows(start: number, end: number) {
  const runs = await db.all<{ resource_id: string; run_start: number; run_last: number; hours: number; hours_in: number }>(
    `WITH low AS (
       SELECT resource_id, ts, epoch(ts) / 3600 - row_number() OVER (PARTITION BY resource_id ORDER BY ts) AS grp
       FROM usage_hourly WHERE resource_type = 'clusters' AND ts < CAST($2 AS TIMESTAMP) AND gpu_util < $3 AND quantity > 0
     )
     SELECT resource_id, epoch_ms(min(ts)) AS run_start, epoch_ms(max(ts)) AS run_last, count(*) AS hours,
            count(*) FILTER (WHERE ts >= CAST($1 AS TIMESTAMP)) AS hours_in
     FROM low GROUP BY resource_id, grp HAVING max(ts) >= CAST($1 AS TIMESTAMP) ORDER BY resource_id, run_start`,
    [sqlTs(start), sqlTs(end), IDLE_UTIL],
  );
  const volumes = await db.all<{ resource_id: string; first_ts: number; last_io: number | null }>(
    `SELECT resource_id, epoch_ms(min(ts)) AS first_ts, epoch_ms(max(ts) FILTER (WHERE io_ops > 0)) AS last_io
     FROM usage_hourly WHERE resource_type = 'storage' AND ts < CAST($1 AS TIMESTAMP)
       AND resource_id IN (SELECT resource_id FROM usage_hourly WHERE resource_type = 'storage' AND ts >= CAST($2 AS TIMESTAMP) AND ts < CAST($1 AS TIMESTAMP))
     GROUP BY resource_id ORDER BY resource_id`,
    [sqlTs(end), sqlTs(start)],
  );
  return { runs, volumes };
}

const RANGES: Exclude<TimeRange, 'custom'>[] = ['current_month', 'last_month', 'last_quarter', 'current_year'];
const CURRENCIES: Currency[] = ['USD', 'EUR', 'JPY'];

async function expectSameAsHours(now: number): Promise<number> {
  let runsSeen = 0;
  for (const timeRange of RANGES)
    for (const currency of CURRENCIES) {
      const w = analysisWindow({ timeRange, currency }, now);
      const input = await loadOptimizationInput(db, w);
      const ref = await fromHourlyRows(w.start, w.end);
      const runs = input.clusters.flatMap((c) =>
        c.lowUtilRuns.map((r) => ({ resource_id: c.resourceId, run_start: r.start, run_last: r.end - 3_600_000, hours: r.hours, hours_in: r.hoursInWindow })),
      );
      expect(runs, `${timeRange} ${currency}`).toEqual(ref.runs);
      runsSeen += runs.length;
      // a volume's last activity over its whole history (to the window's end) and its first hour
      const lastIo = new Map(ref.volumes.map((v) => [v.resource_id, v.last_io === null ? null : v.last_io + 3_600_000]));
      for (const v of input.volumes) if (lastIo.has(v.resourceId)) expect(v.lastActivityAt, v.resourceId).toBe(lastIo.get(v.resourceId));
      expect(input.volumes.length).toBeGreaterThan(0);
    }
  return runsSeen;
}

describe('roll-ups built at fill time', () => {
  it('hold exactly what the hourly rows give, after a fill and after extending hour by hour', async () => {
    expect((await mismatches())[0]!.n).toBe(0);
    const later = REFERENCE_NOW + 30 * 3_600_000;
    expect(await db.ensureData(later)).toMatchObject({ action: 'extended', hours: 30 });
    expect((await mismatches())[0]!.n).toBe(0);
  }, 120_000);

  it('give the optimisation analysis the same low-utilisation runs and volume activity as scanning every hour, for each range and currency', async () => {
    const now = REFERENCE_NOW + 30 * 3_600_000;
    // the planted idle cluster's run reaches back weeks before the window, so the roll-up's bound is exercised
    const runs = await expectSameAsHours(now);
    expect(runs).toBeGreaterThan(0);
    const idle = (await loadOptimizationInput(db, analysisWindow({ timeRange: 'current_month', currency: 'USD' }, now))).clusters.find(
      (c) => c.resourceId === 'cluster-gpu-a100-004',
    );
    expect(idle!.lowUtilRuns.some((r) => r.hours > r.hoursInWindow)).toBe(true);
  }, 240_000);
});
