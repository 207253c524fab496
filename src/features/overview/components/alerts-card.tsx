import type { Currency, UsageResponse } from '../../../contract/billing';
import { EmptyState } from '../../../components/states/empty-state';
import { Skeleton } from '../../../components/states/skeleton';
import { SEVERITIES } from '../../../contract/billing';
import { ALERT_TYPE_LABELS, alertFigures, severityCounts, sortAlerts, SEVERITY_LABELS } from '../alerts';
import { Panel } from '../../../components/panel';
import { labelFor } from '../../../lib/format';
import { SeverityBadge } from './severity-badge';

function AlertItem({ alert, currency }: { alert: UsageResponse['alerts'][number]; currency: Currency }) {
  const figures = alertFigures(alert, currency);
  return (
    <li className="flex flex-col gap-1 border-b border-border py-2.5 first:pt-0 last:border-b-0 last:pb-0">
      <div className="flex flex-wrap items-center gap-2">
        <SeverityBadge severity={alert.severity} />
        <span className="text-xs font-medium text-muted">{labelFor(ALERT_TYPE_LABELS, alert.type)}</span>
      </div>
      <p className="text-[13px] text-foreground">{alert.message}</p>
      <p className="text-2xs text-muted tabular-nums">
        {figures.label} <span className="font-medium text-foreground">{figures.current}</span> · threshold {figures.threshold}
      </p>
    </li>
  );
}

/** The API's alerts, most severe first, each with a severity badge. */
export function AlertsCard({
  data,
  loading,
  className = '',
}: {
  data: UsageResponse | undefined;
  loading: boolean;
  className?: string;
}) {
  const alerts = data ? sortAlerts(data.alerts) : [];
  const counts = severityCounts(alerts);
  const summary = SEVERITIES.slice()
    .reverse()
    .filter((s) => counts[s] > 0)
    .map((s) => `${counts[s]} ${SEVERITY_LABELS[s].toLowerCase()}`)
    .concat(counts.other > 0 ? [`${counts.other} other`] : [])
    .join(', ');
  const currency = data?.summary.currency ?? 'USD';
  return (
    <Panel
      title="Alerts"
      description={alerts.length > 0 ? `Budget and usage alerts as of now: ${summary}` : 'Budget and usage alerts as of now'}
      busy={loading}
      className={className}
    >
      {loading ? (
        <div className="flex flex-col gap-3" aria-hidden="true">
          {Array.from({ length: 3 }, (_, i) => (
            <Skeleton key={i} className="h-14 w-full" />
          ))}
        </div>
      ) : alerts.length === 0 ? (
        <EmptyState title="No alerts" description="No budget threshold is passed and no usage spike was found." />
      ) : (
        <ul aria-label="Alerts" className="flex flex-col">
          {alerts.map((alert, i) => (
            <AlertItem key={`${alert.type}-${i}`} alert={alert} currency={currency} />
          ))}
        </ul>
      )}
    </Panel>
  );
}
