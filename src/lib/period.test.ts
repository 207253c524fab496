import { describe, expect, it } from 'vitest';
import { presetRange, rangeDays, resolveRange } from './period';

const NOW = Date.parse('2024-01-16T12:00:00Z');

describe('period', () => {
  it('resolves presets in UTC like the API', () => {
    expect(presetRange('current_month', NOW)).toEqual({ startDate: '2024-01-01', endDate: '2024-01-31' });
    expect(presetRange('last_month', NOW)).toEqual({ startDate: '2023-12-01', endDate: '2023-12-31' });
    expect(presetRange('current_quarter', NOW)).toEqual({ startDate: '2024-01-01', endDate: '2024-03-31' });
    expect(presetRange('last_quarter', NOW)).toEqual({ startDate: '2023-10-01', endDate: '2023-12-31' });
    expect(presetRange('current_year', NOW)).toEqual({ startDate: '2024-01-01', endDate: '2024-12-31' });
    expect(presetRange('current_month', Date.parse('2024-02-29T23:59:59Z'))).toEqual({
      startDate: '2024-02-01',
      endDate: '2024-02-29',
    });
  });

  it('counts inclusive days', () => {
    expect(rangeDays({ startDate: '2024-01-01', endDate: '2024-01-01' })).toBe(1);
    expect(rangeDays({ startDate: '2024-01-01', endDate: '2024-12-31' })).toBe(366);
    expect(rangeDays({ startDate: '2024-03-01', endDate: '2024-03-31' })).toBe(31);
  });

  it('resolves a custom range only with both dates', () => {
    expect(resolveRange('custom', NOW, { startDate: '2024-01-02', endDate: '2024-01-03' })).toEqual({
      startDate: '2024-01-02',
      endDate: '2024-01-03',
    });
    expect(resolveRange('custom', NOW, { startDate: '2024-01-02' })).toBeUndefined();
    expect(resolveRange('last_month', NOW)).toEqual(presetRange('last_month', NOW));
  });
});
