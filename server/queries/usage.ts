/**
 * GET /v2/billing/usage: SQL over the usage tables, then exact rounding so that
 * every figure adds up (totals, shares, series, regions, groups).
 */
import { listValue } from '@duckdb/node-api';
import {
  CURRENCY_DECIMALS,
  RESOURCE_TYPES,
  UNIT_BY_RESOURCE_TYPE,
  type Alert,
  type BreakdownItem,
  type Currency,
  type Group,
  type GroupBy,
  type Granularity,
  type Projections,
  type RegionalItem,
  type ResourceType,
  type UsageQuery,
  type UsageResponse,
} from '../../src/contract/billing.ts';
import type { Database } from '../db/database.ts';
import { apportion, fromMinor, percentages, toMinor } from '../analytics/apportion.ts';
import { previousPeriod, resolvePeriod, type ResolvedPeriod } from './period.ts';
import { budgetAlerts, spikeAlerts } from '../analytics/alerts.ts';
import { loadNames } from './names.ts';
import { HOUR_MS, DAY_MS } from '../../src/lib/time.ts';
import { monthEndProjection } from './month-end.ts';

const GPU_TYPES: ResourceType[] = ['clusters', 'endpoints', 'training'];
/** Quantities are reported with two decimals; requests are whole. */
const qtyDecimals = (t: ResourceType) => (t === 'ai-services' ? 0 : 2);
const TOP_RESOURCES = 10;
const MAX_GROUP_ITEMS = 50;

export const sqlTs = (ms: number) => new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
export const sqlDate = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/**
 * A sum that does not depend on the order DuckDB's threads add rows in: each
 * value is rounded to 6 decimals and added exactly as a DECIMAL, so the same
 * query gives the same bits (and the same cents after rounding) every time.
 */
const exactSum = (expr: string) => `CAST(sum(CAST(${expr} AS DECIMAL(18,6))) AS DOUBLE)`;

const DIM_COLUMN: Record<GroupBy, string> = {
  resource: 'resource_id',
  region: 'region',
  project: 'project_id',
  service: 'sku',
  user: 'user_id',
};

/** Start of the bucket holding t (UTC; weeks start on Monday, like ISO weeks). */
export function bucketStart(t: number, g: Granularity): number {
  const d = new Date(t);
  switch (g) {
    case 'hourly':
      return Math.floor(t / HOUR_MS) * HOUR_MS;
    case 'daily':
      return Math.floor(t / DAY_MS) * DAY_MS;
    case 'weekly': {
      const day = Math.floor(t / DAY_MS) * DAY_MS;
      const dow = (d.getUTCDay() + 6) % 7;
      return day - dow * DAY_MS;
    }
    case 'monthly':
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1);
  }
}

function nextBucket(t: number, g: Granularity): number {
  const d = new Date(t);
  switch (g) {
    case 'hourly':
      return t + HOUR_MS;
    case 'daily':
      return t + DAY_MS;
    case 'weekly':
      return t + 7 * DAY_MS;
    case 'monthly':
      return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
  }
}

/** Buckets covering [start, end), each labelled by its start clipped to the period start. */
export function bucketsFor(start: number, end: number, g: Granularity): number[] {
  const out: number[] = [];
  if (end <= start) return out;
  for (let b = bucketStart(start, g); b < end; b = nextBucket(b, g)) out.push(Math.max(b, start));
  return out;
}

interface AggRow {
  set: number;
  resource_type: ResourceType;
  /** Bucket start, epoch ms (series set only). */
  bucket: number;
  dim: string | null;
  q: number;
  c: number;
}

/**
 * Converts each day's USD cost at that day's rate. USD needs no join (its rate is 1);
 * the parameter $3 is still bound, so it is referenced harmlessly.
 */
