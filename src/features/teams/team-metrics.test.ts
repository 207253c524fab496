import { describe, expect, it } from 'vitest';
import type { TeamBreakdownItem, UserBreakdownItem } from '../../contract/billing';
import {
  defaultDirection,
  filterTeams,
  percentChange,
  sortTeams,
  teamCostByType,
  teamMembers,
  teamRows,
  topTeamsWithOther,
  usedResourceTypes,
  type TeamCostByType,
} from './team-metrics';
import { partialBucket } from '../../lib/partial-buckets';

const team = (teamId: string, teamName: string, totalCost: number, memberCount: number, previousPeriodCost?: number): TeamBreakdownItem => ({
  teamId,
  teamName,
  totalCost,
  percentage: 0,
  memberCount,
  resourceUsage: { clusters: { quantity: 1, unit: 'gpu_hours', cost: totalCost } },
  ...(previousPeriodCost === undefined ? {} : { previousPeriodCost }),
});

const teams = [
  team('ml', 'ML Platform', 300, 4, 150),
  team('research', 'Research', 500, 5, 550),
  team('speech', 'Speech & Audio', 100, 0),
  team('cv', 'Computer Vision', 300, 2, 0),
];

describe('teamRows', () => {
  it('ranks by cost (ties share a rank) with cost per member and change', () => {
    const rows = teamRows(teams);
    expect(rows.map((r) => [r.teamId, r.rank])).toEqual([
      ['research', 1],
      ['ml', 2],
      ['cv', 2],
      ['speech', 4],
    ]);
    const ml = rows.find((r) => r.teamId === 'ml')!;
    expect(ml.perMember).toBe(75);
    expect(ml.change).toBe(100);
    expect(rows.find((r) => r.teamId === 'research')!.change).toBeCloseTo(-9.0909, 3);
    expect(rows.find((r) => r.teamId === 'speech')!.perMember).toBeUndefined();
    expect(rows.find((r) => r.teamId === 'cv')!.change).toBeUndefined();
  });

  it('has no change without a previous figure above zero', () => {
    expect(percentChange(10, undefined)).toBeUndefined();
    expect(percentChange(10, 0)).toBeUndefined();
    expect(percentChange(5, 10)).toBe(-50);
  });
});

describe('teamRows trend', () => {
  it('flags the partial weeks of a range that starts and ends mid-week, and today’s, by the API’s clock', () => {
    // 1–31 Mar 2024 weekly: 1 Mar is a Friday (3 days), 25 Mar a whole week; the API's today is 27 Mar.
    const stamps = ['2024-03-01', '2024-03-04', '2024-03-11', '2024-03-18', '2024-03-25'];
    const withSeries: TeamBreakdownItem = {
      ...team('ml', 'ML Platform', 50, 1),
      timeSeries: stamps.map((d, i) => ({ timestamp: `${d}T00:00:00Z`, value: 1, cost: 10 + i })),
    };
    const period = { startDate: '2024-03-01', endDate: '2024-03-31' };
    const now = Date.parse('2024-03-27T10:00:00Z');
    const [row] = teamRows([withSeries], (t) => partialBucket(t, 'weekly', { now, period }) !== undefined);
    expect(row!.trend.map((p) => p.partial ?? false)).toEqual([true, false, false, false, true]);
    expect(row!.trend.map((p) => p.y)).toEqual([10, 11, 12, 13, 14]);
    // without a judge, nothing is partial
    expect(teamRows([withSeries])[0]!.trend.some((p) => p.partial)).toBe(false);
  });
});

