/**
 * Deterministic usage generator. Every hour's rows are a pure function of the
 * history's start (the anchor) and the hour itself, so a database filled in
 * one go and one extended hour by hour hold identical rows.
 */
import type { ResourceType } from '../../src/contract/billing.ts';
import { AI_SERVICE_NAMES, REGION_UTC_OFFSET, SPIKES, type Region } from './catalog.ts';
import { hashUnit, stringKey } from './hash.ts';
import { BASE_ORGANISATION, type Organisation } from './organisation.ts';
import { HOUR_MS, DAY_MS } from '../../src/lib/time.ts';
export { HOUR_MS, DAY_MS } from '../../src/lib/time.ts';

export { hashUnit };

const MONTH_DAYS = 30.4375;

export interface UsageRow {
  hour: number; // epoch ms of the hour's start
  resourceId: string;
  resourceType: ResourceType;
  sku: string;
  region: Region;
  projectId: string;
  userId: string;
  quantity: number;
  gpuUtil: number | null;
  requests: number | null;
  peakConcurrency: number | null;
  minWorkers: number | null;
  ioOps: number | null;
}

export interface ResourceRow {
  resourceId: string;
  name: string;
  resourceType: ResourceType;
  sku: string | null;
  region: Region | null;
  projectId: string | null;
  ownerId: string | null;
  createdAt: number;
  endedAt: number | null;
  attrs: Record<string, unknown>;
}

/** Multiplicative noise with a median of 1. */
function noise(sigma: number, key: number, hourIdx: number, salt = 0): number {
  const u1 = Math.max(hashUnit(key, hourIdx, salt, 1), 1e-12);
  const u2 = hashUnit(key, hourIdx, salt, 2);
  const z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  return Math.exp(sigma * z);
}

/** Start of month m counted from the anchor month (UTC). */
export function monthStart(anchor: number, m: number): number {
  const d = new Date(anchor);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + m, 1);
}

/** The history starts on the first day of the month twelve months before now's month. */
export function anchorFor(now: number): number {
  const d = new Date(now);
  return Date.UTC(d.getUTCFullYear(), d.getUTCMonth() - 12, 1);
}

function local(hour: number, region: Region): { h: number; dow: number } {
  const d = new Date(hour + REGION_UTC_OFFSET[region] * HOUR_MS);
  return { h: d.getUTCHours(), dow: d.getUTCDay() };
}

/** Working-day load: low at night, a peak in the afternoon, quiet weekends. */
function businessLoad(hour: number, region: Region): number {
  const { h, dow } = local(hour, region);
  const day = 0.45 + 0.85 * Math.exp(-((h - 14) ** 2) / (2 * 3.5 ** 2));
  const weekend = dow === 0 || dow === 6 ? 0.55 : 1;
  return day * weekend;
}

/** Consumer traffic: an evening peak and busier weekends. */
function consumerLoad(hour: number, region: Region): number {
  const { h, dow } = local(hour, region);
  const day = 0.5 + 0.75 * Math.exp(-((h - 19) ** 2) / (2 * 4 ** 2)) + 0.25 * Math.exp(-((h - 11) ** 2) / 8);
  const weekend = dow === 0 || dow === 6 ? 1.12 : 1;
  return day * weekend;
}

function growth(anchor: number, hour: number, rate: number): number {
  return Math.exp((rate * (hour - anchor)) / (MONTH_DAYS * DAY_MS));
}

/** The spikes that touch one resource, as windows in epoch ms: worked out once per resource, not per hour. */
function spikesOf(anchor: number, id: string, type: ResourceType): (hour: number) => number {
  const windows = SPIKES.filter((s) => s.match(id, type)).map((s) => {
    const start = monthStart(anchor, s.month) + s.day * DAY_MS;
    return { start, end: start + s.days * DAY_MS, factor: s.factor };
  });
  if (windows.length === 0) return () => 1;
  return (hour) => {
    let f = 1;
    for (const w of windows) {
      if (hour >= w.start && hour < w.end) {
        // ramp in over the first day so the spike looks organic
        const ramp = Math.min(1, (hour - w.start) / DAY_MS + 0.3);
        f *= 1 + (w.factor - 1) * ramp;
      }
    }
    return f;
  };
}