function fxJoin(currency: Currency): { join: string; cost: string; where: string } {
  return currency === 'USD'
    ? { join: '', cost: 'CAST(u.cost_usd AS DOUBLE)', where: "$3 = 'USD' AND" }
    : { join: 'JOIN fx_rates f ON f.day = u.day AND f.currency = $3', cost: 'CAST(u.cost_usd AS DOUBLE) * f.rate', where: '' };
}

/**
 * The exact (unrounded) figures of a request: the time series per resource
 * type, and the totals per resource type and member of each dimension. Hourly
 * series read the hourly per-type table; everything else reads the daily
 * rollup in one scan with a grouping set per figure.
 */
async function aggregate(db: Database, p: ResolvedPeriod, types: ResourceType[], g: Granularity, currency: Currency, dims: GroupBy[]) {
  const hourly = g === 'hourly';
  const fx = fxJoin(currency);
  const bucketExpr =
    g === 'daily'
      ? 'CAST(u.day AS TIMESTAMP)'
      : g === 'weekly'
        ? "CAST(date_trunc('week', u.day) AS TIMESTAMP)"
        : "CAST(date_trunc('month', u.day) AS TIMESTAMP)";
  const columns = ['resource_id', 'region', ...dims.filter((d) => d !== 'resource' && d !== 'region').map((d) => DIM_COLUMN[d])];
  // set 0: the series (daily rollup only); set k (1..): one per dimension column
  const sets = [...(hourly ? [] : ['(resource_type, bucket)']), ...columns.map((c) => `(resource_type, ${c})`)];
  const dimCase = columns.map((c, i) => `WHEN GROUPING(${c}) = 0 THEN ${i + 1}`).join(' ');
  const sql = `
    SELECT resource_type,
           CASE ${hourly ? '' : 'WHEN GROUPING(bucket) = 0 THEN 0'} ${dimCase} END AS set,
           ${hourly ? 'NULL::DOUBLE' : 'CAST(epoch_ms(bucket) AS DOUBLE)'} AS bucket,
           COALESCE(${columns.join(', ')}) AS dim,
           ${exactSum('quantity')} AS q,
           ${exactSum('cost')} AS c
    FROM (
      SELECT u.resource_type, ${hourly ? '' : `${bucketExpr} AS bucket,`} ${columns.map((c) => `u.${c}`).join(', ')},
             u.quantity, ${fx.cost} AS cost
      FROM usage_daily u ${fx.join}
      WHERE ${fx.where} u.day >= CAST($1 AS DATE) AND u.day < CAST($2 AS DATE) AND list_contains($4, u.resource_type)
    )
    GROUP BY GROUPING SETS (${sets.join(', ')})
    ORDER BY set, resource_type, bucket, dim`;
  type Cols = { set: number[]; resource_type: ResourceType[]; bucket: (number | null)[]; dim: (string | null)[]; q: number[]; c: number[] };
  const pending: Array<Promise<Cols>> = [db.columns<Cols>(sql, [sqlDate(p.start), sqlDate(p.end), currency, listValue(types)])];
  if (hourly)
    pending.push(
      db.columns<Cols>(
        `SELECT 0 AS set, u.resource_type, CAST(epoch_ms(u.ts) AS DOUBLE) AS bucket, NULL::VARCHAR AS dim,
                u.quantity AS q, ${fx.cost} AS c
         FROM usage_type_hourly u ${fx.join}
         WHERE ${fx.where} u.ts >= CAST($1 AS TIMESTAMP) AND u.ts < CAST($2 AS TIMESTAMP) AND list_contains($4, u.resource_type)
         ORDER BY u.ts, u.resource_type`,
        [sqlTs(p.start), sqlTs(p.dataEnd), currency, listValue(types)],
      ),
    );
  const bySet = new Map<number, AggRow[]>();
  for (const cols of await Promise.all(pending))
    for (let i = 0; i < cols.set.length; i++) {
      const row: AggRow = {
        set: cols.set[i]!,
        resource_type: cols.resource_type[i]!,
        bucket: cols.bucket[i] ?? 0,
        dim: cols.dim[i] ?? null,
        q: cols.q[i] ?? 0,
        c: cols.c[i] ?? 0,
      };
      let list = bySet.get(row.set);
      if (!list) bySet.set(row.set, (list = []));
      list.push(row);
    }
  return {
    series: bySet.get(0) ?? [],
    byColumn: (c: string) => bySet.get(columns.indexOf(c) + 1) ?? [],
  };
}

