import { describe, expect, it } from 'vitest';
import { AT_RISK_CHANCE, SCALE_MAX, budgetFigures, rankStatus, sharedScale } from './budget-view';

const item = { monthlyBudget: 75_000, currency: 'USD', currentSpent: 39_702.38, percentageUsed: 52.9, projectedSpend: 80_000 };
// 0.92 EUR and 150 JPY per USD
const rates: Record<string, number> = { USD: 1, EUR: 0.92, JPY: 150 };
const convert = (a: number, from: string, to: string) => (rates[from] && rates[to] ? (a / rates[from]!) * rates[to]! : undefined);

describe('budgetFigures', () => {
  it('converts the budget and its spend into the display currency and notes the budget’s own', () => {
    const f = budgetFigures(item, { currency: 'JPY', convert, record: 11_925_720 })!;
    expect(f.budget).toBeCloseTo(75_000 * 150, 6);
    expect(f.spent).toBeCloseTo(39_702.38 * 150, 6);
    expect(f.own).toEqual({ currency: 'USD', budget: 75_000, spent: 39_702.38 });
    // the projection of record is asked for in the display currency and used as it is
    expect(f.projected).toBe(11_925_720);
    expect(f.projectedFrom).toBe('record');
    expect(f.projectedPercent).toBeCloseTo((11_925_720 / (75_000 * 150)) * 100, 9);
    expect(f.spentPercent).toBe(52.9);
  });

  it('falls back to the budget status projection, converted and named, without the record; waits for a missing rate', () => {
    const f = budgetFigures({ ...item, currency: 'EUR' }, { currency: 'USD', convert })!;
    expect(f.projected).toBeCloseTo(80_000 / 0.92, 6);
    expect(f.projectedFrom).toBe('budget-status');
    expect(budgetFigures({ ...item, currency: 'CHF' }, { currency: 'USD', convert })).toBeUndefined();
    expect(budgetFigures(item, { currency: 'USD', convert })!.own).toBeUndefined();
  });
});

describe('rankStatus', () => {
  it('ranks exceeded > projected over > at risk > on track, at risk from the breach chance', () => {
    expect(rankStatus({ spentPercent: 100, projectedPercent: 295 })).toBe('exceeded');
    expect(rankStatus({ spentPercent: 60, projectedPercent: 295, probability: 0.99 })).toBe('projected_over');
    expect(rankStatus({ spentPercent: 60, projectedPercent: 108.7, probability: 0.7 })).toBe('projected_over');
    expect(rankStatus({ spentPercent: 60, projectedPercent: 98, probability: AT_RISK_CHANCE })).toBe('at_risk');
    expect(rankStatus({ spentPercent: 60, projectedPercent: 98, probability: AT_RISK_CHANCE - 0.01 })).toBe('on_track');
    // without a breach forecast: at risk from 90% projected
    expect(rankStatus({ spentPercent: 60, projectedPercent: 90 })).toBe('at_risk');
    expect(rankStatus({ spentPercent: 60, projectedPercent: 89.9 })).toBe('on_track');
    expect(rankStatus({ spentPercent: 60 })).toBeUndefined();
  });
});

describe('sharedScale', () => {
  it('is one scale for all cards, fitting the furthest figure in steps of 25%, and never past SCALE_MAX', () => {
    expect(sharedScale([{ spentPercent: 50, projectedPercent: 80 }])).toBe(100);
    expect(sharedScale([{ spentPercent: 50, projectedPercent: 80 }, { spentPercent: 52.9, projectedPercent: 108.7 }, undefined])).toBe(125);
    expect(sharedScale([{ spentPercent: 120, projectedPercent: 295 }, { spentPercent: 10, projectedPercent: 20 }])).toBe(SCALE_MAX);
  });
});
