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

/** Average cost per elapsed day, or undefined before the first day is over. */
export function dailyAverage(total: number, daysElapsed: number): number | undefined {
  return daysElapsed > 0 ? total / daysElapsed : undefined;
}
