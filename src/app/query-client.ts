import { QueryClient } from '@tanstack/react-query';
import { ApiError, isRetryableError } from '../api/errors';

/** Exponential backoff with jitter (0.5 s, 1 s, 2 s … up to 8 s), or what a 429/503 Retry-After asks for. */
export function retryDelay(attempt: number, error: unknown, random = Math.random): number {
  if (error instanceof ApiError && error.retryAfterMs !== undefined) return error.retryAfterMs;
  const base = Math.min(500 * 2 ** attempt, 8000);
  return Math.round(base * (0.75 + 0.5 * random()));
}

const MINUTE = 60_000;

/**
 * Billing data is updated hourly and finalised daily: keep it fresh for five
 * minutes, refetch in the background every hour, and retry only failures that
 * a retry can fix (network, 5xx) — never a 4xx or a contract mismatch.
 */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 5 * MINUTE,
        gcTime: 30 * MINUTE,
        refetchInterval: 60 * MINUTE,
        refetchIntervalInBackground: false,
        refetchOnWindowFocus: true,
        retry: (failureCount, error) => failureCount < 2 && isRetryableError(error),
        retryDelay: (attempt, error) => retryDelay(attempt, error),
      },
    },
  });
}
