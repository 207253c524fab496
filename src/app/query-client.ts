import { QueryClient } from '@tanstack/react-query';
import { isRetryableError } from '../api/errors';

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
        retryDelay: (attempt) => Math.min(1000 * 2 ** attempt, 8000),
      },
    },
  });
}
