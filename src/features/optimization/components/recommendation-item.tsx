import { useId, useState } from 'react';
import type { Currency, OptimizationRecommendation } from '../../../contract/billing';
import { ChevronDownIcon } from '../../../components/icons';
import { resourceColor } from '../../../lib/colors';
import { formatMoney } from '../../../lib/format';
import { categoryResourceType } from '../recommendations';
import { EffortBadge, ImpactBadge, TagBadge } from './badges';
import { ResourceLink } from './resource-link';

/** Resources listed before "Show all". */
const RESOURCES_SHOWN = 8;

function Evidence({ evidence }: { evidence: OptimizationRecommendation['evidence'] }) {
  if (!evidence || evidence.length === 0)
    return <p className="text-xs text-muted">The API returned no measurements for this recommendation.</p>;
  return (
    <dl className="grid grid-cols-1 gap-x-4 gap-y-1.5 text-xs sm:grid-cols-[minmax(10rem,auto)_1fr]">
      {evidence.map((e, i) => (
        <div key={`${e.label}-${i}`} className="contents">
          <dt className="text-muted">{e.label}</dt>
          <dd className="font-medium break-words text-foreground tabular-nums max-sm:mb-1">{e.value}</dd>
        </div>
      ))}
    </dl>
  );
}

function Resources({ rec, filterSearch }: { rec: OptimizationRecommendation; filterSearch: string }) {
  const [all, setAll] = useState(false);
  const ids = all ? rec.resourceIds : rec.resourceIds.slice(0, RESOURCES_SHOWN);
  const hidden = rec.resourceIds.length - ids.length;
  if (rec.resourceIds.length === 0) return null;
  return (
    <div>
      <h4 className="mb-1.5 text-2xs font-semibold tracking-wide text-muted uppercase">
        {rec.resourceIds.length === 1 ? 'Resource' : `Resources (${rec.resourceIds.length})`}
      </h4>
      <ul className="flex flex-wrap gap-x-4 gap-y-1">
        {ids.map((id) => (
          <li key={id} className="min-w-0">
            <ResourceLink resourceId={id} category={rec.category} filterSearch={filterSearch} rule={rec.rule} />
          </li>
        ))}
      </ul>
      {(hidden > 0 || all) && rec.resourceIds.length > RESOURCES_SHOWN && (
        <button
          type="button"
          onClick={() => setAll((v) => !v)}
          className="mt-1.5 rounded text-xs font-medium text-accent hover:underline"
        >
          {all ? 'Show fewer' : `Show all ${rec.resourceIds.length}`}
        </button>
      )}
    </div>
  );
}

/**
 * One recommendation: its title as a disclosure button (aria-expanded), the
 * monthly saving, impact/effort/category badges and the description; expanded,
 * the evidence behind it and links to its resources in the Usage explorer.
 */
export function RecommendationItem({
  rec,
  rank,
  currency,
  expanded,
  onToggle,
  filterSearch,
}: {
  rec: OptimizationRecommendation;
  rank: number;
  currency: Currency;
  expanded: boolean;
  onToggle: () => void;
  filterSearch: string;
}) {
  const panelId = useId();
  const type = categoryResourceType(rec.category);
  return (
    <li data-testid="recommendation" data-id={rec.id} className="border-b border-border px-4 py-3 last:border-b-0">
      <div className="flex items-start gap-3">
        <span aria-hidden="true" className="mt-0.5 w-5 shrink-0 text-right text-xs font-medium text-muted tabular-nums">
          {rank}
        </span>
        <div className="min-w-0 flex-1">
          <div className="flex flex-col gap-1 sm:flex-row sm:items-start sm:justify-between sm:gap-4">
            <h3 className="min-w-0 text-sm font-semibold text-foreground">
              <button
                type="button"
                aria-expanded={expanded}
                aria-controls={panelId}
                onClick={onToggle}
                className="group -mx-1 inline-flex items-start gap-1 rounded px-1 text-left hover:text-accent"
              >
                <ChevronDownIcon
                  size={16}
                  aria-hidden="true"
                  className={`mt-0.5 shrink-0 text-muted transition-transform group-hover:text-accent ${expanded ? '' : '-rotate-90'}`}
                />
                <span>{rec.title}</span>
              </button>
            </h3>
            <p className="shrink-0 pl-5 text-sm font-semibold text-foreground tabular-nums sm:pl-0 sm:text-right">
              <span data-testid="recommendation-savings">{formatMoney(rec.potentialSavings, currency)}</span>
              <span className="ml-1 text-2xs font-medium text-muted">/ month</span>
            </p>
          </div>
          <div className="mt-1.5 flex flex-wrap items-center gap-1.5 pl-5">
            <ImpactBadge impact={rec.impact} />
            <EffortBadge effort={rec.implementationEffort} />
            {rec.category && <TagBadge color={type ? resourceColor(type) : undefined}>{rec.category}</TagBadge>}
          </div>
          <p className="mt-1.5 pl-5 text-[13px] text-muted">{rec.description}</p>
          <div
            id={panelId}
            hidden={!expanded}
            className={`mt-3 ml-5 flex-col gap-3 rounded-md border border-border bg-surface-muted/60 p-3 ${expanded ? 'flex' : 'hidden'}`}
          >
            {expanded && (
              <>
                <div>
                  <h4 className="mb-1.5 text-2xs font-semibold tracking-wide text-muted uppercase">Evidence</h4>
                  <Evidence evidence={rec.evidence} />
                </div>
                <Resources rec={rec} filterSearch={filterSearch} />
              </>
            )}
          </div>
        </div>
      </div>
    </li>
  );
}
