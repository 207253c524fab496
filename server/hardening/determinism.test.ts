import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from '../db/database.ts';
import { describe, expect, it } from 'vitest';
import { sandboxForFile } from '../test/api.ts';
import { REFERENCE_NOW, startSandbox } from '../test/sandbox.ts';

/** The same query, computed again (no response cache in the way), gives the same bytes: ties break by a stable key. */
const sb = sandboxForFile();

const QUERIES = [
  'timeRange=current_month',
  'timeRange=custom&startDate=2023-01-01&endDate=2025-01-16&groupBy=resource,region,project,service,user&includeTeamMetrics=true&currency=JPY',
  'timeRange=current_year&groupBy=resource&currency=EUR',
  'timeRange=last_quarter&groupBy=resource,service&currency=EUR',
  'timeRange=current_year&granularity=weekly&includeTeamMetrics=true&groupBy=project,user,region&currency=JPY',
  'timeRange=last_month&granularity=hourly&resourceType=clusters,storage&currency=GBP',
  'timeRange=custom&startDate=2023-01-01&endDate=2024-01-16&granularity=monthly&includeProjections=true&currency=AUD',
];

describe('deterministic answers', () => {
  it('answers each query with byte-identical bodies when it is computed again', async () => {
    for (const qs of QUERIES) {
      const digests = new Set<string>();
      for (let i = 0; i < 6; i++) {
        const res = await sb.get(`/v2/billing/usage?${qs}`);
        const body = await res.text();
        expect(res.status, body.slice(0, 300)).toBe(200);
        digests.add(createHash('sha256').update(body).digest('hex'));
      }
      expect(digests.size, qs).toBe(1);
    }
  }, 120_000);

  it('answers the same bytes from a database filled separately (rows stored in another order)', async () => {
    // one filled in one go, the other extended hour by hour over its last two days
    const dir = mkdtempSync(join(tmpdir(), 'determinism-'));
    const early = await Database.open(join(dir, 'billing.duckdb'));
    await early.ensureData(REFERENCE_NOW - 48 * 3_600_000);
    early.close();
    const other = await startSandbox({ dir, now: REFERENCE_NOW });
    try {
      for (const qs of QUERIES) {
        const [a, b] = await Promise.all([sb.get(`/v2/billing/usage?${qs}`), other.get(`/v2/billing/usage?${qs}`)]);
        expect(await b.text(), qs).toBe(await a.text());
      }
    } finally {
      await other.close();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
