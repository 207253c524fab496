import type { Period } from '../../../contract/billing';
import { formatPeriod } from '../../../lib/format';

/** `1–31 Jan 2024, 16 of 31 days elapsed` with a thin progress bar. */
export function PeriodSummary({ period }: { period: Period }) {
  const elapsed = Math.min(1, period.daysElapsed / period.daysInPeriod);
  return (
    <span className="flex flex-wrap items-center gap-x-2.5 gap-y-1">
      <span data-testid="period" className="tabular-nums">
        {formatPeriod(period)}
      </span>
      <span
        role="progressbar"
        aria-label="Billing period elapsed"
        aria-valuemin={0}
        aria-valuemax={period.daysInPeriod}
        aria-valuenow={period.daysElapsed}
        aria-valuetext={`${period.daysElapsed} of ${period.daysInPeriod} days`}
        className="inline-block h-1 w-24 overflow-hidden rounded-full bg-border"
      >
        <span className="block h-full rounded-full bg-accent" style={{ width: `${elapsed * 100}%` }} />
      </span>
    </span>
  );
}
