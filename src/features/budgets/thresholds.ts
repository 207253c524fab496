/**
 * Alert thresholds in the editor: bounds that keep each threshold strictly
 * between its neighbours, the value a new threshold starts at, and the date a
 * threshold will be reached at the current burn rate. Pure functions.
 */
import { MAX_ALERT_THRESHOLD, MAX_ALERT_THRESHOLDS, MIN_ALERT_THRESHOLD } from '../../contract/billing';
import { HOUR_MS } from '../../lib/time';

/** PageUp / PageDown move a threshold by this many percentage points. */
export const THRESHOLD_PAGE_STEP = 10;

export interface ThresholdBounds {
  min: number;
  max: number;
}

/**
 * How far threshold `index` may move: one point above the threshold before it
 * and one below the one after it, within 1–200%. When typed values are out of
 * order the bounds can cross; then min is returned for both.
 */
export function thresholdBounds(values: readonly number[], index: number): ThresholdBounds {
  const before = values[index - 1];
  const after = values[index + 1];
  const min = before !== undefined && Number.isFinite(before) ? Math.max(MIN_ALERT_THRESHOLD, before + 1) : MIN_ALERT_THRESHOLD;
  const max = after !== undefined && Number.isFinite(after) ? Math.min(MAX_ALERT_THRESHOLD, after - 1) : MAX_ALERT_THRESHOLD;
  return max < min ? { min, max: min } : { min, max };
}

/** `value` for threshold `index`, rounded to a whole percent and kept between its neighbours. */
export function clampThreshold(values: readonly number[], index: number, value: number): number {
  const { min, max } = thresholdBounds(values, index);
  if (!Number.isFinite(value)) return min;
  return Math.min(max, Math.max(min, Math.round(value)));
}

/**
 * Where a new threshold (added after the last) starts: 10 points above the
 * last, but not past 100% when the last is below it (80% for the first);
 * undefined when no more can be added (six already, or the last is at 200%).
 */
export function nextThreshold(values: readonly number[]): number | undefined {
  if (values.length >= MAX_ALERT_THRESHOLDS) return undefined;
  const finite = values.filter(Number.isFinite);
  if (finite.length === 0) return 80;
  const last = Math.max(...finite);
  if (last >= MAX_ALERT_THRESHOLD) return undefined;
  const next = last < 100 ? Math.min(100, last + 10) : last + 10;
  return Math.min(MAX_ALERT_THRESHOLD, next);
}

// ---------------------------------------------------------------- reach-date preview

/** This month's spend for a budget's resource types and currency, and its burn rate. */
export interface MonthSpend {
  /** Spend so far this month. */
  spent: number;
  /** Average spend per hour over the last seven complete days. */
  hourlyBurn: number;
  /** The start of the current hour (epoch ms): projections run from here. */
  from: number;
  /** The start of next month (epoch ms, UTC). */
  monthEnd: number;
}

export type ThresholdReach =
  /** Spend has reached it already. */
  | { kind: 'reached' }
  /** At the burn rate it is reached at `at` (epoch ms), before month end. */
  | { kind: 'on'; at: number }
  /** At the burn rate it is not reached before month end. */
  | { kind: 'not_this_month' };

/**
 * When spend reaches `percent`% of `monthlyBudget`, if spend keeps growing at
 * `hourlyBurn` from `from` (the way the API projects month-end spend).
 */
export function thresholdReach(monthlyBudget: number, percent: number, spend: MonthSpend): ThresholdReach {
  const target = (monthlyBudget * percent) / 100;
  if (spend.spent >= target) return { kind: 'reached' };
  if (!(spend.hourlyBurn > 0)) return { kind: 'not_this_month' };
  const at = spend.from + ((target - spend.spent) / spend.hourlyBurn) * HOUR_MS;
  return at < spend.monthEnd ? { kind: 'on', at } : { kind: 'not_this_month' };
}

/** Month-end spend at the burn rate: what the API calls projectedSpend. */
export function projectedSpend(spend: MonthSpend): number {
  return spend.spent + spend.hourlyBurn * Math.max(0, (spend.monthEnd - spend.from) / HOUR_MS);
}