interface Exact {
  key: string;
  q: number;
  c: number;
}

/** Rows by their dimension member, each member's rows in their order. */
function byDim(rows: AggRow[]): Map<string, AggRow[]> {
  const out = new Map<string, AggRow[]>();
  for (const r of rows) {
    const list = out.get(r.dim!);
    if (list) list.push(r);
    else out.set(r.dim!, [r]);
  }
  return out;
}

function groupRows(rows: AggRow[], type: ResourceType): Exact[] {
  return rows.filter((r) => r.resource_type === type).map((r) => ({ key: r.dim!, q: r.q, c: r.c }));
}

export async function getUsage(db: Database, q: UsageQuery, now: number): Promise<UsageResponse> {
  const p = resolvePeriod(q.timeRange, now, q);
  const types = q.resourceType && q.resourceType.length > 0 ? [...new Set(q.resourceType)] : [...RESOURCE_TYPES];
  const dims = [...new Set(q.groupBy ?? [])];
  const dec = CURRENCY_DECIMALS[q.currency];
  // Team metrics read the per-project and per-user totals of the same scan.
  const aggDims: GroupBy[] = q.includeTeamMetrics ? [...new Set<GroupBy>([...dims, 'project', 'user'])] : dims;
  const [agg, names] = await Promise.all([aggregate(db, p, types, q.granularity, q.currency, aggDims), loadNames(db)]);

  // ---- totals per type, apportioned from the rounded grand total
  const typeExact = types.map((t) => {
    const rows = agg.series.filter((r) => r.resource_type === t);
    return { t, q: rows.reduce((a, r) => a + r.q, 0), c: rows.reduce((a, r) => a + r.c, 0) };
  });
  const totalMinor = toMinor(typeExact.reduce((a, x) => a + x.c, 0), dec);
  const typeMinor = apportion(
    typeExact.map((x) => x.c),
    totalMinor,
  );
  const typeQty = typeExact.map((x) => toMinor(x.q, qtyDecimals(x.t)));
  const typePct = percentages(typeMinor);

  const buckets = bucketsFor(p.start, p.dataEnd, q.granularity);
  const bucketIso = buckets.map((b) => new Date(b).toISOString().replace('.000Z', 'Z'));
  // Weekly and monthly rows are labelled by their calendar start; the first bucket is clipped to the period start.
  const label = (t: number) => Math.max(t, p.start);

  const resourceRows = agg.byColumn('resource_id');
  const breakdown: BreakdownItem[] = typeExact.map((x, i) => {
    const qd = qtyDecimals(x.t);
    const series = new Map<number, { q: number; c: number }>();
    for (const r of agg.series) if (r.resource_type === x.t) series.set(label(r.bucket), r);
    const exactPoints = buckets.map((b, k) => ({ key: bucketIso[k]!, ...(series.get(b) ?? { q: 0, c: 0 }) }));
    const costs = apportion(
      exactPoints.map((e) => e.c),
      typeMinor[i]!,
    );
    const qtys = apportion(
      exactPoints.map((e) => e.q),
      typeQty[i]!,
    );
    const res = groupRows(resourceRows, x.t);
    const resCost = apportion(
      res.map((r) => r.c),
      typeMinor[i]!,
    );
    const resQty = apportion(
      res.map((r) => r.q),
      typeQty[i]!,
    );
    const top = res
      .map((r, k) => ({ r, cost: resCost[k]!, qty: resQty[k]! }))
      .sort((a, b) => b.cost - a.cost || b.qty - a.qty || a.r.key.localeCompare(b.r.key))
      .slice(0, TOP_RESOURCES)
      .map(({ r, cost, qty }) => ({
        resourceId: r.key,
        name: names.resource.get(r.key) ?? r.key,
        usage: fromMinor(qty, qd),
        cost: fromMinor(cost, dec),
      }));
    return {
      resourceType: x.t,
      usage: {
        quantity: fromMinor(typeQty[i]!, qd),
        unit: UNIT_BY_RESOURCE_TYPE[x.t],
        cost: fromMinor(typeMinor[i]!, dec),
        percentage: typePct[i]!,
      },
      timeSeries: exactPoints.map((e, k) => ({
        timestamp: e.key,
        value: fromMinor(qtys[k]!, qd),
        cost: fromMinor(costs[k]!, dec),
      })),
      topResources: top,
    };
  });

  const qtyOf = (t: ResourceType) => {
    const i = types.indexOf(t);
    return i < 0 ? 0 : typeQty[i]!;
  };
  const gpuMinor = GPU_TYPES.reduce((a, t) => a + qtyOf(t), 0);
  const summary = {
    totalCost: fromMinor(totalMinor, dec),
    totalGpuHours: fromMinor(gpuMinor, 2),
    totalApiRequests: qtyOf('ai-services'),
    totalStorageGB: fromMinor(qtyOf('storage'), 2),
    totalBandwidthGB: fromMinor(qtyOf('bandwidth'), 2),
    currency: q.currency,
  };

  // ---- regions
  const regionRows = agg.byColumn('region');
  const regionsOf = byDim(regionRows);
  const regionExact = [...regionsOf.keys()].map((region) => {
    const rs = regionsOf.get(region)!;
    return {
      region,
      c: rs.reduce((a, r) => a + r.c, 0),
      gpu: rs.filter((r) => GPU_TYPES.includes(r.resource_type)).reduce((a, r) => a + r.q, 0),
      req: rs.filter((r) => r.resource_type === 'ai-services').reduce((a, r) => a + r.q, 0),
    };
  });
  regionExact.sort((a, b) => b.c - a.c || a.region.localeCompare(b.region));
  const regionCost = apportion(
    regionExact.map((r) => r.c),
    totalMinor,
  );
  const regionGpu = apportion(
    regionExact.map((r) => r.gpu),
    gpuMinor,
  );
  const regionReq = apportion(
    regionExact.map((r) => r.req),
    qtyOf('ai-services'),
  );
  const regionPct = percentages(regionCost);
  const regional: RegionalItem[] = regionExact.map((r, i) => ({
    region: r.region,
    usage: {
      totalCost: fromMinor(regionCost[i]!, dec),
      gpuHours: fromMinor(regionGpu[i]!, 2),
      apiRequests: regionReq[i]!,
    },
    cost: fromMinor(regionCost[i]!, dec),
    percentage: regionPct[i]!,
  }));

  const response: UsageResponse = {
    period: p.period,
    summary,
    breakdown: breakdown
      .map((b, i) => ({ b, i }))
      .sort((x, y) => y.b.usage.cost - x.b.usage.cost || x.i - y.i)
      .map((x) => x.b),
    regional,
    alerts: [],
  };

  if (dims.length > 0) {
    response.groups = dims.map((d) => buildGroup(d, d === 'resource' ? resourceRows : agg.byColumn(DIM_COLUMN[d]), types, totalMinor, dec, names));
  }

  if (q.includeProjections) response.projections = await projections(db, p, types, q.currency, now, summary.totalCost, {
    gpuHours: summary.totalGpuHours,
    apiRequests: summary.totalApiRequests,
    storageGB: summary.totalStorageGB,
  });

  response.alerts = await alertsFor(db, now, types, q.currency);
  if (q.includeTeamMetrics)
    Object.assign(
      response,
      await teamMetrics(db, p, types, q.currency, totalMinor, agg.byColumn('project_id'), agg.byColumn('user_id'), names, q.granularity),
    );
  return response;
}

