/**
 * Usage request helpers: the app describes a request with real booleans and
 * arrays (UsageFilters), the contract's schema validates it and fills in the
 * defaults (UsageQuery, used as the query key), and usageQueryToSearchParams
 * writes it the way the API documents (`resourceType[]=…`).
 */
import {
  usageQuerySchema,
  usageQueryToSearchParams,
  type UsageQuery,
  type UsageQueryInput,
} from '../contract/billing';

/** A usage request as the app builds it; anything left out takes the API default. */
export type UsageFilters = Partial<UsageQuery>;

const BOOLEAN_KEYS = ['includeProjections', 'includeCosts', 'includeTeamMetrics'] as const;

/** Booleans become the `true`/`false` strings the query-string schema reads. */
export function toUsageQueryInput(filters: UsageFilters): Partial<UsageQueryInput> {
  const { includeProjections, includeCosts, includeTeamMetrics, ...rest } = filters;
  const input: Partial<UsageQueryInput> = { ...rest };
  const flags = { includeProjections, includeCosts, includeTeamMetrics };
  for (const key of BOOLEAN_KEYS) {
    const value = flags[key];
    if (value !== undefined) input[key] = value ? 'true' : 'false';
  }
  return input;
}

/**
 * Validates a usage request with the contract's schema and fills in defaults.
 * @throws ZodError when the request is one the API would reject (e.g. custom range without dates).
 */
export function normalizeUsageQuery(filters: UsageFilters): UsageQuery {
  return usageQuerySchema.parse(toUsageQueryInput(filters));
}

/** Query string for a validated usage request. */
export function usageSearchParams(query: UsageQuery): URLSearchParams {
  return usageQueryToSearchParams(toUsageQueryInput(query));
}
