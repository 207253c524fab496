/**
 * "Copy link with these dates": the page's address with its relative time range
 * ("last month") replaced by the exact days the API resolved it to, so the link
 * shows the same period whenever it is opened. The period comes from the API's
 * answer for that time range (its clock), never from the browser's date.
 */
import type { Period } from '../contract/billing';
import type { DashboardFilters } from './filter-schema';
import { filtersToSearchParams, toSearchString } from './filter-url';

/**
 * `href` (showing `filters`) with `timeRange=custom&startDate=…&endDate=…`
 * from `period`; every other filter and page parameter (and the hash) is kept.
 */
export function fixedDatesHref(
  href: string,
  filters: DashboardFilters,
  period: Pick<Period, 'startDate' | 'endDate'>,
): string {
  const url = new URL(href);
  const params = filtersToSearchParams(
    { ...filters, timeRange: 'custom', startDate: period.startDate, endDate: period.endDate },
    url.searchParams,
  );
  return `${url.origin}${url.pathname}${toSearchString(params)}${url.hash}`;
}
