import { Bar, BarChart, CartesianGrid, Cell, Tooltip, XAxis, YAxis, type TooltipContentProps } from 'recharts';
import { CURRENCY_DECIMALS, type Currency } from '../../../contract/billing';
import { ChartCard } from '../../../components/chart-card';
import { EmptyState } from '../../../components/states/empty-state';
import type { DataColumn } from '../../../components/data-table';
import { CHART_COLORS, OTHER_COLOR, resourceColor } from '../../../lib/colors';
import { formatMoney, formatPercent } from '../../../lib/format';
import { moneyAxis, tickCountFor } from '../../../lib/chart-ticks';
import { BAR_MARGIN, ChartFrame, barGridProps, categoryAxisProps, tooltipProps, valueAxisProps } from '../../../components/chart-frame';
import type { CategoryRow } from '../recommendations';

const REMAINING_COLOR = 'var(--border-strong)';
const colorOf = (row: CategoryRow) => (row.resourceType ? resourceColor(row.resourceType) : OTHER_COLOR);

function columns(currency: Currency): DataColumn<CategoryRow>[] {
  const decimals = CURRENCY_DECIMALS[currency];
  return [
    { id: 'name', header: 'Category', value: (r) => r.name },
    {
      id: 'currentCost',
      header: `Current cost (${currency})`,
      value: (r) => r.currentCost,
      cell: (r) => formatMoney(r.currentCost, currency),
      numeric: true,
      decimals,
    },
    {
      id: 'savings',
      header: `Savings (${currency})`,
      value: (r) => r.savings,
      cell: (r) => formatMoney(r.savings, currency),
      numeric: true,
      decimals,
    },
    { id: 'percentage', header: '% saved', value: (r) => r.percentage, cell: (r) => formatPercent(r.percentage), numeric: true },
    { id: 'recommendation', header: 'Recommendation', value: (r) => r.recommendation, sortable: false },
  ];
}

function CategoryTooltip({ active, payload, currency }: TooltipContentProps & { currency: Currency }) {
  const row = payload?.[0]?.payload as CategoryRow | undefined;
  if (!active || !row) return null;
  return (
    <div className="max-w-64 rounded-md border border-border-strong bg-surface px-3 py-2 text-xs text-foreground shadow-card">
      <p className="mb-1 flex items-center gap-1.5 font-semibold">
        <span aria-hidden="true" className="size-2 rounded-full" style={{ background: colorOf(row) }} />
        {row.name}
      </p>
      <dl className="grid grid-cols-[auto_auto] gap-x-3 gap-y-0.5 tabular-nums">
        <dt className="text-muted">Savings</dt>
        <dd className="text-right font-medium">{formatMoney(row.savings, currency)}</dd>
        <dt className="text-muted">Current cost</dt>
        <dd className="text-right">{formatMoney(row.currentCost, currency)}</dd>
        <dt className="text-muted">Share saved</dt>
        <dd className="text-right">{formatPercent(row.percentage)}</dd>
      </dl>
    </div>
  );
}

/**
 * Monthly cost per category as a horizontal bar, split into the potential
 * saving (in the category's resource colour) and what would remain.
 */
export function SavingsByCategoryChart({
  rows,
  currency,
  loading = false,
  absent = false,
  className,
}: {
  rows: readonly CategoryRow[];
  currency: Currency;
  loading?: boolean;
  /** The API's answer has no potentialSavings: say so instead of drawing nothing. */
  absent?: boolean;
  className?: string;
}) {
  const height = Math.max(180, rows.length * 40 + 44);
  return (
    <ChartCard
      title="Savings by category"
      description={
        <span className="flex flex-wrap items-center gap-x-3 gap-y-0.5">
          <span>Monthly cost per category, in {currency}</span>
          <span className="inline-flex items-center gap-1">
            <span aria-hidden="true" className="h-2 w-3 rounded-sm bg-[linear-gradient(90deg,var(--resource-clusters),var(--resource-training),var(--resource-storage))]" />
            Potential saving
          </span>
          <span className="inline-flex items-center gap-1">
            <span aria-hidden="true" className="h-2 w-3 rounded-sm opacity-60" style={{ background: REMAINING_COLOR }} />
            Remaining cost
          </span>
        </span>
      }
      table={{ columns: columns(currency), rows, getRowId: (r) => r.name, initialSort: { id: 'savings', desc: true } }}
      loading={loading}
      empty={absent ? <EmptyState title="Not in the API's answer" description="The billing API sent no savings by category for this period." /> : rows.length === 0}
      height={loading ? 220 : height}
      exportFileName="optimization-savings-by-category"
      className={className}
      footer={
        rows.length > 0 && (
          <ul className="flex flex-col gap-1.5 text-xs">
            {rows.map((r) => (
              <li key={r.name} className="flex items-start gap-2">
                <span aria-hidden="true" className="mt-1 size-2 shrink-0 rounded-full" style={{ background: colorOf(r) }} />
                <span className="min-w-0">
                  <span className="font-medium text-foreground">{r.name}:</span>{' '}
                  <span className="text-muted">{r.recommendation}</span>
                </span>
              </li>
            ))}
          </ul>
        )
      }
    >
      <ChartFrame height={height}>
        {(size) => (
        <BarChart width={size.width} height={size.height} data={rows as CategoryRow[]} layout="vertical" margin={{ ...BAR_MARGIN, top: 4 }} barSize={18}>
          <CartesianGrid {...barGridProps} />
          <XAxis
            {...valueAxisProps(moneyAxis(0, Math.max(0, ...rows.map((r) => r.savings + r.remaining)), currency, tickCountFor(size.width - 128, false)))}
            stroke={CHART_COLORS.axis}
            axisLine
          />
          <YAxis {...categoryAxisProps({ dataKey: 'name', width: 128 })} axisLine={false} />
          <Tooltip
            {...tooltipProps}
            content={(props) => <CategoryTooltip {...props} currency={currency} />}
          />
          <Bar dataKey="savings" name="Savings" stackId="cost" isAnimationActive={false}>
            {rows.map((r) => (
              <Cell key={r.name} fill={colorOf(r)} />
            ))}
          </Bar>
          <Bar
            dataKey="remaining"
            name="Remaining cost"
            stackId="cost"
            fill={REMAINING_COLOR}
            fillOpacity={0.6}
            radius={[0, 3, 3, 0]}
            isAnimationActive={false}
          />
        </BarChart>
        )}
      </ChartFrame>
    </ChartCard>
  );
}
