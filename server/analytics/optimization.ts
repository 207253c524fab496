/**
 * Cost-optimisation rules: pure functions from per-resource usage statistics
 * (measured by server/queries/optimization.ts) to recommendations, waste and
 * savings per category. Each rule is stated next to its code; every amount is
 * computed from the stored usage of the analysed period and made monthly.
 *
 * Money is carried twice, in USD (for the impact thresholds, which must not
 * depend on the display currency) and in the requested currency converted at
 * each day's rate (for the figures shown). Rules only add and scale it.
 *
 * Monthly: figure over the analysed hours × monthlyFactor, where
 * monthlyFactor = hoursPerMonth / hoursAnalysed and hoursPerMonth is the
 * average calendar month of the requested range (last_month: that month
 * itself, so the factor is 1; current_month: the whole month's hours over the
 * hours elapsed).
 */
import {
  CURRENCY_DECIMALS,
  type Currency,
  type OptimizationRecommendation,
  type OptimizationResponse,
  type OptimizationRule,
  type ResourceType,
} from '../../src/contract/billing.ts';
import { REGION_UTC_OFFSET, type Region } from '../db/catalog.ts';
import { fromMinor, toMinor } from './apportion.ts';
import { HOUR_MS, DAY_MS } from '../../src/lib/time.ts';

// ---------------------------------------------------------------- rule parameters

/** idle_cluster: GPU utilisation under this share … */
export const IDLE_UTIL = 0.1;
/** … for at least this many consecutive hours. */
export const IDLE_MIN_HOURS = 24;
/** oversized_cluster: p95 utilisation (of the hours that were not idle) under this share … */
export const OVERSIZED_P95 = 0.4;
/** … over at least this many busy hours: halve the GPUs (utilisation stays under TARGET_UTIL). */
export const OVERSIZED_MIN_HOURS = 72;
export const TARGET_UTIL = 0.8;
/** reserved_capacity: clusters running at least this share of the period's hours. */
export const RESERVED_MIN_RUNNING = 0.95;
/** reserved_capacity: a commitment is recommended only from at least this many days of data. */
export const RESERVED_MIN_DAYS = 30;
/** offpeak_training: assumed discount for jobs started off-peak (no off-peak price is published). */
export const OFFPEAK_DISCOUNT = 0.3;
/** Working hours, local standard time of the job's region: Monday–Friday, [09:00, 18:00). */
export const WORK_START_HOUR = 9;
export const WORK_END_HOUR = 18;
/** stale_storage: no reads or writes for at least this many days. */
export const STALE_DAYS = 30;
/** The cold tier stale hot volumes move to. */
export const COLD_STORAGE_SKU = 'storage-object';
/** cross_region_transfer: steady bulk flows of this SKU … */
export const CROSS_REGION_SKU = 'transfer-cross-region';
/** … present in this share of hours, with hourly volume varying little, at this volume or more … */
export const STEADY_MIN_PRESENCE = 0.95;
export const STEADY_MAX_CV = 0.35;
export const STEADY_MIN_GB_PER_HOUR = 100;
/** … of which replicating once and serving from a cache or replica avoids this share (assumed). */
export const CROSS_REGION_AVOIDABLE = 0.5;
/** Impact by monthly savings in USD (the same whatever the display currency). */
export const IMPACT_HIGH_USD = 2000;
export const IMPACT_MEDIUM_USD = 500;

// ---------------------------------------------------------------- input

/** An amount in USD and in the requested currency (converted at each day's rate). */
export interface Money {
  usd: number;
  cur: number;
}

export const ZERO: Money = { usd: 0, cur: 0 };
export const add = (a: Money, b: Money): Money => ({ usd: a.usd + b.usd, cur: a.cur + b.cur });
export const scale = (a: Money, k: number): Money => ({ usd: a.usd * k, cur: a.cur * k });
const sum = (xs: readonly Money[]): Money => xs.reduce(add, ZERO);

