/**
 * The Optimization page's own URL parameters (the time range and currency are
 * the shared filters): impact and effort filters, and the expanded
 * recommendations (`expanded=id1,id2`).
 */
import * as z from 'zod/mini';
import { EFFORTS, IMPACTS } from '../../contract/billing';
import { defineView, viewParam } from '../../url-state/view-params';

export const optimizationView = defineView({
  impact: viewParam(z.enum(['all', ...IMPACTS]), 'all', `not an impact (${IMPACTS.join(', ')}); showing all impacts`),
  effort: viewParam(z.enum(['all', ...EFFORTS]), 'all', `not an effort (${EFFORTS.join(', ')}); showing all efforts`),
  expanded: viewParam(
    z.string().check(z.maxLength(4000)),
    '',
    'not a list of recommendation ids; showing none expanded',
  ),
});
