/**
 * The costliest resources across resource types. The API lists each type's
 * top resources (by cost); merging them gives the overall top N exactly, as
 * long as N is no more than the API's list per type.
 */
import { RESOURCE_TYPES, UNIT_BY_RESOURCE_TYPE, type BreakdownItem, type ResourceType, type Unit } from '../../contract/billing';

export interface TopResourceRow {
  resourceId: string;
  name: string;
  resourceType: ResourceType;
  /** Quantity in `unit`. */
  usage: number;
  unit: Unit;
  cost: number;
  /** Share of the period's total cost, 0–100 (undefined when the total is 0). */
  share: number | undefined;
}

/** The `limit` costliest resources over all types, highest cost first (ties by name). */
export function topResources(breakdown: readonly BreakdownItem[], totalCost: number, limit = 10): TopResourceRow[] {
  return breakdown
    .flatMap((item) =>
      item.topResources.map(
        (r): TopResourceRow => ({
          resourceId: r.resourceId,
          name: r.name,
          resourceType: item.resourceType,
          usage: r.usage,
          unit: UNIT_BY_RESOURCE_TYPE[item.resourceType],
          cost: r.cost,
          share: totalCost > 0 ? (r.cost / totalCost) * 100 : undefined,
        }),
      ),
    )
    .sort(
      (a, b) =>
        b.cost - a.cost ||
        a.name.localeCompare(b.name) ||
        RESOURCE_TYPES.indexOf(a.resourceType) - RESOURCE_TYPES.indexOf(b.resourceType),
    )
    .slice(0, limit);
}
