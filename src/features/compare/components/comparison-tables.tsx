import { Panel } from '../../../components/panel';
import type { ResourceType } from '../../../contract/billing';
import type { ComparisonSpans } from '../../../lib/like-for-like';
import type { DashboardFilters } from '../../../url-state/filter-schema';
import type { ComparisonAnswers } from '../api/use-comparison';
import { useMemo } from 'react';
import { currencyDecimals } from '../../../lib/format';
import { byRegion, byResourceType, byTeam, decompose, hasTeams, spanParts, totalCost, type Contributor, type Decomposition } from '../drivers';
import { SplitChange } from './split-change';
import { DriversSection, sliceLinks } from './drivers-section';

/** What drove the change, then the change by team and by region (loaded lazily, below the summary). */
export function ComparisonTables({
  answers,
  spans,
  filters,
  currency,
  labels,
  drill,
  onDrill,
}: {
  answers: ComparisonAnswers;
  spans: ComparisonSpans;
  filters: DashboardFilters;
  currency: string;
  labels: { current: string; previous: string };
  drill: ResourceType | 'none' | '';
  onDrill: (drill: ResourceType | 'none') => void;
}) {
  const links = sliceLinks(filters);
  const decimals = currencyDecimals(currency);
  const figures = useMemo(() => {
    const { current, previous } = answers;
    if (!current || !previous) return undefined;
    const split = (parts: typeof byTeam, remainderLabel: string): Decomposition =>
      decompose({ previous: spanParts(previous, parts, totalCost), current: spanParts(current, parts, totalCost), decimals, remainderLabel });
    return {
      types: split(byResourceType, 'Not itemised by type'),
      teams: hasTeams(current.whole) ? split(byTeam, 'Not attributed to a team') : undefined,
      regions: split(byRegion, 'Not attributed to a region'),
    };
  }, [answers, decimals]);
  return (
    <>
      <DriversSection
        types={figures?.types}
        answers={answers}
        spans={spans}
        filters={filters}
        currency={currency}
        labels={labels}
        drill={drill}
        onDrill={onDrill}
      />
      {figures && (
        <div className="grid grid-cols-1 items-start gap-4 xl:grid-cols-2">
          {[
            {
              name: 'team',
              nameHeader: 'Team',
              description: 'Ranked by the size of the change; a team opens its page for this period.',
              decomposition: figures.teams,
              none: 'The API sent no team metrics for these periods.',
              href: (r: Contributor) => links.team(r.key),
            },
            {
              name: 'region',
              nameHeader: 'Region',
              description: 'Ranked by the size of the change; a region opens Usage narrowed to it.',
              decomposition: figures.regions,
              none: 'The API lists no regions for these periods.',
              href: (r: Contributor) => links.region(r.key),
            },
          ].map(({ name, description, ...split }) => (
            <Panel key={name} title={`Change by ${name}`} description={description}>
              <SplitChange
                {...split}
                caption={`Change by ${name}`}
                currency={currency}
                labels={labels}
                totalLabel="Total change"
                testId={`change-by-${name}`}
              />
            </Panel>
          ))}
        </div>
      )}
    </>
  );
}