/**
 * includeTeamMetrics: a team is a project. Team and user totals are apportioned
 * from the rounded grand total (so each list adds up to summary.totalCost and
 * its percentages to 100.0), in the order groups use, so a team's totalCost
 * equals its item in groupBy=project. Each team's per-type costs are
 * apportioned from its total. previousPeriodCost: the same length of time just
 * before the period (through the same hour), left out when that reaches before
 * the stored history.
 */
async function teamMetrics(
  db: Database,
  p: ResolvedPeriod,
  types: ResourceType[],
  currency: Currency,
  totalMinor: number,
  projectRows: AggRow[],
  userRows: AggRow[],
  names: Awaited<ReturnType<typeof loadNames>>,
  granularity: Granularity,
): Promise<Pick<UsageResponse, 'teamBreakdown' | 'userBreakdown'>> {
  const dec = CURRENCY_DECIMALS[currency];
  const prev = previousPeriod(p);
  const prevSplit = Math.floor(prev.end / DAY_MS) * DAY_MS;
  // Each team's cost over time, for sparklines: the request's buckets (daily for hourly requests).
  const g: Granularity = granularity === 'hourly' ? 'daily' : granularity;
  const seriesBuckets = bucketsFor(p.start, p.dataEnd, g);
  const bucketSql =
    g === 'daily' ? 'u.day' : g === 'weekly' ? "CAST(date_trunc('week', u.day) AS DATE)" : "CAST(date_trunc('month', u.day) AS DATE)";
  const fx = fxJoin(currency);
  const [members, prevRows, seriesRows] = await Promise.all([
    db.all<{ user_id: string; project_id: string }>('SELECT user_id, project_id FROM users ORDER BY user_id'),
    prev.start < db.anchor
      ? Promise.resolve(null)
      : db.all<{ k: string; c: number }>(
          `SELECT k, ${exactSum('c')} AS c FROM (
             SELECT u.project_id AS k, CAST(u.cost_usd AS DOUBLE) * f.rate AS c
             FROM usage_daily u JOIN fx_rates f ON f.day = u.day AND f.currency = $5
             WHERE u.day >= CAST($1 AS DATE) AND u.day < CAST($2 AS DATE) AND list_contains($6, u.resource_type)
             UNION ALL
             SELECT u.project_id, CAST(u.cost_usd AS DOUBLE) * f.rate
             FROM usage_hourly u JOIN fx_rates f ON f.day = u.day AND f.currency = $5
             WHERE u.ts >= CAST($3 AS TIMESTAMP) AND u.ts < CAST($4 AS TIMESTAMP) AND list_contains($6, u.resource_type)
           ) GROUP BY k ORDER BY k`,
          [sqlDate(prev.start), sqlDate(prevSplit), sqlTs(prevSplit), sqlTs(prev.end), currency, listValue(types)],
        ),
    db.columns<{ k: string[]; b: number[]; c: number[] }>(
      `SELECT u.project_id AS k, CAST(epoch_ms(CAST(${bucketSql} AS TIMESTAMP)) AS DOUBLE) AS b, ${exactSum(fx.cost)} AS c
       FROM usage_daily u ${fx.join}
       WHERE ${fx.where} u.day >= CAST($1 AS DATE) AND u.day < CAST($2 AS DATE) AND list_contains($4, u.resource_type)
       GROUP BY ALL ORDER BY k, b`,
      [sqlDate(p.start), sqlDate(p.end), currency, listValue(types)],
    ),
  ]);
  const bucketIndex = new Map(seriesBuckets.map((b, i) => [b, i]));
  const seriesIso = seriesBuckets.map((b) => new Date(b).toISOString().replace('.000Z', 'Z'));
  const seriesOf = new Map<string, Float64Array>();
  for (let i = 0; i < seriesRows.k.length; i++) {
    const key = seriesRows.k[i]!;
    let m = seriesOf.get(key);
    if (!m) seriesOf.set(key, (m = new Float64Array(seriesBuckets.length)));
    const k = bucketIndex.get(Math.max(seriesRows.b[i]!, p.start));
    if (k !== undefined) m[k]! += seriesRows.c[i]!;
  }
  const teamOf = new Map(members.map((m) => [m.user_id, m.project_id]));
  const memberCount = new Map<string, number>();
  for (const m of members) memberCount.set(m.project_id, (memberCount.get(m.project_id) ?? 0) + 1);
  const byKey = (a: { key: string; c: number }, b: { key: string; c: number }) => b.c - a.c || a.key.localeCompare(b.key);

  const projectsOf = byDim(projectRows);
  const teams = [...new Set([...names.project.keys(), ...projectsOf.keys()])]
    .map((key) => {
      const rows = projectsOf.get(key) ?? [];
      return { key, rows, c: rows.reduce((a, r) => a + r.c, 0) };
    })
    .sort(byKey);
  const teamCost = apportion(
    teams.map((t) => t.c),
    totalMinor,
  );
  const teamPct = percentages(teamCost);
  const prevOf = prevRows ? new Map(prevRows.map((r) => [r.k, r.c])) : null;
  const prevExact = prevOf ? teams.map((t) => prevOf.get(t.key) ?? 0) : null;
  const prevCost = prevExact
    ? apportion(
        prevExact,
        toMinor(
          prevExact.reduce((a, x) => a + x, 0),
          dec,
        ),
      )
    : null;
  const teamBreakdown = teams.map((t, i) => {
    const perType = types
      .map((type) => {
        const rs = t.rows.filter((r) => r.resource_type === type);
        return { type, n: rs.length, q: rs.reduce((a, r) => a + r.q, 0), c: rs.reduce((a, r) => a + r.c, 0) };
      })
      .filter((x) => x.n > 0);
    const typeCost = apportion(
      perType.map((x) => x.c),
      teamCost[i]!,
    );
    const own = seriesOf.get(t.key);
    const exactSeries = seriesBuckets.map((_, k) => own?.[k] ?? 0);
    const seriesCost = apportion(exactSeries, teamCost[i]!);
    return {
      teamId: t.key,
      teamName: names.project.get(t.key) ?? t.key,
      totalCost: fromMinor(teamCost[i]!, dec),
      percentage: teamPct[i]!,
      memberCount: memberCount.get(t.key) ?? 0,
      resourceUsage: Object.fromEntries(
        perType.map((x, k) => [
          x.type,
          {
            quantity: fromMinor(toMinor(x.q, qtyDecimals(x.type)), qtyDecimals(x.type)),
            unit: UNIT_BY_RESOURCE_TYPE[x.type],
            cost: fromMinor(typeCost[k]!, dec),
          },
        ]),
      ),
      ...(prevCost ? { previousPeriodCost: fromMinor(prevCost[i]!, dec) } : {}),
      timeSeries: seriesIso.map((timestamp, k) => ({ timestamp, cost: fromMinor(seriesCost[k]!, dec) })),
    };
  });

  const usersOf = byDim(userRows);
  const users = [...new Set([...teamOf.keys(), ...usersOf.keys()])]
    .map((key) => ({ key, c: (usersOf.get(key) ?? []).reduce((a, r) => a + r.c, 0) }))
    .sort(byKey);
  const userCost = apportion(
    users.map((u) => u.c),
    totalMinor,
  );
  const userPct = percentages(userCost);
  const userBreakdown = users.map((u, i) => {
    const teamId = teamOf.get(u.key);
    return {
      userId: u.key,
      userName: names.user.get(u.key) ?? u.key,
      team: teamId === undefined ? 'No team' : (names.project.get(teamId) ?? teamId),
      ...(teamId === undefined ? {} : { teamId }),
      totalCost: fromMinor(userCost[i]!, dec),
      percentage: userPct[i]!,
    };
  });
  return { teamBreakdown, userBreakdown };
}

