import { lazy, Suspense, useMemo } from 'react';
import { Link, type To } from 'react-router';
import type { Currency } from '../../../contract/billing';
import { resourceLabel, resourceColor } from '../../../lib/colors';
import { formatBucketLong, formatMetricNumber, formatMoney, formatNumber, formatPercent, unitLabels } from '../../../lib/format';
import type { Granularity } from '../../../contract/billing';
import type { TypeSummary } from '../usage-transforms';

// The sparklines (with their tooltip, keys and table) load beside the page's chunk; meanwhile a space of their height.
const Sparkline = lazy(() => import('../../../components/sparkline').then((m) => ({ default: m.Sparkline })));

/**
 * One resource type on the Usage index: cost, share, quantity and a cost
 * sparkline; the card links to the type's page (the link covers the card, the
 * sparkline, a chart with its own tab stop and tooltip, sits above it).
 */
export function TypeCard({
  summary,
  currency,
  to,
  shareOf,
  isPartial,
  granularity = 'daily',
}: {
  summary: TypeSummary;
  currency: Currency;
  /** The type's page; none for a type the dashboard does not know. */
  to?: To;
  /** What the share is of ("total cost", "us-east-1"). */
  shareOf: string;
  /** Whether the bucket starting at `t` is partial (by the API's clock; see lib/partial-buckets.ts). */
  isPartial?: (t: number) => boolean;
  /** The series' buckets, for the sparkline's dates. */
  granularity?: Granularity;
}) {
  const { resourceType, cost, percentage, quantity, unit, series } = summary;
  const color = resourceColor(resourceType);
  const label = resourceLabel(resourceType);
  const u = unitLabels(unit);
  const spark = useMemo(() => series?.map((p) => ({ t: p.t, y: p.cost, partial: isPartial?.(p.t) ?? false })), [series, isPartial]);
  const partial = spark?.some((p) => p.partial) ?? false;
  const none = cost === 0 && quantity === 0;

  const className =
    'group relative flex min-w-0 flex-col rounded-card border border-border bg-surface px-4 pt-3.5 pb-3 shadow-card transition-colors' +
    (to ? ' hover:border-accent/50 hover:bg-surface-muted/40 has-[a:focus-visible]:border-accent' : '');
  const head = (
    <>
      <span className="flex items-center justify-between gap-2">
        <span className="flex min-w-0 items-center gap-1.5 text-xs font-medium text-muted">
          <span aria-hidden="true" className="size-2 shrink-0 rounded-full" style={{ background: color }} />
          <span className="truncate text-foreground">{label}</span>
        </span>
        <span className="shrink-0 rounded bg-surface-muted px-1.5 py-0.5 text-2xs font-medium text-muted tabular-nums" title={`Share of ${shareOf}`}>
          {formatPercent(percentage)}
          <span className="sr-only"> of {shareOf}</span>
        </span>
      </span>
      <span className="mt-1.5 text-xl leading-7 font-semibold tracking-tight text-foreground tabular-nums" data-testid="type-cost">
        {formatMoney(cost, currency)}
      </span>
      <span className="text-xs text-muted tabular-nums" title={`${formatNumber(quantity, 2)} ${u.long}`}>
        {none ? 'No usage this period' : `${formatMetricNumber(quantity, u.decimals)} ${u.short}`}
      </span>
    </>
  );
  const sparkText = { date: (t: number) => formatBucketLong(t, granularity), value: { label: `Cost (${currency})`, format: (y: number) => formatMoney(y, currency) } };
  const foot = (
    <>
      <span className="relative z-10 mt-2 block min-h-9">
        {spark ? (
          <Suspense fallback={<span className="block h-9" />}>
            <Sparkline points={spark} color={color} label={`${label}: cost over the period`} text={sparkText} />
          </Suspense>
        ) : (
          <span className="block h-9" />
        )}
      </span>
      <span className="mt-1 flex items-center justify-between text-2xs text-muted">
        <span>{spark ? `Cost over the period${partial ? ' · dashed: partial' : ''}` : 'Totals only'}</span>
        {to && <span aria-hidden="true" className="font-medium text-accent opacity-0 transition-opacity group-hover:opacity-100 group-has-[a:focus-visible]:opacity-100">
          Details →
        </span>}
      </span>
    </>
  );
  // A resource type the dashboard does not know has no page of its own: its card is not a link.
  return (
    <div className={className}>
      {to ? (
        <Link to={to} className="flex flex-col outline-none after:absolute after:inset-0 after:rounded-card">
          {head}
        </Link>
      ) : (
        <div className="flex flex-col">{head}</div>
      )}
      {foot}
    </div>
  );
}
