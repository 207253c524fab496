import { BUTTON_CLASS } from '../../../components/field';
import { DownloadIcon } from '../../../components/icons';
import type { DashboardFilters } from '../../../url-state/filter-schema';

/** `/exports/focus.csv` for these filters (the server's FOCUS 1.2 export; hourly rows when the page is hourly, else daily). */
export function focusExportHref(filters: DashboardFilters): string {
  const p = new URLSearchParams({ timeRange: filters.timeRange });
  if (filters.timeRange === 'custom' && filters.startDate && filters.endDate) {
    p.set('startDate', filters.startDate);
    p.set('endDate', filters.endDate);
  }
  for (const t of filters.resourceType) p.append('resourceType[]', t);
  p.set('granularity', filters.granularity === 'hourly' ? 'hourly' : 'daily');
  p.set('currency', filters.currency);
  return `/exports/focus.csv?${p.toString()}`;
}

/** "Export FOCUS": downloads the page's usage as FOCUS 1.2 rows (per resource, team and day or hour), written by the server as it streams. */
export function ExportFocusLink({ filters }: { filters: DashboardFilters }) {
  const hourly = filters.granularity === 'hourly';
  return (
    <a
      href={focusExportHref(filters)}
      download
      className={BUTTON_CLASS}
      title={`FOCUS 1.2 cost and usage file: one row per resource, team and ${hourly ? 'hour' : 'day'} of this period`}
    >
      <DownloadIcon size={14} />
      Export FOCUS
    </a>
  );
}
