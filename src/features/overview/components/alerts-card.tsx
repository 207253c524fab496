import type { Currency, UsageResponse } from '../../../contract/billing';
import { EmptyState } from '../../../components/states/empty-state';
import { Skeleton } from '../../../components/states/skeleton';
import { SEVERITIES } from '../../../contract/billing';
import { ALERT_TYPE_LABELS, alertFigures, severityCounts, sortAlerts, SEVERITY_LABELS } from '../alerts';
import { Panel } from '../../../components/panel';
import { labelFor } from '../../../lib/format';
import { SeverityBadge } from './severity-badge';
import { useApiClock } from '../../../api/api-clock';
import { alertMarker, useAnomalyMarkers, type AnomalyMarker } from '../../../api/anomalies';
import { useOpenAnomaly } from '../../../components/anomaly-param';
import { formatDateRange } from '../../../lib/format';

const DAY = 86_400_000;
const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** An unusual_spike alert's marker on the cost chart: opens its causes under "Unusual spend". */
function MarkerLink({ marker }: { marker: AnomalyMarker }) {
  const [, open] = useOpenAnomaly();
  return (
    <button
      type="button"
      className="self-start text-2xs font-medium text-accent hover:underline"
      onClick={() => {
        open(marker.id);
        document.getElementById(`anomaly-${marker.id}`)?.scrollIntoView({ block: 'center' });
      }}
    >
      Marked on the cost chart: {formatDateRange(isoDay(marker.start), isoDay(marker.end - DAY))} — see why
    </button>
  );
}

function AlertItem({ alert, currency, marker }: { alert: UsageResponse['alerts'][number]; currency: Currency; marker?: AnomalyMarker }) {
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
      {marker && <MarkerLink marker={marker} />}
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
  // The API's unusual_spike alerts point to the same markers as the cost chart.
  const { clock } = useApiClock();
  const hasSpike = alerts.some((a) => a.type === 'unusual_spike');
  const { markers } = useAnomalyMarkers({
    period: data?.period,
    today: clock?.today,
    types: hasSpike && data ? data.breakdown.map((b) => b.resourceType) : [],
    currency,
  });
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
            <AlertItem
              key={`${alert.type}-${i}`}
              alert={alert}
              currency={currency}
              marker={markers && clock ? alertMarker(alert, markers, clock.today) : undefined}
            />
          ))}
        </ul>
      )}
    </Panel>
  );
}
