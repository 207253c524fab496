/**
 * How the URL-state hook reads and writes a page's view parameters without
 * importing their code: `defineView` (view-params.ts) attaches it to the spec
 * under this key, so the shell, which declares no view, does not load it.
 */
import type { FilterIssue } from './filter-schema';

export const VIEW_CODEC = Symbol();

export interface ViewCodec {
  parse: (params: URLSearchParams) => { values: Record<string, unknown>; issues: FilterIssue[] };
  write: (values: Record<string, unknown>, base: URLSearchParams) => URLSearchParams;
}
