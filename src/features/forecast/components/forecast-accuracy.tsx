import { CURRENCY_DECIMALS, type Currency } from '../../../contract/billing';
import { DataTable, type DataColumn } from '../../../components/data-table';
import { Panel } from '../../../components/panel';
import { ErrorPanel } from '../../../components/states/error-panel';
import { Skeleton } from '../../../components/states/skeleton';
import { formatMoney, formatPercent } from '../../../lib/format';
import type { AccuracyMonth } from '../../../../server/analytics/forecast-accuracy';
import { useForecastAccuracy, type ForecastAccuracy } from '../api/get-forecast-accuracy';
import { formatMonthLong } from '../forecast-series';

const signedPercent = (forecast: number, actual: number) => (actual > 0 ? `${forecast >= actual ? '+' : '−'}${formatPercent((Math.abs(forecast - actual) / actual) * 100, 1)}` : '–');

/** The error in percent of the actual, to 0.1 (the CSV's figure; the table shows it signed). */
const errorPercent = (forecast: number, actual: number) => (actual > 0 ? Math.round(((forecast - actual) / actual) * 1000) / 10 : undefined);

function columns(currency: Currency, level: number): DataColumn<AccuracyMonth>[] {
  const decimals = CURRENCY_DECIMALS[currency];
  const pct = `${Math.round(level * 100)}%`;
  return [
    { id: 'month', header: 'Month', value: (m) => m.month, cell: (m) => <span className="whitespace-nowrap">{formatMonthLong(m.month)}</span> },
    { id: 'forecast', header: `Said on the 1st (${currency})`, value: (m) => m.forecast, cell: (m) => formatMoney(m.forecast, currency), numeric: true, decimals },
    { id: 'lower', header: `Lower (${pct}) (${currency})`, value: (m) => m.lower, cell: (m) => formatMoney(m.lower, currency), numeric: true, decimals },
    { id: 'upper', header: `Upper (${pct}) (${currency})`, value: (m) => m.upper, cell: (m) => formatMoney(m.upper, currency), numeric: true, decimals },
    { id: 'actual', header: `Actual (${currency})`, value: (m) => m.actual, cell: (m) => formatMoney(m.actual, currency), numeric: true, decimals },
    { id: 'error', header: 'Model error (%)', value: (m) => errorPercent(m.forecast, m.actual), cell: (m) => signedPercent(m.forecast, m.actual), numeric: true },
    { id: 'runRate', header: 'Run-rate error (%)', value: (m) => errorPercent(m.runRate, m.actual), cell: (m) => signedPercent(m.runRate, m.actual), numeric: true },
    { id: 'inside', header: 'Inside (1 = yes)', value: (m) => (m.inside ? 1 : 0), cell: (m) => (m.inside ? 'Yes' : 'No') },
  ];
}

/** What the model would have said on each month's 1st against what happened, beside the run rate. */
/** The panel with the account's accuracy report, fetched and computed here. */
export function ForecastAccuracyCard({ currency }: { currency: Currency }) {
  const accuracy = useForecastAccuracy(currency);
  return (
    <ForecastAccuracyPanel
      data={accuracy.data}
      error={accuracy.error}
      onRetry={() => void accuracy.refetch()}
      retrying={accuracy.isFetching}
    />
  );
}

export function ForecastAccuracyPanel({
  data,
  error,
  onRetry,
  retrying,
}: {
  data: ForecastAccuracy | undefined;
  error: unknown;
  onRetry: () => void;
  retrying: boolean;
}) {
  const report = data?.report;
  const inside = report ? report.months.filter((m) => m.inside).length : 0;
  return (
    <Panel
      title="How the forecast has done"
      busy={!data && !error}
      description={
        data && data.currency !== 'USD'
          ? `Each month forecast on its 1st from the days before it only, in USD, shown at this month's rate (1 USD = ${data.rate.toFixed(4)} ${data.currency}).`
          : 'Each month forecast on its 1st from the days before it only.'
      }
    >
      {error && !data ? (
        <ErrorPanel error={error} onRetry={onRetry} retrying={retrying} />
      ) : !report ? (
        <Skeleton className="h-40 w-full" />
      ) : report.months.length === 0 ? (
        <p className="text-sm text-muted">Not enough history yet: a month is scored once 90 days precede its 1st.</p>
      ) : (
        <>
          <p data-testid="accuracy-summary" className="mb-3 text-sm text-foreground">
            Over the last {report.months.length} months the model was off by{' '}
            <span className="font-semibold tabular-nums">{formatPercent(report.modelMape, 1)}</span> on average (MAPE), the run rate by{' '}
            <span className="font-semibold tabular-nums">{formatPercent(report.runRateMape, 1)}</span>;{' '}
            <span className="font-semibold tabular-nums">
              {inside} of {report.months.length}
            </span>{' '}
            months ({formatPercent(report.coverage * 100, 0)}) landed inside the {Math.round(report.level * 100)}% interval.
          </p>
          <DataTable
            columns={columns(data.currency, report.level)}
            rows={report.months}
            caption="Forecast made on each month's 1st against the actual cost"
            hideCaption
            getRowId={(m) => m.month}
            exportFileName="forecast-accuracy"
          />
        </>
      )}
    </Panel>
  );
}
