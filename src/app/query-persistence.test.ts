import { QueryClient, dehydrate, queryOptions } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { createPersistOptions, PERSIST_MAX_AGE_MS } from './query-persistence';

describe('createPersistOptions', () => {
  it('is null where storage cannot be used, so the app runs without it', () => {
    const failing = () => {
      throw new DOMException('denied', 'SecurityError');
    };
    expect(createPersistOptions(null)).toBeNull();
    // the default probes window.localStorage; a storage that throws on write counts as none
    const original = Object.getOwnPropertyDescriptor(window, 'localStorage')!;
    Object.defineProperty(window, 'localStorage', { configurable: true, get: failing });
    try {
      expect(createPersistOptions()).toBeNull();
    } finally {
      Object.defineProperty(window, 'localStorage', original);
    }
  });

  it('keeps a day of successful answers only', async () => {
    const options = createPersistOptions(window.localStorage)!;
    expect(options.maxAge).toBe(PERSIST_MAX_AGE_MS);
    const client = new QueryClient();
    const ok = queryOptions({ queryKey: ['ok'], queryFn: () => Promise.resolve({ total: 1 }) });
    const failed = queryOptions({ queryKey: ['failed'], queryFn: () => Promise.reject(new Error('503')), retry: false });
    await client.prefetchQuery(ok);
    await client.prefetchQuery(failed);
    const state = dehydrate(client, options.dehydrateOptions);
    expect(state.queries.map((q) => q.queryKey)).toEqual([['ok']]);
  });

  it('leaves out queries marked meta.persist = false (computed results)', async () => {
    const options = createPersistOptions(window.localStorage)!;
    const client = new QueryClient();
    await client.prefetchQuery(queryOptions({ queryKey: ['kept'], queryFn: () => Promise.resolve(1) }));
    await client.prefetchQuery(queryOptions({ queryKey: ['computed'], queryFn: () => Promise.resolve(2), meta: { persist: false } }));
    expect(dehydrate(client, options.dehydrateOptions).queries.map((q) => q.queryKey)).toEqual([['kept']]);
  });
});
