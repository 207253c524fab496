import { useApiClock } from '../../api/api-clock';
import { formatDate } from '../../lib/format';

/** "Data through 11:00 UTC": the newest complete hour with data, from the API's answers. */
export function DataThrough() {
  const { clock } = useApiClock();
  if (clock?.latestHour === undefined) return null;
  const at = new Date(clock.latestHour).toISOString();
  const hour = at.slice(11, 16);
  return (
    <span className="text-xs whitespace-nowrap text-muted tabular-nums" data-testid="data-through">
      Data through{' '}
      <time dateTime={at} title={`The newest hour with data: ${formatDate(clock.today)}, ${hour} UTC`}>
        {hour} UTC
      </time>
    </span>
  );
}
