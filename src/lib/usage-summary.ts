/**
 * Pure transforms from a usage response to what the summary cards show.
 */
import {
  RESOURCE_TYPES,
  UNIT_BY_RESOURCE_TYPE,
  type BreakdownItem,
  type ResourceTypeId,
} from '../contract/billing';
import { compareResourceTypes } from './colors';

export interface CostShare {
  resourceType: ResourceTypeId;
  cost: number;
  /** 0–100, as the API reports it. */
  percentage: number;
}

/** Cost per resource type, largest first, zero-cost types left out. */
export function costShares(breakdown: readonly BreakdownItem[]): CostShare[] {
  return breakdown
    .filter((item) => item.usage.cost > 0)
    .map((item) => ({ resourceType: item.resourceType, cost: item.usage.cost, percentage: item.usage.percentage }))
    .sort((a, b) => b.cost - a.cost || compareResourceTypes(a.resourceType, b.resourceType));
}

/** Summed cost and share of total cost for some resource types (missing types count as zero). */
export function costOf(
  breakdown: readonly BreakdownItem[],
  types: readonly ResourceTypeId[],
): { cost: number; percentage: number; present: boolean } {
  let cost = 0;
  let percentage = 0;
  let present = false;
  for (const item of breakdown) {
    if (!types.includes(item.resourceType)) continue;
    present = true;
    cost += item.usage.cost;
    percentage += item.usage.percentage;
  }
  return { cost, percentage: Math.min(100, percentage), present };
}

/** Resource types metered in GPU hours (clusters, endpoints, training). */
export const GPU_HOUR_TYPES = RESOURCE_TYPES.filter((t) => UNIT_BY_RESOURCE_TYPE[t] === 'gpu_hours');

/**
 * Hours of a period that have data, by the API's clock (`now`: the end of the
 * newest hour with data); a complete period counts all its days. Undefined for
 * a running period before the clock is known.
 */
export function hoursWithData(period: { startDate: string; endDate: string; daysElapsed: number; daysInPeriod: number }, now: number | undefined): number | undefined {
  const start = Date.parse(`${period.startDate}T00:00:00Z`);
  const end = Date.parse(`${period.endDate}T00:00:00Z`) + 86_400_000;
  if (now === undefined) return period.daysElapsed >= period.daysInPeriod ? period.daysInPeriod * 24 : undefined;
  return Math.max(0, Math.round((Math.min(end, now) - start) / 3_600_000));
}

/** Cost per day counted over the hours with data (20 hours are 20/24 of a day, not a day). */
export function perDayOver(total: number, hours: number | undefined): number | undefined {
  return hours !== undefined && hours > 0 ? (total / hours) * 24 : undefined;
}
