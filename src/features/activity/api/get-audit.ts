/** GET /audit/entries: one page of the audit log for the Activity page's filters (administrators only). */
import { keepPreviousData, queryOptions, useQuery } from '@tanstack/react-query';
import { getServerJson } from './server-json';
import { auditPageSchema } from '../../../contract/audit';
import { auditQuery, type ActivityFilters } from '../activity-filters';

export function auditPageQuery(filters: ActivityFilters, enabled: boolean) {
  const qs = auditQuery(filters).toString();
  return queryOptions({
    queryKey: ['audit', qs],
    queryFn: ({ signal }) => getServerJson(`/audit/entries?${qs}`, auditPageSchema, signal),
    enabled,
    meta: { persist: false },
    // The log changes with every write: always ask again when the page opens.
    staleTime: 0,
    placeholderData: keepPreviousData,
  });
}

export function useAuditPage(filters: ActivityFilters, enabled: boolean) {
  return useQuery(auditPageQuery(filters, enabled));
}
