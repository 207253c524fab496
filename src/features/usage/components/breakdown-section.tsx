import { useMemo } from 'react';
import { CURRENCY_DECIMALS, type Currency, type GroupBy, type ResourceTypeId } from '../../../contract/billing';
import { ChartCard } from '../../../components/chart-card';
import { DataTable, type DataColumn } from '../../../components/data-table';
import { EmptyState } from '../../../components/states/empty-state';
import { Skeleton } from '../../../components/states/skeleton';
import { resourceLabel } from '../../../lib/colors';
import { formatMoney, formatNumber, formatPercent, resourceUnit } from '../../../lib/format';
import { GROUP_BY_LABELS } from '../../../lib/labels';
import { formatExactQuantity, quantityDecimals, unitTitle } from '../usage-format';
import { topBars, type GroupRow } from '../usage-transforms';
import { BreakdownChart, barChartHeight } from './breakdown-chart';
import { Panel } from '../../../components/panel';
import { SELECTED_ROW_CLASS, SelectedMark, ShareCell } from './share-cell';

/** Bars drawn; the rest is summed up under the chart. */
const BAR_LIMIT = 10;

const PLURAL: Record<GroupBy, string> = {
  resource: 'resources',
  region: 'regions',
  project: 'projects',
  service: 'services',
  user: 'users',
};

export function breakdownColumns(
  dimension: GroupBy,
  currency: Currency,
  { resourceType, selectedKey, color }: { resourceType?: ResourceTypeId; selectedKey?: string; color?: string },
): DataColumn<GroupRow>[] {
  const columns: DataColumn<GroupRow>[] = [
    {
      id: 'name',
      header: GROUP_BY_LABELS[dimension],
      value: (r) => r.name,
      cell: (r) => (
        <span className="inline-flex min-w-0 flex-col whitespace-nowrap">
          <span>
            {r.name}
            <SelectedMark selected={r.key === selectedKey} />
          </span>
          {r.name !== r.key && r.selectable && <span className="text-2xs font-normal text-muted">{r.key}</span>}
        </span>
      ),
    },
  ];
  if (!resourceType && dimension === 'resource')
    columns.push({
      id: 'type',
      header: 'Type',
      value: (r) => r.resourceTypes.map((t) => resourceLabel(t)).join(', '),
      cell: (r) => <span className="whitespace-nowrap">{r.resourceTypes.map((t) => resourceLabel(t)).join(', ')}</span>,
    });
  if (resourceType) {
    const unit = resourceUnit(resourceType);
    columns.push({
      id: 'quantity',
      header: unitTitle(unit.unit),
      numeric: true,
      decimals: quantityDecimals(unit.unit),
      value: (r) => r.quantity,
      cell: (r) => formatExactQuantity(r.quantity ?? 0, unit.unit),
    });
  }
  columns.push(
    {
      id: 'cost',
      header: `Cost (${currency})`,
      numeric: true,
      decimals: CURRENCY_DECIMALS[currency],
      value: (r) => r.cost,
      cell: (r) => formatMoney(r.cost, currency),
    },
    { id: 'share', header: 'Share (%)', numeric: true, decimals: 1, value: (r) => r.percentage, cell: (r) => <ShareCell value={r.percentage} color={color} /> },
  );
  return columns;
}

/**
 * The breakdown by the chosen Group by: a bar chart of the costliest members
 * (the rest as "Other") and a table of every member. Clicking a bar or a row
 * selects that member.
 */
