/**
 * GET /v2/billing/usage/optimization: the per-resource statistics the rules in
 * server/analytics/optimization.ts read, measured over the analysed hours of
 * the requested range (hourly rows, costs converted at each day's rate).
 */
import { listValue } from '@duckdb/node-api';
import type { OptimizationQuery, ResourceType } from '../../src/contract/billing.ts';
import type { Database } from '../db/database.ts';
import {
  COLD_STORAGE_SKU,
  CROSS_REGION_SKU,
  IDLE_UTIL,
  buildOptimization,
  findOpportunities,
  type AnalysisWindow,
  type ClusterStats,
  type EndpointStats,
  type LowUtilRun,
  type Money,
  type OptimizationInput,
  type TrainingJobStats,
  type TransferStats,
  type VolumeStats,
} from '../analytics/optimization.ts';
import { resolvePeriod } from './period.ts';
import { HOUR_MS, DAY_MS } from '../../src/lib/time.ts';

const sqlTs = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');

const money = (usd: number | null, cur: number | null): Money => ({ usd: usd ?? 0, cur: cur ?? 0 });

/** Calendar months in [start, end) (both UTC month starts or day starts). */
function monthsIn(start: number, end: number): number {
  const a = new Date(start);
  const b = new Date(end - 1);
  return (b.getUTCFullYear() - a.getUTCFullYear()) * 12 + b.getUTCMonth() - a.getUTCMonth() + 1;
}

/** Days every analysis covers at least, so a recommendation rests on enough evidence. */
export const MIN_ANALYSIS_DAYS = 30;

/**
 * The analysed hours of a time range: [period start, period end or the last
 * complete hour), reaching back to at least MIN_ANALYSIS_DAYS before that end.
 */
export function analysisWindow(q: Pick<OptimizationQuery, 'timeRange' | 'currency'>, now: number): AnalysisWindow {
  const p = resolvePeriod(q.timeRange, now);
  return {
    // at least the trailing MIN_ANALYSIS_DAYS through the range's last hour with data (a month so far, a February)
    start: Math.min(p.start, p.dataEnd - MIN_ANALYSIS_DAYS * DAY_MS),
    end: p.dataEnd,
    periodEnd: p.end,
    hoursPerMonth: (p.end - p.start) / HOUR_MS / monthsIn(p.start, p.end),
    currency: q.currency,
  };
}

/** Converted cost of an hourly row (u) joined with its day's rate (f). */
const COST = 'CAST(u.cost_usd AS DOUBLE)';
const COST_CUR = 'CAST(u.cost_usd AS DOUBLE) * f.rate';
/** $1 start, $2 end (timestamps), $3 currency. */
const HOURLY = `usage_hourly u JOIN fx_rates f ON f.day = u.day AND f.currency = $3`;
const IN_WINDOW = 'u.ts >= CAST($1 AS TIMESTAMP) AND u.ts < CAST($2 AS TIMESTAMP)';

