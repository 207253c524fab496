import { createAsyncStoragePersister } from '@tanstack/query-async-storage-persister';
import { removeOldestQuery, type PersistedClient, type PersistQueryClientOptions } from '@tanstack/react-query-persist-client';

/** Where the query cache is kept between visits. */
export const PERSIST_KEY = 'tensorone-billing:query-cache';
/** A stored cache older than this is not shown (the data is refetched as on a first visit). */
export const PERSIST_MAX_AGE_MS = 24 * 60 * 60_000;
/**
 * Changes whenever the contract changes (a hash of it, set at build time), so
 * data stored by an older build is never read as if it had today's shape.
 */
export const PERSIST_BUSTER: string = import.meta.env.VITE_CONTRACT_HASH ?? 'dev';

function browserStorage(): Storage | null {
  try {
    const storage = window.localStorage;
    const probe = `${PERSIST_KEY}:probe`;
    storage.setItem(probe, '1');
    storage.removeItem(probe);
    return storage;
  } catch {
    return null; // storage disabled or full: the dashboard works, just without return-visit paint
  }
}

export type PersistOptions = Omit<PersistQueryClientOptions, 'queryClient'>;

/** Longest stretch of serialising in one task, ms. */
const SLICE_MS = 8;

/**
 * JSON.stringify of the client, one query at a time with a break for the page
 * whenever a slice is used up: the cache can hold megabytes (an hourly
 * quarter, every team's series), and stringified at once it was one of the
 * page's longest main-thread tasks. The same JSON as JSON.stringify gives, but
 * for the order of the top-level keys.
 */
export async function serializeInSlices(client: PersistedClient): Promise<string> {
  const { clientState, ...rest } = client;
  const { queries, ...state } = clientState;
  const parts: string[] = [];
  let until = performance.now() + SLICE_MS;
  for (const query of queries) {
    parts.push(JSON.stringify(query));
    if (performance.now() >= until) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      until = performance.now() + SLICE_MS;
    }
  }
  const open = (json: string) => (json === '{}' ? '{' : `${json.slice(0, -1)},`);
  return `${open(JSON.stringify(rest))}"clientState":${open(JSON.stringify(state))}"queries":[${parts.join(',')}]}}`;
}

/**
 * Return visits paint from the last visit's answers while fresh ones load:
 * successful queries are saved to localStorage (at most once a second; when
 * the quota is exceeded the oldest queries are dropped until it fits) and
 * restored before the first request (serialised in slices, see serializeInSlices). Restored data is as old as it says:
 * "Updated N min ago" shows its age and it is refetched at once.
 * Returns null where storage is unavailable.
 */
export function createPersistOptions(storage: Storage | null = browserStorage()): PersistOptions | null {
  if (!storage) return null;
  return {
    persister: createAsyncStoragePersister({ storage, key: PERSIST_KEY, throttleTime: 1000, retry: removeOldestQuery, serialize: serializeInSlices }),
    maxAge: PERSIST_MAX_AGE_MS,
    buster: PERSIST_BUSTER,
    // a query marked meta.persist = false is recomputed instead of stored (computed answers, the audit log)
    dehydrateOptions: { shouldDehydrateQuery: (query) => query.state.status === 'success' && query.meta?.persist !== false },
  };
}
