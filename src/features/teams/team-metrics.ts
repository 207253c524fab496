/**
 * Teams (projects) from the usage API's team metrics, as rows for the
 * leaderboard and the charts: rank, cost per member, change against the
 * previous period, sorting, search. Pure functions.
 */
import { type ResourceTypeId, type TeamBreakdownItem, type UserBreakdownItem } from '../../contract/billing';
import { compareResourceTypes } from '../../lib/colors';

export interface TeamRow {
  /** 1 = highest cost (the API's order). */
  rank: number;
  teamId: string;
  teamName: string;
  totalCost: number;
  /** Share of the account's cost, 0–100. */
  percentage: number;
  memberCount: number;
  /** totalCost / memberCount; undefined for a team without members. */
  perMember: number | undefined;
  previousCost: number | undefined;
  /** Change against the previous period in percent; undefined when there is nothing to compare with. */
  change: number | undefined;
  resourceUsage: TeamBreakdownItem['resourceUsage'];
  /** Cost per bucket of the period, for the trend sparkline (empty when the API sends none); partial buckets flagged. */
  trend: { t: number; y: number; partial?: boolean }[];
}

/** Percent change from `previous` to `current`; undefined without a previous figure above zero. */
export function percentChange(current: number, previous: number | undefined): number | undefined {
  if (previous === undefined || !(previous > 0)) return undefined;
  return ((current - previous) / previous) * 100;
}

/**
 * Rows in the API's order (highest cost first), ranked 1, 2, …; equal costs share a rank.
 * @param partial whether the trend's bucket starting at `t` is partial (lib/partial-buckets.ts)
 */
export function teamRows(teams: readonly TeamBreakdownItem[], partial?: (t: number) => boolean): TeamRow[] {
  const sorted = [...teams].sort((a, b) => b.totalCost - a.totalCost);
  let rank = 0;
  return sorted.map((t, i) => {
    if (i === 0 || t.totalCost !== sorted[i - 1]!.totalCost) rank = i + 1;
    return {
      rank,
      teamId: t.teamId,
      teamName: t.teamName,
      totalCost: t.totalCost,
      percentage: t.percentage,
      memberCount: t.memberCount,
      perMember: t.memberCount > 0 ? t.totalCost / t.memberCount : undefined,
      previousCost: t.previousPeriodCost,
      change: percentChange(t.totalCost, t.previousPeriodCost),
      resourceUsage: t.resourceUsage,
      trend: (t.timeSeries ?? []).map((p) => {
        const at = Date.parse(p.timestamp);
        return partial?.(at) ? { t: at, y: p.cost, partial: true } : { t: at, y: p.cost };
      }),
    };
  });
}

export const TEAM_SORTS = ['rank', 'name', 'total', 'share', 'members', 'perMember', 'change'] as const;
export type TeamSort = (typeof TEAM_SORTS)[number];
export type SortDirection = 'asc' | 'desc';

const SORT_VALUE: Record<TeamSort, (r: TeamRow) => number | string | undefined> = {
  rank: (r) => r.rank,
  name: (r) => r.teamName,
  total: (r) => r.totalCost,
  share: (r) => r.percentage,
  members: (r) => r.memberCount,
  perMember: (r) => r.perMember,
  change: (r) => r.change,
};

/** The direction a column sorts in when first chosen: names and rank ascending, figures largest first. */
export function defaultDirection(sort: TeamSort): SortDirection {
  return sort === 'name' || sort === 'rank' ? 'asc' : 'desc';
}

const collator = new Intl.Collator('en', { sensitivity: 'base', numeric: true });

/** Sorted copy; rows without a value (no previous period, no members) go last either way; ties by rank. */
export function sortTeams(rows: readonly TeamRow[], sort: TeamSort, direction: SortDirection): TeamRow[] {
  const value = SORT_VALUE[sort];
  const sign = direction === 'asc' ? 1 : -1;
  return [...rows].sort((a, b) => {
    const x = value(a);
    const y = value(b);
    if (x === undefined || y === undefined) {
      if (x !== y) return x === undefined ? 1 : -1;
      return a.rank - b.rank;
    }
    const c = typeof x === 'string' && typeof y === 'string' ? collator.compare(x, y) : (x as number) - (y as number);
    return c !== 0 ? sign * c : a.rank - b.rank;
  });
}

