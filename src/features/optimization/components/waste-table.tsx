import { CURRENCY_DECIMALS, type Currency, type OptimizationResponse } from '../../../contract/billing';
import { DataTable, type DataColumn } from '../../../components/data-table';
import { ExportCsvButton } from '../../../components/export-csv-button';
import { Panel } from '../../../components/panel';
import { Skeleton } from '../../../components/states/skeleton';
import type { CsvColumn } from '../../../lib/csv';
import { formatMoney, labelFor } from '../../../lib/format';
import { RULE_LABELS } from '../recommendations';
import { ResourceLink } from './resource-link';

type Waste = NonNullable<OptimizationResponse['wasteAnalysis']>;
type WasteItem = Waste['items'][number];

function columns(currency: Currency, filterSearch: string): DataColumn<WasteItem>[] {
  return [
    {
      id: 'resourceId',
      header: 'Resource and finding',
      value: (w) => w.resourceId ?? '',
      cell: (w) => (
        <span className="flex min-w-0 flex-col gap-0.5">
          <span className="flex flex-wrap items-baseline gap-x-2">
            {w.resourceId && <ResourceLink resourceId={w.resourceId} filterSearch={filterSearch} rule={w.rule} />}
            {w.rule && <span className="text-2xs font-normal text-muted">{labelFor(RULE_LABELS, w.rule)}</span>}
          </span>
          <span className="font-normal text-muted">{w.description}</span>
        </span>
      ),
    },
    {
      id: 'amount',
      header: 'Per month',
      value: (w) => w.amount,
      cell: (w) => formatMoney(w.amount, currency),
      numeric: true,
    },
  ];
}

/** What Export CSV saves: every field, amounts as plain numbers in the currency's minor units. */
export function wasteCsvColumns(currency: Currency): CsvColumn<WasteItem>[] {
  return [
    { header: 'Resource', value: (w) => w.resourceId },
    { header: 'Finding', value: (w) => w.description },
    { header: 'Rule', value: (w) => (w.rule ? labelFor(RULE_LABELS, w.rule) : undefined) },
    { header: `Monthly amount (${currency})`, value: (w) => w.amount, decimals: CURRENCY_DECIMALS[currency] },
  ];
}

/** Money spent on nothing (idle, surplus, untouched), per resource, largest first, with Export CSV. */
export function WasteTable({
  waste,
  currency,
  filterSearch,
  updating = false,
}: {
  /** Undefined while loading; null when the API's answer has no waste analysis. */
  waste?: Waste | null;
  currency: Currency;
  filterSearch: string;
  updating?: boolean;
}) {
  const items = waste ? [...waste.items].sort((a, b) => b.amount - a.amount) : [];
  if (waste === null)
    return (
      <Panel title="Identified waste" description="Not in the billing API's answer for this period.">
        <p className="text-xs text-muted">The API sent no waste analysis, so there is nothing to list.</p>
      </Panel>
    );
  return (
    <Panel
      title="Identified waste"
      description={
        waste ? (
          <>
            <span data-testid="waste-total" className="tabular-nums">
              {formatMoney(waste.totalWaste, currency)}
            </span>{' '}
            per month on resources that did no useful work
          </>
        ) : (
          <Skeleton className="h-3.5 w-56" />
        )
      }
      actions={
        <ExportCsvButton
          columns={wasteCsvColumns(currency)}
          rows={() => items}
          fileName="optimization-waste"
          disabled={items.length === 0}
        />
      }
      busy={!waste || updating}
    >
      {waste ? (
        <DataTable
          columns={columns(currency, filterSearch)}
          rows={items}
          caption="Identified waste by resource"
          hideCaption
          getRowId={(w, i) => `${w.resourceId ?? ''}-${w.rule ?? ''}-${i}`}
          empty="No waste found in this period."
          className={updating ? 'opacity-60' : ''}
        />
      ) : (
        <Skeleton className="h-40 w-full" />
      )}
    </Panel>
  );
}