const alertCache = new WeakMap<Database, Map<string, Promise<Alert[]>>>();

/** Alerts depend only on the data, the budgets and the clock: cached until any of them changes. */
function alertsFor(db: Database, now: number, types: ResourceType[], currency: Currency): Promise<Alert[]> {
  let cache = alertCache.get(db);
  if (!cache) alertCache.set(db, (cache = new Map()));
  const key = `${db.generation}|${Math.floor(now / HOUR_MS)}|${currency}|${[...types].sort().join(',')}`;
  let hit = cache.get(key);
  if (!hit) {
    if (cache.size > 200) cache.clear();
    hit = (async () => [...(await budgetAlerts(db, now, types, currency)), ...(await spikeAlerts(db, types, now))])();
    cache.set(key, hit);
    hit.catch(() => cache.delete(key));
  }
  return hit;
}

function buildGroup(
  dimension: GroupBy,
  rows: AggRow[],
  types: ResourceType[],
  totalMinor: number,
  dec: number,
  names: Awaited<ReturnType<typeof loadNames>>,
): Group {
  const rowsOf = byDim(rows);
  const keys = [...rowsOf.keys()];
  let members = keys.map((key) => {
    const rs = rowsOf.get(key)!;
    return { key, c: rs.reduce((a, r) => a + r.c, 0), rows: rs };
  });
  members.sort((a, b) => b.c - a.c || a.key.localeCompare(b.key));
  if (members.length > MAX_GROUP_ITEMS) {
    const rest = members.slice(MAX_GROUP_ITEMS - 1);
    members = [
      ...members.slice(0, MAX_GROUP_ITEMS - 1),
      { key: '__other__', c: rest.reduce((a, m) => a + m.c, 0), rows: rest.flatMap((m) => m.rows) },
    ];
  }
  const cost = apportion(
    members.map((m) => m.c),
    totalMinor,
  );
  const pct = percentages(cost);
  const nameOf = (key: string): string => {
    if (key === '__other__') return `Other (${keys.length - MAX_GROUP_ITEMS + 1} more)`;
    switch (dimension) {
      case 'resource':
        return names.resource.get(key) ?? key;
      case 'project':
        return names.project.get(key) ?? key;
      case 'user':
        return names.user.get(key) ?? key;
      case 'service':
        return names.service.get(key) ?? key;
      case 'region':
        return key;
    }
  };
  return {
    dimension,
    items: members.map((m, i) => {
      const perType = types
        .map((t) => {
          const rs = m.rows.filter((r) => r.resource_type === t);
          return { t, q: rs.reduce((a, r) => a + r.q, 0), c: rs.reduce((a, r) => a + r.c, 0), n: rs.length };
        })
        .filter((x) => x.n > 0);
      const typeCost = apportion(
        perType.map((x) => x.c),
        cost[i]!,
      );
      return {
        key: m.key,
        name: nameOf(m.key),
        cost: fromMinor(cost[i]!, dec),
        percentage: pct[i]!,
        usage: perType.map((x, k) => ({
          resourceType: x.t,
          quantity: fromMinor(toMinor(x.q, qtyDecimals(x.t)), qtyDecimals(x.t)),
          unit: UNIT_BY_RESOURCE_TYPE[x.t],
          cost: fromMinor(typeCost[k]!, dec),
        })),
      };
    }),
  };
}

