import { describe, expect, it } from 'vitest';
import { DEFAULT_FILTERS, parseFilters } from './filter-schema';
import { fixedDatesHref } from './fixed-link';

const filtersOf = (href: string) => parseFilters(new URL(href).searchParams, Date.parse('2024-01-16T12:00:00Z')).filters;

describe('fixedDatesHref', () => {
  it('replaces a relative time range by the exact days of the period, keeping every other parameter', () => {
    const href = 'http://dash.example/usage/clusters?timeRange=last_month&currency=EUR&resourceType=clusters,storage&metric=usage#top';
    const fixed = new URL(fixedDatesHref(href, filtersOf(href), { startDate: '2023-12-01', endDate: '2023-12-31' }));
    expect(fixed.origin + fixed.pathname).toBe('http://dash.example/usage/clusters');
    expect(fixed.hash).toBe('#top');
    expect(Object.fromEntries(fixed.searchParams)).toEqual({
      timeRange: 'custom',
      startDate: '2023-12-01',
      endDate: '2023-12-31',
      currency: 'EUR',
      resourceType: 'clusters,storage',
      metric: 'usage',
    });
    // Reopened, the link reads as that custom range, with nothing ignored.
    const reread = parseFilters(fixed.searchParams, Date.parse('2031-07-04T00:00:00Z'));
    expect(reread.issues).toEqual([]);
    expect(reread.filters).toMatchObject({ timeRange: 'custom', startDate: '2023-12-01', endDate: '2023-12-31', currency: 'EUR' });
  });

  it('fixes the default range (written nowhere in the address) too, and keeps an hourly granularity', () => {
    const href = 'http://dash.example/?granularity=hourly';
    const fixed = fixedDatesHref(href, filtersOf(href), { startDate: '2024-02-01', endDate: '2024-02-29' });
    expect(fixed).toBe('http://dash.example/?timeRange=custom&startDate=2024-02-01&endDate=2024-02-29&granularity=hourly');
  });

  it('drops values the page ignored rather than carrying them into the link', () => {
    const href = 'http://dash.example/teams?timeRange=current_quarter&currency=XYZ&sort=total';
    const filters = { ...DEFAULT_FILTERS, timeRange: 'current_quarter' as const };
    expect(fixedDatesHref(href, filters, { startDate: '2024-01-01', endDate: '2024-03-31' })).toBe(
      'http://dash.example/teams?sort=total&timeRange=custom&startDate=2024-01-01&endDate=2024-03-31',
    );
  });
});
