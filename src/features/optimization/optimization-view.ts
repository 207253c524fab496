/**
 * The Optimization page's own URL parameters (the time range and currency are
 * the shared filters): impact and effort filters, and the expanded
 * recommendations (`expanded=id1,id2`).
 */
import * as z from 'zod/mini';
import { EFFORTS, IMPACTS } from '../../contract/billing';
import type { FilterIssue } from '../../url-state/filter-schema';
import { viewParam } from '../../url-state/view-params';

export const optimizationView = {
  impact: viewParam(z.enum(['all', ...IMPACTS]), 'all'),
  effort: viewParam(z.enum(['all', ...EFFORTS]), 'all'),
  expanded: viewParam(z.string().check(z.maxLength(4000)), ''),
};

const REASONS: Record<string, string> = {
  impact: `not an impact (${IMPACTS.join(', ')}); showing all impacts`,
  effort: `not an effort (${EFFORTS.join(', ')}); showing all efforts`,
  expanded: 'not a list of recommendation ids; showing none expanded',
};

/** The view parameters' issues, with reasons that say what the page shows instead. */
export function describeViewIssues(issues: readonly FilterIssue[]): FilterIssue[] {
  return issues.map((i) => ({ ...i, reason: REASONS[i.param] ?? i.reason }));
}
