import { describe, expect, it } from 'vitest';
import {
  formatDateRange,
  formatElapsed,
  formatMetricNumber,
  formatMoney,
  formatMoneyCompact,
  formatNumber,
  formatPercent,
  formatPeriod,
  formatQuantity,
  currencyDecimals,
  resourceUnit,
} from './format';
import { UNKNOWN_RESOURCE_COLOR, compareResourceTypes, resourceColor, resourceLabel } from './colors';

describe('formatMoney', () => {
  it('shows cents for USD and EUR, with grouping', () => {
    expect(formatMoney(1247.83, 'USD')).toBe('$1,247.83');
    expect(formatMoney(1247.5, 'EUR')).toBe('€1,247.50');
    expect(formatMoney(0.005, 'USD')).toBe('$0.01');
    expect(formatMoney(1_234_567.891, 'GBP')).toBe('£1,234,567.89');
  });

  it('shows no decimals for JPY', () => {
    expect(formatMoney(1247.83, 'JPY')).toBe('¥1,248');
    expect(formatMoney(186_000.4, 'JPY')).toBe('¥186,000');
  });

  it('keeps the sign of credits and never shows -0', () => {
    expect(formatMoney(-12, 'USD')).toBe('-$12.00');
    expect(formatMoney(-0, 'EUR')).toBe('€0.00');
  });

  it('tells dollar currencies apart', () => {
    expect(formatMoney(10, 'CAD')).toBe('CA$10.00');
    expect(formatMoney(10, 'AUD')).toBe('A$10.00');
  });

  it('has a compact form for axes', () => {
    expect(formatMoneyCompact(1_247_000, 'USD')).toBe('$1.2M');
    expect(formatMoneyCompact(3400, 'JPY')).toBe('¥3.4K');
  });
});

describe('numbers and quantities', () => {
  it('groups and rounds', () => {
    expect(formatNumber(89543)).toBe('89,543');
    expect(formatNumber(156.75, 1)).toBe('156.8');
    expect(formatNumber(2847.3, 1)).toBe('2,847.3');
  });

  it('keeps headline figures short once they are large', () => {
    expect(formatMetricNumber(99_999.94, 1)).toBe('99,999.9');
    expect(formatMetricNumber(507_903.77, 1)).toBe('507.9K');
    expect(formatMetricNumber(25_835_869)).toBe('25.8M');
    expect(formatMetricNumber(208_781_174, 1)).toBe('208.8M');
  });

  it('formats API percentages (0–100)', () => {
    expect(formatPercent(62.9)).toBe('62.9%');
    expect(formatPercent(4)).toBe('4.0%');
  });

  it('adds the unit', () => {
    expect(formatQuantity(156.7, 'gpu_hours')).toBe('156.7 GPU h');
    expect(formatQuantity(2847.3, 'gb_hours')).toBe('2,847.3 GB-h');
    expect(formatQuantity(89543, 'requests')).toBe('89,543 req');
  });
});

describe('periods', () => {
  it('collapses a range within one month', () => {
    expect(formatDateRange('2024-01-01', '2024-01-31')).toBe('1–31 Jan 2024');
  });

  it('spans months and years', () => {
    expect(formatDateRange('2024-01-01', '2024-03-31')).toBe('1 Jan – 31 Mar 2024');
    expect(formatDateRange('2023-12-28', '2024-01-03')).toBe('28 Dec 2023 – 3 Jan 2024');
    expect(formatDateRange('2024-09-05', '2024-09-05')).toBe('5 Sep 2024');
  });

  it('says how far into the period we are', () => {
    const period = {
      startDate: '2024-01-01',
      endDate: '2024-01-31',
      billingCycle: 'monthly',
      daysInPeriod: 31,
      daysElapsed: 16,
    } as const;
    expect(formatPeriod(period)).toBe('1–31 Jan 2024, 16 of 31 days elapsed');
    expect(formatElapsed({ daysElapsed: 0, daysInPeriod: 1 })).toBe('0 of 1 day elapsed');
  });
});

