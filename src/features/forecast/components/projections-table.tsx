import { CURRENCY_DECIMALS, type Currency, type ForecastResponse } from '../../../contract/billing';
import { DataTable, type DataColumn } from '../../../components/data-table';
import { Panel } from '../../../components/panel';
import { Skeleton } from '../../../components/states/skeleton';
import { formatMoney, formatPercent } from '../../../lib/format';
import { confidenceLabel } from '../forecast-view';
import { formatMonthLong } from '../forecast-series';

type Projection = ForecastResponse['monthlyProjections'][number];

function columns(currency: Currency, level: number, withBounds: boolean): DataColumn<Projection>[] {
  const decimals = CURRENCY_DECIMALS[currency];
  const bound = (v: number | undefined) => (v === undefined ? '—' : formatMoney(v, currency));
  const bounds: DataColumn<Projection>[] = [
    {
      id: 'lowerBound',
      header: `Lower (${confidenceLabel(level)})`,
      csvHeader: `Lower (${confidenceLabel(level)}) (${currency})`,
      value: (p) => p.lowerBound,
      cell: (p) => bound(p.lowerBound),
      numeric: true,
      decimals,
    },
    {
      id: 'upperBound',
      header: `Upper (${confidenceLabel(level)})`,
      csvHeader: `Upper (${confidenceLabel(level)}) (${currency})`,
      value: (p) => p.upperBound,
      cell: (p) => bound(p.upperBound),
      numeric: true,
      decimals,
    },
  ];
  return [
    { id: 'month', header: 'Month', value: (p) => p.month, cell: (p) => <span className="whitespace-nowrap">{formatMonthLong(p.month)}</span> },
    {
      id: 'projectedCost',
      header: 'Projected',
      csvHeader: `Projected (${currency})`,
      value: (p) => p.projectedCost,
      cell: (p) => formatMoney(p.projectedCost, currency),
      numeric: true,
      decimals,
    },
    // No interval columns when the API gives no bounds.
    ...(withBounds ? bounds : []),
    {
      id: 'confidence',
      header: 'Within ±10%',
      csvHeader: 'Within ±10% (%)',
      value: (p) => Math.round(p.confidence * 1000) / 10,
      cell: (p) => formatPercent(p.confidence * 100, 0),
      numeric: true,
    },
  ];
}

/** The projected months as numbers, with Export CSV. */
export function ProjectionsTable({
  projections,
  currency,
  level,
  updating = false,
}: {
  projections?: ForecastResponse['monthlyProjections'];
  currency: Currency;
  level: number;
  updating?: boolean;
}) {
  // Bounds are an extension: no interval columns without them (while loading, the usual heading).
  const withBounds = (projections ?? []).some((p) => p.lowerBound !== undefined && p.upperBound !== undefined) || !projections;
  return (
    <Panel
      title="Monthly projections"
      busy={!projections || updating}
      description={
        withBounds
          ? `Projected cost in ${currency} with its ${confidenceLabel(level)} interval; the last column is the chance the month lands within ±10%.`
          : `Projected cost in ${currency}; the last column is the chance the month lands within ±10%.`
      }
    >
      {projections ? (
        <DataTable
          columns={columns(currency, level, withBounds)}
          rows={projections}
          caption="Projected cost by month"
          hideCaption
          getRowId={(p) => p.month}
          exportFileName="forecast-projections"
          className={updating ? 'opacity-60' : ''}
        />
      ) : (
        <Skeleton className="h-48 w-full" />
      )}
    </Panel>
  );
}
