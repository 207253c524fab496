/**
 * The API's current day from answers already in the query cache, for code that
 * must not wait for a request (the filters' defaults). Any answer for a running
 * preset (current_month, current_quarter, current_year) tells it: its period's
 * startDate + daysElapsed − 1. The header's clock request keeps one cached.
 */
import type { QueryClient } from '@tanstack/react-query';
import type { UsageQuery, UsageResponse } from '../contract/billing';
import { apiToday } from '../lib/period';
import { queryKeys } from './query-keys';

const RUNNING: ReadonlySet<string> = new Set(['current_month', 'current_quarter', 'current_year']);

/** YYYY-MM-DD, or undefined while no such answer is cached. */
export function cachedApiToday(client: QueryClient): string | undefined {
  for (const [key, data] of client.getQueriesData<UsageResponse>({ queryKey: queryKeys.usage.all() })) {
    const query = key[2] as Partial<UsageQuery> | undefined;
    if (query?.timeRange && RUNNING.has(query.timeRange) && data?.period) return apiToday(data.period);
  }
  return undefined;
}

/** Noon of the API's current day (epoch ms): a "now" for calendar arithmetic that cannot slip into another day. */
export function cachedApiNoon(client: QueryClient): number | undefined {
  const today = cachedApiToday(client);
  return today === undefined ? undefined : Date.parse(`${today}T12:00:00Z`);
}
