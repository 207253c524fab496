import { describe, expect, it } from 'vitest';
import type { AnomalyMarker } from '../lib/anomalies';
import { alertMarker, alertType } from './anomalies';

const DAY = 86_400_000;

describe('alerts and markers', () => {
  const marker = (type: string, start: string, days: number): AnomalyMarker => ({
    id: `${type}:${start}`,
    type,
    start: Date.parse(start),
    end: Date.parse(start) + days * DAY,
    actual: 1,
    expected: 1,
    excess: 0,
    flagged: [],
  });

  it('reads the resource type an unusual_spike message names', () => {
    expect(alertType({ message: 'AI service requests increased by 45% compared to last week' })).toBe('ai-services');
    expect(alertType({ message: 'GPU cluster hours increased by 30.0% compared to last week' })).toBe('clusters');
    expect(alertType({ message: 'Data transfer increased by 80.0% compared to last week' })).toBe('bandwidth');
    expect(alertType({ message: 'Something else' })).toBeUndefined();
  });

  it('points an unusual_spike alert to the latest marker of its type in the last two weeks', () => {
    const markers = [marker('ai-services', '2023-12-01', 2), marker('ai-services', '2024-01-10', 6), marker('clusters', '2024-01-12', 1)];
    const alert = { type: 'unusual_spike', message: 'AI service requests increased by 45% compared to last week' };
    expect(alertMarker(alert, markers, '2024-01-16')?.id).toBe('ai-services:2024-01-10');
    expect(alertMarker(alert, markers.slice(0, 1), '2024-01-16')).toBeUndefined();
    expect(alertMarker({ ...alert, type: 'budget_exceeded' }, markers, '2024-01-16')).toBeUndefined();
  });
});
