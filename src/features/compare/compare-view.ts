/**
 * The comparison view's own URL state: what the period is compared with
 * (`compare=previous|year`, or a chosen span `vsStart`+`vsEnd`), and which
 * resource type's drivers are opened (`drill`). Invalid values fall back to
 * the defaults with a notice, like the shared filters.
 */
import * as z from 'zod/mini';
import { RESOURCE_TYPES, type ResourceType } from '../../contract/billing';
import { COMPARE_MODES, type CompareMode } from '../../lib/like-for-like';
import type { DateRange } from '../../lib/period';
import type { FilterRouteHandle } from '../../url-state/filter-bar-config';
import { isoDateSchema, type FilterIssue } from '../../url-state/filter-schema';
import { defineView, viewParam, type ViewValues } from '../../url-state/view-params';

export const compareView = defineView({
  compare: viewParam(z.enum(COMPARE_MODES), 'previous' as CompareMode),
  vsStart: viewParam(isoDateSchema, ''),
  vsEnd: viewParam(isoDateSchema, ''),
  /** The resource type whose drivers are open: '' the largest change, `none` none. */
  drill: viewParam(z.enum([...RESOURCE_TYPES, 'none']), '' as ResourceType | 'none' | ''),
});

export type CompareViewValues = ViewValues<typeof compareView>;

/** The comparison follows the time range, resource types and currency; it picks its own buckets and groupings. */
export const compareHandle: FilterRouteHandle = { filterBar: { hide: ['granularity', 'groupBy'] } };

/** Longest chosen span: the API's longest daily range. */
export const MAX_CHOSEN_DAYS = 1098;

/**
 * The chosen comparison span, when both dates are given and in order; else
 * the issues saying why it was not used (the like-for-like span is shown).
 */
export function chosenSpan(values: Pick<CompareViewValues, 'vsStart' | 'vsEnd'>): { span?: DateRange; issues: FilterIssue[] } {
  const { vsStart, vsEnd } = values;
  if (!vsStart && !vsEnd) return { issues: [] };
  const fallback = 'comparing with the like-for-like period instead';
  if (!vsStart || !vsEnd) {
    const [param, value] = vsStart ? ['vsStart', vsStart] : ['vsEnd', vsEnd];
    return { issues: [{ param, value, reason: `needs both vsStart and vsEnd; ${fallback}` }] };
  }
  if (vsStart > vsEnd) return { issues: [{ param: 'vsStart', value: vsStart, reason: `is after vsEnd ${vsEnd}; ${fallback}` }] };
  const days = (Date.parse(vsEnd) - Date.parse(vsStart)) / 86_400_000 + 1;
  if (days > MAX_CHOSEN_DAYS)
    return { issues: [{ param: 'vsStart', value: vsStart, reason: `spans ${days} days, more than ${MAX_CHOSEN_DAYS}; ${fallback}` }] };
  return { span: { startDate: vsStart, endDate: vsEnd }, issues: [] };
}
