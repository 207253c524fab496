/**
 * Formatting the Usage explorer needs beyond lib/format: quantities at the
 * API's full precision (tooltips, tables) and time-axis tick labels.
 */
import type { UnitId } from '../../contract/billing';
import { formatBucket, formatNumber, unitLabels } from '../../lib/format';
import type { TickUnit } from './usage-transforms';

/** Decimals the API reports a quantity with: requests are whole, the rest has two. */
export function quantityDecimals(unit: UnitId): number {
  return unit === 'requests' ? 0 : 2;
}

/** A quantity as precise as the API sent it: `38.25 GPU h`, `5,420 req`. */
export function formatExactQuantity(value: number, unit: UnitId): string {
  return `${formatNumber(value, quantityDecimals(unit))} ${unitLabels(unit).short}`;
}

/** A time-axis tick in the user's locale: `Jan 3, 06:00`, `Jan 3`, `Jan 24`. */
export function formatTick(t: number, unit: TickUnit, locale?: string): string {
  return formatBucket(t, unit === 'hour' ? 'hourly' : unit === 'day' ? 'daily' : 'monthly', locale);
}

/** A unit's long name as a heading or label: `GPU hours`, `Requests`, `GB-hours`. */
export function unitTitle(unit: UnitId): string {
  const long = unitLabels(unit).long;
  return long.charAt(0).toUpperCase() + long.slice(1);
}
