/**
 * Page-specific view options in the URL (a chart's metric, a table's top-N…),
 * parsed as leniently as the shared filters: an invalid value falls back to
 * its default and is reported as a FilterIssue. Declare them once per page:
 *
 *   const usageView = defineView({
 *     metric: viewParam(z.enum(['cost', 'usage']), 'cost'),
 *     top: viewParam(z.coerce.number().check(z.int(), z.minimum(1), z.maximum(50)), 10),
 *   });
 *   const url = useUrlState(usageView); // url.view.metric, url.set({ metric: 'usage' })
 *
 * Schemas are Zod Mini (`zod/mini`) and read the raw string (use z.enum,
 * z.coerce.number, z.stringbool); values are written back with String(value),
 * defaults left out. Names must not clash with the shared filters' parameters.
 * An ignored value's reason says what is shown instead: pass `reason` where
 * the default alone does not say it (an empty default, a number shown as a
 * percentage).
 */
import type * as z from 'zod/mini';
import { FILTER_PARAMS, type FilterIssue } from './filter-schema';
import { VIEW_CODEC, type ViewCodec } from './view-codec';

export type ViewValue = string | number | boolean;

export interface ViewParam<T extends ViewValue> {
  schema: z.ZodMiniType<T>;
  defaultValue: T;
  /** Why an invalid value is ignored and what is shown instead ("not an impact (…); showing all impacts"). */
  reason?: string;
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type ViewSpec = Record<string, ViewParam<any>>;

export type ViewValues<S extends ViewSpec> = { [K in keyof S as K extends string ? K : never]: S[K]['defaultValue'] };

/** A page's view parameters, declared with `defineView` (what `useUrlState` takes). */
export type View<S extends ViewSpec> = S & { readonly [VIEW_CODEC]: ViewCodec };

export function viewParam<T extends ViewValue>(schema: z.ZodMiniType<T>, defaultValue: T, reason?: string): ViewParam<T> {
  return { schema, defaultValue, reason };
}

/** The reason given for an invalid value: the declared one, else what the default shows (never "showing ."). */
export function viewIssueReason(param: ViewParam<ViewValue>): string {
  if (param.reason) return param.reason;
  const shown = String(param.defaultValue).trim();
  return shown === '' ? 'not a valid value; left out' : `not a valid value; showing ${shown}`;
}

function assertNoClash(spec: ViewSpec): void {
  for (const name of Object.keys(spec))
    if ((FILTER_PARAMS as readonly string[]).includes(name))
      throw new Error(`View parameter "${name}" clashes with a shared filter parameter`);
}

/** Reads a page's view options from the URL; invalid values fall back to their defaults. */
export function parseViewParams<S extends ViewSpec>(
  params: URLSearchParams,
  spec: S,
): { values: ViewValues<S>; issues: FilterIssue[] } {
  assertNoClash(spec);
  const values = {} as Record<string, ViewValue>;
  const issues: FilterIssue[] = [];
  for (const [name, param] of Object.entries(spec)) {
    const raw = params.get(name)?.trim();
    values[name] = param.defaultValue;
    if (!raw) continue;
    const parsed = param.schema.safeParse(raw);
    if (parsed.success) values[name] = parsed.data as ViewValue;
    else issues.push({ param: name, value: raw, reason: viewIssueReason(param) });
  }
  return { values: values as ViewValues<S>, issues };
}

/** Writes view options onto `base`, leaving defaults (and every other parameter) out. */
export function viewParamsToSearchParams<S extends ViewSpec>(
  values: Partial<ViewValues<S>>,
  spec: S,
  base?: URLSearchParams | string,
): URLSearchParams {
  assertNoClash(spec);
  const params = new URLSearchParams(base);
  for (const [name, { defaultValue }] of Object.entries(spec)) {
    if (!(name in values)) continue;
    const value = values[name];
    if (value === undefined || value === defaultValue) params.delete(name);
    else params.set(name, String(value));
  }
  return params;
}

/** Declares a page's view parameters (at module scope) for `useUrlState`. */
export function defineView<S extends ViewSpec>(spec: S): View<S> {
  assertNoClash(spec);
  const codec: ViewCodec = {
    parse: (params) => parseViewParams(params, spec),
    write: (values, base) => viewParamsToSearchParams(values as Partial<ViewValues<S>>, spec, base),
  };
  return Object.assign({}, spec, { [VIEW_CODEC]: codec });
}
