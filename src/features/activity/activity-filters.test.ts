import { describe, expect, it } from 'vitest';
import { activitySearch, auditQuery, changedFields, csvHref, parseActivityFilters } from './activity-filters';

describe('activity filters', () => {
  it('round-trips through the URL', () => {
    const search = '?actor=eve&action=budget.update&objectId=b-1&from=2024-01-01&to=2024-01-31&offset=50';
    const { filters, issues } = parseActivityFilters(search);
    expect(issues).toEqual([]);
    expect(activitySearch(filters)).toBe(search);
    expect(auditQuery(filters).toString()).toBe('actor=eve&action=budget.update&objectId=b-1&from=2024-01-01&to=2024-01-31&limit=50&offset=50');
    expect(csvHref(filters)).toBe('/audit/entries.csv?actor=eve&action=budget.update&objectId=b-1&from=2024-01-01&to=2024-01-31');
  });

  it('drops what it cannot use and says why', () => {
    const { filters, issues } = parseActivityFilters('action=drop&from=2024-02-30&to=yesterday&offset=-1');
    expect(filters).toEqual({});
    expect(issues).toHaveLength(4);
    expect(issues[0]).toMatch(/action “drop”/);
    const swapped = parseActivityFilters('from=2024-02-01&to=2024-01-01');
    expect(swapped.filters).toEqual({});
    expect(swapped.issues[0]).toMatch(/after/);
  });

  it('lists the fields a change touched', () => {
    expect(
      changedFields(
        { name: 'A', monthlyBudget: 500, alertThresholds: [50], updatedAt: 'x' },
        { name: 'A', monthlyBudget: 750, alertThresholds: [50, 90], updatedAt: 'y' },
      ),
    ).toEqual([
      { field: 'monthlyBudget', from: '500', to: '750' },
      { field: 'alertThresholds', from: '[50]', to: '[50,90]' },
    ]);
    expect(changedFields(null, { name: 'New' })).toEqual([{ field: 'name', from: '—', to: '"New"' }]);
  });
});
