import { describe, expect, it } from 'vitest';
import { DEFAULT_FILTERS, dashboardFiltersSchema, parseFilters, type FilterIssue } from './filter-schema';

const NOW = Date.parse('2024-01-16T12:00:00Z');
const parse = (qs: string) => parseFilters(new URLSearchParams(qs), NOW);
const params = (issues: FilterIssue[]) => issues.map((i) => `${i.param}=${i.value}`);

describe('parseFilters', () => {
  it('gives the defaults, without issues, for an empty query', () => {
    expect(parse('')).toEqual({ filters: DEFAULT_FILTERS, issues: [] });
    expect(DEFAULT_FILTERS).toEqual({
      timeRange: 'current_month',
      resourceType: [],
      granularity: 'daily',
      groupBy: 'region',
      currency: 'USD',
    });
  });

  it('treats empty values as absent', () => {
    expect(parse('timeRange=&currency=&resourceType=&granularity=&groupBy=')).toEqual({
      filters: DEFAULT_FILTERS,
      issues: [],
    });
  });

  it('reads every valid value', () => {
    const { filters, issues } = parse(
      'timeRange=custom&startDate=2024-01-01&endDate=2024-01-15&resourceType=clusters,ai-services&granularity=hourly&groupBy=project&currency=EUR',
    );
    expect(issues).toEqual([]);
    expect(filters).toEqual({
      timeRange: 'custom',
      startDate: '2024-01-01',
      endDate: '2024-01-15',
      resourceType: ['clusters', 'ai-services'],
      granularity: 'hourly',
      groupBy: 'project',
      currency: 'EUR',
    });
    expect(dashboardFiltersSchema.safeParse(filters).success).toBe(true);
  });

  it.each([
    ['timeRange=bogus', 'timeRange', 'bogus', /not a supported time range; showing Current month/],
    ['granularity=minutely', 'granularity', 'minutely', /not a supported granularity; showing Daily/],
    ['groupBy=team', 'groupBy', 'team', /not a grouping .*; showing Region/],
    ['groupBy=region,project', 'groupBy', 'region,project', /takes one dimension; showing Region/],
    ['currency=XYZ', 'currency', 'XYZ', /not a supported currency; showing amounts in USD/],
    ['currency=eur', 'currency', 'eur', /not a supported currency/],
  ])('%s falls back to the default with an issue', (qs, param, value, reason) => {
    const { filters, issues } = parse(qs);
    expect(filters).toEqual(DEFAULT_FILTERS);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ param, value });
    expect(issues[0]!.reason).toMatch(reason);
  });

  it('keeps the known resource types and reports each unknown one', () => {
    const { filters, issues } = parse('resourceType=storage,gpu,clusters,,disk');
    expect(filters.resourceType).toEqual(['clusters', 'storage']);
    expect(params(issues)).toEqual(['resourceType=gpu', 'resourceType=disk']);
    expect(issues[0]!.reason).toMatch(/not a resource type/);
  });

  it('reads repeated and bracketed resource types, in API order, without repeats', () => {
    expect(parse('resourceType=storage&resourceType=clusters').filters.resourceType).toEqual(['clusters', 'storage']);
    expect(parse('resourceType[]=bandwidth&resourceType[]=training').filters.resourceType).toEqual([
      'training',
      'bandwidth',
    ]);
    expect(parse('resourceType=storage,storage').filters.resourceType).toEqual(['storage']);
  });

  it('treats all six resource types as all (none)', () => {
    expect(parse('resourceType=clusters,endpoints,training,ai-services,storage,bandwidth').filters.resourceType).toEqual(
      [],
    );
  });

  it('falls back to all types, with issues, when no resource type is known', () => {
    const { filters, issues } = parse('resourceType=gpu');
    expect(filters.resourceType).toEqual([]);
    expect(params(issues)).toEqual(['resourceType=gpu']);
  });

  describe('custom range', () => {
    it('needs both dates', () => {
      for (const qs of ['timeRange=custom', 'timeRange=custom&startDate=2024-01-01', 'timeRange=custom&endDate=2024-01-01']) {
        const { filters, issues } = parse(qs);
        expect(filters).toEqual(DEFAULT_FILTERS);
        expect(issues).toContainEqual(
          expect.objectContaining({ param: 'timeRange', value: 'custom', reason: expect.stringMatching(/needs both/) }),
        );
      }
    });

    it('rejects dates that are not real YYYY-MM-DD dates', () => {
      for (const bad of ['2024-02-30', '2024-13-01', '16/01/2024', '2024-1-5', 'yesterday']) {
        const { filters, issues } = parse(`timeRange=custom&startDate=${bad}&endDate=2024-03-01`);
        expect(filters).toEqual(DEFAULT_FILTERS);
        expect(issues).toEqual([
          { param: 'startDate', value: bad, reason: expect.stringMatching(/not a valid date .*Current month/) },
        ]);
      }
      const { issues } = parse('timeRange=custom&startDate=2024-01-01&endDate=2024-02-31');
      expect(params(issues)).toEqual(['endDate=2024-02-31']);
    });

    it('accepts a leap day and a single-day range', () => {
      expect(parse('timeRange=custom&startDate=2024-02-29&endDate=2024-02-29').filters).toMatchObject({
        timeRange: 'custom',
        startDate: '2024-02-29',
        endDate: '2024-02-29',
      });
    });

    it('rejects a start after the end', () => {
      const { filters, issues } = parse('timeRange=custom&startDate=2024-01-15&endDate=2024-01-01');
      expect(filters).toEqual(DEFAULT_FILTERS);
      expect(issues).toEqual([
        { param: 'startDate', value: '2024-01-15', reason: expect.stringMatching(/is after endDate 2024-01-01/) },
      ]);
    });

    it('ignores dates without a custom range', () => {
      const { filters, issues } = parse('timeRange=last_month&startDate=2024-01-01&endDate=2024-01-15');
      expect(filters).toEqual({ ...DEFAULT_FILTERS, timeRange: 'last_month' });
      expect(params(issues)).toEqual(['startDate=2024-01-01', 'endDate=2024-01-15']);
      expect(issues[0]!.reason).toBe('only applies to a custom time range');
    });
  });

  describe('hourly granularity', () => {
    it('is kept up to 92 days', () => {
      expect(parse('granularity=hourly&timeRange=current_quarter').filters.granularity).toBe('hourly');
      expect(
        parse('granularity=hourly&timeRange=custom&startDate=2024-01-01&endDate=2024-04-01').filters.granularity,
      ).toBe('hourly');
    });

    it('falls back to daily over more than 92 days', () => {
      const year = parse('granularity=hourly&timeRange=current_year');
      expect(year.filters).toEqual({ ...DEFAULT_FILTERS, timeRange: 'current_year', granularity: 'daily' });
      expect(year.issues).toEqual([
        {
          param: 'granularity',
          value: 'hourly',
          reason: 'is limited to ranges of 92 days or less (this one has 366); showing Daily',
        },
      ]);
      const custom = parse('granularity=hourly&timeRange=custom&startDate=2024-01-01&endDate=2024-04-02');
      expect(custom.filters.granularity).toBe('daily');
      expect(custom.issues[0]!.reason).toMatch(/this one has 93/);
    });
  });

  it('reports several problems at once and keeps the good values', () => {
    const { filters, issues } = parse('timeRange=bogus&currency=XYZ&groupBy=service&view=table');
    expect(filters).toEqual({ ...DEFAULT_FILTERS, groupBy: 'service' });
    expect(params(issues)).toEqual(['timeRange=bogus', 'currency=XYZ']);
  });
});
