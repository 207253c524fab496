import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CURRENCIES, CURRENCY_DECIMALS, optimizationResponseSchema, type Currency } from '../../src/contract/billing.ts';
import {
  buildOptimization,
  findOpportunities,
  impactOf,
  inWorkingHours,
  monthlyFactor,
  type ClusterStats,
  type EndpointStats,
  type Finding,
  type Money,
  type OptimizationInput,
  type TrainingJobStats,
  type TransferStats,
  type VolumeStats,
} from './optimization.ts';

const H = 3_600_000;
const D = 24 * H;
const DEC_1 = Date.UTC(2023, 11, 1);
const JAN_1 = Date.UTC(2024, 0, 1);
const HOURS = 744;

/** USD amounts; the "requested currency" is EUR at a flat 0.9 unless a test says otherwise. */
const usd = (x: number, rate = 0.9): Money => ({ usd: x, cur: x * rate });

function input(over: Partial<OptimizationInput> = {}): OptimizationInput {
  return {
    window: { start: DEC_1, end: JAN_1, periodEnd: JAN_1, hoursPerMonth: HOURS, currency: 'EUR' },
    windowRateHours: usd(HOURS),
    costByType: {},
    clusters: [],
    endpoints: [],
    trainingJobs: [],
    volumes: [],
    transfers: [],
    ...over,
  };
}

function cluster(over: Partial<ClusterStats> = {}): ClusterStats {
  const gpus = over.maxGpus ?? 8;
  return {
    resourceId: 'cluster-x',
    name: 'Cluster X',
    sku: 'gpu-h100',
    hoursRunning: HOURS,
    cost: usd(gpus * HOURS * 3.49),
    gpuHours: gpus * HOURS,
    minGpus: gpus,
    maxGpus: gpus,
    p95Util: 0.8,
    meanUtil: 0.7,
    onDemandPrice: 3.49,
    reservedPrice: 2.29,
    runningRateHours: usd(HOURS),
    lowUtilRuns: [],
    ...over,
  };
}

function endpoint(over: Partial<EndpointStats> = {}): EndpointStats {
  return {
    resourceId: 'ep-x',
    name: 'Endpoint X',
    hours: HOURS,
    cost: usd(3 * HOURS * 2.69),
    minWorkers: 3,
    gpusPerWorker: 1,
    capacity: 8,
    maxPeakConcurrency: 1,
    gpuHourCost: usd(HOURS * 2.69),
    ...over,
  };
}

const byRule = (fs: Finding[], rule: Finding['rule']) => fs.filter((f) => f.rule === rule);

describe('idle_cluster', () => {
  it('counts runs of 24 h or more under 10% utilisation, at the cost of those hours', () => {
    const c = cluster({
      lowUtilRuns: [
        { start: DEC_1 + 10 * D, end: DEC_1 + 10 * D + 23 * H, hours: 23, hoursInWindow: 23, costInWindow: usd(23 * 27.92) },
        { start: DEC_1 + 20 * D, end: DEC_1 + 22 * D, hours: 48, hoursInWindow: 48, costInWindow: usd(48 * 27.92) },
      ],
    });
    const [idle, ...rest] = findOpportunities(input({ clusters: [c] }));
    expect(idle!.rule).toBe('idle_cluster');
    expect(idle!.savings.usd).toBeCloseTo(48 * 27.92, 9);
    expect(idle!.savings.cur).toBeCloseTo(48 * 27.92 * 0.9, 9);
    expect(idle!.waste).toMatch(/48 h/);
    expect(idle!.title).toMatch(/Auto-stop/);
    // an idle cluster gets no reservation; its busy hours are not oversized here
    expect(rest.map((f) => f.rule)).toEqual([]);
  });

  it('uses the whole run length, so a run that began before the window still counts', () => {
    const c = cluster({
      hoursRunning: 10,
      lowUtilRuns: [{ start: JAN_1 - 30 * H, end: JAN_1, hours: 30, hoursInWindow: 6, costInWindow: usd(100) }],
    });
    const w = { start: JAN_1 - 10 * H, end: JAN_1, periodEnd: JAN_1 + 30 * D, hoursPerMonth: HOURS, currency: 'USD' as const };
    const [idle] = findOpportunities(input({ window: w, clusters: [c] }));
    expect(idle!.title).toMatch(/^Stop idle cluster/);
    // 100 over 10 analysed hours, made monthly: × 744 / 10
    expect(idle!.savings.usd).toBeCloseTo(100 * 74.4, 9);
  });
});

