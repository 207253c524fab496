import { useNavigate } from 'react-router';
import type { Currency, UsageResponse } from '../../../contract/billing';
import { DataTable, type DataColumn } from '../../../components/data-table';
import { ExportCsvButton } from '../../../components/export-csv-button';
import { Skeleton } from '../../../components/states/skeleton';
import { CURRENCY_DECIMALS } from '../../../contract/billing';
import { resourceLabel, resourceColor } from '../../../lib/colors';
import { formatMoney, formatNumber, formatPercent, unitLabels } from '../../../lib/format';
import type { DashboardFilters } from '../../../url-state/filter-schema';
import { filtersToSearchParams, toSearchString } from '../../../url-state/filter-url';
import { topResources, type TopResourceRow } from '../top-resources';
import { Panel } from '../../../components/panel';
import { useElementWidth } from '../../../lib/use-element-width';

const TOP_N = 10;

function columns(currency: Currency): DataColumn<TopResourceRow>[] {
  return [
    {
      id: 'name',
      header: 'Resource',
      value: (r) => r.name,
      cell: (r) => (
        <span className="flex flex-col">
          <span>{r.name}</span>
          <span className="font-mono text-2xs font-normal break-all text-muted">{r.resourceId}</span>
        </span>
      ),
    },
    { id: 'resourceId', header: 'Resource ID', value: (r) => r.resourceId, sortable: false },
    {
      id: 'type',
      header: 'Type',
      value: (r) => resourceLabel(r.resourceType),
      cell: (r) => (
        <span className="flex items-center gap-1.5 whitespace-nowrap">
          <span aria-hidden="true" className="size-2 shrink-0 rounded-full" style={{ background: resourceColor(r.resourceType) }} />
          {resourceLabel(r.resourceType)}
        </span>
      ),
    },
    {
      id: 'usage',
      header: 'Usage',
      value: (r) => r.usage,
      cell: (r) => (
        <>
          {formatNumber(r.usage, unitLabels(r.unit).decimals)}{' '}
          <span className="text-muted">{unitLabels(r.unit).short}</span>
        </>
      ),
      numeric: true,
    },
    { id: 'unit', header: 'Unit', value: (r) => unitLabels(r.unit).long, sortable: false },
    {
      id: 'cost',
      header: `Cost (${currency})`,
      value: (r) => r.cost,
      cell: (r) => <span className="font-medium">{formatMoney(r.cost, currency)}</span>,
      numeric: true,
      decimals: CURRENCY_DECIMALS[currency],
    },
    {
      id: 'share',
      header: 'Share (%)',
      value: (r) => r.share,
      cell: (r) => (r.share === undefined ? '—' : formatPercent(r.share)),
      numeric: true,
      decimals: 1,
    },
  ];
}

/** Left off the screen (the name and usage cells show them) but kept in the CSV. */
const HIDDEN_ON_SCREEN = new Set(['resourceId', 'unit']);
/** On a narrow screen the name cell also shows type and usage. */
const SHOWN_WHEN_NARROW = new Set(['name', 'cost']);
const NARROW_PX = 560;

function compactNameColumn(): DataColumn<TopResourceRow> {
  return {
    id: 'name',
    header: 'Resource',
    value: (r) => r.name,
    cell: (r) => (
      <span className="flex flex-col gap-0.5">
        <span>{r.name}</span>
        <span className="flex flex-wrap items-center gap-x-1.5 text-2xs font-normal text-muted">
          <span aria-hidden="true" className="size-1.5 rounded-full" style={{ background: resourceColor(r.resourceType) }} />
          {resourceLabel(r.resourceType)} · {formatNumber(r.usage, unitLabels(r.unit).decimals)} {unitLabels(r.unit).short}
        </span>
      </span>
    ),
  };
}

/**
 * The link a row opens: the type's Usage page with the same filters, and the
 * resource to highlight there (`resource=`).
 */
export function usageDrillDownPath(row: Pick<TopResourceRow, 'resourceType' | 'resourceId'>, filters: DashboardFilters): string {
  const params = filtersToSearchParams(filters);
  params.set('resource', row.resourceId);
  return `/usage/${encodeURIComponent(row.resourceType)}${toSearchString(params)}`;
}

/** The costliest resources across types; a row opens its type in Usage with the same filters. */
export function TopResourcesCard({
  data,
  loading,
  filters,
  className = '',
}: {
  data: UsageResponse | undefined;
  loading: boolean;
  filters: DashboardFilters;
  className?: string;
}) {
  const navigate = useNavigate();
  const currency = data?.summary.currency ?? filters.currency;
  const rows = data ? topResources(data.breakdown, data.summary.totalCost, TOP_N) : [];
  const [measure, width] = useElementWidth<HTMLDivElement>();
  const narrow = width > 0 && width < NARROW_PX;
  const all = columns(currency);
  const shown = narrow
    ? [compactNameColumn(), ...all.filter((c) => SHOWN_WHEN_NARROW.has(c.id) && c.id !== 'name')]
    : all.filter((c) => !HIDDEN_ON_SCREEN.has(c.id));

  return (
    <Panel
      title="Top resources"
      description="The costliest resources across types this period. Select a row to open its type in Usage."
      busy={loading}
      className={className}
      actions={
        <ExportCsvButton columns={all} rows={() => rows} fileName="top-resources" disabled={loading || rows.length === 0} />
      }
    >
      <div ref={measure} className="min-w-0">
        {loading ? (
          <div className="flex flex-col gap-2" aria-hidden="true">
            {Array.from({ length: 6 }, (_, i) => (
              <Skeleton key={i} className="h-8 w-full" />
            ))}
          </div>
        ) : (
          <DataTable
            columns={shown}
            rows={rows}
            caption={`Top ${TOP_N} resources by cost`}
            hideCaption
            getRowId={(r) => `${r.resourceType}:${r.resourceId}`}
            onRowClick={(r) => void navigate(usageDrillDownPath(r, filters))}
            initialSort={{ id: 'cost', desc: true }}
            empty="No resource used anything this period."
          />
        )}
      </div>
    </Panel>
  );
}
