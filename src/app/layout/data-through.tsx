import { useApiClock } from '../../api/api-clock';
import { formatDate } from '../../lib/format';
import { HOUR_MS } from '../../lib/time';

/**
 * "Data up to 12:00 UTC": the end of the newest complete hour with data, from the API's
 * answers — the same moment the comparisons' "Today has data up to 12:00 UTC" counts to.
 */
export function DataThrough() {
  const { clock } = useApiClock();
  if (clock?.latestHour === undefined) return null;
  const hour = (t: number) => new Date(t).toISOString().slice(11, 16);
  const end = clock.latestHour + HOUR_MS;
  return (
    <span className="text-xs whitespace-nowrap text-muted tabular-nums" data-testid="data-through">
      Data up to{' '}
      <time
        dateTime={new Date(end).toISOString()}
        title={`The newest hour with data: ${formatDate(clock.today)}, ${hour(clock.latestHour)}–${hour(end)} UTC`}
      >
        {hour(end)} UTC
      </time>
    </span>
  );
}
