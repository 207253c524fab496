import type { To } from 'react-router';
import { Panel } from '../../../components/panel';
import { ErrorPanel } from '../../../components/states/error-panel';
import { Skeleton } from '../../../components/states/skeleton';
import { RESOURCE_TYPES, type ResourceType, type ResourceTypeId } from '../../../contract/billing';
import { currencyDecimals } from '../../../lib/format';
import { resourceLabel } from '../../../lib/colors';
import type { ComparisonSpans } from '../../../lib/like-for-like';
import type { DashboardFilters } from '../../../url-state/filter-schema';
import { filtersToSearchParams, toSearchString } from '../../../url-state/filter-url';
import { useSpanAnswers, type ComparisonAnswers } from '../api/use-comparison';
import { byResource, byTeam, decompose, hasTeams, spanParts, typeCost, type Contributor, type Decomposition } from '../drivers';
import { ChangeTable } from './change-table';
import { SplitChange } from './split-change';

export const isKnownType = (t: string): t is ResourceType => (RESOURCE_TYPES as readonly string[]).includes(t);

/** Links to a slice of the current period, keeping the shared filters. */
export function sliceLinks(filters: DashboardFilters) {
  const search = (f: DashboardFilters, extra: Record<string, string> = {}) => {
    const params = filtersToSearchParams(f);
    for (const [k, v] of Object.entries(extra)) params.set(k, v);
    return toSearchString(params);
  };
  return {
    type: (type: ResourceTypeId): To | undefined =>
      isKnownType(type) ? { pathname: `/usage/${type}`, search: search({ ...filters, resourceType: [] }) } : undefined,
    resource: (type: ResourceType, resourceId: string): To => ({
      pathname: `/usage/${type}`,
      search: search({ ...filters, resourceType: [] }, { resource: resourceId }),
    }),
    team: (teamId: string, type?: ResourceType): To => ({
      pathname: `/teams/${encodeURIComponent(teamId)}`,
      search: search(type ? { ...filters, resourceType: [type] } : filters),
    }),
    region: (region: string): To => ({ pathname: '/usage', search: search(filters, { region }) }),
  };
}

interface Common {
  spans: ComparisonSpans;
  filters: DashboardFilters;
  currency: string;
  labels: { current: string; previous: string };
}

/** A resource type's change by team and by resource: fetched for that type alone, adding up to its change. */
function TypeDrill({ parent, type, spans, filters, currency, labels }: Common & { parent: Contributor; type: ResourceType }) {
  const answers = useSpanAnswers(spans, filters, { types: [type] });
  const links = sliceLinks(filters);
  const name = resourceLabel(type);
  if (answers.error !== undefined) return <ErrorPanel error={answers.error} onRetry={answers.retry} />;
  if (!answers.current || !answers.previous)
    return (
      <div aria-busy="true" className="flex flex-col gap-2">
        <span className="sr-only">Loading what drove {name}</span>
        {[0, 1, 2].map((i) => (
          <Skeleton key={i} className="h-6 w-full" />
        ))}
      </div>
    );
  const decimals = currencyDecimals(currency);
  const totals = { previous: parent.previous, current: parent.current };
  const teams = hasTeams(answers.current.whole)
    ? decompose({
        previous: spanParts(answers.previous, byTeam, typeCost(type)),
        current: spanParts(answers.current, byTeam, typeCost(type)),
        decimals,
        remainderLabel: 'Not attributed to a team',
        totals,
      })
    : undefined;
  const resources = decompose({
    previous: spanParts(answers.previous, byResource(type), typeCost(type)),
    current: spanParts(answers.current, byResource(type), typeCost(type)),
    decimals,
    remainderLabel: 'Other resources',
    totals,
  });
  return (
    <div className="flex flex-col gap-4" data-testid={`drill-${type}`}>
      <div>
        <h4 className="mb-1 text-xs font-semibold text-foreground">{name} by team</h4>
        <SplitChange
          caption={`Change in ${name} by team`}
          nameHeader="Team"
          decomposition={teams}
          none="The API sent no team metrics for this period."
          noteClassName="text-xs"
          currency={currency}
          labels={labels}
          href={(r) => links.team(r.key, type)}
          totalLabel={`${name} total`}
          testId={`drill-${type}-teams`}
        />
      </div>
      <div>
        <h4 className="mb-1 text-xs font-semibold text-foreground">{name} by resource</h4>
        <SplitChange
          caption={`Change in ${name} by resource`}
          nameHeader="Resource"
          decomposition={resources}
          none="The API lists no resources of this type for these periods."
          noteClassName="text-xs"
          currency={currency}
          labels={labels}
          href={(r) => links.resource(type, r.key)}
          limit={10}
          noun="resources"
          totalLabel={`${name} total`}
          testId={`drill-${type}-resources`}
        />
        <p className="mt-1 text-2xs text-muted">
          Resources are those the API lists as a period’s top resources; the rest of the type’s cost is in “Other resources”.
        </p>
      </div>
    </div>
  );
}

/**
 * What drove the change: the change by resource type, ranked; a type opens
 * to its change by team and by resource, each adding up to the type's change.
 */
export function DriversSection({
  types,
  answers,
  drill,
  onDrill,
  ...common
}: Common & {
  types: Decomposition | undefined;
  answers: ComparisonAnswers;
  /** The open type ('' = the largest change). */
  drill: ResourceType | 'none' | '';
  onDrill: (type: ResourceType | 'none') => void;
}) {
  const links = sliceLinks(common.filters);
  const first = types?.contributors.find((c) => !c.remainder && isKnownType(c.key))?.key;
  const open = drill === '' ? first : drill === 'none' ? undefined : drill;
  return (
    <Panel
      title="What drove the change"
      description="The change by resource type, largest first; open a type for its change by team and by resource. The parts add up to the total change to the cent."
      busy={!types}
    >
      {answers.error !== undefined && !types ? (
        <ErrorPanel error={answers.error} onRetry={answers.retry} />
      ) : !types ? (
        <div className="flex flex-col gap-2">
          {[0, 1, 2, 3].map((i) => (
            <Skeleton key={i} className="h-7 w-full" />
          ))}
        </div>
      ) : (
        <ChangeTable
          caption="Change by resource type"
          nameHeader="Resource type"
          decomposition={types}
          currency={common.currency}
          labels={common.labels}
          name={(r) => (r.remainder ? r.label : resourceLabel(r.key))}
          href={(r) => links.type(r.key)}
          expanded={open}
          onToggle={(r) => isKnownType(r.key) && onDrill(open === r.key ? 'none' : r.key)}
          canExpand={(r) => isKnownType(r.key)}
          renderExpanded={(r) => (isKnownType(r.key) ? <TypeDrill {...common} parent={r} type={r.key} /> : null)}
          totalLabel="Total change"
          testId="drivers-by-type"
        />
      )}
    </Panel>
  );
}
