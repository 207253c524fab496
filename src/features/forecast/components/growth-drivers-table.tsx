import { Link } from 'react-router';
import { CURRENCY_DECIMALS, RESOURCE_TYPES, type Currency, type ForecastResponse, type ResourceType } from '../../../contract/billing';
import { DataTable, type DataColumn } from '../../../components/data-table';
import { ExportCsvButton } from '../../../components/export-csv-button';
import { Panel } from '../../../components/panel';
import { Skeleton } from '../../../components/states/skeleton';
import type { CsvColumn } from '../../../lib/csv';
import { RESOURCE_COLORS } from '../../../lib/colors';
import { formatMoney, labelFor } from '../../../lib/format';

type Drivers = NonNullable<ForecastResponse['growthDrivers']>;
type Driver = Drivers[number];

const DIMENSION_LABELS = { resource_type: 'Resource type', project: 'Team' } as const;

const resourceTypeOf = (d: Driver): ResourceType | undefined =>
  d.dimension === 'resource_type' && (RESOURCE_TYPES as readonly string[]).includes(d.key ?? '') ? (d.key as ResourceType) : undefined;

function columns(currency: Currency, filterSearch: string): DataColumn<Driver>[] {
  return [
    {
      id: 'factor',
      header: 'Driver',
      value: (d) => d.factor,
      cell: (d) => {
        const type = resourceTypeOf(d);
        return (
          <span className="flex min-w-0 flex-col gap-0.5">
            <span className="flex flex-wrap items-center gap-x-2">
              {type && <span aria-hidden="true" className="size-2 shrink-0 rounded-full" style={{ background: RESOURCE_COLORS[type] }} />}
              {type ? (
                <Link to={`/usage/${type}${filterSearch}`} className="text-accent underline-offset-2 hover:underline">
                  {d.factor}
                </Link>
              ) : (
                d.factor
              )}
              {d.dimension && <span className="text-2xs font-normal text-muted">{labelFor(DIMENSION_LABELS, d.dimension)}</span>}
            </span>
            <span className="font-normal text-muted">{d.description}</span>
          </span>
        );
      },
    },
    {
      id: 'impact',
      header: 'Trend / month',
      value: (d) => d.impact,
      cell: (d) => `${d.impact > 0 ? '+' : ''}${formatMoney(d.impact, currency)}`,
      numeric: true,
      decimals: CURRENCY_DECIMALS[currency],
    },
  ];
}

export function driverCsvColumns(currency: Currency): CsvColumn<Driver>[] {
  return [
    { header: 'Driver', value: (d) => d.factor },
    { header: 'Dimension', value: (d) => (d.dimension ? labelFor(DIMENSION_LABELS, d.dimension) : undefined) },
    { header: 'Key', value: (d) => d.key },
    { header: `Trend per month (${currency})`, value: (d) => d.impact, decimals: CURRENCY_DECIMALS[currency] },
    { header: 'Description', value: (d) => d.description },
  ];
}

/** What grew: resource types and teams with a rising monthly cost, largest trend first. */
export function GrowthDriversTable({
  drivers,
  currency,
  filterSearch,
  updating = false,
}: {
  /** Undefined while loading; null when the API's answer has no growth drivers. */
  drivers?: Drivers | null;
  currency: Currency;
  /** The shared filters for links to the Usage explorer (`?currency=EUR`). */
  filterSearch: string;
  updating?: boolean;
}) {
  if (drivers === null)
    return (
      <Panel title="Growth drivers" description="Not in the billing API's answer.">
        <p className="text-xs text-muted">The API sent no growth drivers, so there is nothing to list.</p>
      </Panel>
    );
  return (
    <Panel
      title="Growth drivers"
      description="Resource types and teams whose monthly cost rose over the last 6 complete months (least-squares trend)."
      actions={
        <ExportCsvButton
          columns={driverCsvColumns(currency)}
          rows={() => drivers ?? []}
          fileName="forecast-growth-drivers"
          disabled={!drivers || drivers.length === 0}
        />
      }
      busy={!drivers || updating}
    >
      {drivers ? (
        <DataTable
          columns={columns(currency, filterSearch)}
          rows={drivers}
          caption="Growth drivers"
          hideCaption
          getRowId={(d, i) => `${d.dimension ?? ''}:${d.key ?? d.factor}:${i}`}
          initialSort={{ id: 'impact', desc: true }}
          empty="No resource type or team grew over the last 6 months."
          className={`${updating ? 'opacity-60' : ''}`}
        />
      ) : (
        <Skeleton className="mt-3 h-48 w-full" />
      )}
    </Panel>
  );
}
