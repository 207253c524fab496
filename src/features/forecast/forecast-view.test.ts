import { describe, expect, it } from 'vitest';
import { parseViewParams, viewParamsToSearchParams } from '../../url-state/view-params';
import { forecastView } from './forecast-view';

const parse = (qs: string) => parseViewParams(new URLSearchParams(qs), forecastView);

describe('forecast view parameters', () => {
  it('defaults to 6 months at 95%', () => {
    expect(parse('').values).toEqual({ forecastPeriod: '6_months', confidenceInterval: 0.95 });
  });

  it('reads the offered values', () => {
    expect(parse('forecastPeriod=12_months&confidenceInterval=0.8')).toEqual({
      values: { forecastPeriod: '12_months', confidenceInterval: 0.8 },
      issues: [],
    });
  });

  it('falls back, with a reason saying what is shown, for other values', () => {
    const { values, issues } = parse('forecastPeriod=2_months&confidenceInterval=0.42');
    expect(values).toEqual({ forecastPeriod: '6_months', confidenceInterval: 0.95 });
    expect(issues).toEqual([
      {
        param: 'forecastPeriod',
        value: '2_months',
        reason: 'not a forecast period (3_months, 6_months, 12_months); showing 6 months',
      },
      {
        param: 'confidenceInterval',
        value: '0.42',
        reason: 'not an offered confidence interval (0.8, 0.9, 0.95, 0.99); showing 95%',
      },
    ]);
  });

  it('writes only what differs from the defaults', () => {
    expect(viewParamsToSearchParams({ forecastPeriod: '3_months', confidenceInterval: 0.95 }, forecastView, '?currency=EUR').toString()).toBe(
      'currency=EUR&forecastPeriod=3_months',
    );
  });
});
