/**
 * Alerts as the Overview lists them: most severe first, with their threshold
 * and current value in the unit they are measured in (money for budget
 * alerts, percent growth for spikes).
 */
import { ALERT_TYPES, SEVERITIES, type Alert, type Currency } from '../../contract/billing';
import { formatMoney, formatNumber, formatPercent } from '../../lib/format';
import { isKnown } from '../../contract/billing';

/** A severity the dashboard knows; the API may send others (shown by their id, counted as other). */
export type Severity = (typeof SEVERITIES)[number];

export const SEVERITY_LABELS: Record<Severity, string> = {
  critical: 'Critical',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
};

export const ALERT_TYPE_LABELS: Record<(typeof ALERT_TYPES)[number], string> = {
  budget_exceeded: 'Budget threshold passed',
  budget_forecast: 'Budget forecast',
  unusual_spike: 'Unusual spike',
};

/** Most severe first; the API's order within a severity. */
export function sortAlerts(alerts: readonly Alert[]): Alert[] {
  // A severity the dashboard does not know comes after the known ones.
  const rank = (a: Alert) => (isKnown(SEVERITIES, a.severity) ? SEVERITIES.length - SEVERITIES.indexOf(a.severity) : SEVERITIES.length + 1);
  return alerts
    .map((alert, index) => ({ alert, index }))
    .sort((a, b) => rank(a.alert) - rank(b.alert) || a.index - b.index)
    .map(({ alert }) => alert);
}

/** How many alerts of each severity. */
export function severityCounts(alerts: readonly Alert[]): Record<Severity | 'other', number> {
  const counts: Record<Severity | 'other', number> = { critical: 0, high: 0, medium: 0, low: 0, other: 0 };
  for (const a of alerts) counts[isKnown(SEVERITIES, a.severity) ? a.severity : 'other']++;
  return counts;
}

/** Threshold and current value as text: `€37,500.00` for budgets, `25.0%` for spikes. */
export function alertFigures(alert: Alert, currency: Currency): { threshold: string; current: string; label: string } {
  // An alert type the dashboard does not know: its figures as plain numbers, unit unknown.
  if (!isKnown(ALERT_TYPES, alert.type))
    return { threshold: formatNumber(alert.threshold, 2), current: formatNumber(alert.currentValue, 2), label: 'Value' };
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
