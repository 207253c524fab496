/**
 * The one serialiser from the contract's query types (UsageQuery,
 * ForecastQuery, OptimizationQuery, or a part of one) to a query string, the
 * way the reference's examples send it: lists as repeated `key[]=value`,
 * booleans as `true`/`false`, numbers as written, absent values left out. The
 * app, the API tests and the end-to-end tests all build requests with it, and
 * `parseQuery` reads a request with the endpoint's schema from the same
 * strings (a test holds it equal to the sandbox's reading of the query string:
 * collectQuery, then the schema), so what is sent is what is understood.
 */
import type * as z from 'zod/mini';
import type { ForecastQuery, OptimizationQuery, UsageQuery } from './billing';

/** A value of a contract query field. */
export type QueryValue = string | number | boolean | readonly string[] | undefined;

/** Any of the contract's query types, or part of one. */
export type ContractQuery = Partial<UsageQuery> | Partial<ForecastQuery> | Partial<OptimizationQuery>;

/** Search parameters for a query (lists as `key[]=…`, booleans as `true`/`false`). */
export function querySearchParams(query: ContractQuery): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(queryStrings(query)))
    if (Array.isArray(value)) for (const v of value) params.append(`${key}[]`, v);
    else params.set(key, value as string);
  return params;
}

/** Each present field as the string(s) sent for it. */
function queryStrings(query: ContractQuery): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [key, value] of Object.entries(query as Record<string, QueryValue>))
    if (value !== undefined) out[key] = Array.isArray(value) ? [...(value as readonly string[])] : String(value);
  return out;
}

/** `timeRange=last_month&resourceType[]=clusters` (no leading `?`; brackets left readable). */
export function queryString(query: ContractQuery): string {
  return querySearchParams(query).toString().replace(/%5B%5D=/g, '[]=');
}

/**
 * Reads a query back as the API does and fills in the API's defaults: the
 * validated request, used as the query key (two spellings of one request
 * share it): `parseQuery(usageQuerySchema, { timeRange: 'last_month' })`.
 * @throws ZodError for a request the API would reject (e.g. a custom range without dates)
 */
export function parseQuery<S extends z.ZodMiniType>(schema: S, query: ContractQuery): z.output<S> {
  return schema.parse(queryStrings(query)) as z.output<S>;
}
