/**
 * Addresses inside the Usage explorer. A type's page carries the shared
 * filters (its path names the type, so the resource-type filter is dropped)
 * and the view's selections; a resource belongs to one type, so `resource`
 * only travels with an explicit one.
 */
import type { To } from 'react-router';
import type { ResourceType } from '../../contract/billing';
import type { DashboardFilters } from '../../url-state/filter-schema';
import { filtersToSearchParams, toSearchString } from '../../url-state/filter-url';

export function usageTypeHref(
  resourceType: ResourceType,
  filters: DashboardFilters,
  search: string,
  { resource }: { resource?: string } = {},
): To {
  const params = filtersToSearchParams({ ...filters, resourceType: [] }, search);
  params.delete('resource');
  if (resource) params.set('resource', resource);
  return { pathname: `/usage/${resourceType}`, search: toSearchString(params) };
}

/** The index of every type (the type page's filters, without its resource highlight). */
export function usageIndexHref(filters: DashboardFilters, search: string): To {
  const params = filtersToSearchParams({ ...filters, resourceType: [] }, search);
  params.delete('resource');
  return { pathname: '/usage', search: toSearchString(params) };
}

/** Router state of `/usage` when it is shown in place of an unknown type's page. */
export interface UsageIndexState {
  unknownResourceType?: string;
}
