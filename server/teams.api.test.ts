import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  CURRENCIES,
  RESOURCE_TYPES,
  UNIT_BY_RESOURCE_TYPE,
  type UsageQuery,
  type UsageResponse,
} from '../src/contract/billing.ts';
import { minor, sumMinor, sumTenths, sandboxForFile } from './test/api.ts';

const sb = sandboxForFile();

/** A request in the contract's query type, written by the app's serialiser. */
const usage = (query: Partial<UsageQuery>): Promise<UsageResponse> => sb.usage(query);

/** Every sum of the team metrics, exact in minor units. */
function expectTeamsConsistent(r: UsageResponse) {
  const c = r.summary.currency;
  const total = minor(r.summary.totalCost, c);
  const teams = r.teamBreakdown!;
  const users = r.userBreakdown!;
  expect(sumMinor(teams.map((t) => t.totalCost), c)).toBe(total);
  expect(sumMinor(users.map((u) => u.totalCost), c)).toBe(total);
  if (total > 0) {
    expect(sumTenths(teams.map((t) => t.percentage))).toBe(1000);
    expect(sumTenths(users.map((u) => u.percentage ?? 0))).toBe(1000);
  }
  for (const t of teams) {
    const usages = Object.entries(t.resourceUsage);
    expect(sumMinor(usages.map(([, u]) => u!.cost), c), t.teamId).toBe(minor(t.totalCost, c));
    for (const [type, u] of usages) expect(u!.unit).toBe(UNIT_BY_RESOURCE_TYPE[type as keyof typeof UNIT_BY_RESOURCE_TYPE]);
  }
  // highest cost first
  for (const list of [teams.map((t) => t.totalCost), users.map((u) => u.totalCost)])
    expect([...list].sort((a, b) => b - a)).toEqual(list);
}

