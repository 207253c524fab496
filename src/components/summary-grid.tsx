import type { ReactNode } from 'react';
import { MetricCard } from './metric-card';

/**
 * The "Summary" region: a row of four MetricCards. While `loadingTitles` is
 * given it shows a placeholder card for each title instead of `children`.
 */
export function SummaryGrid({
  loadingTitles,
  updating = false,
  children,
}: {
  /** Titles of the placeholder cards while the figures load. */
  loadingTitles?: readonly string[];
  /** Dims the figures while newer ones load. */
  updating?: boolean;
  children?: ReactNode;
}) {
  if (loadingTitles)
    return (
      <section aria-label="Summary" aria-busy="true" className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        {loadingTitles.map((title) => (
          <MetricCard key={title} title={title} />
        ))}
      </section>
    );

  return (
    <section
      aria-label="Summary"
      aria-busy={updating}
      className={`grid grid-cols-2 gap-3 transition-opacity lg:grid-cols-4 ${updating ? 'opacity-60' : ''}`}
    >
      {children}
    </section>
  );
}