interface TrainingJob {
  id: string;
  name: string;
  projectId: string;
  userId: string;
  sku: string;
  region: Region;
  gpus: number;
  start: number;
  end: number;
}

/**
 * Training jobs launched in weeks from the anchor up to `until`
 * (deterministic). Another `seed` gives another draw of the same process
 * (bench:forecast uses them for the expected cost of jobs not yet launched).
 */
export function trainingJobs(anchor: number, until: number, seed = 0, org: Organisation = BASE_ORGANISATION): TrainingJob[] {
  const hash = seed === 0 ? hashUnit : (...parts: number[]) => hashUnit(...parts, seed);
  const jobs: TrainingJob[] = [];
  for (let w = 0; anchor + w * 7 * DAY_MS < until; w++) {
    const weekStart = anchor + w * 7 * DAY_MS;
    org.trainingTeams.forEach((team, ti) => {
      const rate = team.jobsPerWeek * growth(anchor, weekStart, 0.035);
      const n = Math.floor(rate + hash(ti, w, 11));
      const members = org.membersOf(team.projectId);
      for (let j = 0; j < n; j++) {
        const r = (salt: number) => hash(ti, w, j, salt);
        const dayOffset = Math.floor(r(1) * 7);
        // Most jobs are launched by hand during the working day (peak hours).
        const localHour = r(2) < 0.8 ? 9 + Math.floor(r(3) * 8) : Math.floor(r(3) * 24);
        const start =
          weekStart + dayOffset * DAY_MS + ((localHour - REGION_UTC_OFFSET[team.region] + 24) % 24) * HOUR_MS;
        const duration = Math.round(6 + r(4) ** 2 * 110);
        const gpus = [8, 8, 16, 16, 32][Math.floor(r(5) * 5)]!;
        const model = team.models[Math.floor(r(6) * team.models.length)]!;
        const user = members[Math.floor(r(7) * members.length)]!;
        const sku = team.projectId === 'research' || r(8) < 0.35 ? 'training-h100' : 'training-a100';
        const date = new Date(start).toISOString().slice(0, 10).replaceAll('-', '');
        jobs.push({
          id: `train-${team.projectId}-${date}-${String(j + 1).padStart(2, '0')}`,
          name: `${model} (${date.slice(0, 4)}-${date.slice(4, 6)}-${date.slice(6)})`,
          projectId: team.projectId,
          userId: user.id,
          sku,
          region: team.region,
          gpus,
          start,
          end: start + duration * HOUR_MS,
        });
      }
    });
  }
  return jobs;
}

/** Every resource known up to `until`. */
export function resources(anchor: number, until: number, org: Organisation = BASE_ORGANISATION): ResourceRow[] {
  const out: ResourceRow[] = [];
  for (const c of org.clusters)
    out.push({
      resourceId: c.id,
      name: c.name,
      resourceType: 'clusters',
      sku: c.sku,
      region: c.region,
      projectId: c.projectId,
      ownerId: c.ownerId,
      createdAt: monthStart(anchor, c.fromMonth),
      endedAt: null,
      attrs: { gpus: c.gpus, minGpus: c.minGpus ?? c.gpus, autoscaling: c.minGpus !== undefined },
    });
  for (const e of org.endpoints)
    out.push({
      resourceId: e.id,
      name: e.name,
      resourceType: 'endpoints',
      sku: e.sku,
      region: e.region,
      projectId: e.projectId,
      ownerId: e.ownerId,
      createdAt: monthStart(anchor, e.fromMonth),
      endedAt: null,
      attrs: { minWorkers: e.minWorkers, gpusPerWorker: e.gpusPerWorker, capacity: e.capacity },
    });
  for (const j of trainingJobs(anchor, until, 0, org))
    out.push({
      resourceId: j.id,
      name: j.name,
      resourceType: 'training',
      sku: j.sku,
      region: j.region,
      projectId: j.projectId,
      ownerId: j.userId,
      createdAt: j.start,
      endedAt: j.end,
      attrs: { gpus: j.gpus },
    });
  for (const [sku, name] of Object.entries(AI_SERVICE_NAMES))
    out.push({
      resourceId: sku,
      name,
      resourceType: 'ai-services',
      sku,
      region: null,
      projectId: null,
      ownerId: null,
      createdAt: anchor,
      endedAt: null,
      attrs: {},
    });
  for (const v of org.volumes)
    out.push({
      resourceId: v.id,
      name: v.name,
      resourceType: 'storage',
      sku: v.sku,
      region: v.region,
      projectId: v.projectId,
      ownerId: v.ownerId,
      createdAt: monthStart(anchor, v.fromMonth),
      endedAt: null,
      attrs: {},
    });
  for (const f of org.flows)
    out.push({
      resourceId: f.id,
      name: f.name,
      resourceType: 'bandwidth',
      sku: f.sku,
      region: f.region,
      projectId: f.projectId,
      ownerId: f.ownerId,
      createdAt: anchor,
      endedAt: null,
      attrs: {},
    });
  return out;
}

