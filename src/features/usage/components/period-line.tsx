import type { Period } from '../../../contract/billing';
import { formatPeriod } from '../../../lib/format';

/** `1–10 Jan 2024, 10 of 10 days elapsed` */
export function PeriodLine({ period }: { period: Period }) {
  return (
    <span data-testid="period" className="tabular-nums">
      {formatPeriod(period)}
    </span>
  );
}
