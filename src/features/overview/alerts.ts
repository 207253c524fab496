/**
 * Alerts as the Overview lists them: most severe first, with their threshold
 * and current value in the unit they are measured in (money for budget
 * alerts, percent growth for spikes).
 */
import { SEVERITIES, type Alert, type Currency } from '../../contract/billing';
import { formatMoney, formatPercent } from '../../lib/format';

export type Severity = Alert['severity'];

export const SEVERITY_LABELS: Record<Severity, string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
};

export const ALERT_TYPE_LABELS: Record<Alert['type'], string> = {
  budget_exceeded: 'Budget threshold passed',
  budget_forecast: 'Budget forecast',
  unusual_spike: 'Unusual spike',
};

/** Most severe first; the API's order within a severity. */
export function sortAlerts(alerts: readonly Alert[]): Alert[] {
  const rank = (a: Alert) => SEVERITIES.length - SEVERITIES.indexOf(a.severity);
  return alerts
    .map((alert, index) => ({ alert, index }))
    .sort((a, b) => rank(a.alert) - rank(b.alert) || a.index - b.index)
    .map(({ alert }) => alert);
}

/** How many alerts of each severity. */
export function severityCounts(alerts: readonly Alert[]): Record<Severity, number> {
  const counts: Record<Severity, number> = { critical: 0, high: 0, medium: 0, low: 0 };
  for (const a of alerts) counts[a.severity]++;
  return counts;
}

/** Threshold and current value as text: `€37,500.00` for budgets, `25.0%` for spikes. */
export function alertFigures(alert: Alert, currency: Currency): { threshold: string; current: string; label: string } {
  if (alert.type === 'unusual_spike')
    return {
      threshold: formatPercent(alert.threshold),
      current: formatPercent(alert.currentValue),
      label: 'Growth vs last week',
    };
  return {
    threshold: formatMoney(alert.threshold, currency),
    current: formatMoney(alert.currentValue, currency),
    label: alert.type === 'budget_forecast' ? 'Projected spend' : 'Spend',
  };
}
