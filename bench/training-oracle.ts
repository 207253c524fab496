/**
 * What any forecaster could reach on the sandbox's monthly total
 * (bench:forecast, part 3).
 *
 * Training spend is a sum of independent jobs of random length and size
 * (server/db/generate.ts, trainingJobs). No history of costs can tell which
 * jobs will be launched, so a month's training cost keeps a spread that no
 * forecaster can remove. This module measures that floor with an oracle that
 * knows more than any real forecaster:
 *   - every job already launched at the origin, including when it will end;
 *   - the generator's own distribution of the jobs still to come (the same
 *     process drawn with SEEDS other seeds, growth included);
 *   - for "perfect others", the other five types' actual cost.
 * Its point forecast is the one minimising the expected absolute percentage
 * error under that distribution: the weighted median of the possible totals,
 * weights 1 / total.
 *
 * The oracle and the run-rate projection are cheap, so they are scored in the
 * sandbox's own history (world 0, where the model is scored too) and in SEEDS
 * other draws of the training jobs (worlds 1…SEEDS, the other types
 * unchanged): whether the oracle beats the run-rate by the target there says
 * whether the target is within reach of any forecaster, not just whether the
 * sandbox's one draw was kind.
 */
import { SKUS } from '../server/db/catalog.ts';
import { DAY_MS, HOUR_MS, trainingJobs } from '../server/db/generate.ts';

/** One scored forecast of the total (day indices from the start of the history). */
export interface BoundCase {
  horizon: string;
  /** First day of the scored month, the origin (first day not known) and the end of the month (exclusive). */
  start: number;
  origin: number;
  end: number;
  daysInMonth: number;
  /** The last complete month before the origin (the run-rate's). */
  lastFull: number;
  lastFullEnd: number;
  /** The model's forecast of the other five types' cost from the origin (or the month's start) to its end. */
  othersModel: number;
}

export interface BoundHistory {
  /** Start of the history (epoch ms, a day's start) and its end (exclusive). */
  anchor: number;
  until: number;
  /** Daily cost of the other five types, and of training as stored (to check the regenerated jobs against). */
  others: ArrayLike<number>;
  training: ArrayLike<number>;
  cases: BoundCase[];
}

export interface WorldScores {
  runRate: number;
  oracleModelOthers: number;
  oraclePerfectOthers: number;
}

export interface BoundResult {
  horizon: string;
  cases: number;
  /** MAPE % in the sandbox's own draw. */
  sandbox: WorldScores;
  /** MAPE % in every other draw (worlds 1…SEEDS). */
  worlds: WorldScores[];
}

interface Job {
  start: number;
  end: number;
  /** Cost per hour, USD. */
  hourly: number;
}

const PRICE = new Map(SKUS.map((s) => [s.sku, s.unitPriceUsd]));

function jobsOf(anchor: number, until: number, seed: number): Job[] {
  return trainingJobs(anchor, until, seed).map((j) => ({ start: j.start, end: Math.min(j.end, until), hourly: j.gpus * PRICE.get(j.sku)! }));
}

function dailyCost(jobs: Job[], anchor: number, days: number): Float64Array {
  const out = new Float64Array(days);
  for (const j of jobs)
    for (let t = j.start; t < j.end; t += HOUR_MS) {
      const d = Math.floor((t - anchor) / DAY_MS);
      if (d >= 0 && d < days) out[d]! += j.hourly;
    }
  return out;
}

/** Cost in [from, to) of the jobs launched before `origin` (past) and from it on (future). */
function split(jobs: Job[], origin: number, from: number, to: number): { past: number; future: number } {
  let past = 0;
  let future = 0;
  for (const j of jobs) {
    const hours = Math.max(0, Math.min(j.end, to) - Math.max(j.start, from)) / HOUR_MS;
    if (hours === 0) continue;
    if (j.start < origin) past += hours * j.hourly;
    else future += hours * j.hourly;
  }
  return { past, future };
}

