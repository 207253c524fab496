/**
 * The Usage explorer's own URL state: which member of a dimension the view is
 * narrowed to (`?region=us-east-1`, `?resource=cluster-gpu-a100-001`), one
 * optional parameter per groupBy dimension. Several may be set at once; each
 * shows as a removable chip.
 */
import * as z from 'zod/mini';
import { GROUP_BYS, type GroupBy } from '../../contract/billing';
import { defineView, viewParam, type ViewValues } from '../../url-state/view-params';

const key = z.string().check(z.trim(), z.minLength(1), z.maxLength(200));
const reason = 'longer than 200 characters, so not a key; the view is not narrowed by it';

/** One view parameter per dimension, named after it; empty = not narrowed. */
export const usageView = defineView({
  resource: viewParam(key, '', reason),
  region: viewParam(key, '', reason),
  project: viewParam(key, '', reason),
  service: viewParam(key, '', reason),
  user: viewParam(key, '', reason),
} satisfies Record<GroupBy, unknown>);

export type UsageViewValues = ViewValues<typeof usageView>;

/** A dimension member the view is narrowed to. */
export interface Selection {
  dimension: GroupBy;
  key: string;
}

/** The selections in the URL, in the API's order of dimensions. */
export function selectionsOf(values: UsageViewValues): Selection[] {
  return GROUP_BYS.filter((d) => values[d] !== '').map((dimension) => ({ dimension, key: values[dimension] }));
}

/** Group members the API adds when a dimension has more than 50 (not a member one can select). */
export const OTHER_KEY = '__other__';

/** Every selection cleared. */
export const CLEAR_SELECTIONS: UsageViewValues = { resource: '', region: '', project: '', service: '', user: '' };

/**
 * The change of view when a member of `dimension` is clicked: selected, or
 * cleared when it already was. The API cannot combine two dimensions, so
 * selecting a region, project, service or user replaces any other of them;
 * a resource (highlighted on its type's page) is kept apart.
 */
export function toggleSelection(values: UsageViewValues, dimension: GroupBy, key: string): Partial<UsageViewValues> {
  if (values[dimension] === key) return { [dimension]: '' };
  if (dimension === 'resource') return { resource: key };
  return { region: '', project: '', service: '', user: '', [dimension]: key };
}