/** Daily totals (cost in the currency, quantities by unit) for [from, to). */
export async function dailyTotals(db: Database, from: number, to: number, types: ResourceType[], currency: Currency) {
  return db.all<{ day: string; c: number; gpu: number; req: number; gb_h: number; hours: number }>(
    `SELECT strftime(u.day, '%Y-%m-%d') AS day,
            ${exactSum('CAST(u.cost_usd AS DOUBLE) * f.rate')} AS c,
            COALESCE(${exactSum("CASE WHEN u.resource_type IN ('clusters','endpoints','training') THEN u.quantity END")}, 0) AS gpu,
            COALESCE(${exactSum("CASE WHEN u.resource_type = 'ai-services' THEN u.quantity END")}, 0) AS req,
            COALESCE(${exactSum("CASE WHEN u.resource_type = 'storage' THEN u.quantity END")}, 0) AS gb_h,
            max(u.hours) AS hours
     FROM usage_daily u JOIN fx_rates f ON f.day = u.day AND f.currency = $3
     WHERE u.day >= CAST($1 AS DATE) AND u.day < CAST($2 AS DATE) AND list_contains($4, u.resource_type)
     GROUP BY u.day ORDER BY u.day`,
    [sqlDate(from), sqlDate(to), currency, listValue(types)],
  );
}

