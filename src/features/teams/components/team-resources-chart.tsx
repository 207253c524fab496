import { useMemo } from 'react';
import { Bar, BarChart, CartesianGrid, Cell, Tooltip, XAxis, YAxis, type TooltipContentProps } from 'recharts';
import { ChartCard } from '../../../components/chart-card';
import type { DataColumn } from '../../../components/data-table';
import { CURRENCY_DECIMALS, RESOURCE_TYPES, type Currency, type ResourceTypeId, type TeamBreakdownItem } from '../../../contract/billing';
import { resourceLabel, resourceColor } from '../../../lib/colors';
import { formatMoney, formatPercent, formatResourceQuantity, resourceUnit } from '../../../lib/format';
import { moneyAxis, tickCountFor } from '../../../lib/chart-ticks';
import { BAR_MARGIN, barGridProps, categoryAxisProps, tooltipProps, valueAxisProps } from '../../../components/chart-frame';
import { ChartTooltipBox, ChartTooltipRow } from '../../../components/chart-tooltip';
import { useElementWidth } from '../../../lib/use-element-width';

interface ResourceRow {
  type: ResourceTypeId;
  label: string;
  quantity: number;
  cost: number;
  /** Share of the team's cost. */
  share: number;
}

/** The team's resource types by cost, costliest first. */
export function teamResourceRows(team: Pick<TeamBreakdownItem, 'resourceUsage' | 'totalCost'>): ResourceRow[] {
  return RESOURCE_TYPES.flatMap((type) => {
    const u = team.resourceUsage[type];
    if (!u) return [];
    return [{ type, label: resourceLabel(type), quantity: u.quantity, cost: u.cost, share: team.totalCost > 0 ? (u.cost / team.totalCost) * 100 : 0 }];
  }).sort((a, b) => b.cost - a.cost);
}

const ROW = 34;
const AXIS = 24;

function Bars({ rows, currency }: { rows: ResourceRow[]; currency: Currency }) {
  const [ref, width] = useElementWidth<HTMLDivElement>();
  const height = Math.max(140, rows.length * ROW + AXIS + 8);
  const labelWidth = Math.round(Math.min(140, width * 0.4));
  const tooltip = ({ active, payload }: TooltipContentProps) => {
    const row = active ? (payload[0]?.payload as ResourceRow | undefined) : undefined;
    if (!row) return null;
    return (
      <ChartTooltipBox title={row.label} strongTitle>
        <ChartTooltipRow label="Cost" color={resourceColor(row.type)} value={formatMoney(row.cost, currency)} />
        <ChartTooltipRow label="Usage" value={formatResourceQuantity(row.quantity, row.type)} />
        <ChartTooltipRow label="Share of team" value={formatPercent(row.share)} />
      </ChartTooltipBox>
    );
  };
  return (
    <div ref={ref} className="w-full select-none" style={{ height }}>
      {width > 0 && (
        <BarChart layout="vertical" width={width} height={height} data={rows} margin={BAR_MARGIN} barCategoryGap="26%">
          <CartesianGrid {...barGridProps} />
          <XAxis {...valueAxisProps(moneyAxis(0, Math.max(0, ...rows.map((r) => r.cost)), currency, tickCountFor(width - labelWidth, false)))} height={AXIS} />
          <YAxis {...categoryAxisProps({ dataKey: 'label', width: labelWidth })} />
          <Tooltip {...tooltipProps} content={tooltip} />
          <Bar dataKey="cost" isAnimationActive={false} maxBarSize={24} radius={[0, 3, 3, 0]}>
            {rows.map((r) => (
              <Cell key={r.type} fill={resourceColor(r.type)} />
            ))}
          </Bar>
        </BarChart>
      )}
    </div>
  );
}

/** One team's cost per resource type, with usage in each type's unit in the table. */
export function TeamResourcesChart({ team, currency }: { team: TeamBreakdownItem; currency: Currency }) {
  const rows = useMemo(() => teamResourceRows(team), [team]);
  const columns = useMemo(
    (): DataColumn<ResourceRow>[] => [
      { id: 'type', header: 'Resource type', value: (r) => r.label },
      { id: 'quantity', header: 'Usage', value: (r) => r.quantity, cell: (r) => formatResourceQuantity(r.quantity, r.type), numeric: true },
      { id: 'unit', header: 'Unit', value: (r) => resourceUnit(r.type).long },
      {
        id: 'cost',
        header: `Cost (${currency})`,
        value: (r) => r.cost,
        cell: (r) => formatMoney(r.cost, currency),
        numeric: true,
        decimals: CURRENCY_DECIMALS[currency],
      },
      { id: 'share', header: 'Share of team (%)', value: (r) => Math.round(r.share * 10) / 10, cell: (r) => formatPercent(r.share), numeric: true },
    ],
    [currency],
  );
  return (
    <ChartCard
      title="Resources by type"
      description={`${team.teamName}'s cost per resource type`}
      table={{ columns, rows, getRowId: (r) => r.type, initialSort: { id: 'cost', desc: true } }}
      height={Math.max(140, rows.length * ROW + AXIS + 8)}
      empty={rows.length === 0 || team.totalCost === 0}
      exportFileName={`team-${team.teamId}-resources`}
    >
      <Bars rows={rows} currency={currency} />
    </ChartCard>
  );
}
