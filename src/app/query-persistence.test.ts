import { QueryClient, dehydrate, queryOptions } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { createPersistOptions, PERSIST_MAX_AGE_MS, serializeInSlices } from './query-persistence';

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

describe('serializeInSlices', () => {
  it('writes what JSON.parse reads back as the client, however many queries and of what size', async () => {
    const client = new QueryClient();
    const big = Array.from({ length: 20_000 }, (_, i) => ({ timestamp: new Date(Date.UTC(2024, 0, 1) + i * 3_600_000).toISOString(), cost: i / 7, note: 'quote " and \\ and \u2028' }));
    await client.prefetchQuery(queryOptions({ queryKey: ['usage', { granularity: 'hourly' }], queryFn: () => Promise.resolve({ points: big }) }));
    for (let i = 0; i < 30; i++) await client.prefetchQuery(queryOptions({ queryKey: ['small', i], queryFn: () => Promise.resolve({ i }) }));
    const persisted = { timestamp: 1_700_000_000_000, buster: 'abc', clientState: dehydrate(client) };
    const json = await serializeInSlices(persisted);
    expect(JSON.parse(json)).toEqual(JSON.parse(JSON.stringify(persisted)));
    expect(json.length).toBe(JSON.stringify(persisted).length);
  });

  it('writes a client without queries or top-level fields', async () => {
    const empty = { timestamp: 0, buster: '', clientState: { mutations: [], queries: [] } };
    expect(JSON.parse(await serializeInSlices(empty))).toEqual(empty);
    expect(JSON.parse(await serializeInSlices({ clientState: { queries: [] } } as never))).toEqual({ clientState: { queries: [] } });
  });
});
