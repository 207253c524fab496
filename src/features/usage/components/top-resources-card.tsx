import { useMemo } from 'react';
import { CURRENCY_DECIMALS, type Currency, type ResourceTypeId } from '../../../contract/billing';
import { csvColumns, DataTable, type DataColumn } from '../../../components/data-table';
import { ExportCsvButton } from '../../../components/export-csv-button';
import { Skeleton } from '../../../components/states/skeleton';
import { resourceLabel, resourceColor } from '../../../lib/colors';
import { formatMoney, resourceUnit } from '../../../lib/format';
import { formatExactQuantity, quantityDecimals, unitTitle } from '../usage-format';
import type { TopResourceRow } from '../usage-transforms';
import { Panel } from '../../../components/panel';
import { SELECTED_ROW_CLASS, SelectedMark, ShareCell } from './share-cell';

/** A type's costliest resources (the API lists up to ten); click one to highlight it and see its share. */
export function TopResourcesCard({
  resourceType,
  rows,
  currency,
  selectedId,
  onSelect,
  loading,
}: {
  resourceType: ResourceTypeId;
  rows: readonly TopResourceRow[] | undefined;
  currency: Currency;
  selectedId?: string;
  onSelect: (row: TopResourceRow) => void;
  loading: boolean;
}) {
  const unit = resourceUnit(resourceType);
  const label = resourceLabel(resourceType);
  const columns = useMemo<DataColumn<TopResourceRow>[]>(
    () => [
      {
        id: 'name',
        header: 'Resource',
        value: (r) => r.name,
        cell: (r) => (
          <span className="whitespace-nowrap">
            {r.name}
            <SelectedMark selected={r.resourceId === selectedId} />
          </span>
        ),
      },
      {
        id: 'id',
        header: 'ID',
        value: (r) => r.resourceId,
        cell: (r) => <span className="font-mono text-2xs whitespace-nowrap text-muted">{r.resourceId}</span>,
      },
      {
        id: 'usage',
        header: unitTitle(unit.unit),
        numeric: true,
        decimals: quantityDecimals(unit.unit),
        value: (r) => r.usage,
        cell: (r) => formatExactQuantity(r.usage, unit.unit),
      },
      {
        id: 'cost',
        header: `Cost (${currency})`,
        numeric: true,
        decimals: CURRENCY_DECIMALS[currency],
        value: (r) => r.cost,
        cell: (r) => formatMoney(r.cost, currency),
      },
      {
        id: 'share',
        header: `Share of ${label} (%)`,
        numeric: true,
        decimals: 1,
        value: (r) => r.share,
        cell: (r) => <ShareCell value={r.share} color={resourceColor(resourceType)} />,
      },
    ],
    [currency, label, resourceType, selectedId, unit.unit],
  );
  return (
    <Panel
      title="Top resources"
      description={`The costliest ${label} of the period · click one to highlight it`}
      actions={
        <ExportCsvButton
          columns={csvColumns(columns)}
          rows={() => rows ?? []}
          fileName={`top-resources-${resourceType}`}
          disabled={loading || !rows || rows.length === 0}
        />
      }
    >
      {loading || !rows ? (
        <div className="flex flex-col gap-2" aria-hidden="true">
          {Array.from({ length: 5 }, (_, i) => (
            <Skeleton key={i} className="h-8 w-full" />
          ))}
        </div>
      ) : (
        <DataTable
          columns={columns}
          rows={rows}
          caption={`Top ${label} resources`}
          hideCaption
          getRowId={(r) => r.resourceId}
          onRowClick={onSelect}
          initialSort={{ id: 'cost', desc: true }}
          empty={`No ${label} resources were used in this period.`}
          className={SELECTED_ROW_CLASS}
        />
      )}
    </Panel>
  );
}