/**
 * Period-end projection. For the calendar month in progress the cost and its
 * confidence are the projection of record (month-end.ts: the forecast model).
 * Other periods (a quarter or year in progress), and the usage quantities,
 * use the run rate: what is spent so far plus the average hourly rate of the
 * last seven complete days for the hours left; that confidence falls with
 * day-to-day volatility and with the share of the period still to come.
 */
async function projections(
  db: Database,
  p: ResolvedPeriod,
  types: ResourceType[],
  currency: Currency,
  now: number,
  actualCost: number,
  actualUsage: Projections['projectedUsage'],
): Promise<Projections> {
  const dec = CURRENCY_DECIMALS[currency];
  const today = Math.floor(now / DAY_MS) * DAY_MS;
  const ref = Math.min(today, p.end);
  const days = await dailyTotals(db, ref - 14 * DAY_MS, ref, types, currency);
  const last7 = days.slice(-7);
  const prev7 = days.slice(-14, -7);
  const avg = (xs: number[]) => (xs.length ? xs.reduce((a, b) => a + b, 0) / xs.length : 0);
  const rate = {
    c: avg(last7.map((d) => d.c)) / 24,
    gpu: avg(last7.map((d) => d.gpu)) / 24,
    req: avg(last7.map((d) => d.req)) / 24,
    gb: avg(last7.map((d) => d.gb_h)) / 24,
  };
  const nowHour = Math.floor(now / HOUR_MS) * HOUR_MS;
  const hoursLeft = Math.max(0, (p.end - Math.max(nowHour, p.start)) / HOUR_MS);
  const hoursDone = Math.max(0, (p.dataEnd - p.start) / HOUR_MS);

  const change = avg(prev7.map((d) => d.c)) > 0 ? avg(last7.map((d) => d.c)) / avg(prev7.map((d) => d.c)) - 1 : 0;
  const trend: Projections['trend'] = change > 0.02 ? 'increasing' : change < -0.02 ? 'decreasing' : 'stable';

  const costs = days.map((d) => d.c);
  const mean = avg(costs);
  const sd = Math.sqrt(avg(costs.map((c) => (c - mean) ** 2)));
  const cv = mean > 0 ? sd / mean : 0;
  const confidence =
    hoursLeft === 0 ? 1 : Math.max(0.5, Math.min(0.99, 1 - cv * Math.sqrt(hoursLeft / Math.max(hoursDone, 24))));

  // the calendar month in progress: the projection of record (month-end.ts), which /usage/forecast and the budgets give too
  const d = new Date(now);
  const isThisMonth = p.start === Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), 1) && p.end === Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 1);
  const record = isThisMonth ? await monthEndProjection(db, { now, types, currency }) : undefined;

  return {
    projectedCost: record ? record.projectedCost : fromMinor(toMinor(actualCost + rate.c * hoursLeft, dec), dec),
    projectedUsage: {
      gpuHours: Math.round((actualUsage.gpuHours + rate.gpu * hoursLeft) * 10) / 10,
      apiRequests: Math.round(actualUsage.apiRequests + rate.req * hoursLeft),
      storageGB: Math.round((actualUsage.storageGB + rate.gb * hoursLeft) * 10) / 10,
    },
    confidence: record ? record.confidence : Math.round(confidence * 100) / 100,
    trend,
  };
}

export type { Alert };