describe('sortTeams / filterTeams', () => {
  const rows = teamRows(teams);
  const ids = (r: { teamId: string }[]) => r.map((x) => x.teamId);

  it('sorts by any column, missing values last in both directions, ties by rank', () => {
    expect(ids(sortTeams(rows, 'name', 'asc'))).toEqual(['cv', 'ml', 'research', 'speech']);
    expect(ids(sortTeams(rows, 'members', 'desc'))).toEqual(['research', 'ml', 'cv', 'speech']);
    expect(ids(sortTeams(rows, 'perMember', 'asc'))).toEqual(['ml', 'research', 'cv', 'speech']);
    expect(ids(sortTeams(rows, 'change', 'desc'))).toEqual(['ml', 'research', 'cv', 'speech']);
    expect(ids(sortTeams(rows, 'change', 'asc'))).toEqual(['research', 'ml', 'cv', 'speech']);
    expect(ids(sortTeams(rows, 'total', 'asc'))).toEqual(['speech', 'ml', 'cv', 'research']);
    expect(defaultDirection('name')).toBe('asc');
    expect(defaultDirection('total')).toBe('desc');
  });

  it('searches names and ids, ignoring case and accents', () => {
    expect(ids(filterTeams(rows, '  VISION '))).toEqual(['cv']);
    expect(ids(filterTeams(rows, 'speech &'))).toEqual(['speech']);
    expect(ids(filterTeams(rows, 'résearch'))).toEqual(['research']);
    expect(ids(filterTeams(rows, ''))).toHaveLength(4);
  });
});

describe('chart and member helpers', () => {
  it('gives each team its cost per used resource type', () => {
    const withStorage = [...teams, { ...team('x', 'X', 7, 1), resourceUsage: { storage: { quantity: 1, unit: 'gb_hours' as const, cost: 7 } } }];
    const types = usedResourceTypes(withStorage);
    expect(types).toEqual(['clusters', 'storage']);
    expect(teamCostByType(withStorage, types).at(-1)).toEqual({ teamId: 'x', teamName: 'X', totalCost: 7, byType: { clusters: 0, storage: 7 } });
  });

  it("lists a team's members, costliest first, with their share of the team", () => {
    const users: UserBreakdownItem[] = [
      { userId: 'a', userName: 'A', team: 'Research', teamId: 'research', totalCost: 100 },
      { userId: 'b', userName: 'B', team: 'ML Platform', teamId: 'ml', totalCost: 200 },
      { userId: 'c', userName: 'C', team: 'Research', teamId: 'research', totalCost: 400 },
    ];
    expect(teamMembers(users, teams[1]!).map((u) => [u.userId, u.shareOfTeam])).toEqual([
      ['c', 80],
      ['a', 20],
    ]);
  });
});

describe('topTeamsWithOther', () => {
  const row = (i: number, clusters: number, storage: number): TeamCostByType => ({
    teamId: `t${i}`,
    teamName: `T${i}`,
    totalCost: Math.round((clusters + storage) * 100) / 100,
    byType: { clusters, storage },
  });
  it('keeps the costliest teams and adds the rest up to the cent in one Other bar', () => {
    // 40 teams with costs that do not add up exactly in binary floating point
    const rows = Array.from({ length: 40 }, (_, i) => row(i, 100.1 + i * 0.7, 0.1 * ((i % 3) + 1)));
    const out = topTeamsWithOther(rows, 2, 15);
    expect(out).toHaveLength(16);
    expect(out.slice(0, 15).map((r) => r.teamId)).toEqual(Array.from({ length: 15 }, (_, i) => `t${39 - i}`));
    const other = out[15]!;
    expect(other.teamName).toBe('Other (25 teams)');
    const cents = (xs: number[]) => xs.reduce((a, x) => a + Math.round(x * 100), 0);
    expect(Math.round(other.totalCost * 100)).toBe(cents(rows.slice(0, 25).map((r) => r.totalCost)));
    expect(Math.round(other.byType.clusters! * 100)).toBe(cents(rows.slice(0, 25).map((r) => r.byType.clusters!)));
    expect(cents(out.map((r) => r.totalCost))).toBe(cents(rows.map((r) => r.totalCost)));
  });
  it('draws every team when at most one more than the top would go to Other', () => {
    const rows = Array.from({ length: 16 }, (_, i) => row(i, i + 1, 0));
    expect(topTeamsWithOther(rows, 2, 15).map((r) => r.teamId)).toEqual(rows.map((r) => r.teamId).reverse());
  });
});
