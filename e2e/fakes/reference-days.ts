/**
 * The reference stand-in (reference.ts) answering a custom range for what it
 * covers, as the reference documents `timeRange=custom` with `startDate` and
 * `endDate`: the example's month to date (1–16 Jan 2024, $1,247.83) is spread
 * over its sixteen days, and a custom range answers the sum of its days, in
 * the example's documented fields only (period, summary, breakdown with its
 * timeSeries and topResources, regional, and with includeTeamMetrics=true
 * teamBreakdown and userBreakdown as the team example reads them). Days
 * outside 1–16 Jan cost nothing. `groupBy` is accepted as documented; the
 * reference shows no answer shape for it beyond the team metrics, so none is
 * added. `resourceType` is not applied (every type is answered). Every other
 * request gets the reference fake's answer (the example verbatim).
 *
 * Each member's cents are spread over the days by weights of its own
 * (largest remainder); the largest member of each split takes the day's total
 * less the others', so every split of a day adds up to that day's total, and
 * each member's sixteen days add up to its figure in the example exactly.
 */
import { REFERENCE_TEAMS, REFERENCE_USERS, USAGE_EXAMPLE_TEXT, referenceAnswer, type FakeAnswer, type FakeOptions } from './reference.ts';

interface Example {
  summary: { totalCost: number; totalGpuHours: number; totalApiRequests: number; totalStorageGB: number; totalBandwidthGB: number; currency: string };
  breakdown: {
    resourceType: string;
    usage: { quantity: number; unit: string; cost: number };
    topResources: { resourceId: string; name: string; usage: number; cost: number }[];
  }[];
  regional: { region: string; cost: number; usage: { gpuHours: number; apiRequests: number } }[];
}
const EXAMPLE = JSON.parse(USAGE_EXAMPLE_TEXT) as Example;

/** The days with cost: the example's month to date. */
export const DATA_DAYS = Array.from({ length: 16 }, (_, i) => `2024-01-${String(i + 1).padStart(2, '0')}`);
const N = DATA_DAYS.length;

const weights = (seed: number) => DATA_DAYS.map((_, d) => 1 + (((d + 1) * (2 * seed + 3) + seed) % 7) * 0.05);

/** `cents` over the days in proportion to `w`, whole cents adding up to it. */
function spread(cents: number, w: readonly number[]): number[] {
  const sum = w.reduce((a, b) => a + b, 0);
  const exact = w.map((x) => (cents * x) / sum);
  const out = exact.map(Math.floor);
  let left = cents - out.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => ({ i, r: x - Math.floor(x) })).sort((a, b) => b.r - a.r || a.i - b.i);
  for (let k = 0; left > 0; k++, left--) out[order[k % N]!.i]! += 1;
  return out;
}

const cents = (x: number) => Math.round(x * 100);

/** Each day's total, in cents. */
export const DAY_TOTAL_CENTS = spread(cents(EXAMPLE.summary.totalCost), weights(0));

/** A split of the total over members: each member's cents per day (the largest takes what the others leave). */
function split<T>(members: readonly T[], costOf: (m: T) => number, seed: number): Map<T, number[]> {
  const largest = members.reduce((a, b) => (costOf(b) > costOf(a) ? b : a));
  const out = new Map<T, number[]>();
  members.forEach((m, i) => m !== largest && out.set(m, spread(cents(costOf(m)), weights(seed + i + 1))));
  out.set(largest, DAY_TOTAL_CENTS.map((t, d) => t - [...out.values()].reduce((a, s) => a + s[d]!, 0)));
  return out;
}

export const REGION_DAYS = split(EXAMPLE.regional, (r) => r.cost, 10);
export const TEAM_DAYS = split(REFERENCE_TEAMS, (t) => t.totalCost, 20);
export const USER_DAYS = split(REFERENCE_USERS, (u) => u.totalCost, 30);
export const TYPE_DAYS = split(EXAMPLE.breakdown, (b) => b.usage.cost, 40);
/** Top resources within their type (a share of it with weights of their own). */
export const RESOURCE_DAYS = new Map(
  EXAMPLE.breakdown.flatMap((b, i) => b.topResources.map((t, j) => [t, spread(cents(t.cost), weights(50 + 3 * i + j))] as const)),
);

/** The cents of `days` (a member's per-day cents) within a range, as dollars. */
const within = (days: readonly number[], from: string, to: string) =>
  days.reduce((a, c, d) => (DATA_DAYS[d]! >= from && DATA_DAYS[d]! <= to ? a + c : a), 0) / 100;

/** Member figures for a range, exactly as the answer has them (for the tests' expected values). */
export function rangeCost(days: readonly number[], startDate: string, endDate: string): number {
  return within(days, startDate, endDate);
}

