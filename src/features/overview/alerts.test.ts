import { describe, expect, it } from 'vitest';
import type { Alert } from '../../contract/billing';
import { alertFigures, severityCounts, sortAlerts } from './alerts';

const alert = (severity: Alert['severity'], type: Alert['type'] = 'budget_exceeded', message: string = severity): Alert => ({
  type,
  severity,
  message,
  threshold: 1000,
  currentValue: 1250.5,
});

describe('alerts', () => {
  it('lists the most severe first, keeping the API order within a severity', () => {
    const sorted = sortAlerts([alert('low', 'budget_exceeded', 'a'), alert('high'), alert('low', 'unusual_spike', 'b'), alert('critical')]);
    expect(sorted.map((a) => a.message)).toEqual(['critical', 'high', 'a', 'b']);
  });

  it('counts alerts per severity', () => {
    expect(severityCounts([alert('low'), alert('low'), alert('high')])).toEqual({ critical: 0, high: 1, medium: 0, low: 2, other: 0 });
  });

  it('keeps a severity or type the API added: listed after the known ones, counted as other, figures as plain numbers', () => {
    const grown = [alert('informational', 'quota_warning', 'new'), alert('critical'), alert('low')];
    expect(sortAlerts(grown).map((a) => a.message)).toEqual(['critical', 'low', 'new']);
    expect(severityCounts(grown)).toEqual({ critical: 1, high: 0, medium: 0, low: 1, other: 1 });
    expect(alertFigures(alert('low', 'quota_warning'), 'EUR')).toEqual({ threshold: '1,000', current: '1,250.5', label: 'Value' });
  });

  it('shows budget figures as money and spikes as percentages', () => {
    expect(alertFigures(alert('low'), 'EUR')).toEqual({ threshold: '€1,000.00', current: '€1,250.50', label: 'Spend' });
    expect(alertFigures(alert('low', 'budget_forecast'), 'JPY').current).toBe('¥1,251');
    expect(alertFigures({ ...alert('low', 'unusual_spike'), threshold: 25, currentValue: 37.6 }, 'USD')).toEqual({
      threshold: '25.0%',
      current: '37.6%',
      label: 'Growth vs last week',
    });
  });
});
