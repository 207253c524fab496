import { useId, type ReactNode } from 'react';
import { Link } from 'react-router';
import { SortIcon } from '../../../components/icons';
import type { Currency } from '../../../contract/billing';
import { formatDateLocale, formatMoney, formatPercent } from '../../../lib/format';
import type { SortDirection, TeamRow, TeamSort } from '../team-metrics';
import { ChangeBadge } from './change-badge';
import { Sparkline } from '../../../components/sparkline';
import { CHART_COLORS } from '../../../lib/colors';

interface Column {
  /** null: the column is not sortable. */
  sort: TeamSort | null;
  header: string;
  numeric: boolean;
  /** Extra classes for the cells (widths, hiding on small screens). */
  className?: string;
  cell: (row: TeamRow, currency: Currency, teamHref: (id: string) => string) => ReactNode;
}

const COLUMNS: readonly Column[] = [
  { sort: 'rank', header: 'Rank', numeric: true, className: 'w-14', cell: (r) => r.rank },
  {
    sort: 'name',
    header: 'Team',
    numeric: false,
    cell: (r, _c, href) => (
      <Link to={href(r.teamId)} className="font-medium text-foreground hover:text-accent hover:underline">
        {r.teamName}
      </Link>
    ),
  },
  { sort: 'total', header: 'Total cost', numeric: true, cell: (r, c) => formatMoney(r.totalCost, c) },
  {
    sort: 'share',
    header: 'Share',
    numeric: true,
    className: 'min-w-36',
    cell: (r) => (
      <span className="flex items-center justify-end gap-2">
        <span aria-hidden="true" className="block h-1.5 w-20 overflow-hidden rounded-full bg-surface-muted">
          <span className="block h-full rounded-full bg-accent" style={{ width: `${Math.min(100, r.percentage)}%` }} />
        </span>
        <span className="w-12">{formatPercent(r.percentage)}</span>
      </span>
    ),
  },
  { sort: 'members', header: 'Members', numeric: true, cell: (r) => r.memberCount },
  {
    sort: 'perMember',
    header: 'Avg per member',
    numeric: true,
    cell: (r, c) => (r.perMember === undefined ? <span className="text-muted">—</span> : formatMoney(r.perMember, c)),
  },
  {
    sort: 'change',
    header: 'vs previous',
    numeric: true,
    cell: (r, c) => <ChangeBadge change={r.change} previous={r.previousCost} currency={c} />,
  },
  {
    sort: null,
    header: 'Trend',
    numeric: false,
    className: 'w-28 hidden md:table-cell',
    cell: (r, c) => (
      <span className="block w-24">
        <Sparkline
          points={r.trend}
          color={CHART_COLORS.accent}
          height={22}
          label={`${r.teamName}: cost over the period`}
          text={{ date: (t) => formatDateLocale(new Date(t).toISOString().slice(0, 10)), value: { label: `Cost (${c})`, format: (y) => formatMoney(y, c) } }}
        />
      </span>
    ),
  },
];

function ariaSort(active: boolean, dir: SortDirection): 'ascending' | 'descending' | undefined {
  if (!active) return undefined;
  return dir === 'asc' ? 'ascending' : 'descending';
}

export interface TeamLeaderboardProps {
  rows: readonly TeamRow[];
  currency: Currency;
  sort: TeamSort;
  dir: SortDirection;
  onSort: (sort: TeamSort) => void;
  teamHref: (teamId: string) => string;
  /** Shown in place of rows when there are none. */
  empty: ReactNode;
}

/**
 * Teams ranked by cost. Sorting is the page's (kept in the URL): a header
 * button asks for it, aria-sort shows it. The team names link to each team.
 */
export function TeamLeaderboard({ rows, currency, sort, dir, onSort, teamHref, empty }: TeamLeaderboardProps) {
  const captionId = useId();
  return (
    <div role="region" aria-labelledby={captionId} tabIndex={0} className="relative overflow-x-auto rounded-md border border-border">
      <table className="w-full border-collapse text-[13px]">
        <caption id={captionId} className="sr-only">
          Team leaderboard
        </caption>
        <thead>
          <tr>
            {COLUMNS.map((c) => {
              const key = c.sort ?? c.header;
              const headerClass = `border-b border-border bg-surface-muted px-3 py-2 text-xs font-medium whitespace-nowrap text-muted ${
                c.numeric ? 'text-right' : 'text-left'
              } ${c.className ?? ''}`;
              const columnSort = c.sort;
              if (columnSort === null)
                return (
                  <th key={key} scope="col" className={headerClass}>
                    {c.header}
                  </th>
                );
              const active = columnSort === sort;
              return (
                <th key={key} scope="col" aria-sort={ariaSort(active, dir)} className={headerClass}>
                  <button
                    type="button"
                    onClick={() => onSort(columnSort)}
                    className={`inline-flex items-center gap-1 rounded hover:text-foreground ${c.numeric ? 'flex-row-reverse' : ''} ${
                      active ? 'text-foreground' : ''
                    }`}
                  >
                    {c.header}
                    <SortIcon size={12} sort={active ? dir : false} className={active ? '' : 'opacity-50'} />
                  </button>
                </th>
              );
            })}
          </tr>
        </thead>
        <tbody>
          {rows.length === 0 ? (
            <tr>
              <td colSpan={COLUMNS.length} className="px-3 py-8 text-center text-muted">
                {empty}
              </td>
            </tr>
          ) : (
            rows.map((row) => (
              <tr key={row.teamId} data-team-id={row.teamId} className="border-b border-border last:border-b-0 hover:bg-surface-muted/60">
                {COLUMNS.map((c) => {
                  const cls = `px-3 py-2 ${c.numeric ? 'text-right tabular-nums whitespace-nowrap' : 'text-left'} ${c.className ?? ''}`;
                  return c.sort === 'name' ? (
                    <th key={c.sort} scope="row" data-col={c.sort} className={`${cls} font-medium`}>
                      {c.cell(row, currency, teamHref)}
                    </th>
                  ) : (
                    <td key={c.sort ?? c.header} data-col={c.sort ?? 'trend'} className={`${cls} ${c.sort === 'rank' ? 'text-muted' : 'text-foreground'}`}>
                      {c.cell(row, currency, teamHref)}
                    </td>
                  );
                })}
              </tr>
            ))
          )}
        </tbody>
      </table>
    </div>
  );
}
