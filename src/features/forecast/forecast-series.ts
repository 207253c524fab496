/**
 * Pure transforms of the forecast answer: one row per month for the chart
 * and its table (complete past months, then the projected ones), scenario
 * cards, growth-driver rows, and each budget's standing against this month's
 * projection.
 */
import type { ForecastResponse } from '../../contract/billing';

type Projection = ForecastResponse['monthlyProjections'][number];

/** Epoch ms of the first instant (UTC) of a `YYYY-MM` month. */
export function monthStart(month: string): number {
  const [y, m] = month.split('-').map(Number);
  return Date.UTC(y!, m! - 1, 1);
}

const MONTH_LONG = new Intl.DateTimeFormat('en-US', { month: 'long', year: 'numeric', timeZone: 'UTC' });
const MONTH_SHORT = new Intl.DateTimeFormat('en-US', { month: 'short', year: 'numeric', timeZone: 'UTC' });

/** `2024-03` → `March 2024` */
export const formatMonthLong = (month: string) => MONTH_LONG.format(monthStart(month));
/** `2024-03` → `Mar 2024` */
export const formatMonthShort = (month: string) => MONTH_SHORT.format(monthStart(month));

export interface ForecastPoint {
  month: string;
  /** Month start, epoch ms (the chart's x). */
  t: number;
  kind: 'actual' | 'projected';
  /** A complete past month's cost. */
  actual?: number;
  /** The month in progress: its cost so far. */
  actualToDate?: number;
  projected?: number;
  lowerBound?: number;
  upperBound?: number;
  /** The model's probability that the month lands within ±10% of `projected`. */
  confidence?: number;
  /** Chart only: the projection line, starting from the last actual month so the two lines meet. */
  line?: number;
  /** Chart only: the interval as [lower, upper] (a point at the last actual month). */
  band?: [number, number];
}

/**
 * The chart's months: up to `maxActualMonths` complete months before the
 * projection, then every projected month. The last actual month also starts
 * the projection line and band, so actuals and projection join up.
 */
export function buildForecastSeries(data: ForecastResponse, maxActualMonths = 12): ForecastPoint[] {
  const projections = [...data.monthlyProjections].sort((a, b) => a.month.localeCompare(b.month));
  const first = projections[0]?.month;
  const actuals = (data.actuals ?? [])
    .filter((a) => first === undefined || a.month < first)
    .sort((a, b) => a.month.localeCompare(b.month))
    .slice(-maxActualMonths);
  const points: ForecastPoint[] = actuals.map((a, i) => ({
    month: a.month,
    t: monthStart(a.month),
    kind: 'actual',
    actual: a.cost,
    ...(i === actuals.length - 1 && projections.length > 0
      ? { line: a.cost, band: [a.cost, a.cost] as [number, number] }
      : {}),
  }));
  for (const p of projections)
    points.push({
      month: p.month,
      t: monthStart(p.month),
      kind: 'projected',
      ...(p.actualToDate !== undefined ? { actualToDate: p.actualToDate } : {}),
      projected: p.projectedCost,
      confidence: p.confidence,
      line: p.projectedCost,
      // No band without both bounds (they are an extension of the reference's shape).
      ...(p.lowerBound !== undefined && p.upperBound !== undefined
        ? { lowerBound: p.lowerBound, upperBound: p.upperBound, band: [p.lowerBound, p.upperBound] as [number, number] }
        : {}),
    });
  return points;
}

/** The month in progress (the first projected month, which carries actualToDate). */
export function currentProjection(data: ForecastResponse): Projection | undefined {
  return data.monthlyProjections.find((p) => p.actualToDate !== undefined) ?? data.monthlyProjections[0];
}

/** Sum of the projected months' costs. */
export function projectedTotal(data: ForecastResponse): number {
  return data.monthlyProjections.reduce((sum, p) => sum + p.projectedCost, 0);
}

// ---------------------------------------------------------------- scenarios

export const SCENARIO_KEYS = ['optimistic', 'expected', 'pessimistic'] as const;
export type ScenarioKey = (typeof SCENARIO_KEYS)[number];
export const SCENARIO_LABELS: Record<ScenarioKey, string> = {
  optimistic: 'Optimistic',
  expected: 'Expected',
  pessimistic: 'Pessimistic',
};

export interface ScenarioCard {
  key: ScenarioKey;
  label: string;
  total: number;
  peakMonth: number;
  peakMonthLabel?: string;
  probability: number;
  /** How many months `total` sums. */
  months: number;
}

export function scenarioCards(data: ForecastResponse): ScenarioCard[] {
  if (!data.scenarios) return [];
  const months = data.scenarioMonths ?? Math.min(6, data.monthlyProjections.length);
  return SCENARIO_KEYS.map((key) => {
    const s = data.scenarios![key];
    return {
      key,
      label: SCENARIO_LABELS[key],
      total: s.sixMonthTotal,
      peakMonth: s.peakMonth,
      ...(s.peakMonthLabel ? { peakMonthLabel: s.peakMonthLabel } : {}),
      probability: s.probability,
      months,
    };
  });
}

