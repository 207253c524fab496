import { useMemo } from 'react';
import { Bar } from 'recharts';
import { ChartCard } from '../../../components/chart-card';
import { ChartTooltipBox, ChartTooltipRow } from '../../../components/chart-tooltip';
import type { DataColumn } from '../../../components/data-table';
import { HorizontalBarChart, horizontalBarChartHeight } from '../../../components/horizontal-bar-chart';
import { CURRENCY_DECIMALS, type Currency, type ResourceTypeId, type TeamBreakdownItem } from '../../../contract/billing';
import { resourceLabel, resourceColor } from '../../../lib/colors';
import { formatMoney } from '../../../lib/format';
import { teamCostByType, topTeamsWithOther, usedResourceTypes, type TeamCostByType } from '../team-metrics';

/** Height of one team's row, px. */
const ROW = 34;

/** A colour key for the resource types in the chart. */
export function ResourceLegend({ types }: { types: readonly ResourceTypeId[] }) {
  return (
    <ul aria-hidden="true" className="flex flex-wrap gap-x-3 gap-y-1 text-2xs text-muted">
      {types.map((t) => (
        <li key={t} className="flex items-center gap-1.5">
          <span className="size-2 rounded-sm" style={{ background: resourceColor(t) }} />
          {resourceLabel(t)}
        </li>
      ))}
    </ul>
  );
}

function StackedBars({ rows, types, currency }: { rows: TeamCostByType[]; types: readonly ResourceTypeId[]; currency: Currency }) {
  const tooltip = (row: TeamCostByType) => (
    <ChartTooltipBox title={row.teamName} strongTitle>
      {types
        .filter((t) => (row.byType[t] ?? 0) !== 0)
        .map((t) => (
          <ChartTooltipRow key={t} label={resourceLabel(t)} color={resourceColor(t)} value={formatMoney(row.byType[t] ?? 0, currency)} />
        ))}
      <ChartTooltipRow label="Total" value={formatMoney(row.totalCost, currency)} strong />
    </ChartTooltipBox>
  );

  return (
    <HorizontalBarChart
      data={rows}
      categoryKey="teamId"
      nameOf={(row) => row.teamName}
      currency={currency}
      valueMax={Math.max(0, ...rows.map((r) => types.reduce((sum, t) => sum + Math.max(0, r.byType[t] ?? 0), 0)))}
      rowHeight={ROW}
      maxLabelWidth={150}
      maxLabelShare={0.38}
      barCategoryGap="26%"
      tooltip={tooltip}
    >
      {types.map((t, i) => (
        <Bar
          key={t}
          dataKey={(r: TeamCostByType) => r.byType[t] ?? 0}
          name={resourceLabel(t)}
          stackId="cost"
          fill={resourceColor(t)}
          isAnimationActive={false}
          maxBarSize={24}
          radius={i === types.length - 1 ? [0, 3, 3, 0] : 0}
        />
      ))}
    </HorizontalBarChart>
  );
}

/** Each team's cost split by resource type, as stacked horizontal bars (costliest team first, past the fifteenth one "Other" bar). */
export function TeamsByResourceChart({
  teams,
  currency,
  loading,
  description,
}: {
  teams: readonly TeamBreakdownItem[] | undefined;
  currency: Currency;
  loading: boolean;
  description?: string;
}) {
  const types = useMemo(() => usedResourceTypes(teams ?? []), [teams]);
  const rows = useMemo(() => teamCostByType(teams ?? [], types), [teams, types]);
  const columns = useMemo((): DataColumn<TeamCostByType>[] => {
    const decimals = CURRENCY_DECIMALS[currency];
    return [
      { id: 'team', header: 'Team', value: (r) => r.teamName },
      ...types.map(
        (t): DataColumn<TeamCostByType> => ({
          id: t,
          header: `${resourceLabel(t)} (${currency})`,
          value: (r) => r.byType[t] ?? 0,
          cell: (r) => formatMoney(r.byType[t] ?? 0, currency),
          numeric: true,
          decimals,
        }),
      ),
      {
        id: 'total',
        header: `Total (${currency})`,
        value: (r) => r.totalCost,
        cell: (r) => formatMoney(r.totalCost, currency),
        numeric: true,
        decimals,
      },
    ];
  }, [types, currency]);
  // The chart draws the costliest teams and one "Other" bar; the table lists every team.
  const drawn = useMemo(() => topTeamsWithOther(rows, CURRENCY_DECIMALS[currency]), [rows, currency]);
  const height = horizontalBarChartHeight(drawn.length, ROW);
  const empty = !loading && rows.every((r) => r.totalCost === 0);

  return (
    <ChartCard
      title="Cost by team and resource type"
      description={description}
      table={{ columns, rows, getRowId: (r) => r.teamId }}
      height={height}
      loading={loading}
      empty={empty}
      exportFileName="teams-by-resource-type"
      footer={types.length > 0 ? <ResourceLegend types={types} /> : undefined}
    >
      <StackedBars rows={drawn} types={types} currency={currency} />
    </ChartCard>
  );
}
