import { describe, expect, it } from 'vitest';
import { formatExactQuantity, formatTick, quantityDecimals, unitTitle } from './usage-format';

describe('usage formatting', () => {
  it('shows quantities as precisely as the API sends them', () => {
    expect(formatExactQuantity(38.25, 'gpu_hours')).toBe('38.25 GPU h');
    expect(formatExactQuantity(38, 'gpu_hours')).toBe('38 GPU h');
    expect(formatExactQuantity(5420, 'requests')).toBe('5,420 req');
    expect(formatExactQuantity(2847.3, 'gb_hours')).toBe('2,847.3 GB-h');
    expect(quantityDecimals('requests')).toBe(0);
    expect(quantityDecimals('gb')).toBe(2);
  });

  it('titles units', () => {
    expect(unitTitle('gpu_hours')).toBe('GPU hours');
    expect(unitTitle('requests')).toBe('Requests');
    expect(unitTitle('gb_hours')).toBe('GB-hours');
  });

  it('labels time ticks by their step, in UTC', () => {
    const t = Date.UTC(2024, 0, 3, 6);
    expect(formatTick(t, 'hour', 'en-US')).toBe('Jan 3, 06:00');
    expect(formatTick(Date.UTC(2024, 0, 3), 'day', 'en-US')).toBe('Jan 3');
    expect(formatTick(Date.UTC(2024, 2, 1), 'month', 'en-US')).toBe('Mar 2024');
  });
});