/** The F minimising Σ |F − x| / x over the samples: their median weighted by 1 / x. */
function mapeOptimal(samples: number[]): number {
  const sorted = samples.filter((x) => x > 0).sort((a, b) => a - b);
  const half = sorted.reduce((a, x) => a + 1 / x, 0) / 2;
  let acc = 0;
  for (const x of sorted) if ((acc += 1 / x) >= half) return x;
  return sorted.at(-1) ?? 0;
}

const sum = (xs: ArrayLike<number>, from: number, to: number) => {
  let s = 0;
  for (let i = from; i < to; i++) s += xs[i]!;
  return s;
};

/** Scores the oracle and the run-rate in world 0 and in `seeds` other draws of the training jobs. */
export function trainingBound(histories: BoundHistory[], horizons: readonly string[], seeds: number): BoundResult[] {
  // per horizon and world: Σ APE of each method, and the count
  const acc = new Map(horizons.map((h) => [h, { n: 0, worlds: Array.from({ length: seeds + 1 }, () => ({ runRate: 0, oracleModelOthers: 0, oraclePerfectOthers: 0 })) }]));
  for (const h of histories) {
    const days = h.others.length;
    const worlds = Array.from({ length: seeds + 1 }, (_, s) => jobsOf(h.anchor, h.until, s));
    const daily = worlds.map((jobs) => dailyCost(jobs, h.anchor, days));
    // world 0 must be the sandbox's own jobs, to the cent
    for (let d = 0; d < days; d++)
      if (Math.abs(daily[0]![d]! - h.training[d]!) > 0.01 + 1e-9 * h.training[d]!)
        throw new Error(`regenerated training cost differs from the database on day ${d}: ${daily[0]![d]} vs ${h.training[d]}`);
    for (const c of h.cases) {
      const at = (day: number) => h.anchor + day * DAY_MS;
      const from = Math.max(c.origin, c.start);
      const splits = worlds.map((jobs) => split(jobs, at(c.origin), at(from), at(c.end)));
      const othersKnown = c.origin > c.start ? sum(h.others, c.start, c.origin) : 0;
      const othersRest = sum(h.others, from, c.end);
      const a = acc.get(c.horizon)!;
      a.n++;
      for (let s = 0; s <= seeds; s++) {
        const trainingKnown = c.origin > c.start ? sum(daily[s]!, c.start, c.origin) : 0;
        const actual = othersKnown + trainingKnown + othersRest + splits[s]!.past + splits[s]!.future;
        const runRate =
          c.origin > c.start
            ? ((othersKnown + trainingKnown) / (c.origin - c.start)) * c.daysInMonth
            : ((sum(h.others, c.lastFull, c.lastFullEnd) + sum(daily[s]!, c.lastFull, c.lastFullEnd)) / (c.lastFullEnd - c.lastFull)) * c.daysInMonth;
        // the jobs to come, as the other draws have them
        const futures: number[] = [];
        for (let r = 1; r <= seeds; r++) if (r !== s) futures.push(splits[r]!.future);
        const knownTraining = trainingKnown + splits[s]!.past;
        const oracle = (others: number) => mapeOptimal(futures.map((f) => othersKnown + others + knownTraining + f));
        const w = a.worlds[s]!;
        w.runRate += Math.abs(runRate - actual) / actual;
        w.oracleModelOthers += Math.abs(oracle(c.othersModel) - actual) / actual;
        w.oraclePerfectOthers += Math.abs(oracle(othersRest) - actual) / actual;
      }
    }
  }
  return horizons.map((horizon) => {
    const a = acc.get(horizon)!;
    const pct = (w: WorldScores): WorldScores => ({
      runRate: (100 * w.runRate) / a.n,
      oracleModelOthers: (100 * w.oracleModelOthers) / a.n,
      oraclePerfectOthers: (100 * w.oraclePerfectOthers) / a.n,
    });
    return { horizon, cases: a.n, sandbox: pct(a.worlds[0]!), worlds: a.worlds.slice(1).map(pct) };
  });
}
