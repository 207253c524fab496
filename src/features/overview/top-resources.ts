/**
 * The costliest resources across resource types. The API lists each type's
 * top resources (by cost); merging them gives the overall top N exactly, as
 * long as N is no more than the API's list per type.
 */
import type { BreakdownItem, ResourceTypeId, UnitId } from '../../contract/billing';
import { compareResourceTypes } from '../../lib/colors';
import { resourceUnit } from '../../lib/format';

export interface TopResourceRow {
  resourceId: string;
  name: string;
  resourceType: ResourceTypeId;
  /** Quantity in `unit`. */
  usage: number;
  unit: UnitId;
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
          unit: resourceUnit(item.resourceType, item.usage.unit).unit,
          cost: r.cost,
          share: totalCost > 0 ? (r.cost / totalCost) * 100 : undefined,
        }),
      ),
    )
    .sort(
      (a, b) =>
        b.cost - a.cost ||
        a.name.localeCompare(b.name) ||
        compareResourceTypes(a.resourceType, b.resourceType),
    )
    .slice(0, limit);
}
