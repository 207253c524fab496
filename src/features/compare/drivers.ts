/**
 * What drove the change between two spans, as pure functions over usage
 * answers: each span's cost split into parts (resource types, teams,
 * regions, resources), the parts' changes ranked by size.
 *
 * Every split is of documented fields only: `breakdown[].usage.cost` per
 * resource type, `regional[].cost` per region, `teamBreakdown[].totalCost`
 * per team (includeTeamMetrics) and `topResources[].cost` per resource. What
 * a split does not itemise (resources outside the API's top list, cost the
 * API gives no team) is a part of its own, so the parts always add up to the
 * whole: amounts are in the currency's minor units (cents, whole yen), each
 * span's parts apportioned to its total by the largest-remainder method, so
 * the changes add up to the total change to the cent.
 *
 * The earlier span may count its last day pro rata (see like-for-like.ts):
 * its figures are then the whole span's less (1 − fraction) of the last day's,
 * from a second answer for that day alone.
 */
import type { ResourceTypeId, UsageResponse } from '../../contract/billing';
import { apportion } from '../../lib/apportion';

/** One member of a split and its amount in one span (in currency units). */
export interface Part {
  key: string;
  label: string;
  amount: number;
}

/** A span's answers: the whole span, and when its last day counts pro rata, that day alone. */
export interface SpanAnswers<T = UsageResponse> {
  whole: T;
  lastDay?: T;
  /** Share of the last day counted (1 = whole). */
  fraction: number;
}

export interface Contributor {
  key: string;
  label: string;
  /** In minor units. */
  previous: number;
  current: number;
  change: number;
  /** Relative change in percent; undefined when there was nothing before. */
  percent: number | undefined;
  /** The part that collects what the split does not itemise. */
  remainder?: boolean;
}

export const REMAINDER_KEY = '__remainder__';

export { apportion };

const toMinor = (amount: number, decimals: number) => amount * 10 ** decimals;

/** Parts of one answer, keyed; repeated keys add up. */
function byKey(parts: readonly Part[]): Map<string, Part> {
  const map = new Map<string, Part>();
  for (const p of parts) {
    const prev = map.get(p.key);
    map.set(p.key, prev ? { ...prev, amount: prev.amount + p.amount } : { ...p });
  }
  return map;
}

/** A span's parts and total, its last day counted by `fraction`. */
export function spanParts<T>(answers: SpanAnswers<T>, split: (answer: T) => Part[], total: (answer: T) => number): { parts: Part[]; total: number } {
  const whole = byKey(split(answers.whole));
  const drop = answers.lastDay && answers.fraction < 1 ? 1 - answers.fraction : 0;
  if (drop > 0) {
    // Only parts the whole span itemises: a part listed for the last day alone
    // (a resource in that day's top list only) is inside the whole span's
    // remainder, so its share leaves with the total.
    for (const p of split(answers.lastDay!)) {
      const w = whole.get(p.key);
      if (w) whole.set(p.key, { ...w, amount: w.amount - drop * p.amount });
    }
  }
  const t = total(answers.whole) - (drop > 0 ? drop * total(answers.lastDay!) : 0);
  return { parts: [...whole.values()], total: t };
}

/** A span's parts in minor units, with the remainder, adding up to `totalMinor`. */
function minorParts(parts: readonly Part[], totalMinor: number, decimals: number): Map<string, number> {
  const raw = parts.map((p) => toMinor(p.amount, decimals));
  const rest = totalMinor - raw.reduce((a, b) => a + b, 0);
  const ints = apportion([...raw, rest], totalMinor);
  const map = new Map<string, number>();
  parts.forEach((p, i) => map.set(p.key, (map.get(p.key) ?? 0) + ints[i]!));
  map.set(REMAINDER_KEY, ints[parts.length]!);
  return map;
}

export interface Decomposition {
  /** In minor units. */
  previousTotal: number;
  currentTotal: number;
  change: number;
  percent: number | undefined;
  /** Ranked by the size of the change, largest first; they add up to `change` exactly. */
  contributors: Contributor[];
}

export interface DecomposeOptions {
  previous: { parts: readonly Part[]; total: number };
  current: { parts: readonly Part[]; total: number };
  /** Minor-unit digits of the currency (2; 0 for JPY). */
  decimals: number;
  /** Label of the part that holds what the split does not itemise. */
  remainderLabel: string;
  /**
   * The totals to add up to, in minor units, when the split is of a parent
   * part (a resource type's teams add up to that type's amounts); by default
   * the spans' own totals, rounded.
   */
  totals?: { previous: number; current: number };
}

/** The change from `previous` to `current`, split into ranked contributors that add up to it exactly. */
export function decompose({ previous, current, decimals, remainderLabel, totals }: DecomposeOptions): Decomposition {
  const previousTotal = totals?.previous ?? Math.round(toMinor(previous.total, decimals));
  const currentTotal = totals?.current ?? Math.round(toMinor(current.total, decimals));
  const before = minorParts(previous.parts, previousTotal, decimals);
  const after = minorParts(current.parts, currentTotal, decimals);
  const labels = new Map<string, string>();
  for (const p of [...previous.parts, ...current.parts]) if (!labels.has(p.key)) labels.set(p.key, p.label);
  labels.set(REMAINDER_KEY, remainderLabel);
  const contributors: Contributor[] = [];
  for (const [key, label] of labels) {
    const p = before.get(key) ?? 0;
    const c = after.get(key) ?? 0;
    if (p === 0 && c === 0) continue;
    contributors.push({
      key,
      label,
      previous: p,
      current: c,
      change: c - p,
      percent: percentOf(c, p),
      ...(key === REMAINDER_KEY ? { remainder: true } : {}),
    });
  }
  contributors.sort((a, b) => Math.abs(b.change) - Math.abs(a.change) || a.label.localeCompare(b.label));
  return { previousTotal, currentTotal, change: currentTotal - previousTotal, percent: percentOf(currentTotal, previousTotal), contributors };
}

function percentOf(current: number, previous: number): number | undefined {
  return previous > 0 ? ((current - previous) / previous) * 100 : undefined;
}

// ---------------------------------------------------------------- splits of a usage answer

export const totalCost = (u: UsageResponse) => u.summary.totalCost;

export const byResourceType = (u: UsageResponse): Part[] =>
  u.breakdown.map((b) => ({ key: b.resourceType, label: b.resourceType, amount: b.usage.cost }));

export const byRegion = (u: UsageResponse): Part[] => u.regional.map((r) => ({ key: r.region, label: r.region, amount: r.cost }));

/** Teams (includeTeamMetrics): keyed by teamId (the API's, else from the name). */
export const byTeam = (u: UsageResponse): Part[] => (u.teamBreakdown ?? []).map((t) => ({ key: t.teamId, label: t.teamName, amount: t.totalCost }));

/** A resource type's listed resources (the API's top resources of that type). */
export const byResource =
  (type: ResourceTypeId) =>
  (u: UsageResponse): Part[] =>
    (u.breakdown.find((b) => b.resourceType === type)?.topResources ?? []).map((r) => ({ key: r.resourceId, label: r.name, amount: r.cost }));

/** A resource type's cost in an answer (0 when absent). */
export const typeCost =
  (type: ResourceTypeId) =>
  (u: UsageResponse): number =>
    u.breakdown.find((b) => b.resourceType === type)?.usage.cost ?? 0;

/** Whether an answer has team metrics at all (an API without them sends no teamBreakdown). */
export const hasTeams = (u: UsageResponse) => u.teamBreakdown !== undefined;
