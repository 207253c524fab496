import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDuckDbAuditStore, type AuditEntry } from './store.ts';

const entry = (i: number, over: Partial<AuditEntry> = {}): AuditEntry => ({
  id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
  at: new Date(Date.UTC(2024, 0, 10 + i, 12)).toISOString(),
  actorId: i % 2 ? 'eve' : 'ada',
  actorName: i % 2 ? 'Eve Editor' : 'Ada 100%_Admin',
  actorEmail: i % 2 ? 'eve@example.com' : null,
  role: i % 2 ? 'editor' : 'admin',
  address: '10.1.2.3',
  action: 'budget.update',
  objectType: 'budget',
  objectId: `b-${i % 3}`,
  before: { monthlyBudget: i },
  after: { monthlyBudget: i + 1, name: 'Ünïcode "quoted"' },
  status: 200,
  ...over,
});

describe('embedded audit store (DuckDB file)', () => {
  it('keeps entries across a restart, newest first, with filters and paging', async () => {
    const file = path.join(mkdtempSync(path.join(tmpdir(), 'audit-store-')), 'audit.duckdb');
    let store = await openDuckDbAuditStore(file);
    for (let i = 0; i < 6; i++) await store.append(entry(i));
    await store.close();

    store = await openDuckDbAuditStore(file);
    const all = await store.list({ limit: 200, offset: 0 });
    expect(all.total).toBe(6);
    expect(all.entries.map((e) => e.id)).toEqual([5, 4, 3, 2, 1, 0].map((i) => entry(i).id));
    expect(all.entries[0]).toEqual(entry(5));

    expect((await store.list({ actor: 'EVE@', limit: 200, offset: 0 })).total).toBe(3);
    // LIKE wildcards in the filter are taken literally.
    expect((await store.list({ actor: '100%_', limit: 200, offset: 0 })).total).toBe(3);
    expect((await store.list({ actor: '%', limit: 200, offset: 0 })).total).toBe(3);
    expect((await store.list({ objectId: 'b-1', limit: 200, offset: 0 })).entries.map((e) => e.id)).toEqual([4, 1].map((i) => entry(i).id));
    expect((await store.list({ from: '2024-01-12', to: '2024-01-13', limit: 200, offset: 0 })).total).toBe(2);
    const page = await store.list({ limit: 2, offset: 2 });
    expect(page.entries.map((e) => e.id)).toEqual([3, 2].map((i) => entry(i).id));
    expect(page.total).toBe(6);
    await store.close();
  });
});
