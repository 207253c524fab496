import { useId } from 'react';
import type { Currency, Period, ResourceTypeId } from '../contract/billing';
import { useAnomalyCauses, useAnomalyMarkers, type AnomalyMarker } from '../api/anomalies';
import type { CauseDimension, Contributor } from '../lib/anomaly-causes';
import { resourceLabel } from '../lib/colors';
import { formatDateRange, formatMoney, formatPercent } from '../lib/format';
import { useOpenAnomaly } from './anomaly-param';
import { ErrorPanel } from './states/error-panel';
import { Skeleton } from './states/skeleton';

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
export function markerDays(m: Pick<AnomalyMarker, 'start' | 'end'>): string {
  return formatDateRange(iso(m.start), iso(m.end - DAY));
}

const DIMENSIONS: [CauseDimension, string][] = [
  ['team', 'Teams'],
  ['resource', 'Resources'],
  ['region', 'Regions'],
];

function CauseTable({ title, rows, currency }: { title: string; rows: Contributor[]; currency: Currency }) {
  const shown = rows.slice(0, 5);
  const rest = rows.slice(5);
  const other = rest.length
    ? [{ key: '…', name: `${rest.length} more`, actual: sum(rest, 'actual'), expected: sum(rest, 'expected'), excess: sum(rest, 'excess') }]
    : [];
  return (
    <table className="w-full text-xs tabular-nums">
      <caption className="mb-1 text-left text-2xs font-semibold tracking-wide text-muted uppercase">{title}</caption>
      <thead>
        <tr className="text-2xs text-muted">
          <th scope="col" className="py-1 text-left font-medium">Name</th>
          <th scope="col" className="hidden py-1 pl-2 text-right font-medium min-[420px]:table-cell sm:hidden lg:table-cell">Cost</th>
          <th scope="col" className="py-1 pl-2 text-right font-medium">Expected</th>
          <th scope="col" className="py-1 pl-2 text-right font-medium">Excess</th>
        </tr>
      </thead>
      <tbody>
        {[...shown, ...other].map((c) => (
          <tr key={c.key || c.name} className="border-t border-border">
            <th scope="row" className="max-w-36 truncate py-1 pr-2 text-left font-normal text-foreground" title={c.name}>
              {c.name}
            </th>
            <td className="hidden py-1 pl-2 text-right min-[420px]:table-cell sm:hidden lg:table-cell">{formatMoney(c.actual, currency)}</td>
            <td className="py-1 pl-2 text-right text-muted">{formatMoney(c.expected, currency)}</td>
            <td className={`py-1 pl-2 text-right font-medium ${c.excess > 0 ? 'text-warning' : 'text-muted'}`}>
              {c.excess > 0 ? '+' : ''}
              {formatMoney(c.excess, currency)}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function sum(rows: Contributor[], key: 'actual' | 'expected' | 'excess'): number {
  return rows.reduce((a, r) => a + r[key], 0);
}

function Causes({ marker, currency, id }: { marker: AnomalyMarker; currency: Currency; id: string }) {
  const { causes, error, retry } = useAnomalyCauses(marker, currency);
  return (
    <div id={id} className="mt-2 rounded-md border border-border bg-surface-muted/50 p-3">
      {error ? (
        <ErrorPanel error={error} onRetry={retry} title="The causes could not be loaded" />
      ) : !causes ? (
        <div aria-hidden="true" className="grid gap-3 sm:grid-cols-3">
          {DIMENSIONS.map(([d]) => (
            <Skeleton key={d} className="h-28 w-full" />
          ))}
        </div>
      ) : (
        <>
          <p className="mb-2 text-xs text-muted">
            What made the {formatMoney(causes.team.reduce((a, c) => a + c.excess, 0), currency)} over the expected cost of{' '}
            {resourceLabel(marker.type)} on these days, against each one’s share of the four weeks before:
          </p>
          <div className="grid gap-4 sm:grid-cols-3">
            {DIMENSIONS.map(([d, title]) => (
              <CauseTable key={d} title={title} rows={causes[d]} currency={currency} />
            ))}
          </div>
        </>
      )}
    </div>
  );
}

function MarkerItem({ marker, currency, open, onToggle }: { marker: AnomalyMarker; currency: Currency; open: boolean; onToggle: () => void }) {
  const causesId = useId();
  const share = marker.expected > 0 ? (marker.excess / marker.expected) * 100 : undefined;
  const teams = marker.flagged.filter((f) => f.team).map((f) => f.team!.name);
  const total = marker.flagged.some((f) => !f.team);
  const foundIn = [...(total ? [`${resourceLabel(marker.type)} in total`] : []), ...teams.map((t) => `${t}’s ${resourceLabel(marker.type)}`)];
  return (
    <li id={`anomaly-${marker.id}`} className="border-b border-border py-2.5 first:pt-0 last:border-b-0 last:pb-0">
      <button
        type="button"
        aria-expanded={open}
        aria-controls={open ? causesId : undefined}
        onClick={onToggle}
        className="flex w-full flex-wrap items-baseline gap-x-3 gap-y-0.5 rounded text-left hover:bg-surface-muted"
      >
        <span className="text-[13px] font-medium text-foreground">{markerDays(marker)}</span>
        <span className="text-xs text-muted">{resourceLabel(marker.type)}</span>
        <span className="text-[13px] font-semibold text-warning tabular-nums">
          +{formatMoney(marker.excess, currency)}
          {share !== undefined && ` (${share >= 0 ? '+' : ''}${formatPercent(share, 0)})`}
        </span>
        <span className="text-xs text-muted tabular-nums">
          {formatMoney(marker.actual, currency)} against {formatMoney(marker.expected, currency)} expected
        </span>
        <span className="ml-auto text-xs text-accent">{open ? 'Hide causes' : 'Why?'}</span>
      </button>
      <p className="mt-0.5 text-2xs text-muted">Found in {foundIn.join(', ')}</p>
      {open && <Causes marker={marker} currency={currency} id={causesId} />}
    </li>
  );
}

/**
 * "Unusual spend": the period's unusual days (per resource type and per team's
 * use of it, src/api/anomalies.ts), each marked on the cost chart above, with
 * its causes behind "Why?". The opened one is in the URL (`?anomaly=`).
 */
export function AnomaliesCard({
  period,
  today,
  types,
  currency,
  className = '',
}: {
  period: Pick<Period, 'startDate' | 'endDate'> | undefined;
  today: string | undefined;
  types: readonly ResourceTypeId[];
  currency: Currency;
  className?: string;
}) {
  const { markers, error, retry } = useAnomalyMarkers({ period, today, types, currency });
  const [open, setOpen] = useOpenAnomaly();
  const titleId = useId();
  return (
    <section
      aria-labelledby={titleId}
      aria-busy={!markers && !error}
      className={`flex min-w-0 flex-col rounded-card border border-border bg-surface p-4 shadow-card ${className}`}
    >
      <div className="mb-3 min-w-0">
        <h2 id={titleId} className="text-sm font-semibold text-foreground">
          Unusual spend
        </h2>
        <p className="mt-0.5 text-xs text-muted">
          Days well above what the weeks around them lead one to expect, per resource type and per team; marked on the cost chart
        </p>
      </div>
      {error && !markers ? (
        <ErrorPanel error={error} onRetry={retry} title="Unusual spend could not be checked" />
      ) : !markers ? (
        <div className="flex flex-col gap-2" aria-hidden="true">
          <Skeleton className="h-10 w-full" />
          <Skeleton className="h-10 w-full" />
        </div>
      ) : markers.length === 0 ? (
        <p className="py-2 text-[13px] text-muted">
          <span className="font-medium text-foreground">Nothing unusual.</span> No day in this period stands out from the weeks around it.
        </p>
      ) : (
        <ul aria-label="Unusual spend" className="flex flex-col">
          {markers.map((m) => (
            <MarkerItem key={m.id} marker={m} currency={currency} open={open === m.id} onToggle={() => setOpen(open === m.id ? null : m.id)} />
          ))}
        </ul>
      )}
    </section>
  );
}
