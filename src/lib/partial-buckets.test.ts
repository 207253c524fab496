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
});
