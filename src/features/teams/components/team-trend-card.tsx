import type { Currency } from '../../../contract/billing';
import { formatMoney } from '../../../lib/format';
import type { TeamRow } from '../team-metrics';
import { ChangeBadge } from './change-badge';

function TrendBar({ label, amount, max, currency, strong }: { label: string; amount: number; max: number; currency: Currency; strong?: boolean }) {
  const width = max > 0 ? Math.max(0, Math.min(100, (amount / max) * 100)) : 0;
  return (
    <div className="grid grid-cols-[minmax(0,1fr)_auto] items-baseline gap-x-3 text-xs">
      <dt className="text-muted">{label}</dt>
      <dd className={`tabular-nums ${strong ? 'font-semibold text-foreground' : 'text-foreground'}`}>{formatMoney(amount, currency)}</dd>
      <dd aria-hidden="true" className="col-span-2 mt-1 h-2 overflow-hidden rounded-full bg-surface-muted">
        <div className={`h-full rounded-full ${strong ? 'bg-accent' : 'bg-subtle'}`} style={{ width: `${width}%` }} />
      </dd>
    </div>
  );
}

/** This period against the same number of days just before it. */
export function TeamTrendCard({ team, currency }: { team: TeamRow; currency: Currency }) {
  const previous = team.previousCost;
  const max = Math.max(team.totalCost, previous ?? 0);
  return (
    <section aria-labelledby="team-trend-title" className="flex min-w-0 flex-col rounded-card border border-border bg-surface p-4 shadow-card">
      <div className="flex items-start justify-between gap-3">
        <div>
          <h2 id="team-trend-title" className="text-sm font-semibold text-foreground">
            Trend vs previous period
          </h2>
          <p className="mt-0.5 text-xs text-muted">Against the same number of days just before this period.</p>
        </div>
        <span className="text-sm" data-testid="team-change">
          <ChangeBadge change={team.change} previous={previous} currency={currency} />
        </span>
      </div>
      {previous === undefined ? (
        <p className="mt-4 text-[13px] text-muted">There is no stored history for the previous period to compare with.</p>
      ) : (
        <dl className="mt-4 flex flex-col gap-3">
          <TrendBar label="This period" amount={team.totalCost} max={max} currency={currency} strong />
          <TrendBar label="Previous period" amount={previous} max={max} currency={currency} />
          <div className="flex items-baseline justify-between gap-3 border-t border-border pt-2 text-xs">
            <dt className="text-muted">Difference</dt>
            <dd className="font-medium text-foreground tabular-nums">
              {team.totalCost - previous >= 0 ? '+' : '−'}
              {formatMoney(Math.abs(team.totalCost - previous), currency)}
            </dd>
          </div>
        </dl>
      )}
    </section>
  );
}