export interface AnalysisWindow {
  /** Analysed hours [start, end), epoch ms; end is the period end or the last complete hour. */
  start: number;
  end: number;
  /** Exclusive end of the requested range (UTC midnight); end ≤ periodEnd. */
  periodEnd: number;
  /** Hours in an average calendar month of the requested range. */
  hoursPerMonth: number;
  currency: Currency;
}

/** A run of consecutive hours under IDLE_UTIL (measured over the whole history, so its length is true). */
export interface LowUtilRun {
  start: number;
  /** Exclusive end (the hour after its last hour). */
  end: number;
  hours: number;
  hoursInWindow: number;
  costInWindow: Money;
}

export interface ClusterStats {
  resourceId: string;
  name: string;
  sku: string;
  hoursRunning: number;
  cost: Money;
  gpuHours: number;
  /** Fewest and most GPUs in any hour (autoscaling clusters vary). */
  minGpus: number;
  maxGpus: number;
  /** p95 and mean GPU utilisation over the hours at or above IDLE_UTIL (null when there are none). */
  p95Util: number | null;
  meanUtil: number | null;
  onDemandPrice: number;
  reservedPrice: number | null;
  /** Σ of the exchange rate over the running hours (usd: the hour count). */
  runningRateHours: Money;
  lowUtilRuns: LowUtilRun[];
}

export interface EndpointStats {
  resourceId: string;
  name: string;
  hours: number;
  cost: Money;
  /** Configured minimum workers (latest hour), GPUs per worker, concurrent requests a worker serves. */
  minWorkers: number;
  gpusPerWorker: number;
  capacity: number;
  maxPeakConcurrency: number;
  /** Cost of one GPU for every hour analysed (Σ unit price × rate). */
  gpuHourCost: Money;
}

export interface TrainingJobStats {
  resourceId: string;
  name: string;
  region: string;
  startedAt: number;
  cost: Money;
  gpuHours: number;
}

export interface VolumeStats {
  resourceId: string;
  name: string;
  sku: string;
  cost: Money;
  /** The same GB-hours priced at the cold tier. */
  coldCost: Money;
  sizeGB: number;
  createdAt: number;
  /** End of the last hour with any reads or writes (null: none ever). */
  lastActivityAt: number | null;
}

export interface TransferStats {
  resourceId: string;
  name: string;
  sku: string;
  hours: number;
  gb: number;
  meanGBPerHour: number;
  /** Coefficient of variation of the hourly volume. */
  cvGBPerHour: number;
  cost: Money;
}

export interface OptimizationInput {
  window: AnalysisWindow;
  /** Σ of the exchange rate over every hour of the window (usd: the hour count). */
  windowRateHours: Money;
  costByType: Partial<Record<ResourceType, Money>>;
  clusters: ClusterStats[];
  endpoints: EndpointStats[];
  trainingJobs: TrainingJobStats[];
  volumes: VolumeStats[];
  transfers: TransferStats[];
}

// ---------------------------------------------------------------- findings

export interface Evidence {
  label: string;
  value: string;
}

/** A rule that fired, with its exact monthly savings. */
export interface Finding {
  id: string;
  rule: OptimizationRule;
  category: ResourceType;
  resourceIds: string[];
  title: string;
  description: string;
  effort: 'low' | 'medium' | 'high';
  /** Monthly. */
  savings: Money;
  /** Pure waste (paid for and unused): the savings also count as waste. */
  waste: string | null;
  evidence: Evidence[];
}

export const CATEGORY_NAMES: Record<ResourceType, string> = {
  clusters: 'GPU Clusters',
  endpoints: 'Serverless Endpoints',
  training: 'Training Jobs',
  'ai-services': 'AI Services',
  storage: 'Storage',
  bandwidth: 'Data Transfer',
};

const hoursAnalysed = (w: AnalysisWindow) => Math.max(0, Math.round((w.end - w.start) / HOUR_MS));

export function monthlyFactor(w: AnalysisWindow): number {
  const h = hoursAnalysed(w);
  return h > 0 ? w.hoursPerMonth / h : 0;
}

