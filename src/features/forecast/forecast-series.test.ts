import { describe, expect, it } from 'vitest';
import { forecastResponseSchema, type ForecastResponse } from '../../contract/billing';
import {
  buildForecastSeries,
  currentProjection,
  formatMonthLong,
  monthStart,
  projectedTotal,
  scenarioCards,
} from './forecast-series';

const forecast = (overrides: Partial<ForecastResponse> = {}): ForecastResponse =>
  forecastResponseSchema.parse({
    baseline: { avgMonthlyCost: 200, growthRate: 1.5 },
    monthlyProjections: [
      { month: '2024-02', projectedCost: 260, confidence: 0.8, lowerBound: 230, upperBound: 300 },
      { month: '2024-01', projectedCost: 250, confidence: 0.95, lowerBound: 240, upperBound: 262, actualToDate: 120 },
    ],
    growthDrivers: [],
    currency: 'USD',
    actuals: [
      { month: '2023-11', cost: 190 },
      { month: '2023-12', cost: 210 },
      { month: '2023-10', cost: 180 },
    ],
    scenarios: {
      optimistic: { sixMonthTotal: 450, peakMonth: 240, probability: 0.2, peakMonthLabel: '2024-02' },
      expected: { sixMonthTotal: 510, peakMonth: 262, probability: 0.6 },
      pessimistic: { sixMonthTotal: 590, peakMonth: 320, probability: 0.2 },
    },
    scenarioMonths: 2,
    ...overrides,
  });

describe('buildForecastSeries', () => {
  it('orders actual months, then projected ones, and joins the projection to the last actual month', () => {
    const points = buildForecastSeries(forecast());
    expect(points.map((p) => [p.month, p.kind])).toEqual([
      ['2023-10', 'actual'],
      ['2023-11', 'actual'],
      ['2023-12', 'actual'],
      ['2024-01', 'projected'],
      ['2024-02', 'projected'],
    ]);
    expect(points[2]).toMatchObject({ actual: 210, line: 210, band: [210, 210] });
    expect(points[2]!.projected).toBeUndefined();
    expect(points[1]!.line).toBeUndefined();
    expect(points[3]).toMatchObject({
      projected: 250,
      actualToDate: 120,
      lowerBound: 240,
      upperBound: 262,
      band: [240, 262],
      line: 250,
      t: Date.UTC(2024, 0, 1),
    });
  });

  it('keeps only the most recent actual months, and none that overlap the projection', () => {
    const data = forecast({ actuals: [{ month: '2024-01', cost: 1 }, ...forecast().actuals!] });
    const points = buildForecastSeries(data, 2);
    expect(points.filter((p) => p.kind === 'actual').map((p) => p.month)).toEqual(['2023-11', '2023-12']);
  });

  it('works without actuals', () => {
    const points = buildForecastSeries(forecast({ actuals: undefined }));
    expect(points.map((p) => p.month)).toEqual(['2024-01', '2024-02']);
  });
});

describe('summary figures', () => {
  it('finds the month in progress and sums the projection', () => {
    expect(currentProjection(forecast())?.month).toBe('2024-01');
    expect(projectedTotal(forecast())).toBe(510);
    expect(monthStart('2024-03')).toBe(Date.UTC(2024, 2, 1));
    expect(formatMonthLong('2024-03')).toBe('March 2024');
  });

  it('lists the scenarios in order with the months they cover', () => {
    const cards = scenarioCards(forecast());
    expect(cards.map((c) => [c.key, c.total, c.probability, c.months])).toEqual([
      ['optimistic', 450, 0.2, 2],
      ['expected', 510, 0.6, 2],
      ['pessimistic', 590, 0.2, 2],
    ]);
    expect(cards[0]!.peakMonthLabel).toBe('2024-02');
    expect(scenarioCards(forecast({ scenarios: undefined }))).toEqual([]);
  });
});
