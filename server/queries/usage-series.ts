/**
 * GET /v2/billing/usage/series (an extension, src/contract/usage-series.ts):
 * each member of a dimension with its cost per bucket. The members and their
 * totals are the usage endpoint's groups for the same query (so they add up
 * to its total to the cent); each total is split across the buckets by the
 * exact figures of the daily rollup (largest remainder), so a member's series
 * adds up to its total.
 */
import { listValue } from '@duckdb/node-api';
import { CURRENCY_DECIMALS, RESOURCE_TYPES, type Granularity, type GroupBy, type UsageQuery } from '../../src/contract/billing.ts';
import type { UsageSeriesResponse } from '../../src/contract/usage-series.ts';
import { apportion, fromMinor, toMinor } from '../analytics/apportion.ts';
import type { Database } from '../db/database.ts';
import { resolvePeriod } from './period.ts';
import { bucketsFor, getUsage } from './usage.ts';

const COLUMN: Record<GroupBy, string> = { resource: 'resource_id', region: 'region', project: 'project_id', service: 'sku', user: 'user_id' };
const exactSum = (expr: string) => `CAST(sum(CAST(${expr} AS DECIMAL(18,6))) AS DOUBLE)`;
const sqlDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export async function getUsageSeries(db: Database, q: UsageQuery, dimension: GroupBy, now: number): Promise<UsageSeriesResponse> {
  const usage = await getUsage(db, { ...q, groupBy: [dimension], includeProjections: false, includeTeamMetrics: false }, now);
  const group = usage.groups?.find((g) => g.dimension === dimension);
  const p = resolvePeriod(q.timeRange, now, q);
  const g: Granularity = q.granularity === 'hourly' ? 'daily' : q.granularity;
  const buckets = bucketsFor(p.start, p.dataEnd, g);
  const bucketSql =
    g === 'daily' ? 'u.day' : g === 'weekly' ? "CAST(date_trunc('week', u.day) AS DATE)" : "CAST(date_trunc('month', u.day) AS DATE)";
  const usd = q.currency === 'USD';
  const types = q.resourceType?.length ? q.resourceType : [...RESOURCE_TYPES];
  const rows = await db.columns<{ k: string[]; b: number[]; c: number[] }>(
    `SELECT u.${COLUMN[dimension]} AS k, CAST(epoch_ms(CAST(${bucketSql} AS TIMESTAMP)) AS DOUBLE) AS b,
            ${exactSum(usd ? 'u.cost_usd' : 'CAST(u.cost_usd AS DOUBLE) * f.rate')} AS c
     FROM usage_daily u ${usd ? '' : 'JOIN fx_rates f ON f.day = u.day AND f.currency = $3'}
     WHERE ${usd ? "$3 = 'USD' AND" : ''} u.day >= CAST($1 AS DATE) AND u.day < CAST($2 AS DATE) AND list_contains($4, u.resource_type)
     GROUP BY ALL ORDER BY k, b`,
    [sqlDate(p.start), sqlDate(p.end), q.currency, listValue(types)],
  );
  const exact = new Map<string, Map<number, number>>();
  for (let i = 0; i < rows.k.length; i++) {
    const m = exact.get(rows.k[i]!) ?? new Map<number, number>();
    const b = Math.max(rows.b[i]!, p.start);
    m.set(b, (m.get(b) ?? 0) + rows.c[i]!);
    exact.set(rows.k[i]!, m);
  }
  const dec = CURRENCY_DECIMALS[q.currency];
  return {
    period: usage.period,
    currency: q.currency,
    granularity: g,
    dimension,
    items: (group?.items ?? []).map((it) => {
      const values = buckets.map((b) => exact.get(it.key)?.get(b) ?? 0);
      const minor = apportion(values, toMinor(it.cost, dec));
      return {
        key: it.key,
        name: it.name,
        cost: it.cost,
        timeSeries: buckets.map((b, k) => ({ timestamp: new Date(b).toISOString().replace('.000Z', 'Z'), cost: fromMinor(minor[k]!, dec) })),
      };
    }),
  };
}
