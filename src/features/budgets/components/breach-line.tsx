import type { BreachOutlookState } from '../../../api/breach-outlook';
import { formatMoney } from '../../../lib/format';
import { breachSentence } from '../../../lib/breach-text';

const TONE = (p: number, reached: boolean) => (reached || p >= 0.5 ? 'text-danger' : p >= 0.2 ? 'text-warning' : 'text-success');

/** "73% chance to exceed by month end; expected around 24 Jan (21–28 Jan)" for the budget (its first judged amount). */
export function BreachLine({ breach, className = '' }: { breach: BreachOutlookState; className?: string }) {
  const { view, isError, isPending, unavailable } = breach;
  if (unavailable)
    return (
      <p className={`text-xs text-muted ${className}`} data-testid="budget-breach">
        No breach forecast: the API does not say which resource types this budget covers, or names a type or currency this dashboard cannot ask for.
      </p>
    );
  if (isError)
    return (
      <p className={`text-xs text-muted ${className}`} data-testid="budget-breach">
        Breach forecast unavailable: {breach.error instanceof Error ? breach.error.message : 'the usage history could not be loaded'}.{' '}
        <button type="button" className="font-medium text-accent underline" onClick={() => void breach.refetch()}>
          Retry
        </button>
      </p>
    );
  if (isPending || !view) return <p className={`text-xs text-muted ${className}`} data-testid="budget-breach-loading">Forecasting the month end…</p>;
  const t = view.thresholds[0];
  if (!t) return null;
  const { mean, lower, upper, level } = view.projected;
  return (
    <div className={className}>
      <p className={`text-xs font-semibold ${TONE(t.probability, t.reached)}`} data-testid="budget-breach">
        {breachSentence(t)}
      </p>
      <p className="text-2xs text-muted tabular-nums">
        Forecast month end {formatMoney(mean, view.currency)} ({Math.round(level * 100)}%: {formatMoney(lower, view.currency)}–{formatMoney(upper, view.currency)})
        {view.currency !== 'USD' && ` · computed in USD at this month's rate, 1 USD = ${view.rate.toFixed(4)} ${view.currency}`}
      </p>
    </div>
  );
}