/** One formatter per format (making one costs far more than formatting with it; texts are built by the thousand). */
const formatters = new Map<string, Intl.NumberFormat>();
function formatter(key: string, options: Intl.NumberFormatOptions): Intl.NumberFormat {
  let f = formatters.get(key);
  if (!f) formatters.set(key, (f = new Intl.NumberFormat('en-US', options)));
  return f;
}
function fmtMoney(x: number, c: Currency): string {
  const d = CURRENCY_DECIMALS[c];
  return formatter(`money:${c}`, { style: 'currency', currency: c, minimumFractionDigits: d, maximumFractionDigits: d }).format(x);
}
const fmtPct = (x: number) => `${formatter('pct', { maximumFractionDigits: 1 }).format(x * 100)}%`;
const fmtNum = (x: number, d = 0) => formatter(`num:${d}`, { minimumFractionDigits: d, maximumFractionDigits: d }).format(x);
const fmtTime = (ms: number) => `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
const plural = (n: number, one: string, many = `${one}s`) => `${fmtNum(n)} ${n === 1 ? one : many}`;

/** Local weekday and hour of an instant in a region (standard time). */
export function localTime(ms: number, region: string): { dow: number; hour: number } {
  const offset = REGION_UTC_OFFSET[region as Region] ?? 0;
  const d = new Date(ms + offset * HOUR_MS);
  return { dow: d.getUTCDay(), hour: d.getUTCHours() };
}

export function inWorkingHours(ms: number, region: string): boolean {
  const { dow, hour } = localTime(ms, region);
  return dow >= 1 && dow <= 5 && hour >= WORK_START_HOUR && hour < WORK_END_HOUR;
}

/** Runs long enough to count as idle (IDLE_MIN_HOURS or more, counted over the whole history). */
export function idleRuns(c: ClusterStats): LowUtilRun[] {
  return c.lowUtilRuns.filter((r) => r.hours >= IDLE_MIN_HOURS && r.hoursInWindow > 0);
}

/**
 * Every rule over the input. Per cluster the rules are exclusive where they
 * would overlap: idle hours are excluded from right-sizing, and a cluster that
 * is idle or oversized gets no reservation (so a cluster's savings never
 * exceed its cost).
 */
export function findOpportunities(input: OptimizationInput): Finding[] {
  const { window: w } = input;
  const k = monthlyFactor(w);
  if (k === 0) return [];
  const cur = w.currency;
  const m = (x: Money) => fmtMoney(x.cur, cur);
  const totalHours = hoursAnalysed(w);
  // prices in the price table are in USD; texts name them in the display currency at the window's average rate
  const avgRate = input.windowRateHours.usd > 0 ? input.windowRateHours.cur / input.windowRateHours.usd : 1;
  const factorEvidence: Evidence = {
    label: 'Monthly factor',
    value: `${fmtNum(w.hoursPerMonth, 1)} h per month / ${fmtNum(totalHours)} h analysed = ${fmtNum(k, 4)}`,
  };
  const out: Finding[] = [];

  for (const c of input.clusters) {
    const runs = idleRuns(c);
    const idleHours = runs.reduce((a, r) => a + r.hoursInWindow, 0);
    const idleCost = sum(runs.map((r) => r.costInWindow));
    if (idleHours > 0) {
      // Rule idle_cluster: utilisation under 10% for 24 h or more; savings = the cost of those hours.
      const last = runs[runs.length - 1]!;
      const ongoing = last.end >= w.end;
      out.push({
        id: `idle_cluster:${c.resourceId}`,
        rule: 'idle_cluster',
        category: 'clusters',
        resourceIds: [c.resourceId],
        title: ongoing ? `Stop idle cluster ${c.name}` : `Auto-stop ${c.name} when it goes idle`,
        description: ongoing
          ? `GPU utilisation has stayed under ${fmtPct(IDLE_UTIL)} since ${fmtTime(last.start)} (${plural(last.hours, 'hour')}). Stop or delete the cluster; its ${fmtNum(idleHours)} idle hours in the period cost ${m(idleCost)}.`
          : `GPU utilisation stayed under ${fmtPct(IDLE_UTIL)} for ${plural(idleHours, 'hour')} in ${plural(runs.length, 'stretch', 'stretches')} of ${IDLE_MIN_HOURS} h or more, costing ${m(idleCost)}. Stop it when idle (an idle timeout).`,
        effort: 'low',
        savings: scale(idleCost, k),
        waste: `Idle GPU cluster ${c.name}: ${fmtNum(idleHours)} h under ${fmtPct(IDLE_UTIL)} utilisation`,
        evidence: [
          { label: 'Rule', value: `GPU utilisation under ${fmtPct(IDLE_UTIL)} for ${IDLE_MIN_HOURS} h or more → save the cost of those hours` },
          { label: 'Idle hours in period', value: `${fmtNum(idleHours)} of ${fmtNum(c.hoursRunning)} running hours` },
          { label: 'Longest idle stretch', value: `${plural(Math.max(...runs.map((r) => r.hours)), 'hour')}` },
          { label: ongoing ? 'Idle since' : 'Last idle stretch', value: fmtTime(last.start) },
          { label: 'Cost of idle hours in period', value: m(idleCost) },
          factorEvidence,
        ],
      });
    }

    const busyHours = c.hoursRunning - idleHours;
    const busyCost = add(c.cost, scale(idleCost, -1));
    const oversized = c.p95Util !== null && c.p95Util < OVERSIZED_P95 && busyHours >= OVERSIZED_MIN_HOURS;
    if (oversized) {
      // Rule oversized_cluster: p95 utilisation under 40% → halve the GPUs (p95 stays under the 80% target);
      // savings = the share of the (non-idle) cost above what the p95 needs, at most half.
      const keep = Math.max(0.5, c.p95Util! / TARGET_UTIL);
      const gpus = c.minGpus === c.maxGpus ? c.maxGpus : null;
      const target = gpus === null ? null : Math.ceil(gpus * keep);
      out.push({
        id: `oversized_cluster:${c.resourceId}`,
        rule: 'oversized_cluster',
        category: 'clusters',
        resourceIds: [c.resourceId],
        title: target === null ? `Right-size ${c.name}: halve its GPUs` : `Right-size ${c.name} from ${gpus} to ${target} GPUs`,
        description: `95% of its busy hours use under ${fmtPct(c.p95Util!)} of its GPUs (mean ${fmtPct(c.meanUtil ?? 0)}). With ${keep === 0.5 ? 'half' : `${fmtPct(keep)}`} of the GPUs the p95 load would run at ${fmtPct(c.p95Util! / keep)}, under the ${fmtPct(TARGET_UTIL)} target.`,
        effort: 'medium',
        savings: scale(busyCost, (1 - keep) * k),
        waste: null,
        evidence: [
          { label: 'Rule', value: `p95 GPU utilisation under ${fmtPct(OVERSIZED_P95)} → halve the GPUs; save the cost above the p95 need` },
          { label: 'p95 utilisation', value: fmtPct(c.p95Util!) },
          { label: 'Mean utilisation', value: fmtPct(c.meanUtil ?? 0) },
          { label: 'GPUs', value: c.minGpus === c.maxGpus ? fmtNum(c.maxGpus) : `${fmtNum(c.minGpus)}–${fmtNum(c.maxGpus)}` },
          { label: 'Busy hours in period', value: fmtNum(busyHours) },
          { label: 'Cost of busy hours in period', value: m(busyCost) },
          { label: 'Share saved', value: fmtPct(1 - keep) },
          factorEvidence,
        ],
      });
    }

    const runningShare = totalHours > 0 ? c.hoursRunning / totalHours : 0;
    if (
      idleHours === 0 &&
      !oversized &&
      c.reservedPrice !== null &&
      c.reservedPrice < c.onDemandPrice &&
      runningShare >= RESERVED_MIN_RUNNING &&
      totalHours >= RESERVED_MIN_DAYS * 24 &&
      c.minGpus > 0
    ) {
      // Rule reserved_capacity: running ≥ 95% of hours → reserve the steady baseline (its fewest GPUs);
      // savings = baseline × (on-demand price × running hours − reserved price × every hour).
      const periodSaving = scale(
        add(scale(c.runningRateHours, c.onDemandPrice), scale(input.windowRateHours, -c.reservedPrice)),
        c.minGpus,
      );
      if (periodSaving.usd > 0)
        out.push({
          id: `reserved_capacity:${c.resourceId}`,
          rule: 'reserved_capacity',
          category: 'clusters',
          resourceIds: [c.resourceId],
          title: `Reserve ${plural(c.minGpus, 'GPU')} for ${c.name}`,
          description: `It ran ${fmtPct(runningShare)} of the hours with at least ${plural(c.minGpus, 'GPU')} in every hour. A one-year reservation of that baseline at ${fmtMoney(c.reservedPrice * avgRate, cur)} instead of ${fmtMoney(c.onDemandPrice * avgRate, cur)} per GPU-hour (price table${cur === 'USD' ? '' : ` in USD at the period's average rate`}) costs less even when paid for every hour.`,
          effort: 'low',
          savings: scale(periodSaving, k),
          waste: null,
          evidence: [
            { label: 'Rule', value: `Running ${fmtPct(RESERVED_MIN_RUNNING)} of hours or more → reserve the baseline at the reserved price` },
            { label: 'Running hours', value: `${fmtNum(c.hoursRunning)} of ${fmtNum(totalHours)} (${fmtPct(runningShare)})` },
            { label: 'Baseline GPUs (fewest in any hour)', value: fmtNum(c.minGpus) },
            {
              label: 'On-demand / reserved price per GPU-hour',
              value:
                `${fmtMoney(c.onDemandPrice * avgRate, cur)} / ${fmtMoney(c.reservedPrice * avgRate, cur)}` +
                (cur === 'USD' ? '' : ` (price table: ${fmtMoney(c.onDemandPrice, 'USD')} / ${fmtMoney(c.reservedPrice, 'USD')}, 1 USD = ${fmtNum(avgRate, 4)} ${cur})`),
            },
            { label: 'Saving in period', value: m(periodSaving) },
            factorEvidence,
          ],
        });
    }
  }

  for (const e of input.endpoints) {
    // Rule endpoint_min_workers: minimum workers above what the observed peak concurrency needs;
    // savings = the GPU-hours of the surplus minimum workers.
    const capacity = e.capacity > 0 ? e.capacity : 1;
    const needed = Math.max(1, Math.ceil(e.maxPeakConcurrency / capacity));
    const surplus = e.minWorkers - needed;
    if (surplus <= 0 || e.hours === 0) continue;
    const periodSaving = scale(e.gpuHourCost, surplus * e.gpusPerWorker);
    out.push({
      id: `endpoint_min_workers:${e.resourceId}`,
      rule: 'endpoint_min_workers',
      category: 'endpoints',
      resourceIds: [e.resourceId],
      title: `Lower the minimum workers of ${e.name} from ${e.minWorkers} to ${needed}`,
      description: `Peak concurrency never passed ${fmtNum(e.maxPeakConcurrency)} request${e.maxPeakConcurrency === 1 ? '' : 's'}, which ${plural(needed, 'worker')} (${fmtNum(capacity)} concurrent requests each) can serve, yet ${fmtNum(e.minWorkers)} are kept warm around the clock.`,
      effort: 'low',
      savings: scale(periodSaving, k),
      waste: `Surplus minimum workers on ${e.name}: ${e.minWorkers} configured, ${needed} needed at peak`,
      evidence: [
        { label: 'Rule', value: 'Minimum workers above those the observed peak concurrency needs → save the surplus workers’ GPU-hours' },
        { label: 'Minimum workers', value: fmtNum(e.minWorkers) },
        { label: 'Observed peak concurrency', value: fmtNum(e.maxPeakConcurrency) },
        { label: 'Concurrent requests per worker', value: fmtNum(capacity) },
        { label: 'Workers needed at peak', value: fmtNum(needed) },
        { label: 'Hours analysed', value: fmtNum(e.hours) },
        { label: 'Saving in period', value: m(periodSaving) },
        factorEvidence,
      ],
    });
  }

  // Rule offpeak_training: jobs started in working hours could be queued off-peak at an assumed 30% discount.
  const jobs = input.trainingJobs.filter((j) => j.cost.usd > 0);
  const peakJobs = jobs.filter((j) => inWorkingHours(j.startedAt, j.region)).sort((a, b) => a.startedAt - b.startedAt || a.resourceId.localeCompare(b.resourceId));
  if (peakJobs.length > 0) {
    const peakCost = sum(peakJobs.map((j) => j.cost));
    const peakGpuHours = peakJobs.reduce((a, j) => a + j.gpuHours, 0);
    out.push({
      id: 'offpeak_training:all',
      rule: 'offpeak_training',
      category: 'training',
      resourceIds: peakJobs.map((j) => j.resourceId),
      title: `Schedule ${plural(peakJobs.length, 'training job')} off-peak`,
      description: `${fmtNum(peakJobs.length)} of ${fmtNum(jobs.length)} training jobs were started in working hours (Mon–Fri ${WORK_START_HOUR}:00–${WORK_END_HOUR}:00 local). Queue them to start in the evening or at the weekend; at an assumed ${fmtPct(OFFPEAK_DISCOUNT)} off-peak discount they would cost ${m(scale(peakCost, OFFPEAK_DISCOUNT))} less.`,
      effort: 'medium',
      savings: scale(peakCost, OFFPEAK_DISCOUNT * k),
      waste: null,
      evidence: [
        { label: 'Rule', value: `Jobs started Mon–Fri ${WORK_START_HOUR}:00–${WORK_END_HOUR}:00 local time → off-peak at an assumed ${fmtPct(OFFPEAK_DISCOUNT)} discount` },
        { label: 'Jobs in period', value: fmtNum(jobs.length) },
        { label: 'Started in working hours', value: fmtNum(peakJobs.length) },
        { label: 'Their GPU-hours in period', value: fmtNum(peakGpuHours, 1) },
        { label: 'Their cost in period', value: m(peakCost) },
        factorEvidence,
      ],
    });
  }

  for (const v of input.volumes) {
    // Rule stale_storage: no I/O for 30 days or more on a hot volume → move it to object storage
    // (savings = its cost less the same GB-hours at the object-storage price) or delete it.
    if (v.sku === COLD_STORAGE_SKU || v.cost.usd <= 0) continue;
    const quietSince = v.lastActivityAt ?? v.createdAt;
    const days = Math.floor((w.end - quietSince) / DAY_MS);
    if (days < STALE_DAYS) continue;
    const periodSaving = add(v.cost, scale(v.coldCost, -1));
    if (periodSaving.usd <= 0) continue;
    out.push({
      id: `stale_storage:${v.resourceId}`,
      rule: 'stale_storage',
      category: 'storage',
      resourceIds: [v.resourceId],
      title: `Move untouched volume ${v.name} to object storage`,
      description: `No reads or writes for ${fmtNum(days)} days (since ${fmtTime(quietSince)}). Moving its ${fmtNum(v.sizeGB)} GB to object storage saves ${m(periodSaving)} of the ${m(v.cost)} it cost in the period; deleting it would save all of it.`,
      effort: 'low',
      savings: scale(periodSaving, k),
      waste: `Untouched volume ${v.name}: no I/O for ${fmtNum(days)} days`,
      evidence: [
        { label: 'Rule', value: `No I/O for ${STALE_DAYS} days or more → move to object storage (or delete)` },
        { label: v.lastActivityAt === null ? 'No I/O since creation' : 'No I/O since', value: fmtTime(quietSince) },
        { label: 'Days untouched', value: fmtNum(days) },
        { label: 'Size', value: `${fmtNum(v.sizeGB)} GB` },
        { label: 'Cost in period', value: m(v.cost) },
        { label: 'Same GB-hours in object storage', value: m(v.coldCost) },
        factorEvidence,
      ],
    });
  }

  for (const t of input.transfers) {
    // Rule cross_region_transfer: steady bulk cross-region transfer → replicate once and serve from a
    // replica or cache; savings = an assumed 50% of its cost.
    if (t.sku !== CROSS_REGION_SKU || totalHours === 0) continue;
    const presence = t.hours / totalHours;
    if (presence < STEADY_MIN_PRESENCE || t.cvGBPerHour > STEADY_MAX_CV || t.meanGBPerHour < STEADY_MIN_GB_PER_HOUR) continue;
    out.push({
      id: `cross_region_transfer:${t.resourceId}`,
      rule: 'cross_region_transfer',
      category: 'bandwidth',
      resourceIds: [t.resourceId],
      title: `Replicate or cache instead of transferring: ${t.name}`,
      description: `A steady ${fmtNum(t.meanGBPerHour)} GB every hour (±${fmtPct(t.cvGBPerHour)}) crosses regions, the signature of a sync re-copying the same data. Replicating incrementally and reading from a regional replica or cache avoids an assumed ${fmtPct(CROSS_REGION_AVOIDABLE)} of it.`,
      effort: 'high',
      savings: scale(t.cost, CROSS_REGION_AVOIDABLE * k),
      waste: null,
      evidence: [
        { label: 'Rule', value: `Cross-region transfer in ${fmtPct(STEADY_MIN_PRESENCE)}+ of hours, hourly variation ≤ ${fmtPct(STEADY_MAX_CV)}, ≥ ${STEADY_MIN_GB_PER_HOUR} GB/h → replicate/cache, avoiding ${fmtPct(CROSS_REGION_AVOIDABLE)}` },
        { label: 'Hours with transfer', value: `${fmtNum(t.hours)} of ${fmtNum(totalHours)}` },
        { label: 'Mean per hour', value: `${fmtNum(t.meanGBPerHour, 1)} GB` },
        { label: 'Hourly variation (CV)', value: fmtPct(t.cvGBPerHour) },
        { label: 'Transferred in period', value: `${fmtNum(t.gb)} GB` },
        { label: 'Cost in period', value: m(t.cost) },
        factorEvidence,
      ],
    });
  }
  return out;
}

export function impactOf(monthlyUsd: number): 'high' | 'medium' | 'low' {
  return monthlyUsd >= IMPACT_HIGH_USD ? 'high' : monthlyUsd >= IMPACT_MEDIUM_USD ? 'medium' : 'low';
}
const IMPACT_RANK = { high: 0, medium: 1, low: 2 } as const;

/** The short action of each rule for a category's one-line recommendation. */
function action(rule: OptimizationRule, fs: Finding[]): string {
  const n = fs.length;
  switch (rule) {
    case 'idle_cluster':
      return `stop ${plural(n, 'idle cluster')}`;
    case 'oversized_cluster':
      return `right-size ${plural(n, 'oversized cluster')}`;
    case 'reserved_capacity':
      return `reserve the steady baseline of ${plural(n, 'cluster')}`;
    case 'endpoint_min_workers':
      return `lower the minimum workers of ${plural(n, 'endpoint')}`;
    case 'offpeak_training':
      return `schedule ${plural(fs.reduce((a, f) => a + f.resourceIds.length, 0), 'training job')} off-peak`;
    case 'stale_storage':
      return `move ${plural(n, 'untouched volume')} to object storage`;
    case 'cross_region_transfer':
      return `replicate or cache ${plural(n, 'steady cross-region flow')}`;
  }
}

function sentence(parts: string[]): string {
  const s = parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts[parts.length - 1]}`;
  return s.charAt(0).toUpperCase() + s.slice(1);
}

