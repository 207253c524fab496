import { useMemo } from 'react';
import { Bar, BarChart, CartesianGrid, Tooltip, XAxis, YAxis, type TooltipContentProps } from 'recharts';
import { ChartCard } from '../../../components/chart-card';
import type { DataColumn } from '../../../components/data-table';
import { CURRENCY_DECIMALS, type Currency, type ResourceType, type TeamBreakdownItem } from '../../../contract/billing';
import { CHART_COLORS, RESOURCE_COLORS, RESOURCE_LABELS } from '../../../lib/colors';
import { formatMoney, moneyAxisFormatter } from '../../../lib/format';
import { teamCostByType, usedResourceTypes, type TeamCostByType } from '../team-metrics';
import { ChartTooltipBox, ChartTooltipRow } from './chart-tooltip';
import { useElementWidth } from '../../../lib/use-element-width';

const TICK = { fill: CHART_COLORS.text, fontSize: 11 };
const ROW = 34;
const AXIS = 24;
const CHAR_PX = 6.8;

function truncate(text: string, chars: number): string {
  return text.length <= chars ? text : `${text.slice(0, Math.max(1, chars - 1))}…`;
}

/** A colour key for the resource types in the chart. */
export function ResourceLegend({ types }: { types: readonly ResourceType[] }) {
  return (
    <ul aria-hidden="true" className="flex flex-wrap gap-x-3 gap-y-1 text-2xs text-muted">
      {types.map((t) => (
        <li key={t} className="flex items-center gap-1.5">
          <span className="size-2 rounded-sm" style={{ background: RESOURCE_COLORS[t] }} />
          {RESOURCE_LABELS[t]}
        </li>
      ))}
    </ul>
  );
}

function StackedBars({ rows, types, currency }: { rows: TeamCostByType[]; types: readonly ResourceType[]; currency: Currency }) {
  const [ref, width] = useElementWidth<HTMLDivElement>();
  const longest = Math.max(4, ...rows.map((r) => r.teamName.length));
  const labelWidth = Math.round(Math.min(longest * CHAR_PX + 8, 150, width * 0.38));
  const labelChars = Math.max(4, Math.floor((labelWidth - 8) / CHAR_PX));
  const height = Math.max(160, rows.length * ROW + AXIS + 8);
  const names = new Map(rows.map((r) => [r.teamId, r.teamName]));

  const tooltip = ({ active, payload }: TooltipContentProps) => {
    const row = active ? (payload[0]?.payload as TeamCostByType | undefined) : undefined;
    if (!row) return null;
    return (
      <ChartTooltipBox title={row.teamName}>
        {types
          .filter((t) => (row[t] ?? 0) !== 0)
          .map((t) => (
            <ChartTooltipRow key={t} label={RESOURCE_LABELS[t]} color={RESOURCE_COLORS[t]} value={formatMoney(row[t] ?? 0, currency)} />
          ))}
        <ChartTooltipRow label="Total" value={formatMoney(row.totalCost, currency)} strong />
      </ChartTooltipBox>
    );
  };

  return (
    <div ref={ref} className="w-full select-none" style={{ height }}>
      {width > 0 && (
        <BarChart
          layout="vertical"
          width={width}
          height={height}
          data={rows}
          margin={{ top: 0, right: 16, bottom: 0, left: 0 }}
          barCategoryGap="26%"
          accessibilityLayer={false}
        >
          <CartesianGrid horizontal={false} stroke={CHART_COLORS.grid} />
          <XAxis
            type="number"
            tickFormatter={moneyAxisFormatter(currency)}
            tick={TICK}
            tickLine={false}
            axisLine={false}
            height={AXIS}
          />
          <YAxis
            type="category"
            dataKey="teamId"
            width={labelWidth}
            interval={0}
            tickLine={false}
            axisLine={{ stroke: CHART_COLORS.grid }}
            tick={({ x, y, payload }: { x?: number | string; y?: number | string; payload: { value: unknown } }) => {
              const name = names.get(String(payload.value)) ?? String(payload.value);
              return (
                <text x={Number(x) - 6} y={Number(y)} dy={4} textAnchor="end" fill={TICK.fill} fontSize={TICK.fontSize}>
                  <title>{name}</title>
                  {truncate(name, labelChars)}
                </text>
              );
            }}
          />
          <Tooltip content={tooltip} cursor={{ fill: CHART_COLORS.cursor }} isAnimationActive={false} />
          {types.map((t, i) => (
            <Bar
              key={t}
              dataKey={t}
              name={RESOURCE_LABELS[t]}
              stackId="cost"
              fill={RESOURCE_COLORS[t]}
              isAnimationActive={false}
              maxBarSize={24}
              radius={i === types.length - 1 ? [0, 3, 3, 0] : 0}
            />
          ))}
        </BarChart>
      )}
    </div>
  );
}

/** Each team's cost split by resource type, as stacked horizontal bars (costliest team first). */
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
          header: `${RESOURCE_LABELS[t]} (${currency})`,
          value: (r) => r[t] ?? 0,
          cell: (r) => formatMoney(r[t] ?? 0, currency),
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
  const height = Math.max(160, rows.length * ROW + AXIS + 8);
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
      <StackedBars rows={rows} types={types} currency={currency} />
    </ChartCard>
  );
}
