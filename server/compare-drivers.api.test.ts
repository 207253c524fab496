/**
 * What drove the change, on the sandbox's own answers: for several spans
 * (month to date with today pro rata, a complete month, a quarter, a custom
 * range, year over year inside the history) and currencies, every split the
 * comparison view shows (by resource type, team and region, and each type by
 * team and by resource) adds up to the change to the cent, where the change
 * is computed here from the answers' totals alone.
 */
import { describe, expect, it } from 'vitest';
import { CURRENCY_DECIMALS, type Currency, type ResourceType, type UsageResponse } from '../src/contract/billing.ts';
import {
  byRegion,
  byResource,
  byResourceType,
  byTeam,
  decompose,
  spanParts,
  totalCost,
  typeCost,
  type SpanAnswers,
} from '../src/features/compare/drivers.ts';
import { likeForLike, type CompareMode } from '../src/lib/like-for-like.ts';
import type { DateRange } from '../src/lib/period.ts';
import { sandboxForFile } from './test/api.ts';
import { REFERENCE_NOW } from './test/sandbox.ts';

const sb = sandboxForFile();

function query(span: DateRange, currency: Currency, type?: ResourceType): string {
  const q = new URLSearchParams({ timeRange: 'custom', startDate: span.startDate, endDate: span.endDate, granularity: 'daily', currency, includeTeamMetrics: 'true' });
  if (type) q.set('resourceType', type);
  return q.toString();
}

async function answers(span: DateRange, currency: Currency, fraction: number, type?: ResourceType): Promise<SpanAnswers> {
  const whole = await sb.usage(query(span, currency, type));
  if (fraction >= 1) return { whole, fraction: 1 };
  const lastDay = await sb.usage(query({ startDate: span.endDate, endDate: span.endDate }, currency, type));
  return { whole, lastDay, fraction };
}

/** A span's total in minor units, its last day counted by the fraction: from the totals alone. */
function totalMinor(a: SpanAnswers, decimals: number): number {
  const t = (u: UsageResponse) => u.summary.totalCost;
  return Math.round((t(a.whole) - (a.lastDay ? (1 - a.fraction) * t(a.lastDay) : 0)) * 10 ** decimals);
}

const sum = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0);

const CASES: { name: string; range: DateRange; mode: CompareMode; currency: Currency }[] = [
  { name: 'month to date, today pro rata', range: { startDate: '2024-01-01', endDate: '2024-01-31' }, mode: 'previous', currency: 'USD' },
  { name: 'a complete month in JPY', range: { startDate: '2023-11-01', endDate: '2023-11-30' }, mode: 'previous', currency: 'JPY' },
  { name: 'a quarter in EUR', range: { startDate: '2023-10-01', endDate: '2023-12-31' }, mode: 'previous', currency: 'EUR' },
  { name: 'a custom range', range: { startDate: '2023-12-10', endDate: '2023-12-20' }, mode: 'previous', currency: 'GBP' },
  { name: 'month to date a year over year', range: { startDate: '2024-01-01', endDate: '2024-01-31' }, mode: 'year', currency: 'USD' },
];

describe('the change decomposed from the sandbox’s answers', () => {
  for (const c of CASES)
    it(`adds up to the cent: ${c.name}`, async () => {
      const spans = likeForLike(c.range, REFERENCE_NOW, c.mode)!;
      const decimals = CURRENCY_DECIMALS[c.currency];
      const current = await answers(spans.current, c.currency, 1);
      const previous = await answers(spans.previous, c.currency, spans.lastDayFraction);
      const change = totalMinor(current, decimals) - totalMinor(previous, decimals);

      const split = (parts: typeof byTeam) =>
        decompose({ previous: spanParts(previous, parts, totalCost), current: spanParts(current, parts, totalCost), decimals, remainderLabel: 'Other' });
      const types = split(byResourceType);
      for (const d of [types, split(byTeam), split(byRegion)]) {
        expect(d.change).toBe(change);
        expect(sum(d.contributors.map((x) => x.change))).toBe(change);
      }
      // The sandbox itemises everything by type, team and region: nothing is left over there but rounding.
      for (const x of types.contributors) if (x.remainder) expect(Math.abs(x.change)).toBeLessThanOrEqual(types.contributors.length);

      // Each type by team and by resource adds up to that type's change.
      for (const parent of types.contributors.filter((x) => !x.remainder)) {
        const type = parent.key as ResourceType;
        const cur = await answers(spans.current, c.currency, 1, type);
        const prev = await answers(spans.previous, c.currency, spans.lastDayFraction, type);
        for (const parts of [byTeam, byResource(type)]) {
          const d = decompose({
            previous: spanParts(prev, parts, typeCost(type)),
            current: spanParts(cur, parts, typeCost(type)),
            decimals,
            remainderLabel: 'Other',
            totals: { previous: parent.previous, current: parent.current },
          });
          expect(sum(d.contributors.map((x) => x.change))).toBe(parent.change);
          expect(sum(d.contributors.map((x) => x.previous))).toBe(parent.previous);
        }
      }
    });
});
