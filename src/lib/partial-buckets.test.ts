import { describe, expect, it } from 'vitest';
import { partialBucket } from './partial-buckets';

const t = (iso: string) => Date.parse(iso);
// The API's now: 16 Jan 2024, 12:00 UTC (its newest hour with data ended then).
const now = t('2024-01-16T12:00:00Z');
const january = { startDate: '2024-01-01', endDate: '2024-01-31' };

describe('partialBucket', () => {
  it('marks the buckets that include the API’s today as in progress', () => {
    expect(partialBucket(t('2024-01-16T00:00:00Z'), 'daily', { now })).toBe('in progress');
    expect(partialBucket(t('2024-01-15T00:00:00Z'), 'daily', { now })).toBeUndefined();
    expect(partialBucket(t('2024-01-16T11:00:00Z'), 'hourly', { now })).toBe('in progress');
    expect(partialBucket(t('2024-01-15T23:00:00Z'), 'hourly', { now })).toBeUndefined();
    expect(partialBucket(t('2024-01-15T00:00:00Z'), 'weekly', { now })).toBe('in progress');
    expect(partialBucket(t('2024-01-01T00:00:00Z'), 'monthly', { now })).toBe('in progress');
  });

  it('uses the API’s clock only: no now, nothing in progress', () => {
    expect(partialBucket(t('2024-01-16T00:00:00Z'), 'daily', {})).toBeUndefined();
  });

  it('marks weeks and months the period cuts short', () => {
    // January 2024 starts on a Monday and ends on a Wednesday: the last week has 3 of its days.
    expect(partialBucket(t('2024-01-29T00:00:00Z'), 'weekly', { period: january })).toBe('cut by the period');
    expect(partialBucket(t('2024-01-22T00:00:00Z'), 'weekly', { period: january })).toBeUndefined();
    // a one-day week: a range starting on a Sunday, its first bucket labelled by that day
    expect(partialBucket(t('2023-12-31T00:00:00Z'), 'weekly', { period: { startDate: '2023-12-31', endDate: '2024-01-31' } })).toBe(
      'cut by the period',
    );
    expect(partialBucket(t('2024-02-01T00:00:00Z'), 'monthly', { period: { startDate: '2024-02-10', endDate: '2024-03-31' } })).toBe(
      'cut by the period',
    );
    expect(partialBucket(t('2024-03-01T00:00:00Z'), 'monthly', { period: { startDate: '2024-02-10', endDate: '2024-03-31' } })).toBeUndefined();
  });

  it('marks the first and last week a month cuts, counted in whole days, in a leap year too', () => {
    const february = { startDate: '2024-02-01', endDate: '2024-02-29' };
    // 1 Feb 2024 is a Thursday: its week has 4 days in February, whether labelled by that day or by its Monday.
    expect(partialBucket(t('2024-02-01T00:00:00Z'), 'weekly', { period: february })).toBe('cut by the period');
    expect(partialBucket(t('2024-01-29T00:00:00Z'), 'weekly', { period: february })).toBe('cut by the period');
    expect(partialBucket(t('2024-02-05T00:00:00Z'), 'weekly', { period: february })).toBeUndefined();
    expect(partialBucket(t('2024-02-19T00:00:00Z'), 'weekly', { period: february })).toBeUndefined();
    // The week of Monday 26 Feb: 26–29 Feb (29 Feb included), cut by the month's end.
    expect(partialBucket(t('2024-02-26T00:00:00Z'), 'weekly', { period: february })).toBe('cut by the period');
    // The same week whole, across the month start of March.
    expect(partialBucket(t('2024-02-26T00:00:00Z'), 'weekly', { period: { startDate: '2024-02-26', endDate: '2024-03-03' } })).toBeUndefined();
    // March 2024 starts on a Friday: a 3-day first week.
    expect(partialBucket(t('2024-03-01T00:00:00Z'), 'weekly', { period: { startDate: '2024-03-01', endDate: '2024-03-31' } })).toBe(
      'cut by the period',
    );
    // A week cut by the range ending on a Sunday is whole; one ending on a Saturday is not.
    expect(partialBucket(t('2023-12-25T00:00:00Z'), 'weekly', { period: { startDate: '2023-12-01', endDate: '2023-12-31' } })).toBeUndefined();
    expect(partialBucket(t('2024-03-25T00:00:00Z'), 'weekly', { period: { startDate: '2024-03-01', endDate: '2024-03-30' } })).toBe(
      'cut by the period',
    );
  });

  it('counts February whole with its 29th day, and cut without it', () => {
    expect(partialBucket(t('2024-02-01T00:00:00Z'), 'monthly', { period: { startDate: '2024-01-15', endDate: '2024-03-10' } })).toBeUndefined();
    expect(partialBucket(t('2024-01-15T00:00:00Z'), 'monthly', { period: { startDate: '2024-01-15', endDate: '2024-03-10' } })).toBe(
      'cut by the period',
    );
    expect(partialBucket(t('2024-03-01T00:00:00Z'), 'monthly', { period: { startDate: '2024-01-15', endDate: '2024-03-10' } })).toBe(
      'cut by the period',
    );
    expect(partialBucket(t('2024-02-01T00:00:00Z'), 'monthly', { period: { startDate: '2024-02-01', endDate: '2024-02-28' } })).toBe(
      'cut by the period',
    );
    expect(partialBucket(t('2023-02-01T00:00:00Z'), 'monthly', { period: { startDate: '2023-02-01', endDate: '2023-02-28' } })).toBeUndefined();
  });

  it('says in progress before cut when a bucket is both (the week of today, at the range’s end)', () => {
    const today = t('2024-02-29T08:00:00Z');
    expect(partialBucket(t('2024-02-26T00:00:00Z'), 'weekly', { now: today, period: { startDate: '2024-02-01', endDate: '2024-02-29' } })).toBe(
      'in progress',
    );
    expect(partialBucket(t('2024-02-01T00:00:00Z'), 'monthly', { now: today, period: { startDate: '2024-02-01', endDate: '2024-02-29' } })).toBe(
      'in progress',
    );
  });
});