export interface BuildOptions {
  includeRecommendations: boolean;
  detailed: boolean;
}

/**
 * The response: each finding's monthly savings rounded to the currency's minor
 * unit once; category savings, the total and the waste total are sums of those
 * integers, so they add up exactly.
 */
export function buildOptimization(input: OptimizationInput, findings: Finding[], opts: BuildOptions): OptimizationResponse {
  const { currency } = input.window;
  const dec = CURRENCY_DECIMALS[currency];
  const k = monthlyFactor(input.window);
  const rows = findings
    .map((f) => ({ f, minor: toMinor(f.savings.cur, dec), impact: impactOf(f.savings.usd) }))
    .filter((r) => r.minor > 0)
    .sort((a, b) => IMPACT_RANK[a.impact] - IMPACT_RANK[b.impact] || b.minor - a.minor || a.f.id.localeCompare(b.f.id));

  const categories = [...new Set(rows.map((r) => r.f.category))].map((category) => {
    const rs = rows.filter((r) => r.f.category === category);
    const savings = rs.reduce((a, r) => a + r.minor, 0);
    const current = Math.max(savings, toMinor((input.costByType[category]?.cur ?? 0) * k, dec));
    const rules = [...new Set(rs.map((r) => r.f.rule))];
    return {
      name: CATEGORY_NAMES[category],
      currentCost: fromMinor(current, dec),
      savings: fromMinor(savings, dec),
      savingsMinor: savings,
      percentage: current > 0 ? Math.min(100, Math.round((savings / current) * 1000) / 10) : 0,
      recommendation: sentence(rules.map((rule) => action(rule, rs.filter((r) => r.f.rule === rule).map((r) => r.f)))),
    };
  });
  categories.sort((a, b) => b.savingsMinor - a.savingsMinor || a.name.localeCompare(b.name));
  const totalMinor = categories.reduce((a, c) => a + c.savingsMinor, 0);

  const waste = rows
    .filter((r) => r.f.waste !== null)
    .map((r) => ({ description: r.f.waste!, amountMinor: r.minor, resourceId: r.f.resourceIds[0]!, rule: r.f.rule }))
    .sort((a, b) => b.amountMinor - a.amountMinor || a.resourceId.localeCompare(b.resourceId));

  const recommendations = rows.map(
    ({ f, minor, impact }): OptimizationRecommendation => ({
      id: f.id,
      title: f.title,
      impact,
      potentialSavings: fromMinor(minor, dec),
      description: f.description,
      implementationEffort: f.effort,
      resourceIds: f.resourceIds,
      category: CATEGORY_NAMES[f.category],
      rule: f.rule,
      ...(opts.detailed ? { evidence: f.evidence } : {}),
    }),
  );
  return {
    potentialSavings: {
      totalMonthly: fromMinor(totalMinor, dec),
      currency,
      byCategory: categories.map(({ savingsMinor: _s, ...c }) => c),
    },
    ...(opts.includeRecommendations ? { recommendations } : {}),
    wasteAnalysis: {
      totalWaste: fromMinor(
        waste.reduce((a, x) => a + x.amountMinor, 0),
        dec,
      ),
      items: waste.map(({ description, amountMinor, resourceId, rule }) => ({ description, amount: fromMinor(amountMinor, dec), resourceId, rule })),
    },
    analysis: {
      startDate: new Date(input.window.start).toISOString().slice(0, 10),
      endDate: new Date(Math.max(input.window.start, input.window.periodEnd - DAY_MS)).toISOString().slice(0, 10),
      dataThrough: new Date(input.window.end).toISOString().replace('.000Z', 'Z'),
      hoursAnalysed: hoursAnalysed(input.window),
      hoursPerMonth: input.window.hoursPerMonth,
      monthlyFactor: Math.round(k * 1e6) / 1e6,
    },
  };
}
