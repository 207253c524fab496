/**
 * Query-key factory: every billing query key starts from `queryKeys.all`, so
 * one `invalidateQueries({ queryKey: queryKeys.budgets.all() })` reaches every
 * budget query. Keys hold the *validated* request (defaults filled in), so two
 * spellings of the same request share one cache entry.
 */
import type { ForecastQuery, OptimizationQuery, UsageQuery } from '../contract/billing';

export const queryKeys = {
  all: ['billing'] as const,
  usage: {
    all: () => [...queryKeys.all, 'usage'] as const,
    detail: (query: UsageQuery) => [...queryKeys.usage.all(), query] as const,
  },
  optimization: {
    all: () => [...queryKeys.all, 'optimization'] as const,
    detail: (query: OptimizationQuery) => [...queryKeys.optimization.all(), query] as const,
  },
  forecast: {
    all: () => [...queryKeys.all, 'forecast'] as const,
    detail: (query: ForecastQuery) => [...queryKeys.forecast.all(), query] as const,
  },
  budgets: {
    all: () => [...queryKeys.all, 'budgets'] as const,
    status: () => [...queryKeys.budgets.all(), 'status'] as const,
  },
} as const;
