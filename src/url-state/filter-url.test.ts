import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CURRENCIES, GRANULARITIES, GROUP_BYS, RESOURCE_TYPES, TIME_RANGES } from '../contract/billing';
import { DEFAULT_FILTERS, parseFilters, type DashboardFilters } from './filter-schema';
import { applyFilterPatch, filterSearch, filtersToSearchParams, toSearchString } from './filter-url';

const NOW = Date.parse('2024-01-16T12:00:00Z');
const write = (f: DashboardFilters, base?: string) => toSearchString(filtersToSearchParams(f, base));

describe('filtersToSearchParams', () => {
  it('writes nothing for the defaults', () => {
    expect(write(DEFAULT_FILTERS)).toBe('');
  });

  it('writes only what differs from the defaults, lists comma-separated', () => {
    expect(
      write({
        timeRange: 'custom',
        startDate: '2024-01-01',
        endDate: '2024-01-15',
        resourceType: ['ai-services', 'clusters'],
        granularity: 'weekly',
        groupBy: 'region',
        currency: 'EUR',
      }),
    ).toBe('?timeRange=custom&startDate=2024-01-01&endDate=2024-01-15&resourceType=clusters,ai-services&granularity=weekly&currency=EUR');
  });

  it('keeps other parameters and replaces its own (including bracketed and invalid ones)', () => {
    expect(
      write({ ...DEFAULT_FILTERS, currency: 'GBP' }, '?view=table&currency=XYZ&resourceType[]=gpu&timeRange=bogus&top=5'),
    ).toBe('?view=table&top=5&currency=GBP');
  });

  it('never writes dates without a custom range', () => {
    expect(write({ ...DEFAULT_FILTERS, timeRange: 'last_month', startDate: '2024-01-01', endDate: '2024-01-02' })).toBe(
      '?timeRange=last_month',
    );
  });
});

describe('URL round trip', () => {
  const isoDate = fc
    .date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2030-12-31T00:00:00Z'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));
  const filters = fc
    .record({
      timeRange: fc.constantFrom(...TIME_RANGES),
      dates: fc.tuple(isoDate, isoDate).map(([a, b]) => (a <= b ? [a, b] : [b, a])),
      resourceType: fc.subarray([...RESOURCE_TYPES]),
      granularity: fc.constantFrom(...GRANULARITIES.filter((g) => g !== 'hourly')),
      groupBy: fc.constantFrom(...GROUP_BYS),
      currency: fc.constantFrom(...CURRENCIES),
    })
    .map(({ timeRange, dates, resourceType, ...rest }): DashboardFilters => ({
      timeRange,
      ...(timeRange === 'custom' ? { startDate: dates[0], endDate: dates[1] } : {}),
      resourceType: resourceType.length === RESOURCE_TYPES.length ? [] : resourceType,
      ...rest,
    }));

  it('parses back to the same filters, with no issues', () => {
    fc.assert(
      fc.property(filters, (f) => {
        const parsed = parseFilters(new URLSearchParams(write(f)), NOW);
        expect(parsed.issues).toEqual([]);
        expect(parsed.filters).toEqual(f);
      }),
    );
  });

  it('writes the same URL again after parsing it (stable links)', () => {
    fc.assert(
      fc.property(filters, (f) => {
        const once = write(f);
        expect(write(parseFilters(new URLSearchParams(once), NOW).filters)).toBe(once);
      }),
    );
  });
});

describe('applyFilterPatch', () => {
  it('drops the dates when leaving a custom range', () => {
    const custom = { ...DEFAULT_FILTERS, timeRange: 'custom', startDate: '2024-01-01', endDate: '2024-01-09' } as const;
    expect(applyFilterPatch(custom, { timeRange: 'last_month' }, NOW)).toEqual({
      ...DEFAULT_FILTERS,
      timeRange: 'last_month',
    });
  });

  it("starts a custom range from the previous range's days", () => {
    expect(applyFilterPatch(DEFAULT_FILTERS, { timeRange: 'custom' }, NOW)).toMatchObject({
      startDate: '2024-01-01',
      endDate: '2024-01-31',
    });
    expect(applyFilterPatch({ ...DEFAULT_FILTERS, timeRange: 'last_quarter' }, { timeRange: 'custom' }, NOW)).toMatchObject(
      { startDate: '2023-10-01', endDate: '2023-12-31' },
    );
  });

  it('keeps the date just set and moves the other one when they cross', () => {
    const custom = { ...DEFAULT_FILTERS, timeRange: 'custom', startDate: '2024-01-05', endDate: '2024-01-09' } as const;
    expect(applyFilterPatch(custom, { startDate: '2024-01-20' }, NOW)).toMatchObject({
      startDate: '2024-01-20',
      endDate: '2024-01-20',
    });
    expect(applyFilterPatch(custom, { endDate: '2024-01-02' }, NOW)).toMatchObject({
      startDate: '2024-01-02',
      endDate: '2024-01-02',
    });
  });

  it('switches hourly to daily when the range gets longer than 92 days', () => {
    const hourly = { ...DEFAULT_FILTERS, granularity: 'hourly' } as const;
    expect(applyFilterPatch(hourly, { timeRange: 'current_year' }, NOW).granularity).toBe('daily');
    expect(applyFilterPatch(hourly, { timeRange: 'last_quarter' }, NOW).granularity).toBe('hourly');
    expect(applyFilterPatch({ ...DEFAULT_FILTERS, timeRange: 'current_year' }, { granularity: 'hourly' }, NOW).granularity).toBe(
      'daily',
    );
  });

  it('normalises resource types', () => {
    expect(applyFilterPatch(DEFAULT_FILTERS, { resourceType: ['storage', 'clusters'] }, NOW).resourceType).toEqual([
      'clusters',
      'storage',
    ]);
    expect(applyFilterPatch(DEFAULT_FILTERS, { resourceType: [...RESOURCE_TYPES] }, NOW).resourceType).toEqual([]);
  });
});

describe('filterSearch', () => {
  it('keeps only the valid shared filters (for links to other pages)', () => {
    expect(filterSearch('?currency=EUR&metric=usage&timeRange=bogus&resourceType=storage,gpu', NOW)).toBe(
      '?resourceType=storage&currency=EUR',
    );
    expect(filterSearch('', NOW)).toBe('');
  });
});