/** Lower-case, accents removed, for matching what people type. */
export function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{Diacritic}/gu, '').toLowerCase().trim();
}

/** Teams whose name or id contains the query (case- and accent-insensitive); all for an empty query. */
export function filterTeams(rows: readonly TeamRow[], query: string): TeamRow[] {
  const q = fold(query);
  if (!q) return [...rows];
  return rows.filter((r) => fold(r.teamName).includes(q) || fold(r.teamId).includes(q));
}

/** The resource types any team used, in API order. */
export function usedResourceTypes(teams: readonly Pick<TeamBreakdownItem, 'resourceUsage'>[]): ResourceTypeId[] {
  const used = new Set<ResourceTypeId>();
  for (const t of teams) for (const [type, u] of Object.entries(t.resourceUsage)) if ((u?.cost ?? 0) !== 0) used.add(type);
  return [...used].sort(compareResourceTypes);
}

/** A team's cost per resource type (`byType`, 0 where it used none). */
export type TeamCostByType = { teamId: string; teamName: string; totalCost: number; byType: Partial<Record<ResourceTypeId, number>> };

/** One row per team with its cost per resource type (0 where it used none): the stacked chart's data. */
export function teamCostByType(teams: readonly TeamBreakdownItem[], types: readonly ResourceTypeId[]): TeamCostByType[] {
  return teams.map((t) => {
    const row: TeamCostByType = { teamId: t.teamId, teamName: t.teamName, totalCost: t.totalCost, byType: {} };
    for (const type of types) row.byType[type] = t.resourceUsage[type]?.cost ?? 0;
    return row;
  });
}

/** A team's members from the user breakdown, highest cost first, with their share of the team's cost. */
export function teamMembers(
  users: readonly UserBreakdownItem[],
  team: Pick<TeamBreakdownItem, 'teamId' | 'teamName' | 'totalCost'>,
): (UserBreakdownItem & { shareOfTeam: number | undefined })[] {
  return users
    .filter((u) => (u.teamId !== undefined ? u.teamId === team.teamId : u.team === team.teamName))
    .sort((a, b) => b.totalCost - a.totalCost)
    .map((u) => ({ ...u, shareOfTeam: team.totalCost > 0 ? (u.totalCost / team.totalCost) * 100 : undefined }));
}

/** Teams the stacked chart draws by name; the rest share one "Other" bar. */
export const CHART_TEAMS = 15;
export const OTHER_TEAMS_ID = '__other__';

/**
 * The costliest `top` teams and, when more remain, one "Other (N teams)" row
 * with their costs added up in minor units (exact to the cent, or the yen with
 * `decimals` 0), so the bars still add up to the organisation's total.
 */
export function topTeamsWithOther(rows: readonly TeamCostByType[], decimals: number, top = CHART_TEAMS): TeamCostByType[] {
  const sorted = [...rows].sort((a, b) => b.totalCost - a.totalCost);
  if (sorted.length <= top + 1) return sorted;
  const rest = sorted.slice(top);
  const unit = 10 ** decimals;
  const add = (values: number[]) => values.reduce((sum, v) => sum + Math.round(v * unit), 0) / unit;
  const byType: TeamCostByType['byType'] = {};
  for (const type of new Set(rest.flatMap((r) => Object.keys(r.byType))))
    byType[type] = add(rest.map((r) => r.byType[type] ?? 0));
  const other = { teamId: OTHER_TEAMS_ID, teamName: `Other (${rest.length} teams)`, totalCost: add(rest.map((r) => r.totalCost)), byType };
  return [...sorted.slice(0, top), other];
}