describe('oversized_cluster', () => {
  it('halves a cluster whose p95 utilisation is under 40%, saving half the cost of its busy hours', () => {
    const c = cluster({ p95Util: 0.26, meanUtil: 0.2 });
    const fs = findOpportunities(input({ clusters: [c] }));
    expect(fs.map((f) => f.rule)).toEqual(['oversized_cluster']);
    expect(fs[0]!.savings.usd).toBeCloseTo(c.cost.usd / 2, 9);
    expect(fs[0]!.title).toMatch(/from 8 to 4 GPUs/);
    expect(fs[0]!.waste).toBeNull();
  });

  it('leaves clusters at or over 40% p95 alone and excludes idle hours from the right-sized cost', () => {
    expect(byRule(findOpportunities(input({ clusters: [cluster({ p95Util: 0.4 })] })), 'oversized_cluster')).toEqual([]);
    const c = cluster({
      p95Util: 0.3,
      lowUtilRuns: [{ start: DEC_1, end: DEC_1 + 100 * H, hours: 100, hoursInWindow: 100, costInWindow: usd(1000) }],
    });
    const fs = findOpportunities(input({ clusters: [c] }));
    expect(byRule(fs, 'idle_cluster')[0]!.savings.usd).toBeCloseTo(1000, 9);
    expect(byRule(fs, 'oversized_cluster')[0]!.savings.usd).toBeCloseTo((c.cost.usd - 1000) / 2, 9);
  });
});

describe('reserved_capacity', () => {
  it('reserves the fewest GPUs of a cluster running 95% of the hours or more', () => {
    const running = 720; // 96.8%
    const c = cluster({ hoursRunning: running, minGpus: 2, maxGpus: 7, runningRateHours: usd(running) });
    const [f] = findOpportunities(input({ clusters: [c] }));
    expect(f!.rule).toBe('reserved_capacity');
    // 2 GPUs × (on-demand for the running hours − reserved for every hour)
    expect(f!.savings.usd).toBeCloseTo(2 * (3.49 * running - 2.29 * HOURS), 9);
    expect(f!.savings.cur).toBeCloseTo(2 * (3.49 * running - 2.29 * HOURS) * 0.9, 9);
    expect(f!.effort).toBe('low');
  });

  it('needs 95% of the hours, a reserved price, and a cluster that is neither idle nor oversized', () => {
    const none = (c: ClusterStats) => expect(byRule(findOpportunities(input({ clusters: [c] })), 'reserved_capacity')).toEqual([]);
    none(cluster({ hoursRunning: 700 }));
    // never from less than 30 days of data: the first 20 hours of a month, all of them running
    const short = { start: JAN_1, end: JAN_1 + 20 * 3_600_000, periodEnd: JAN_1 + 31 * 86_400_000, hoursPerMonth: 744, currency: 'EUR' as const };
    expect(
      byRule(findOpportunities(input({ window: short, windowRateHours: { usd: 20, cur: 18 }, clusters: [cluster({ hoursRunning: 20, runningRateHours: usd(20) })] })), 'reserved_capacity'),
    ).toEqual([]);
    none(cluster({ reservedPrice: null }));
    none(cluster({ p95Util: 0.2 }));
    none(cluster({ lowUtilRuns: [{ start: DEC_1, end: DEC_1 + D, hours: 24, hoursInWindow: 24, costInWindow: usd(600) }] }));
  });
});

describe('endpoint_min_workers', () => {
  it('saves the GPU-hours of minimum workers the observed peak never needed', () => {
    const [f] = findOpportunities(input({ endpoints: [endpoint()] }));
    expect(f!.rule).toBe('endpoint_min_workers');
    expect(f!.title).toMatch(/from 3 to 1/);
    expect(f!.savings.usd).toBeCloseTo(2 * HOURS * 2.69, 9);
    expect(f!.waste).toMatch(/3 configured, 1 needed/);
  });

  it('measures need in workers: peak concurrency over each worker’s capacity, at least one', () => {
    expect(findOpportunities(input({ endpoints: [endpoint({ minWorkers: 1 })] }))).toEqual([]);
    expect(findOpportunities(input({ endpoints: [endpoint({ maxPeakConcurrency: 20 })] }))).toEqual([]); // needs 3
    const [f] = findOpportunities(input({ endpoints: [endpoint({ minWorkers: 4, maxPeakConcurrency: 9, gpusPerWorker: 2 })] }));
    expect(f!.savings.usd).toBeCloseTo(2 * 2 * HOURS * 2.69, 9); // needs 2 of 4, two GPUs each
  });
});