const round = (x: number, d: number) => Math.round(x * 10 ** d) / 10 ** d;
const clamp = (x: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, x));

/**
 * Emits every usage row for hours in [from, to) (epoch ms, hour-aligned).
 */
export function generateUsage(
  anchor: number,
  from: number,
  to: number,
  emit: (row: UsageRow) => void,
  org: Organisation = BASE_ORGANISATION,
): void {
  const hours: number[] = [];
  for (let t = from; t < to; t += HOUR_MS) hours.push(t);
  const idx = (t: number) => Math.round((t - anchor) / HOUR_MS);

  for (const c of org.clusters) {
    const key = stringKey(c.id);
    const spike = spikesOf(anchor, c.id, 'clusters');
    const created = monthStart(anchor, c.fromMonth);
    const idleFrom = c.idleFromMonth === undefined ? Infinity : monthStart(anchor, c.idleFromMonth);
    for (const t of hours) {
      if (t < created) continue;
      const i = idx(t);
      const load = businessLoad(t, c.region) * noise(0.08, key, i) * spike(t);
      let gpus = c.gpus;
      if (c.minGpus !== undefined) gpus = clamp(Math.round(c.gpus * 0.62 * load), c.minGpus, c.gpus * 2);
      let util: number;
      if (t >= idleFrom) util = 0.005 + 0.03 * hashUnit(key, i, 5);
      else util = clamp(c.util + c.utilSwing * (load - 0.85) + 0.05 * (hashUnit(key, i, 6) - 0.5), 0.02, 0.99);
      emit({
        hour: t,
        resourceId: c.id,
        resourceType: 'clusters',
        sku: c.sku,
        region: c.region,
        projectId: c.projectId,
        userId: c.ownerId,
        quantity: gpus,
        gpuUtil: round(util, 4),
        requests: null,
        peakConcurrency: null,
        minWorkers: null,
        ioOps: null,
      });
    }
  }

  for (const e of org.endpoints) {
    const key = stringKey(e.id);
    const spike = spikesOf(anchor, e.id, 'endpoints');
    const created = monthStart(anchor, e.fromMonth);
    for (const t of hours) {
      if (t < created) continue;
      const i = idx(t);
      const c =
        e.baseConcurrency *
        growth(anchor, t, e.growth) *
        consumerLoad(t, e.region) *
        noise(0.12, key, i) *
        spike(t);
      const peak = Math.ceil(c * (1.25 + 0.4 * hashUnit(key, i, 3)));
      const workers = Math.max(e.minWorkers, Math.ceil(peak / e.capacity));
      // Workers scale within the hour: bill the average of min and needed.
      const avgWorkers = Math.max(e.minWorkers, (workers + Math.max(e.minWorkers, Math.ceil(c / e.capacity))) / 2);
      emit({
        hour: t,
        resourceId: e.id,
        resourceType: 'endpoints',
        sku: e.sku,
        region: e.region,
        projectId: e.projectId,
        userId: e.ownerId,
        quantity: round(avgWorkers * e.gpusPerWorker, 4),
        gpuUtil: round(clamp(c / (avgWorkers * e.capacity), 0, 1), 4),
        requests: Math.round((c * 3600) / e.latency),
        peakConcurrency: peak,
        minWorkers: e.minWorkers,
        ioOps: null,
      });
    }
  }

  for (const j of trainingJobs(anchor, to, 0, org)) {
    if (j.end <= from || j.start >= to) continue;
    const key = stringKey(j.id);
    for (let t = Math.max(j.start, from); t < Math.min(j.end, to); t += HOUR_MS) {
      emit({
        hour: t,
        resourceId: j.id,
        resourceType: 'training',
        sku: j.sku,
        region: j.region,
        projectId: j.projectId,
        userId: j.userId,
        quantity: j.gpus,
        gpuUtil: round(0.86 + 0.1 * hashUnit(key, idx(t)), 4),
        requests: null,
        peakConcurrency: null,
        minWorkers: null,
        ioOps: null,
      });
    }
  }

  org.aiStreams.forEach((s, si) => {
    const key = stringKey(`${s.sku}/${s.projectId}/${s.region}`);
    const members = org.membersOf(s.projectId);
    const spike = spikesOf(anchor, s.sku, 'ai-services');
    for (const t of hours) {
      const i = idx(t);
      const n = Math.round(
        s.basePerHour *
          growth(anchor, t, s.growth) *
          consumerLoad(t, s.region) *
          noise(0.1, key, i) *
          spike(t),
      );
      if (n <= 0) continue;
      const user = members[Math.floor(hashUnit(si, Math.floor(i / 24)) * members.length)]!;
      emit({
        hour: t,
        resourceId: s.sku,
        resourceType: 'ai-services',
        sku: s.sku,
        region: s.region,
        projectId: s.projectId,
        userId: user.id,
        quantity: n,
        gpuUtil: null,
        requests: n,
        peakConcurrency: null,
        minWorkers: null,
        ioOps: null,
      });
    }
  });

  for (const v of org.volumes) {
    const key = stringKey(v.id);
    const created = monthStart(anchor, v.fromMonth);
    const staleFrom = v.staleFromMonth === undefined ? Infinity : monthStart(anchor, v.staleFromMonth);
    for (const t of hours) {
      if (t < created) continue;
      const days = Math.floor((t - created) / DAY_MS);
      const size = v.sizeGB + v.growthGBPerDay * Math.min(days, Math.floor((staleFrom - created) / DAY_MS));
      const io = t >= staleFrom ? 0 : Math.round(200 + 4000 * businessLoad(t, v.region) * hashUnit(key, idx(t)));
      emit({
        hour: t,
        resourceId: v.id,
        resourceType: 'storage',
        sku: v.sku,
        region: v.region,
        projectId: v.projectId,
        userId: v.ownerId,
        quantity: size,
        gpuUtil: null,
        requests: null,
        peakConcurrency: null,
        minWorkers: null,
        ioOps: io,
      });
    }
  }

  for (const f of org.flows) {
    const key = stringKey(f.id);
    const spike = spikesOf(anchor, f.id, 'bandwidth');
    const steady = f.sku === 'transfer-cross-region';
    for (const t of hours) {
      const i = idx(t);
      const load = steady ? 0.85 + 0.3 * hashUnit(key, i) : consumerLoad(t, f.region) * noise(0.15, key, i);
      emit({
        hour: t,
        resourceId: f.id,
        resourceType: 'bandwidth',
        sku: f.sku,
        region: f.region,
        projectId: f.projectId,
        userId: f.ownerId,
        quantity: round(f.baseGBPerHour * growth(anchor, t, f.growth) * load * spike(t), 3),
        gpuUtil: null,
        requests: null,
        peakConcurrency: null,
        minWorkers: null,
        ioOps: null,
      });
    }
  }
}

/** Daily exchange rates (units per USD): a gentle deterministic random walk around a base. */
export const FX_BASE: Record<string, number> = { USD: 1, EUR: 0.92, GBP: 0.79, JPY: 149.5, CAD: 1.36, AUD: 1.52 };

export function fxRates(fromDay: number, toDay: number): Array<{ day: number; currency: string; rate: number }> {
  const out: Array<{ day: number; currency: string; rate: number }> = [];
  for (const [ci, [currency, base]] of Object.entries(FX_BASE).entries()) {
    for (let d = fromDay; d < toDay; d += DAY_MS) {
      const n = Math.floor(d / DAY_MS);
      // a smooth wander of a few percent, a pure function of the day
      const wave = 0.025 * Math.sin(n / 47 + ci) + 0.012 * Math.sin(n / 11 + 2 * ci) + 0.004 * (hashUnit(ci, n) - 0.5);
      const rate = currency === 'USD' ? 1 : base * (1 + wave);
      out.push({ day: d, currency, rate: Number(rate.toPrecision(6)) });
    }
  }
  return out;
}

export { AI_SERVICE_NAMES };
