/**
 * The one usage request each Usage page makes: the shared filters, the chosen
 * Group by, plus every dimension the view is narrowed to (so a selection's
 * totals stay available after Group by changes). On a resource type's page
 * only that type is requested, whatever the resource-type filter says.
 */
import { GROUP_BYS, type GroupBy, type ResourceType } from '../../contract/billing';
import type { UsageRequest } from '../../api/usage';
import type { DashboardFilters } from '../../url-state/filter-schema';
import { usageRequest } from '../../url-state/request-builders';
import type { Selection } from './usage-view';

export function usageExplorerRequest(
  filters: DashboardFilters,
  { resourceType, selections = [] }: { resourceType?: ResourceType; selections?: readonly Selection[] } = {},
): UsageRequest {
  const scoped = resourceType ? { ...filters, resourceType: [resourceType] } : filters;
  const request: UsageRequest = usageRequest(scoped, { groupBy: true });
  const extra = new Set<GroupBy>(selections.map((s) => s.dimension));
  extra.delete(filters.groupBy);
  request.groupBy = [filters.groupBy, ...GROUP_BYS.filter((d) => extra.has(d))];
  return request;
}
