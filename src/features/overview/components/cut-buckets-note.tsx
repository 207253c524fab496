import type { Granularity } from '../../../contract/billing';
import { formatDateRange } from '../../../lib/format';
import { daysInPeriod, type SeriesRow } from '../cost-series';

/** "Hatched 1–3 Dec 2023: a week cut by the period; only the days in it are counted." under the cost chart. */
export function CutBucketsNote({
  rows,
  granularity,
  period,
}: {
  /** The buckets the period cuts short. */
  rows: readonly SeriesRow[];
  granularity: Granularity;
  period: { startDate: string; endDate: string };
}) {
  const days = rows.map((r) => {
    const d = daysInPeriod(r.t, granularity, period);
    return formatDateRange(d.startDate, d.endDate);
  });
  const what = granularity === 'weekly' ? ['a week', 'weeks'] : ['a month', 'months'];
  return (
    <p className="flex items-center gap-1.5" data-testid="cut-buckets-note">
      <span
        aria-hidden="true"
        className="inline-block size-2.5 shrink-0 rounded-sm border border-subtle"
        style={{ backgroundImage: 'repeating-linear-gradient(45deg, var(--subtle) 0 1.5px, transparent 1.5px 4px)' }}
      />
      Hatched {days.join(' and ')}: {rows.length > 1 ? what[1] : what[0]} cut by the period; only the days in it are counted.
    </p>
  );
}