export async function loadOptimizationInput(db: Database, w: AnalysisWindow): Promise<OptimizationInput> {
  const base = [sqlTs(w.start), sqlTs(w.end), w.currency];

  const clusters = db.all<{
    resource_id: string;
    name: string | null;
    sku: string;
    hours_running: number;
    cost_usd: number;
    cost_cur: number;
    gpu_hours: number;
    min_gpus: number;
    max_gpus: number;
    p95: number | null;
    mean_util: number | null;
    od: number;
    rsv: number | null;
    running_rate: number | null;
  }>(
    `WITH a AS (
       SELECT u.resource_id, any_value(u.sku) AS sku,
              count(*) FILTER (WHERE u.quantity > 0) AS hours_running,
              sum(${COST}) AS cost_usd, sum(${COST_CUR}) AS cost_cur,
              sum(u.quantity) AS gpu_hours,
              min(u.quantity) FILTER (WHERE u.quantity > 0) AS min_gpus, max(u.quantity) AS max_gpus,
              quantile_cont(u.gpu_util, 0.95) FILTER (WHERE u.gpu_util >= $4) AS p95,
              avg(u.gpu_util) FILTER (WHERE u.gpu_util >= $4) AS mean_util,
              sum(f.rate) FILTER (WHERE u.quantity > 0) AS running_rate
       FROM ${HOURLY}
       WHERE u.resource_type = 'clusters' AND ${IN_WINDOW}
       GROUP BY u.resource_id
     )
     -- prices and names joined once per cluster (a resource has one SKU), not per hour
     SELECT a.*, r.name, CAST(p.unit_price_usd AS DOUBLE) AS od, CAST(p.reserved_unit_price_usd AS DOUBLE) AS rsv
     FROM a JOIN prices p ON p.sku = a.sku LEFT JOIN resources r ON r.resource_id = a.resource_id
     ORDER BY a.resource_id`,
    [...base, IDLE_UTIL],
  );

  // Runs of consecutive low-utilisation hours, over the history up to the window's end (so a run's
  // length is its true length), kept when they reach into the window. Only clusters with a low hour
  // in the window can have one, and a run can only start on or after the last day before the window
  // that could break it (usage_resource_daily: not 24 low hours), so the scan starts there.
  const runs = (async () => {
    const low = await db.all<{ resource_id: string }>(
      `SELECT DISTINCT u.resource_id FROM usage_hourly u
       WHERE u.resource_type = 'clusters' AND ${IN_WINDOW} AND u.gpu_util < $3 AND u.quantity > 0 ORDER BY 1`,
      [sqlTs(w.start), sqlTs(w.end), IDLE_UTIL],
    );
    if (low.length === 0) return [];
    const ids = listValue(low.map((r) => r.resource_id));
    const breaks = await db.all<{ resource_id: string; day: number }>(
      `SELECT resource_id, epoch_ms(CAST(max(day) AS TIMESTAMP)) AS day FROM usage_resource_daily
       WHERE resource_type = 'clusters' AND day < CAST(CAST($1 AS TIMESTAMP) AS DATE) AND list_contains($2, resource_id)
         AND NOT (rows = 24 AND hours = 24 AND low_rows = 24)
       GROUP BY resource_id`,
      [sqlTs(w.start), ids],
    );
    // a cluster without such a day is read from the start of the history
    const from = breaks.length === low.length ? Math.min(...breaks.map((b) => b.day)) : db.anchor;
    return db.all<{
      resource_id: string;
      run_start: number;
      run_last: number;
      hours: number;
      hours_in: number;
      cost_usd: number | null;
      cost_cur: number | null;
    }>(
      `WITH low AS (
         SELECT u.resource_id, u.ts, ${COST} AS c, ${COST_CUR} AS cc,
                epoch(u.ts) / 3600 - row_number() OVER (PARTITION BY u.resource_id ORDER BY u.ts) AS grp
         FROM ${HOURLY}
         WHERE u.resource_type = 'clusters' AND u.ts >= CAST($5 AS TIMESTAMP) AND u.ts < CAST($2 AS TIMESTAMP)
           AND u.gpu_util < $4 AND u.quantity > 0 AND list_contains($6, u.resource_id)
       )
       SELECT resource_id, epoch_ms(min(ts)) AS run_start, epoch_ms(max(ts)) AS run_last, count(*) AS hours,
              count(*) FILTER (WHERE ts >= CAST($1 AS TIMESTAMP)) AS hours_in,
              sum(c) FILTER (WHERE ts >= CAST($1 AS TIMESTAMP)) AS cost_usd,
              sum(cc) FILTER (WHERE ts >= CAST($1 AS TIMESTAMP)) AS cost_cur
       FROM low GROUP BY resource_id, grp
       HAVING max(ts) >= CAST($1 AS TIMESTAMP)
       ORDER BY resource_id, run_start`,
      [...base, IDLE_UTIL, sqlTs(Math.min(from, w.start)), ids],
    );
  })();

  const endpoints = db.all<{
    resource_id: string;
    name: string | null;
    hours: number;
    cost_usd: number;
    cost_cur: number;
    min_workers: number | null;
    max_peak: number | null;
    gpu_usd: number;
    gpu_cur: number;
    capacity: number | null;
    gpus_per_worker: number | null;
  }>(
    `WITH a AS (
       SELECT u.resource_id, count(*) AS hours,
              sum(${COST}) AS cost_usd, sum(${COST_CUR}) AS cost_cur,
              arg_max(u.min_workers, u.ts) AS min_workers, max(u.peak_concurrency) AS max_peak,
              sum(CAST(p.unit_price_usd AS DOUBLE)) AS gpu_usd, sum(CAST(p.unit_price_usd AS DOUBLE) * f.rate) AS gpu_cur
       FROM ${HOURLY} JOIN prices p ON p.sku = u.sku
       WHERE u.resource_type = 'endpoints' AND ${IN_WINDOW}
       GROUP BY u.resource_id
     )
     SELECT a.*, r.name, TRY_CAST(r.attrs->>'$.capacity' AS DOUBLE) AS capacity,
            TRY_CAST(r.attrs->>'$.gpusPerWorker' AS DOUBLE) AS gpus_per_worker
     FROM a LEFT JOIN resources r ON r.resource_id = a.resource_id
     ORDER BY a.resource_id`,
    base,
  );

  const training = db.all<{
    resource_id: string;
    name: string | null;
    region: string;
    started: number;
    cost_usd: number;
    cost_cur: number;
    gpu_hours: number;
  }>(
    `WITH a AS (
       SELECT u.resource_id, any_value(u.region) AS region, min(u.ts) AS first_ts,
              sum(${COST}) AS cost_usd, sum(${COST_CUR}) AS cost_cur, sum(u.quantity) AS gpu_hours
       FROM ${HOURLY}
       WHERE u.resource_type = 'training' AND ${IN_WINDOW}
       GROUP BY u.resource_id
     )
     SELECT a.resource_id, r.name, a.region, COALESCE(epoch_ms(r.created_at), epoch_ms(a.first_ts)) AS started,
            a.cost_usd, a.cost_cur, a.gpu_hours
     FROM a LEFT JOIN resources r ON r.resource_id = a.resource_id
     ORDER BY a.resource_id`,
    base,
  );

  // Last I/O is looked for over the whole history (a volume can be quiet for longer than the window).
  const volumes = db.all<{
    resource_id: string;
    name: string | null;
    sku: string;
    cost_usd: number | null;
    cost_cur: number | null;
    cold_usd: number | null;
    cold_cur: number | null;
    size_gb: number | null;
    created: number | null;
    last_io: number | null;
  }>(
    `WITH cold AS (SELECT CAST(unit_price_usd AS DOUBLE) AS price FROM prices WHERE sku = $4),
     win AS (
       SELECT a.*, r.name, r.created_at FROM (
         SELECT u.resource_id, arg_max(u.sku, u.ts) AS sku,
                sum(${COST}) AS cost_usd, sum(${COST_CUR}) AS cost_cur,
                sum(u.quantity * cold.price) AS cold_usd, sum(u.quantity * cold.price * f.rate) AS cold_cur,
                arg_max(u.quantity, u.ts) AS size_gb, min(u.ts) AS first_in,
                max(u.ts) FILTER (WHERE u.io_ops > 0) AS io_in
         FROM ${HOURLY} CROSS JOIN cold
         WHERE u.resource_type = 'storage' AND ${IN_WINDOW}
         GROUP BY u.resource_id
       ) a LEFT JOIN resources r ON r.resource_id = a.resource_id
     ),
     -- before the window, without rates, and only for volumes quiet in it (or of unknown age):
     -- whole days from the daily roll-up, the window's first day up to its first hour from the hours
     quiet AS (SELECT resource_id FROM win WHERE io_in IS NULL OR created_at IS NULL),
     history AS (
       SELECT resource_id, min(first_ts) AS first_ts, max(last_io) AS last_io FROM (
         SELECT d.resource_id, d.first_ts, d.last_io_ts AS last_io FROM usage_resource_daily d
         WHERE d.resource_type = 'storage' AND d.day < CAST(CAST($1 AS TIMESTAMP) AS DATE)
           AND d.resource_id IN (SELECT resource_id FROM quiet)
         UNION ALL
         SELECT h.resource_id, h.ts, CASE WHEN h.io_ops > 0 THEN h.ts END FROM usage_hourly h
         WHERE h.resource_type = 'storage' AND h.ts >= CAST(CAST(CAST($1 AS TIMESTAMP) AS DATE) AS TIMESTAMP)
           AND h.ts < CAST($1 AS TIMESTAMP) AND h.resource_id IN (SELECT resource_id FROM quiet)
       ) GROUP BY resource_id
     )
     SELECT w.resource_id, w.name, w.sku, w.cost_usd, w.cost_cur, w.cold_usd, w.cold_cur, w.size_gb,
            epoch_ms(COALESCE(w.created_at, least(w.first_in, h.first_ts))) AS created,
            epoch_ms(COALESCE(w.io_in, h.last_io)) AS last_io
     FROM win w LEFT JOIN history h USING (resource_id)
     ORDER BY w.resource_id`,
    [...base, COLD_STORAGE_SKU],
  );

  const transfers = db.all<{
    resource_id: string;
    name: string | null;
    sku: string;
    hours: number;
    gb: number;
    mean_gb: number;
    cv: number | null;
    cost_usd: number;
    cost_cur: number;
  }>(
    `WITH a AS (
       SELECT u.resource_id, any_value(u.sku) AS sku,
              count(*) FILTER (WHERE u.quantity > 0) AS hours, sum(u.quantity) AS gb, avg(u.quantity) AS mean_gb,
              stddev_pop(u.quantity) / NULLIF(avg(u.quantity), 0) AS cv,
              sum(${COST}) AS cost_usd, sum(${COST_CUR}) AS cost_cur
       FROM ${HOURLY}
       WHERE u.resource_type = 'bandwidth' AND u.sku = $4 AND ${IN_WINDOW}
       GROUP BY u.resource_id
     )
     SELECT a.*, r.name FROM a LEFT JOIN resources r ON r.resource_id = a.resource_id ORDER BY a.resource_id`,
    [...base, CROSS_REGION_SKU],
  );

  const byType = db.all<{ resource_type: ResourceType; cost_usd: number; cost_cur: number }>(
    `SELECT u.resource_type, sum(${COST}) AS cost_usd, sum(${COST_CUR}) AS cost_cur
     FROM ${HOURLY} WHERE ${IN_WINDOW} GROUP BY u.resource_type`,
    base,
  );

  // Σ of the rate over every hour of the window: each day's rate × that day's hours in the window.
  const rates = db.all<{ day: number; rate: number }>(
    `SELECT epoch_ms(CAST(day AS TIMESTAMP)) AS day, rate FROM fx_rates
     WHERE currency = $3 AND day >= CAST(CAST($1 AS TIMESTAMP) AS DATE) AND day < CAST($2 AS TIMESTAMP)
     ORDER BY day`,
    base,
  );

  const [cRows, rRows, eRows, tRows, vRows, xRows, typeRows, rateRows] = await Promise.all([
    clusters,
    runs,
    endpoints,
    training,
    volumes,
    transfers,
    byType,
    rates,
  ]);

  const runsBy = new Map<string, LowUtilRun[]>();
  for (const r of rRows) {
    const list = runsBy.get(r.resource_id) ?? [];
    list.push({
      start: r.run_start,
      end: r.run_last + HOUR_MS,
      hours: r.hours,
      hoursInWindow: r.hours_in,
      costInWindow: money(r.cost_usd, r.cost_cur),
    });
    runsBy.set(r.resource_id, list);
  }

  let windowRate = 0;
  for (const r of rateRows) {
    const hours = (Math.min(r.day + DAY_MS, w.end) - Math.max(r.day, w.start)) / HOUR_MS;
    if (hours > 0) windowRate += r.rate * hours;
  }

  return {
    window: w,
    windowRateHours: { usd: Math.max(0, (w.end - w.start) / HOUR_MS), cur: windowRate },
    costByType: Object.fromEntries(typeRows.map((t) => [t.resource_type, money(t.cost_usd, t.cost_cur)])),
    clusters: cRows.map(
      (c): ClusterStats => ({
        resourceId: c.resource_id,
        name: c.name ?? c.resource_id,
        sku: c.sku,
        hoursRunning: c.hours_running,
        cost: money(c.cost_usd, c.cost_cur),
        gpuHours: c.gpu_hours,
        minGpus: c.min_gpus ?? 0,
        maxGpus: c.max_gpus,
        p95Util: c.p95,
        meanUtil: c.mean_util,
        onDemandPrice: c.od,
        reservedPrice: c.rsv,
        runningRateHours: money(c.hours_running, c.running_rate),
        lowUtilRuns: runsBy.get(c.resource_id) ?? [],
      }),
    ),
    endpoints: eRows.map(
      (e): EndpointStats => ({
        resourceId: e.resource_id,
        name: e.name ?? e.resource_id,
        hours: e.hours,
        cost: money(e.cost_usd, e.cost_cur),
        minWorkers: e.min_workers ?? 0,
        gpusPerWorker: e.gpus_per_worker ?? 1,
        capacity: e.capacity ?? 1,
        maxPeakConcurrency: e.max_peak ?? 0,
        gpuHourCost: money(e.gpu_usd, e.gpu_cur),
      }),
    ),
    trainingJobs: tRows.map(
      (j): TrainingJobStats => ({
        resourceId: j.resource_id,
        name: j.name ?? j.resource_id,
        region: j.region,
        startedAt: j.started,
        cost: money(j.cost_usd, j.cost_cur),
        gpuHours: j.gpu_hours,
      }),
    ),
    volumes: vRows.map(
      (v): VolumeStats => ({
        resourceId: v.resource_id,
        name: v.name ?? v.resource_id,
        sku: v.sku,
        cost: money(v.cost_usd, v.cost_cur),
        coldCost: money(v.cold_usd, v.cold_cur),
        sizeGB: v.size_gb ?? 0,
        createdAt: v.created ?? w.start,
        lastActivityAt: v.last_io === null ? null : v.last_io + HOUR_MS,
      }),
    ),
    transfers: xRows.map(
      (t): TransferStats => ({
        resourceId: t.resource_id,
        name: t.name ?? t.resource_id,
        sku: t.sku,
        hours: t.hours,
        gb: t.gb,
        meanGBPerHour: t.mean_gb,
        cvGBPerHour: t.cv ?? 0,
        cost: money(t.cost_usd, t.cost_cur),
      }),
    ),
  };
}

export async function getOptimization(db: Database, q: OptimizationQuery, now: number) {
  const input = await loadOptimizationInput(db, analysisWindow(q, now));
  return buildOptimization(input, findOpportunities(input), {
    includeRecommendations: q.includeRecommendations,
    detailed: q.analysisDepth === 'detailed',
  });
}
