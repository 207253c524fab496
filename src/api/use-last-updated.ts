import { notifyManager, useIsFetching, useQueryClient, type QueryKey } from '@tanstack/react-query';
import { useCallback, useSyncExternalStore } from 'react';
import { queryKeys } from './query-keys';

export interface LastUpdated {
  /** When the oldest data on screen was loaded (epoch ms), or undefined while nothing has loaded. */
  updatedAt: number | undefined;
  /** Whether any of those queries is loading or refreshing. */
  fetching: boolean;
}

/**
 * How fresh the data on screen is: the oldest `dataUpdatedAt` of the active
 * (observed) billing queries that have data. Works for any page without
 * plumbing: the page's queries are the active ones.
 */
export function useLastUpdated(queryKey: QueryKey = queryKeys.all): LastUpdated {
  const cache = useQueryClient().getQueryCache();
  // Cache events fire while other components render (a query's observer is added in render);
  // batched as TanStack Query's own hooks do, they reach this store after that render.
  const subscribe = useCallback((onChange: () => void) => cache.subscribe(notifyManager.batchCalls(onChange)), [cache]);
  const snapshot = useCallback(() => {
    let oldest: number | undefined;
    for (const query of cache.findAll({ queryKey, type: 'active' })) {
      const { status, dataUpdatedAt } = query.state;
      if (status === 'success' && dataUpdatedAt > 0) oldest = oldest === undefined ? dataUpdatedAt : Math.min(oldest, dataUpdatedAt);
    }
    return oldest;
  }, [cache, queryKey]);
  const updatedAt = useSyncExternalStore(subscribe, snapshot, snapshot);
  const fetching = useIsFetching({ queryKey }) > 0;
  return { updatedAt, fetching };
}