const dayList = (from: string, to: string) => {
  const out: string[] = [];
  for (let t = Date.parse(`${from}T00:00:00Z`); t <= Date.parse(`${to}T00:00:00Z`); t += 86_400_000) out.push(new Date(t).toISOString().slice(0, 10));
  return out;
};
const pct = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 1000) / 10 : 0);
const round = (x: number, digits: number) => Math.round(x * 10 ** digits) / 10 ** digits;

/** The documented answer for a custom range. */
export function customRangeAnswer(startDate: string, endDate: string, teamMetrics: boolean) {
  const total = within(DAY_TOTAL_CENTS, startDate, endDate);
  const share = total / EXAMPLE.summary.totalCost;
  const days = dayList(startDate, endDate);
  const lastDataDay = DATA_DAYS.at(-1)!;
  const breakdown = EXAMPLE.breakdown.map((b) => {
    const perDay = TYPE_DAYS.get(b)!;
    const cost = within(perDay, startDate, endDate);
    const f = b.usage.cost > 0 ? cost / b.usage.cost : 0;
    return {
      resourceType: b.resourceType,
      usage: { quantity: round(b.usage.quantity * f, 1), unit: b.usage.unit, cost, percentage: pct(cost, total) },
      timeSeries: days.map((day) => {
        const c = within(perDay, day, day);
        return { timestamp: `${day}T00:00:00Z`, value: round(b.usage.quantity * (b.usage.cost > 0 ? c / b.usage.cost : 0), 1), cost: c };
      }),
      topResources: b.topResources.map((t) => {
        const c = within(RESOURCE_DAYS.get(t)!, startDate, endDate);
        return { resourceId: t.resourceId, name: t.name, usage: round(t.usage * (t.cost > 0 ? c / t.cost : 0), 1), cost: c };
      }),
    };
  });
  return {
    period: {
      startDate,
      endDate,
      billingCycle: 'monthly',
      daysInPeriod: days.length,
      daysElapsed: Math.max(1, days.filter((d) => d <= lastDataDay).length),
    },
    summary: {
      totalCost: total,
      totalGpuHours: round(EXAMPLE.summary.totalGpuHours * share, 1),
      totalApiRequests: Math.round(EXAMPLE.summary.totalApiRequests * share),
      totalStorageGB: round(EXAMPLE.summary.totalStorageGB * share, 1),
      totalBandwidthGB: round(EXAMPLE.summary.totalBandwidthGB * share, 1),
      currency: EXAMPLE.summary.currency,
    },
    breakdown,
    regional: EXAMPLE.regional.map((r) => {
      const cost = within(REGION_DAYS.get(r)!, startDate, endDate);
      const f = r.cost > 0 ? cost / r.cost : 0;
      return {
        region: r.region,
        usage: { totalCost: cost, gpuHours: round(r.usage.gpuHours * f, 1), apiRequests: Math.round(r.usage.apiRequests * f) },
        cost,
        percentage: pct(cost, total),
      };
    }),
    alerts: [],
    ...(teamMetrics
      ? {
          teamBreakdown: REFERENCE_TEAMS.map((t) => {
            const cost = within(TEAM_DAYS.get(t)!, startDate, endDate);
            return { teamName: t.teamName, totalCost: cost, percentage: pct(cost, total), memberCount: t.memberCount };
          }),
          userBreakdown: REFERENCE_USERS.map((u) => ({
            userName: u.userName,
            totalCost: within(USER_DAYS.get(u)!, startDate, endDate),
            ...(u.team ? { team: u.team } : {}),
          })),
        }
      : {}),
  };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** The reference fake, with custom ranges answered for their days. */
export function referenceDaysAnswer(method: string, url: URL, authorization: string | null, options: FakeOptions): FakeAnswer {
  const q = url.searchParams;
  const custom = method === 'GET' && url.pathname.replace(/\/+$/, '') === '/v2/billing/usage' && q.get('timeRange') === 'custom';
  if (!custom || authorization !== `Bearer ${options.apiKey}`) return referenceAnswer(method, url, authorization, options);
  const startDate = q.get('startDate') ?? '';
  const endDate = q.get('endDate') ?? '';
  if (!DATE.test(startDate) || !DATE.test(endDate) || startDate > endDate)
    return { status: 400, body: { error: { code: 'invalid_parameter', message: 'custom needs startDate and endDate (YYYY-MM-DD), in order' } } };
  return { status: 200, body: customRangeAnswer(startDate, endDate, /^(true|1)$/i.test(q.get('includeTeamMetrics') ?? '')) };
}