describe('offpeak_training', () => {
  it('knows working hours in each region’s local time', () => {
    const mon = Date.UTC(2023, 11, 4); // a Monday
    expect(inWorkingHours(mon + 14 * H, 'us-east-1')).toBe(true); // 09:00 local
    expect(inWorkingHours(mon + 13 * H, 'us-east-1')).toBe(false); // 08:00
    expect(inWorkingHours(mon + 22 * H, 'us-east-1')).toBe(true); // 17:00
    expect(inWorkingHours(mon + 23 * H, 'us-east-1')).toBe(false); // 18:00
    expect(inWorkingHours(mon + 17 * H, 'us-west-2')).toBe(true); // 09:00
    expect(inWorkingHours(mon + 9 * H, 'eu-west-1')).toBe(true);
    expect(inWorkingHours(mon - 2 * D + 12 * H, 'eu-west-1')).toBe(false); // Saturday
  });

  it('discounts the jobs started in working hours by the assumed 30%', () => {
    const mon = Date.UTC(2023, 11, 4);
    const job = (id: string, startedAt: number, cost: number): TrainingJobStats => ({
      resourceId: id,
      name: id,
      region: 'eu-west-1',
      startedAt,
      cost: usd(cost),
      gpuHours: cost / 3,
    });
    const fs = findOpportunities(input({ trainingJobs: [job('a', mon + 10 * H, 1000), job('b', mon + 2 * H, 5000), job('c', mon + 11 * H, 500)] }));
    expect(fs).toHaveLength(1);
    expect(fs[0]!.resourceIds).toEqual(['a', 'c']);
    expect(fs[0]!.savings.usd).toBeCloseTo(0.3 * 1500, 9);
  });
});

describe('stale_storage', () => {
  const vol = (over: Partial<VolumeStats>): VolumeStats => ({
    resourceId: 'vol-x',
    name: 'x',
    sku: 'storage-ssd',
    cost: usd(1000),
    coldCost: usd(230),
    sizeGB: 10_000,
    createdAt: DEC_1 - 400 * D,
    lastActivityAt: JAN_1 - 30 * D,
    ...over,
  });
  it('moves a hot volume untouched for 30 days to object storage, saving the price difference', () => {
    const [f] = findOpportunities(input({ volumes: [vol({})] }));
    expect(f!.rule).toBe('stale_storage');
    expect(f!.savings.usd).toBeCloseTo(770, 9);
    expect(f!.waste).toMatch(/30 days/);
  });
  it('leaves volumes touched within 30 days, and volumes already in object storage', () => {
    expect(findOpportunities(input({ volumes: [vol({ lastActivityAt: JAN_1 - 30 * D + H })] }))).toEqual([]);
    expect(findOpportunities(input({ volumes: [vol({ sku: 'storage-object' })] }))).toEqual([]);
    // never touched since creation 40 days ago
    expect(findOpportunities(input({ volumes: [vol({ lastActivityAt: null, createdAt: JAN_1 - 40 * D })] }))).toHaveLength(1);
  });
});

describe('cross_region_transfer', () => {
  const flow = (over: Partial<TransferStats>): TransferStats => ({
    resourceId: 'xfer',
    name: 'xfer',
    sku: 'transfer-cross-region',
    hours: HOURS,
    gb: 500 * HOURS,
    meanGBPerHour: 500,
    cvGBPerHour: 0.09,
    cost: usd(500 * HOURS * 0.02),
    ...over,
  });
  it('saves the assumed avoidable share of a steady bulk cross-region flow', () => {
    const [f] = findOpportunities(input({ transfers: [flow({})] }));
    expect(f!.savings.usd).toBeCloseTo(0.5 * 500 * HOURS * 0.02, 9);
    expect(f!.effort).toBe('high');
  });
  it('ignores small, bursty, intermittent or internet flows', () => {
    for (const over of [{ meanGBPerHour: 50 }, { cvGBPerHour: 0.6 }, { hours: 600 }, { sku: 'egress-internet' }])
      expect(findOpportunities(input({ transfers: [flow(over)] }))).toEqual([]);
  });
});

