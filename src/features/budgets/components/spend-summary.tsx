import { errorMessage } from '../../../api/errors';
import { Skeleton } from '../../../components/states/skeleton';
import type { Currency } from '../../../contract/billing';
import { formatMoney, formatPercent } from '../../../lib/format';
import { projectedSpend, type MonthSpend } from '../thresholds';
import type { MonthEnd } from '../../../api/month-end';

/** The figures the threshold previews come from: spend so far, burn rate, month-end projection. */
export function SpendSummary({
  spend,
  loading,
  error,
  noTypes,
  amount,
  currency,
  forecast,
  record,
}: {
  /** The month-end projection of record for the form's types and currency (src/api/month-end.ts). */
  record?: MonthEnd;
  /** The breach forecast's month-end projection (the projection of record), once computed. */
  forecast?: { mean: number; lower: number; upper: number; level: number };
  spend: MonthSpend | undefined;
  loading: boolean;
  error: unknown;
  noTypes: boolean;
  amount: number;
  currency: Currency;
}) {
  let body;
  if (noTypes) body = <span>Choose resource types to preview when each threshold is reached.</span>;
  else if (error && !spend) body = <span className="text-danger">Could not load this month's spend: {errorMessage(error)}</span>;
  else if (!spend || loading) body = <Skeleton className="h-4 w-72 max-w-full" />;
  else {
    const projected = record?.projected ?? forecast?.mean ?? projectedSpend(spend);
    const label = record?.projected !== undefined ? 'Projected month end' : forecast ? 'Forecast month end (browser model)' : 'Projected month end (run rate)';
    body = (
      <dl className="flex flex-wrap gap-x-5 gap-y-1">
        <div className="flex gap-1.5">
          <dt>Spent this month</dt>
          <dd className="font-semibold text-foreground tabular-nums" data-testid="preview-spent">
            {formatMoney(spend.spent, currency)}
          </dd>
        </div>
        <div className="flex gap-1.5">
          <dt>Burn rate (last 7 days)</dt>
          <dd className="font-semibold text-foreground tabular-nums">{formatMoney(spend.hourlyBurn * 24, currency)}/day</dd>
        </div>
        <div className="flex gap-1.5">
          <dt>{label}</dt>
          <dd className="font-semibold text-foreground tabular-nums" data-testid="preview-projected">
            {formatMoney(projected, currency)}
            {amount > 0 && <span className="font-normal text-muted"> ({formatPercent((projected / amount) * 100)} of budget)</span>}
            {record?.confidence !== undefined && (
              <span className="font-normal text-muted"> · {formatPercent(record.confidence * 100, 0)} confidence (±10%)</span>
            )}
            {forecast && (
              <span className="font-normal text-muted">
                {' '}
                · {Math.round(forecast.level * 100)}%: {formatMoney(forecast.lower, currency)}–{formatMoney(forecast.upper, currency)}
              </span>
            )}
          </dd>
        </div>
      </dl>
    );
  }
  return (
    <div aria-live="polite" className="rounded-md bg-surface-muted px-3 py-2 text-xs text-muted">
      {body}
    </div>
  );
}
