import { describe, expect, it } from 'vitest';
import { TIME_RANGES } from '../../contract/billing';
import { analysisRange } from './analysis-range';

describe('analysisRange', () => {
  it('uses last month and the current month as they are', () => {
    expect(analysisRange({ timeRange: 'last_month' })).toEqual({ timeRange: 'last_month' });
    expect(analysisRange({ timeRange: 'current_month' })).toEqual({ timeRange: 'current_month' });
  });

  it('falls back to the last 30 days (the current month, analysed over the trailing 30 days), with an issue, for every other range', () => {
    for (const timeRange of TIME_RANGES.filter((t) => t !== 'last_month' && t !== 'current_month')) {
      const { timeRange: used, issue } = analysisRange({ timeRange });
      expect(used).toBe('current_month');
      expect(issue).toEqual({
        param: 'timeRange',
        value: timeRange,
        reason: 'optimization analyses the last 30 days or Last month; showing the last 30 days',
      });
    }
  });
});