describe('monthly normalisation', () => {
  it('scales the analysed hours to the average month of the range', () => {
    expect(monthlyFactor(input().window)).toBe(1);
    const half = { start: JAN_1, end: JAN_1 + 372 * H, periodEnd: JAN_1 + 31 * D, hoursPerMonth: 744, currency: 'USD' as const };
    expect(monthlyFactor(half)).toBe(2);
    const [f] = findOpportunities(input({ window: half, endpoints: [endpoint({ hours: 372, gpuHourCost: usd(372 * 2.69) })] }));
    expect(f!.savings.usd).toBeCloseTo(2 * HOURS * 2.69, 9);
  });
  it('finds nothing in an empty window', () => {
    const empty = { start: JAN_1, end: JAN_1, periodEnd: JAN_1 + 31 * D, hoursPerMonth: 744, currency: 'USD' as const };
    const i = input({ window: empty, endpoints: [endpoint()] });
    expect(findOpportunities(i)).toEqual([]);
    const r = buildOptimization(i, [], { includeRecommendations: true, detailed: false });
    expect(r.potentialSavings!.totalMonthly).toBe(0);
    expect(r.wasteAnalysis!.totalWaste).toBe(0);
    optimizationResponseSchema.parse(r);
  });
});

describe('never more than a cluster costs', () => {
  it('keeps the savings of each cluster within its monthly cost, whatever its statistics', () => {
    fc.assert(
      fc.property(
        fc.record({
          p95: fc.option(fc.double({ min: 0.1, max: 1, noNaN: true }), { nil: null }),
          running: fc.integer({ min: 0, max: HOURS }),
          minGpus: fc.integer({ min: 1, max: 8 }),
          runs: fc.array(fc.record({ hours: fc.integer({ min: 1, max: 200 }), inWindow: fc.integer({ min: 1, max: 200 }) }), { maxLength: 4 }),
        }),
        ({ p95, running, minGpus, runs }) => {
          const hourCost = 8 * 3.49;
          const low = runs.map((r, i) => {
            const h = Math.min(r.inWindow, r.hours);
            return { start: DEC_1 + i * 200 * H, end: DEC_1 + i * 200 * H + r.hours * H, hours: r.hours, hoursInWindow: h, costInWindow: usd(h * hourCost) };
          });
          const idle = low.filter((r) => r.hours >= 24).reduce((a, r) => a + r.hoursInWindow, 0);
          const hoursRunning = Math.max(running, idle);
          const c = cluster({
            hoursRunning,
            cost: usd(hoursRunning * hourCost),
            minGpus,
            maxGpus: 8,
            p95Util: p95,
            runningRateHours: usd(hoursRunning),
            lowUtilRuns: low,
          });
          const total = findOpportunities(input({ clusters: [c] })).reduce((a, f) => a + f.savings.usd, 0);
          expect(total).toBeLessThanOrEqual(c.cost.usd + 1e-6);
        },
      ),
    );
  });
});

