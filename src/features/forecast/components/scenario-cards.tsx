import { useId } from 'react';
import type { Currency } from '../../../contract/billing';
import { Skeleton } from '../../../components/states/skeleton';
import { formatMoney, formatPercent } from '../../../lib/format';
import { formatMonthShort, type ScenarioCard, type ScenarioKey } from '../forecast-series';

const ACCENT: Record<ScenarioKey, string> = {
  optimistic: 'var(--success)',
  expected: 'var(--accent)',
  pessimistic: 'var(--danger)',
};

const DESCRIPTIONS: Record<ScenarioKey, string> = {
  optimistic: 'Lowest 20% of simulated outcomes',
  expected: 'Middle 60% of simulated outcomes',
  pessimistic: 'Highest 20% of simulated outcomes',
};

function Card({ s, currency }: { s: ScenarioCard; currency: Currency }) {
  return (
    <div
      role="group"
      aria-label={`${s.label} scenario`}
      data-scenario={s.key}
      className={`relative flex min-w-0 flex-col overflow-hidden rounded-card border bg-surface px-4 py-3.5 shadow-card ${
        s.key === 'expected' ? 'border-accent/40' : 'border-border'
      }`}
    >
      <span aria-hidden="true" className="absolute inset-y-0 left-0 w-1" style={{ background: ACCENT[s.key] }} />
      <div className="flex items-baseline justify-between gap-2">
        <p className="text-xs font-semibold text-foreground">{s.label}</p>
        <p className="text-2xs text-muted tabular-nums">
          <span data-testid="scenario-probability">{formatPercent(s.probability * 100, 0)}</span> probability
        </p>
      </div>
      <p className="mt-1.5 text-2xs font-medium text-muted">{s.months}-month total</p>
      <p data-testid="scenario-total" className="text-xl leading-7 font-semibold tracking-tight text-foreground tabular-nums">
        {formatMoney(s.total, currency)}
      </p>
      <p className="mt-1 text-xs text-muted tabular-nums">
        Peak month <span data-testid="scenario-peak" className="font-medium text-foreground">{formatMoney(s.peakMonth, currency)}</span>
        {s.peakMonthLabel && <> in {formatMonthShort(s.peakMonthLabel)}</>}
      </p>
      <div className="mt-2.5 flex items-center gap-2" aria-hidden="true">
        <span className="block h-1 flex-1 overflow-hidden rounded-full bg-surface-muted">
          <span className="block h-full rounded-full" style={{ width: `${s.probability * 100}%`, background: ACCENT[s.key] }} />
        </span>
      </div>
      <p className="mt-1.5 text-2xs text-muted">{DESCRIPTIONS[s.key]}</p>
    </div>
  );
}

/** Optimistic / expected / pessimistic: total over the scenario months, peak month, probability. */
export function ScenarioCards({
  scenarios,
  currency,
  loading = false,
}: {
  scenarios: readonly ScenarioCard[];
  currency: Currency;
  loading?: boolean;
}) {
  const titleId = useId();
  if (!loading && scenarios.length === 0) return null;
  return (
    <section aria-labelledby={titleId} aria-busy={loading}>
      <h2 id={titleId} className="mb-2 text-sm font-semibold text-foreground">
        Scenarios
        {!loading && scenarios[0] && (
          <span className="ml-2 text-xs font-normal text-muted">over the first {scenarios[0].months} projected months</span>
        )}
      </h2>
      <div className="grid grid-cols-1 gap-3 sm:grid-cols-3">
        {loading
          ? Array.from({ length: 3 }, (_, i) => (
              <div key={i} className="rounded-card border border-border bg-surface px-4 py-3.5 shadow-card">
                <Skeleton className="h-3.5 w-24" />
                <Skeleton className="mt-3 h-7 w-36" />
                <Skeleton className="mt-2 h-3.5 w-40" />
              </div>
            ))
          : scenarios.map((s) => <Card key={s.key} s={s} currency={currency} />)}
      </div>
    </section>
  );
}
