import { describe, expect, it } from 'vitest';
import type { UtilizationResponse } from '../../../contract/utilization';
import { stretchKindsIn, stretchesOf } from './get-utilization';

const H = 3_600_000;
const T0 = Date.UTC(2023, 11, 1);

function answer(utils: (number | null)[]): UtilizationResponse {
  return {
    resourceId: 'c',
    name: 'C',
    period: { startDate: '2023-12-01', endDate: '2023-12-31', billingCycle: 'monthly', daysInPeriod: 31, daysElapsed: 31 },
    currency: 'USD',
    granularity: 'hourly',
    thresholds: { idle: 0.05, oversized: 0.35 },
    points: utils.map((u, i) => ({ timestamp: new Date(T0 + i * H).toISOString().replace('.000Z', 'Z'), gpuUtilization: u, gpus: 8, cost: 10 })),
  };
}

describe('stretchesOf', () => {
  it('computes an answer’s stretches once, the same array for every caller', () => {
    const a = answer([...Array(30).fill(0.01), ...Array(80).fill(0.2), 0.9]);
    const first = stretchesOf(a);
    expect(first.map((p) => [p.kind, p.hours, p.cost])).toEqual([
      ['idle', 30, 300],
      ['oversized', 80, 800],
    ]);
    expect(stretchesOf(a)).toBe(first);
  });
});

describe('stretchKindsIn', () => {
  it('names every kind of stretch overlapping a bucket, none for a bucket outside them', () => {
    const periods = stretchesOf(answer([...Array(30).fill(0.01), ...Array(80).fill(0.2)]));
    expect(stretchKindsIn(periods, T0, T0 + 24 * H)).toBe('idle');
    expect(stretchKindsIn(periods, T0 + 24 * H, T0 + 48 * H)).toBe('idle, oversized');
    expect(stretchKindsIn(periods, T0 + 48 * H, T0 + 72 * H)).toBe('oversized');
    expect(stretchKindsIn(periods, T0 + 110 * H, T0 + 134 * H)).toBe('');
  });
});
