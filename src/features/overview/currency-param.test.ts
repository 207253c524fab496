import { describe, expect, it } from 'vitest';
import { parseCurrencyParam } from './currency-param';

describe('parseCurrencyParam', () => {
  it('defaults to USD without a notice', () => {
    expect(parseCurrencyParam(null)).toEqual({ currency: 'USD', rejected: null });
    expect(parseCurrencyParam('')).toEqual({ currency: 'USD', rejected: null });
  });

  it('accepts a supported currency', () => {
    expect(parseCurrencyParam('EUR')).toEqual({ currency: 'EUR', rejected: null });
  });

  it('keeps the rejected value for an unsupported one', () => {
    expect(parseCurrencyParam('XYZ')).toEqual({ currency: 'USD', rejected: 'XYZ' });
    expect(parseCurrencyParam('eur')).toEqual({ currency: 'USD', rejected: 'eur' });
  });
});
