import { useId, useState } from 'react';
import type { Currency, OptimizationRecommendation } from '../../../contract/billing';
import { EFFORTS, IMPACTS } from '../../../contract/billing';
import { BUTTON_CLASS } from '../../../components/field';
import { EmptyState } from '../../../components/states/empty-state';
import { Skeleton } from '../../../components/states/skeleton';
import { formatMoney } from '../../../lib/format';
import { SelectFilter } from '../../../url-state/components/select-filter';
import {
  EFFORT_LABELS,
  IMPACT_LABELS,
  totalSavings,
  type EffortFilter,
  type ImpactFilter,
} from '../recommendations';
import { RecommendationItem } from './recommendation-item';

/** Recommendations drawn at first, and added by each "Show more": a large account has hundreds. */
export const RECOMMENDATIONS_PAGE = 25;

function count<T>(items: readonly T[], pred: (item: T) => boolean): number {
  return items.reduce((n, item) => n + (pred(item) ? 1 : 0), 0);
}

export interface RecommendationListProps {
  /** Every recommendation, sorted. */
  all?: readonly OptimizationRecommendation[];
  /** Those that pass the filters, sorted. */
  shown: readonly OptimizationRecommendation[];
  currency: Currency;
  impact: ImpactFilter;
  effort: EffortFilter;
  onFilterChange: (patch: { impact?: ImpactFilter; effort?: EffortFilter }) => void;
  expanded: readonly string[];
  onToggle: (id: string) => void;
  filterSearch: string;
  loading?: boolean;
  updating?: boolean;
}

/** The recommendations, highest impact and largest saving first, filterable by impact and effort. */
export function RecommendationList({
  all,
  shown,
  currency,
  impact,
  effort,
  onFilterChange,
  expanded,
  onToggle,
  filterSearch,
  loading = false,
  updating = false,
}: RecommendationListProps) {
  const titleId = useId();
  const [limit, setLimit] = useState(RECOMMENDATIONS_PAGE);
  const recs = all ?? [];
  // an expanded recommendation (a deep link) is always drawn
  const lastExpanded = shown.reduce((last, rec, i) => (expanded.includes(rec.id) ? i : last), -1);
  const drawn = shown.slice(0, Math.max(limit, lastExpanded + 1));
  const more = Math.min(RECOMMENDATIONS_PAGE, shown.length - drawn.length);
  const filtered = impact !== 'all' || effort !== 'all';
  const impactOptions = [
    { value: 'all' as const, label: `All (${recs.length})` },
    ...IMPACTS.map((v) => ({ value: v, label: `${IMPACT_LABELS[v]} (${count(recs, (r) => r.impact === v)})` })),
  ];
  const effortOptions = [
    { value: 'all' as const, label: `All (${recs.length})` },
    ...EFFORTS.map((v) => ({ value: v, label: `${EFFORT_LABELS[v]} (${count(recs, (r) => r.implementationEffort === v)})` })),
  ];

  return (
    <section
      aria-labelledby={titleId}
      aria-busy={loading || updating}
      className="flex min-w-0 flex-col rounded-card border border-border bg-surface shadow-card"
    >
      <div className="flex flex-wrap items-end justify-between gap-x-4 gap-y-3 border-b border-border px-4 py-3">
        <div className="min-w-0">
          <h2 id={titleId} className="text-sm font-semibold text-foreground">
            Recommendations
          </h2>
          <p className="mt-0.5 text-xs text-muted tabular-nums" aria-live="polite">
            {loading ? (
              'Loading…'
            ) : (
              <>
                Showing {shown.length} of {recs.length} · {formatMoney(totalSavings(shown), currency)} / month · highest
                impact, then largest saving first
              </>
            )}
          </p>
        </div>
        <div className="flex flex-wrap items-end gap-2">
          <SelectFilter<ImpactFilter>
            label="Impact"
            value={impact}
            options={impactOptions}
            onChange={(value) => onFilterChange({ impact: value })}
            className="w-32"
          />
          <SelectFilter<EffortFilter>
            label="Effort"
            value={effort}
            options={effortOptions}
            onChange={(value) => onFilterChange({ effort: value })}
            className="w-32"
          />
          {filtered && (
            <button type="button" className={BUTTON_CLASS} onClick={() => onFilterChange({ impact: 'all', effort: 'all' })}>
              Clear filters
            </button>
          )}
        </div>
      </div>

      {loading ? (
        <ul aria-hidden="true">
          {Array.from({ length: 4 }, (_, i) => (
            <li key={i} className="flex flex-col gap-2 border-b border-border px-4 py-3.5 last:border-b-0">
              <div className="flex justify-between gap-4">
                <Skeleton className="h-4 w-2/3" />
                <Skeleton className="h-4 w-20" />
              </div>
              <Skeleton className="h-3.5 w-40" />
              <Skeleton className="h-3.5 w-full" />
            </li>
          ))}
        </ul>
      ) : recs.length === 0 ? (
        <EmptyState
          title="No recommendations for this period"
          description="Nothing in the analysed usage matched a savings rule. Try another time range."
        />
      ) : shown.length === 0 ? (
        <EmptyState
          title="No recommendations match these filters"
          description={`None of the ${recs.length} recommendations has this impact and effort.`}
          action={
            <button type="button" className={BUTTON_CLASS} onClick={() => onFilterChange({ impact: 'all', effort: 'all' })}>
              Clear filters
            </button>
          }
        />
      ) : (
        <>
        <ol aria-label="Recommendations" className={`transition-opacity ${updating ? 'opacity-60' : ''}`}>
          {drawn.map((rec, i) => (
            <RecommendationItem
              key={rec.id}
              rec={rec}
              rank={i + 1}
              currency={currency}
              expanded={expanded.includes(rec.id)}
              onToggle={() => onToggle(rec.id)}
              filterSearch={filterSearch}
            />
          ))}
        </ol>
        {more > 0 && (
          <div className="flex justify-center border-t border-border px-4 py-3">
            <button type="button" className={BUTTON_CLASS} onClick={() => setLimit(drawn.length + RECOMMENDATIONS_PAGE)}>
              Show {more} more ({shown.length - drawn.length} not shown)
            </button>
          </div>
        )}
        </>
      )}
    </section>
  );
}