describe('buildOptimization', () => {
  const everything = (currency: Currency, rate: number): OptimizationInput => {
    const m = (x: number) => usd(x, rate);
    return input({
      window: { start: DEC_1, end: JAN_1, periodEnd: JAN_1, hoursPerMonth: HOURS, currency },
      windowRateHours: m(HOURS),
      costByType: { clusters: m(80_000), endpoints: m(20_000), storage: m(5000), bandwidth: m(9000), training: m(40_000) },
      clusters: [
        cluster({ resourceId: 'c-idle', lowUtilRuns: [{ start: DEC_1, end: JAN_1, hours: HOURS, hoursInWindow: HOURS, costInWindow: m(8 * HOURS * 3.49) }], cost: m(8 * HOURS * 3.49), runningRateHours: m(HOURS) }),
        cluster({ resourceId: 'c-big', p95Util: 0.22, cost: m(8 * HOURS * 3.49 + 0.004), runningRateHours: m(HOURS) }),
        cluster({ resourceId: 'c-steady', minGpus: 3, maxGpus: 8, cost: m(5 * HOURS * 3.49), runningRateHours: m(HOURS) }),
      ],
      endpoints: [endpoint({ cost: m(3 * HOURS * 2.69), gpuHourCost: m(HOURS * 2.69 + 0.0033) })],
      volumes: [
        { resourceId: 'v-old', name: 'old', sku: 'storage-ssd', cost: m(1000.005), coldCost: m(230.001), sizeGB: 1, createdAt: 0, lastActivityAt: DEC_1 - 100 * D },
      ],
      transfers: [{ resourceId: 'x', name: 'x', sku: 'transfer-cross-region', hours: HOURS, gb: 1, meanGBPerHour: 400, cvGBPerHour: 0.1, cost: m(7777.777) }],
      trainingJobs: [{ resourceId: 't', name: 't', region: 'us-east-1', startedAt: Date.UTC(2023, 11, 5, 15), cost: m(12_345.678), gpuHours: 1 }],
    });
  };

  it('adds up exactly in every currency: total = Σ categories = Σ recommendations; waste = Σ items', () => {
    fc.assert(
      fc.property(fc.constantFrom(...CURRENCIES), fc.double({ min: 0.5, max: 200, noNaN: true }), (currency, rate) => {
        const i = everything(currency, currency === 'USD' ? 1 : rate);
        const r = optimizationResponseSchema.parse(buildOptimization(i, findOpportunities(i), { includeRecommendations: true, detailed: true }));
        const d = CURRENCY_DECIMALS[currency];
        const minor = (x: number) => {
          const u = x * 10 ** d;
          expect(Math.abs(u - Math.round(u))).toBeLessThan(1e-6);
          return Math.round(u);
        };
        const total = minor(r.potentialSavings!.totalMonthly);
        expect(r.potentialSavings!.byCategory.reduce((a, c) => a + minor(c.savings), 0)).toBe(total);
        expect(r.recommendations!.reduce((a, x) => a + minor(x.potentialSavings), 0)).toBe(total);
        expect(r.wasteAnalysis!.items.reduce((a, x) => a + minor(x.amount), 0)).toBe(minor(r.wasteAnalysis!.totalWaste));
        for (const c of r.potentialSavings!.byCategory) expect(c.percentage).toBeCloseTo(Math.round((c.savings / c.currentCost) * 1000) / 10, 9);
        expect(r.potentialSavings!.currency).toBe(currency);
      }),
      { numRuns: 60 },
    );
  });

  it('ranks by impact (thresholds in USD), then savings; marks only pure waste as waste', () => {
    const i = everything('JPY', 150);
    const r = buildOptimization(i, findOpportunities(i), { includeRecommendations: true, detailed: false });
    const recs = r.recommendations!;
    const rank = { high: 0, medium: 1, low: 2 };
    for (let k = 1; k < recs.length; k++) {
      const a = recs[k - 1]!;
      const b = recs[k]!;
      expect(rank[a.impact as keyof typeof rank] < rank[b.impact as keyof typeof rank] || (a.impact === b.impact && a.potentialSavings >= b.potentialSavings)).toBe(true);
    }
    for (const x of recs) expect(x.impact).toBe(impactOf((x.potentialSavings / 150) * 1));
    expect(recs.every((x) => x.evidence === undefined)).toBe(true);
    expect(r.wasteAnalysis!.items.map((x) => x.resourceId).sort()).toEqual(['c-idle', 'ep-x', 'v-old']);
    expect(Number.isInteger(r.potentialSavings!.totalMonthly)).toBe(true);
  });

  it('leaves recommendations out when asked, keeping the totals', () => {
    const i = everything('USD', 1);
    const with_ = buildOptimization(i, findOpportunities(i), { includeRecommendations: true, detailed: true });
    const without = buildOptimization(i, findOpportunities(i), { includeRecommendations: false, detailed: true });
    expect(without.recommendations).toBeUndefined();
    expect(without.potentialSavings).toEqual(with_.potentialSavings);
    expect(with_.recommendations!.every((x) => x.evidence!.length > 0)).toBe(true);
  });

  it('gives impact thresholds in USD a month', () => {
    expect(impactOf(2000)).toBe('high');
    expect(impactOf(1999.99)).toBe('medium');
    expect(impactOf(500)).toBe('medium');
    expect(impactOf(499)).toBe('low');
  });
});