describe('GET /v2/billing/usage?includeTeamMetrics=true', () => {
  it("answers the reference's team request with team and user breakdowns that add up exactly", async () => {
    const r = await usage({ timeRange: 'current_month', groupBy: ['project', 'user'], includeTeamMetrics: true });
    expectTeamsConsistent(r);
    const teams = r.teamBreakdown!;
    const users = r.userBreakdown!;

    // every team of the account, with its member count from the users table
    const counts = await sb.db.all<{ project_id: string; name: string; n: number }>(
      'SELECT p.project_id, p.name, count(u.user_id) AS n FROM projects p LEFT JOIN users u USING (project_id) GROUP BY ALL',
    );
    expect(teams.map((t) => t.teamId).sort()).toEqual(counts.map((x) => x.project_id).sort());
    for (const x of counts) {
      const t = teams.find((y) => y.teamId === x.project_id)!;
      expect(t.teamName).toBe(x.name);
      expect(t.memberCount, x.project_id).toBe(x.n);
    }

    // the same figures as groupBy=project and groupBy=user
    const byProject = r.groups!.find((g) => g.dimension === 'project')!;
    for (const item of byProject.items) {
      const t = teams.find((x) => x.teamId === item.key)!;
      expect(t.totalCost, item.key).toBe(item.cost);
      expect(t.percentage, item.key).toBe(item.percentage);
    }
    const byUser = r.groups!.find((g) => g.dimension === 'user')!;
    for (const item of byUser.items) expect(users.find((u) => u.userId === item.key)!.totalCost, item.key).toBe(item.cost);

    // each user with their name and team from the users table
    const people = await sb.db.all<{ user_id: string; name: string; project_id: string; team: string }>(
      'SELECT u.user_id, u.name, u.project_id, p.name AS team FROM users u JOIN projects p USING (project_id)',
    );
    expect(users).toHaveLength(people.length);
    for (const p of people) {
      const u = users.find((x) => x.userId === p.user_id)!;
      expect(u).toMatchObject({ userName: p.name, team: p.team, teamId: p.project_id });
    }
  });

  it('matches an independent SQL sum per team and resource type over the hourly rows', async () => {
    const r = await usage({ timeRange: 'last_month', groupBy: ['project', 'user'], includeTeamMetrics: true, currency: 'EUR' });
    expectTeamsConsistent(r);
    const rows = await sb.db.all<{ project_id: string; resource_type: string; q: number; c: number }>(
      `SELECT u.project_id, u.resource_type, sum(u.quantity) AS q, sum(CAST(u.cost_usd AS DOUBLE) * f.rate) AS c
       FROM usage_hourly u JOIN fx_rates f ON f.day = CAST(u.ts AS DATE) AND f.currency = 'EUR'
       WHERE u.ts >= TIMESTAMP '2023-12-01' AND u.ts < TIMESTAMP '2024-01-01' GROUP BY ALL`,
    );
    for (const t of r.teamBreakdown!) {
      const mine = rows.filter((x) => x.project_id === t.teamId);
      // apportioning moves each figure by less than a cent per part
      expect(Math.abs(t.totalCost - mine.reduce((a, x) => a + x.c, 0)), t.teamId).toBeLessThan(0.02);
      expect(Object.keys(t.resourceUsage).sort()).toEqual(mine.map((x) => x.resource_type).sort());
      for (const x of mine) {
        const u = t.resourceUsage[x.resource_type as keyof typeof t.resourceUsage]!;
        expect(Math.abs(u.cost - x.c), `${t.teamId} ${x.resource_type}`).toBeLessThan(0.02 * Object.keys(t.resourceUsage).length);
        expect(u.quantity).toBeCloseTo(x.q, x.resource_type === 'ai-services' ? 0 : 2);
      }
    }
  });

  it("gives each team its cost over time, adding up to the team's total and to each day's cost", async () => {
    const r = await usage({ timeRange: 'last_month', groupBy: ['project', 'user'], includeTeamMetrics: true, granularity: 'daily' });
    const teams = r.teamBreakdown!;
    for (const t of teams) {
      expect(t.timeSeries, t.teamId).toHaveLength(31);
      const cents = t.timeSeries!.reduce((a, p) => a + Math.round(p.cost * 100), 0);
      expect(cents, t.teamId).toBe(Math.round(t.totalCost * 100));
    }
    // independent: one team's cost on one day, straight from the hourly rows
    const [row] = await sb.db.all<{ c: number }>(
      "SELECT CAST(sum(cost_usd) AS DOUBLE) AS c FROM usage_hourly WHERE project_id = 'research' AND ts >= TIMESTAMP '2023-12-05' AND ts < TIMESTAMP '2023-12-06'",
    );
    const research = teams.find((t) => t.teamId === 'research')!;
    expect(research.timeSeries![4]!.timestamp).toBe('2023-12-05T00:00:00Z');
    expect(Math.abs(research.timeSeries![4]!.cost - row!.c)).toBeLessThanOrEqual(0.011);
    const weekly = await usage({ timeRange: 'last_month', includeTeamMetrics: true, granularity: 'weekly' });
    expect(weekly.teamBreakdown![0]!.timeSeries!.map((p) => p.timestamp.slice(0, 10))).toEqual([
      '2023-12-01',
      '2023-12-04',
      '2023-12-11',
      '2023-12-18',
      '2023-12-25',
    ]);
  });

  it('returns team metrics whatever groupBy says, and nothing without includeTeamMetrics', async () => {
    const [withGroups, alone, off, plain] = await Promise.all([
      usage({ groupBy: ['project', 'user'], includeTeamMetrics: true }),
      usage({ includeTeamMetrics: true }),
      usage({ groupBy: ['project', 'user'], includeTeamMetrics: false }),
      usage({ groupBy: ['project'] }),
    ]);
    expect(alone.groups).toBeUndefined();
    expect(alone.teamBreakdown).toEqual(withGroups.teamBreakdown);
    expect(alone.userBreakdown).toEqual(withGroups.userBreakdown);
    expect(alone.summary).toEqual(withGroups.summary);
    for (const r of [off, plain]) {
      expect(r.teamBreakdown).toBeUndefined();
      expect(r.userBreakdown).toBeUndefined();
    }
    expect(off.groups).toEqual(withGroups.groups);
  });

  it('gives each team its cost over the same length of time just before the period', async () => {
    const r = await usage({ timeRange: 'current_month', includeTeamMetrics: true });
    // January to 12:00 on the 16th (15.5 days): the previous period is 1 December to 12:00 on the 16th
    const rows = await sb.db.all<{ project_id: string; c: number }>(
      `SELECT project_id, CAST(sum(cost_usd) AS DOUBLE) AS c FROM usage_hourly
       WHERE ts >= TIMESTAMP '2023-12-01' AND ts < TIMESTAMP '2023-12-16 12:00:00' GROUP BY ALL`,
    );
    for (const t of r.teamBreakdown!) {
      const c = rows.find((x) => x.project_id === t.teamId)?.c ?? 0;
      expect(Math.abs(t.previousPeriodCost! - c), t.teamId).toBeLessThan(0.02);
    }
    // a period that starts with the stored history has no previous period to compare with
    const first = new Date(sb.db.anchor).toISOString().slice(0, 10);
    const early = await usage({ timeRange: 'custom', startDate: first, endDate: first, includeTeamMetrics: true });
    for (const t of early.teamBreakdown!) expect(t.previousPeriodCost).toBeUndefined();
  });

  it('keeps every team and user sum exact over many parameter combinations', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.record({
          timeRange: fc.constantFrom('current_month', 'last_month', 'current_quarter', 'last_quarter', 'current_year', 'custom'),
          start: fc.integer({ min: 0, max: 400 }),
          len: fc.integer({ min: 0, max: 60 }),
          types: fc.subarray([...RESOURCE_TYPES]),
          currency: fc.constantFrom(...CURRENCIES),
        }),
        async (p) => {
          const query: Partial<UsageQuery> = { timeRange: p.timeRange, currency: p.currency, includeTeamMetrics: true };
          if (p.timeRange === 'custom') {
            const start = Date.parse('2023-01-01T00:00:00Z') + p.start * 86_400_000;
            query.startDate = new Date(start).toISOString().slice(0, 10);
            query.endDate = new Date(start + p.len * 86_400_000).toISOString().slice(0, 10);
          }
          if (p.types.length) query.resourceType = p.types;
          const r = await usage(query);
          expectTeamsConsistent(r);
          for (const t of r.teamBreakdown!)
            for (const type of Object.keys(t.resourceUsage)) expect(r.breakdown.map((b) => b.resourceType)).toContain(type);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('leaves team metrics out with includeCosts=false, and rejects a bad includeTeamMetrics', async () => {
    const res = await sb.get('/v2/billing/usage?includeTeamMetrics=true&includeCosts=false');
    expect(res.status).toBe(200);
    const body = (await res.json()) as Record<string, unknown>;
    expect(body.teamBreakdown).toBeUndefined();
    expect(body.userBreakdown).toBeUndefined();
    const bad = await sb.get('/v2/billing/usage?includeTeamMetrics=maybe');
    expect(bad.status).toBe(400);
    const err = (await bad.json()) as { error: { details: Array<{ parameter: string }> } };
    expect(err.error.details.map((d) => d.parameter)).toContain('includeTeamMetrics');
  });
});