describe('resource units and axes', () => {
  it('formats a quantity in its resource type unit', async () => {
    const { formatResourceQuantity, resourceUnit, formatQuantityCompact, moneyAxisFormatter } = await import('./format');
    expect(formatResourceQuantity(156.74, 'clusters')).toBe('156.7 GPU h');
    expect(formatResourceQuantity(89543, 'ai-services')).toBe('89,543 req');
    expect(resourceUnit('storage')).toEqual({ unit: 'gb_hours', short: 'GB-h', long: 'GB-hours', decimals: 1 });
    expect(formatQuantityCompact(25_835_869, 'requests')).toBe('25.8M req');
    expect(moneyAxisFormatter('EUR')(1500)).toBe('€1.5K');
    expect(moneyAxisFormatter('JPY')(950)).toBe('¥950');
  });
});

describe('timestamps in a locale', () => {
  it('labels buckets per granularity, in UTC', async () => {
    const { formatBucket, formatBucketLong, formatDateLocale } = await import('./format');
    const t = '2024-01-16T14:00:00Z';
    expect(formatBucket(t, 'daily', 'en-US')).toBe('Jan 16');
    expect(formatBucket(t, 'hourly', 'en-US')).toBe('Jan 16, 14:00');
    expect(formatBucket(t, 'monthly', 'en-US')).toBe('Jan 2024');
    expect(formatBucket('2024-01-01T00:00:00Z', 'daily', 'de-DE')).toBe('1. Jan.');
    expect(formatBucketLong(t, 'daily', 'en-US')).toBe('Tue, Jan 16, 2024');
    expect(formatBucketLong(t, 'monthly', 'en-GB')).toBe('January 2024');
    expect(formatDateLocale('2024-01-05', 'en-GB')).toBe('5 Jan 2024');
    expect(formatDateLocale('2024-01-05', 'en-US')).toBe('Jan 5, 2024');
  });

  it('says how long ago data was loaded', async () => {
    const { formatAgo } = await import('./format');
    const now = Date.parse('2024-01-16T12:00:00Z');
    expect(formatAgo(now, now)).toBe('just now');
    expect(formatAgo(now - 59_000, now)).toBe('just now');
    expect(formatAgo(now - 60_000, now)).toBe('1 min ago');
    expect(formatAgo(now - 59 * 60_000, now)).toBe('59 min ago');
    expect(formatAgo(now - 3 * 3_600_000, now)).toBe('3 h ago');
    expect(formatAgo(now - 49 * 3_600_000, now)).toBe('2 days ago');
    expect(formatAgo(now + 5_000, now)).toBe('just now');
  });
});

describe('values the dashboard does not know', () => {
  it('formats a currency by its ISO code with Intl’s digits, and any other code as a plain number', () => {
    expect(formatMoney(312.4, 'CHF')).toBe('CHF\u00a0312.40');
    expect(formatMoney(1234, 'KRW')).toBe('₩1,234');
    expect(currencyDecimals('KRW')).toBe(0);
    expect(currencyDecimals('JPY')).toBe(0);
    expect(formatMoney(5.5, 'credits')).toBe('5.50 credits');
    expect(currencyDecimals('toString')).toBe(2);
  });

  it('shows an unknown unit by its id and an unknown type in the unit the API gave', () => {
    expect(formatQuantity(5400, 'qpu_seconds')).toBe('5,400 qpu_seconds');
    expect(resourceUnit('quantum', 'qpu_seconds')).toEqual({ unit: 'qpu_seconds', short: 'qpu_seconds', long: 'qpu_seconds', decimals: 2 });
    expect(resourceUnit('clusters', 'qpu_seconds').unit).toBe('gpu_hours');
  });

  it('labels and colours an unknown resource type by its id in the neutral colour, after the known ones', () => {
    expect(resourceLabel('quantum')).toBe('quantum');
    expect(resourceLabel('ai-services')).toBe('AI services');
    expect(resourceColor('quantum')).toBe(UNKNOWN_RESOURCE_COLOR);
    expect(['quantum', 'bandwidth', 'clusters', 'abacus'].sort(compareResourceTypes)).toEqual(['clusters', 'bandwidth', 'abacus', 'quantum']);
  });
});