export function BreakdownSection({
  dimension,
  rows,
  currency,
  resourceType,
  color,
  selectedKey,
  onSelect,
  shareOf,
  rowHint = 'Click a row to narrow the view',
  loading,
  unavailable,
}: {
  dimension: GroupBy;
  /** Undefined while the group loads. */
  rows: readonly GroupRow[] | undefined;
  currency: Currency;
  /** On a type's page: quantities in its unit. */
  resourceType?: ResourceTypeId;
  color: string;
  selectedKey?: string;
  onSelect: (row: GroupRow) => void;
  /** What shares are of: "total cost", "GPU clusters cost". */
  shareOf: string;
  /** What clicking a row does. */
  rowHint?: string;
  loading: boolean;
  /** Why there are no rows to show when the API's answer cannot give them (shown instead of "no usage"). */
  unavailable?: string;
}) {
  const label = GROUP_BY_LABELS[dimension];
  const plural = PLURAL[dimension];
  const columns = useMemo(
    () => breakdownColumns(dimension, currency, { resourceType, selectedKey, color }),
    [dimension, currency, resourceType, selectedKey, color],
  );
  const list = rows ?? [];
  const { bars, rest } = useMemo(() => topBars(rows ?? [], BAR_LIMIT), [rows]);
  const byKey = useMemo(() => new Map((rows ?? []).map((r) => [r.key, r])), [rows]);
  const select = (row: GroupRow) => {
    if (row.selectable) onSelect(row);
  };
  const busy = loading || rows === undefined;
  const chartLabel = `Cost by ${label.toLowerCase()}: ${bars
    .slice(0, 5)
    .map((b) => `${b.name} ${formatMoney(b.cost, currency)} (${formatPercent(b.percentage)})`)
    .join(', ')}${bars.length > 5 || rest ? ', and more in the table' : ''}.`;
  const emptyText = unavailable ?? `No usage by ${label.toLowerCase()} in this period.`;

  return (
    <div className="grid gap-4 xl:grid-cols-2">
      <ChartCard
        title={`Cost by ${label.toLowerCase()}`}
        description={
          busy
            ? `Shares of ${shareOf}`
            : rest
              ? `The ${bars.length} costliest ${plural} · share of ${shareOf}`
              : `${formatNumber(list.length)} ${list.length === 1 ? plural.slice(0, -1) : plural} · share of ${shareOf}`
        }
        table={{ columns, rows: list, caption: `Cost by ${label.toLowerCase()}`, getRowId: (r) => r.key, onRowClick: select }}
        loading={busy}
        empty={list.length === 0 && <EmptyState title={emptyText} />}
        height={barChartHeight(bars.length)}
        exportFileName={`usage-by-${dimension}${resourceType ? `-${resourceType}` : ''}`}
        footer={
          rest && (
            <p className="text-xs text-muted tabular-nums">
              Not drawn: {formatNumber(rest.count)} more {rest.count === 1 ? plural.slice(0, -1) : plural},{' '}
              <span className="font-medium text-foreground">{formatMoney(rest.cost, currency)}</span> ({formatPercent(rest.percentage)} of{' '}
              {shareOf}) — listed in the table.
            </p>
          )
        }
      >
        <div role="img" aria-label={chartLabel}>
          <BreakdownChart
            bars={bars}
            currency={currency}
            color={color}
            selectedKey={selectedKey}
            shareOf={shareOf}
            onSelect={(key) => {
              const row = byKey.get(key);
              if (row) select(row);
            }}
          />
        </div>
      </ChartCard>
      <Panel
        title={`All ${plural}`}
        description={busy ? 'Loading…' : `${rowHint} · ${formatNumber(list.length)} listed`}
      >
        {busy ? (
          <div className="flex flex-col gap-2" aria-hidden="true">
            {Array.from({ length: 5 }, (_, i) => (
              <Skeleton key={i} className="h-7 w-full" />
            ))}
          </div>
        ) : (
          <DataTable
            columns={columns}
            rows={list}
            caption={`${label} breakdown`}
            hideCaption
            getRowId={(r) => r.key}
            onRowClick={select}
            initialSort={{ id: 'cost', desc: true }}
            maxHeight={360}
            empty={emptyText}
            className={SELECTED_ROW_CLASS}
          />
        )}
      </Panel>
    </div>
  );
}
