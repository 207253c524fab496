import { describe, expect, it } from 'vitest';
import type { BreakdownItem } from '../../contract/billing';
import { monthSpendFromUsage, monthSpendRequest } from './month-spend';

const NOW = Date.parse('2024-01-16T12:34:00Z');

function item(resourceType: BreakdownItem['resourceType'], costs: Record<string, number>): BreakdownItem {
  return {
    resourceType,
    usage: { quantity: 0, unit: 'gpu_hours', cost: 0, percentage: 0 },
    topResources: [],
    timeSeries: Object.entries(costs).map(([day, cost]) => ({ timestamp: `${day}T00:00:00Z`, value: 0, cost })),
  };
}

describe('monthSpendRequest', () => {
  it('asks for daily costs from the month start (or 7 days back, if earlier) through today', () => {
    expect(monthSpendRequest(['all'], 'EUR', NOW)).toEqual({
      timeRange: 'custom',
      startDate: '2024-01-01',
      endDate: '2024-01-16',
      granularity: 'daily',
      currency: 'EUR',
    });
    const early = monthSpendRequest(['clusters', 'storage'], 'USD', Date.parse('2024-02-03T08:00:00Z'));
    expect(early.startDate).toBe('2024-01-27');
    expect(early.endDate).toBe('2024-02-03');
    expect(early.resourceType).toEqual(['clusters', 'storage']);
  });
});

describe('monthSpendFromUsage', () => {
  it('adds this month for spend and the seven complete days before today for the burn rate', () => {
    const days: Record<string, number> = {};
    for (let d = 1; d <= 16; d++) days[`2024-01-${String(d).padStart(2, '0')}`] = d === 16 ? 50 : 100;
    const spend = monthSpendFromUsage({ breakdown: [item('clusters', days), item('storage', { '2024-01-10': 7 })] }, NOW);
    expect(spend.spent).toBe(15 * 100 + 50 + 7);
    expect(spend.hourlyBurn).toBeCloseTo((7 * 100 + 7) / 168, 10);
    expect(new Date(spend.from).toISOString()).toBe('2024-01-16T12:00:00.000Z');
    expect(new Date(spend.monthEnd).toISOString()).toBe('2024-02-01T00:00:00.000Z');
  });

  it('counts days of last month towards the burn rate only', () => {
    const spend = monthSpendFromUsage(
      { breakdown: [item('training', { '2024-01-28': 10, '2024-01-31': 20, '2024-02-01': 5, '2024-02-03': 1 })] },
      Date.parse('2024-02-03T08:00:00Z'),
    );
    expect(spend.spent).toBe(6);
    expect(spend.hourlyBurn).toBeCloseTo(35 / 168, 10);
  });
});
