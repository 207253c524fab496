import { describe, expect, it } from 'vitest';
import * as z from 'zod/mini';
import { parseFilters } from './filter-schema';
import { defineView, parseViewParams, viewParam } from './view-params';
import { nextSearch } from './use-url-state';

const NOW = Date.parse('2024-01-16T12:00:00Z');
const spec = {
  metric: viewParam(z.enum(['cost', 'usage']), 'cost'),
  region: viewParam(z.string().check(z.maxLength(5)), ''),
};
const view = defineView(spec);
const entries = (search: string) => Object.fromEntries(new URLSearchParams(search));

/** What `set(patch)` navigates to from `search`. */
function set(search: string, patch: Parameters<typeof nextSearch<typeof spec>>[0]['patch']) {
  const { filters } = parseFilters(new URLSearchParams(search), NOW);
  return nextSearch({ search, filters, view, patch, now: NOW });
}

/** What `cleanUp(fix)` navigates to from `search`. */
function cleanUp(search: string, fix = {}) {
  const params = new URLSearchParams(search);
  const { filters } = parseFilters(params, NOW);
  const { values } = parseViewParams(params, spec);
  return nextSearch({ search, filters, view, patch: { ...filters, ...values, ...fix }, now: NOW });
}

describe('one set for filters and view parameters', () => {
  it('changes both in one search string, keeping other parameters', () => {
    expect(entries(set('?foo=1&region=eu', { currency: 'EUR', metric: 'usage' }))).toEqual({
      foo: '1',
      region: 'eu',
      currency: 'EUR',
      metric: 'usage',
    });
  });

  it('keeps the filters consistent and drops defaults', () => {
    expect(entries(set('?timeRange=custom&startDate=2024-01-01&endDate=2024-01-05&metric=usage', { timeRange: 'last_month', metric: 'cost' }))).toEqual({
      timeRange: 'last_month',
    });
    // hourly over a year becomes daily, as the API allows
    expect(entries(set('', { timeRange: 'current_year', granularity: 'hourly' }))).toEqual({ timeRange: 'current_year' });
  });
});

describe('the built-in clean-up', () => {
  it('drops every ignored value, filter and view alike, and keeps the rest', () => {
    const search = '?timeRange=bogus&currency=EUR&resourceType=gpu,clusters&metric=bytes&region=toolong&other=x';
    expect(entries(cleanUp(search))).toEqual({ currency: 'EUR', resourceType: 'clusters', other: 'x' });
  });

  it('takes what only the page knows as a fix', () => {
    expect(entries(cleanUp('?timeRange=current_year&region=eu', { timeRange: 'last_month', region: '' }))).toEqual({
      timeRange: 'last_month',
    });
  });

  it('leaves a clean link clean (cleaning twice changes nothing more)', () => {
    const search = '?timeRange=last_month&currency=JPY&metric=usage';
    expect(entries(cleanUp(search))).toEqual(entries(search));
    const once = cleanUp('?metric=bytes&currency=EUR&x=1');
    expect(cleanUp(once)).toBe(once);
  });
});
