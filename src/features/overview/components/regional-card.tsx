import { Pie, PieChart, Tooltip } from 'recharts';
import type { Currency, RegionalItem, UsageResponse } from '../../../contract/billing';
import { ChartCard } from '../../../components/chart-card';
import { tooltipProps } from '../../../components/chart-frame';
import { ChartTooltipBox, ChartTooltipRow } from '../../../components/chart-tooltip';
import type { DataColumn } from '../../../components/data-table';
import { CURRENCY_DECIMALS } from '../../../contract/billing';
import { categoryColor } from '../../../lib/colors';
import { formatMoney, formatMoneyCompact, formatPercent } from '../../../lib/format';
import { useElementWidth } from '../../../lib/use-element-width';

interface RegionRow extends RegionalItem {
  color: string;
  /** Recharts reads each sector's colour from its data entry. */
  fill: string;
}

function regionColumns(currency: Currency): DataColumn<RegionRow>[] {
  return [
    {
      id: 'region',
      header: 'Region',
      value: (r) => r.region,
      cell: (r) => (
        <span className="flex items-center gap-1.5">
          <span aria-hidden="true" className="size-2.5 shrink-0 rounded-sm" style={{ background: r.color }} />
          {r.region}
        </span>
      ),
    },
    {
      id: 'cost',
      header: `Cost (${currency})`,
      value: (r) => r.cost,
      cell: (r) => formatMoney(r.cost, currency),
      numeric: true,
      decimals: CURRENCY_DECIMALS[currency],
    },
    {
      id: 'share',
      header: 'Share (%)',
      value: (r) => r.percentage,
      cell: (r) => formatPercent(r.percentage),
      numeric: true,
      decimals: 1,
    },
  ];
}

/** The legend: region, cost and share, always visible next to the donut. */
function RegionLegend({ rows, currency, total }: { rows: readonly RegionRow[]; currency: Currency; total: number }) {
  return (
    <table className="w-full min-w-0 border-collapse text-xs tabular-nums">
      <caption className="sr-only">Cost by region</caption>
      <thead>
        <tr className="text-2xs text-muted">
          <th scope="col" className="pb-1 text-left font-medium">
            Region
          </th>
          <th scope="col" className="pb-1 text-right font-medium">
            Cost
          </th>
          <th scope="col" className="pb-1 pl-2 text-right font-medium">
            Share
          </th>
        </tr>
      </thead>
      <tbody>
        {rows.map((r) => (
          <tr key={r.region} className="border-t border-border">
            <th scope="row" className="py-1.5 text-left font-medium text-foreground">
              <span className="flex items-center gap-1.5">
                <span aria-hidden="true" className="size-2.5 shrink-0 rounded-sm" style={{ background: r.color }} />
                {r.region}
              </span>
            </th>
            <td className="py-1.5 text-right text-foreground">{formatMoney(r.cost, currency)}</td>
            <td className="py-1.5 pl-2 text-right text-muted">{formatPercent(r.percentage)}</td>
          </tr>
        ))}
        <tr className="border-t border-border-strong">
          <th scope="row" className="pt-1.5 text-left font-medium text-muted">
            Total
          </th>
          <td className="pt-1.5 text-right font-semibold text-foreground">{formatMoney(total, currency)}</td>
          <td className="pt-1.5 pl-2 text-right text-muted">{formatPercent(100)}</td>
        </tr>
      </tbody>
    </table>
  );
}

function RegionTooltip({ row, currency }: { row: RegionRow | undefined; currency: Currency }) {
  if (!row) return null;
  return (
    <ChartTooltipBox title={row.region} strongTitle>
      <ChartTooltipRow label="Cost" value={formatMoney(row.cost, currency)} color={row.color} />
      <ChartTooltipRow label="Share" value={formatPercent(row.percentage)} />
    </ChartTooltipBox>
  );
}

/**
 * Where the money went geographically: a donut with the total in its middle, and a legend table.
 * In the chart frame: the card's one tab stop (arrow keys move the tooltip), the frame's tooltip,
 * a table view; its size follows its own layout (side by side, or stacked on a narrow card).
 */
export function RegionalCard({
  data,
  loading,
  className = '',
}: {
  data: UsageResponse | undefined;
  loading: boolean;
  className?: string;
}) {
  const [measure, width] = useElementWidth<HTMLDivElement>();
  const currency = data?.summary.currency ?? 'USD';
  const rows: RegionRow[] = (data?.regional ?? []).map((r, i) => ({ ...r, color: categoryColor(i), fill: categoryColor(i) }));
  const total = data?.summary.totalCost ?? 0;
  const withData = rows.some((r) => r.cost !== 0);
  // Side by side when there is room, else the donut above its legend.
  const stacked = width > 0 && width < 380;
  const size = stacked ? 170 : Math.min(190, Math.max(140, Math.floor(width * 0.42)));
  const height = stacked ? size + 40 + 31 * (rows.length + 1) : 240;

  return (
    <ChartCard
      title="Cost by region"
      description={`Share of total cost in ${currency}`}
      className={className}
      table={{ columns: regionColumns(currency), rows, getRowId: (r) => r.region, initialSort: { id: 'cost', desc: true } }}
      exportFileName="cost-by-region"
      height={height}
      loading={loading}
      empty={data !== undefined && !withData}
    >
      <div ref={measure} className={`flex h-full w-full items-center gap-4 ${stacked ? 'flex-col' : ''}`}>
        {width > 0 && (
          <div className="relative shrink-0" style={{ width: size, height: size }}>
            <PieChart width={size} height={size} desc={`Donut chart of cost by region in ${currency}`}>
              <Pie
                data={rows}
                dataKey="cost"
                nameKey="region"
                innerRadius="64%"
                outerRadius="100%"
                paddingAngle={rows.length > 1 ? 1.5 : 0}
                stroke="var(--surface)"
                strokeWidth={1}
                isAnimationActive={false}
              />
              <Tooltip
                {...tooltipProps}
                content={({ payload }) => (
                  <RegionTooltip row={payload?.[0]?.payload as RegionRow | undefined} currency={currency} />
                )}
              />
            </PieChart>
            <div aria-hidden="true" className="pointer-events-none absolute inset-0 flex flex-col items-center justify-center">
              <span className="text-2xs text-muted">Total</span>
              <span className="text-sm font-semibold text-foreground tabular-nums">{formatMoneyCompact(total, currency)}</span>
            </div>
          </div>
        )}
        <div className="w-full min-w-0 flex-1">
          <RegionLegend rows={rows} currency={currency} total={total} />
        </div>
      </div>
    </ChartCard>
  );
}
