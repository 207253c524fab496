import { useMemo } from 'react';
import { Link } from 'react-router';
import { DataTable, type DataColumn } from '../../../components/data-table';
import { CURRENCY_DECIMALS, type Currency, type UserBreakdownItem } from '../../../contract/billing';
import { formatMoney, formatPercent } from '../../../lib/format';

const shareOfTotal = (u: UserBreakdownItem) => u.percentage;

/** Every user by cost, highest first, with their team (linked) and share of the total. */
export function TopUsersTable<U extends UserBreakdownItem>({
  users,
  currency,
  teamHref,
  caption = 'Top users',
  showTeam = true,
  shareLabel = 'Share of total',
  share = shareOfTotal,
  exportFileName = 'top-users',
  maxHeight = 420,
}: {
  users: readonly U[];
  currency: Currency;
  teamHref: (teamId: string) => string;
  caption?: string;
  showTeam?: boolean;
  shareLabel?: string;
  share?: (u: U) => number | undefined;
  exportFileName?: string;
  maxHeight?: number;
}) {
  const columns = useMemo((): DataColumn<U>[] => {
    const cols: DataColumn<U>[] = [
      { id: 'user', header: 'User', value: (u) => u.userName },
    ];
    if (showTeam)
      cols.push({
        id: 'team',
        header: 'Team',
        value: (u) => u.team,
        cell: (u) =>
          u.teamId ? (
            <Link to={teamHref(u.teamId)} className="text-accent hover:underline">
              {u.team}
            </Link>
          ) : (
            // The reference reads a user's team with .get(): it may be missing.
            (u.team ?? <span className="text-muted">—</span>)
          ),
      });
    cols.push(
      {
        id: 'cost',
        header: `Cost (${currency})`,
        value: (u) => u.totalCost,
        cell: (u) => formatMoney(u.totalCost, currency),
        numeric: true,
        decimals: CURRENCY_DECIMALS[currency],
      },
      {
        id: 'share',
        header: `${shareLabel} (%)`,
        value: (u) => {
          const s = share(u);
          return s === undefined ? undefined : Math.round(s * 10) / 10;
        },
        cell: (u) => {
          const s = share(u);
          return s === undefined ? '—' : formatPercent(s);
        },
        numeric: true,
      },
    );
    return cols;
  }, [currency, teamHref, showTeam, shareLabel, share]);

  return (
    <DataTable
      columns={columns}
      rows={users}
      caption={caption}
      hideCaption
      getRowId={(u) => u.userId}
      initialSort={{ id: 'cost', desc: true }}
      exportFileName={exportFileName}
      maxHeight={maxHeight}
      empty="No users in this period."
    />
  );
}
