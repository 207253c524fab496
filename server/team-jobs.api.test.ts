/**
 * GET /v2/billing/usage/jobs (a sandbox extension): a team's training jobs,
 * each run by one of the team's users, their costs adding up to the team's
 * training cost in the usage answer.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { teamJobsResponseSchema } from '../src/contract/team-jobs.ts';
import { startSandbox, type Sandbox } from './test/sandbox.ts';

let sandbox: Sandbox;
beforeAll(async () => {
  sandbox = await startSandbox();
}, 120_000);
afterAll(async () => {
  await sandbox?.close();
});

const jobs = async (qs: string) => teamJobsResponseSchema.parse(await sandbox.json(`/v2/billing/usage/jobs?${qs}`));

describe('a team’s training jobs', () => {
  it('lists jobs run by the team’s users whose costs add up to the team’s training cost', async () => {
    const usage = await sandbox.usage('timeRange=last_month&includeTeamMetrics=true&currency=EUR');
    const trainers = usage.teamBreakdown!.filter((t) => (t.resourceUsage?.training?.cost ?? 0) > 0);
    expect(trainers.length).toBeGreaterThan(0);
    for (const team of trainers) {
      const body = await jobs(`teamId=${encodeURIComponent(team.teamId!)}&timeRange=last_month&currency=EUR`);
      expect(body.jobs.length).toBeGreaterThan(0);
      const members = new Set(usage.userBreakdown!.filter((u) => u.teamId === team.teamId).map((u) => u.userId));
      for (const j of body.jobs) expect(members.has(j.userId), `${j.resourceId} by ${j.userId}`).toBe(true);
      const cents = body.jobs.reduce((a, j) => a + Math.round(j.cost * 100), 0) + Math.round(body.more.cost * 100);
      // Each job's cost is rounded on its own: at most half a cent each apart.
      expect(Math.abs(cents - Math.round(team.resourceUsage!.training!.cost * 100))).toBeLessThanOrEqual(body.jobs.length / 2 + 1);
      expect(body.jobs.map((j) => j.cost)).toEqual(body.jobs.map((j) => j.cost).toSorted((a, b) => b - a));
      for (const j of body.jobs) expect(j.firstUsed <= j.lastUsed).toBe(true);
    }
  });

  it('answers 400 without a team and 404 for an unknown one', async () => {
    expect((await sandbox.get('/v2/billing/usage/jobs?timeRange=last_month')).status).toBe(400);
    expect((await sandbox.get('/v2/billing/usage/jobs?teamId=a&teamId=b')).status).toBe(400);
    expect((await sandbox.get('/v2/billing/usage/jobs?teamId=research&granularity=daily')).status).toBe(400);
    expect((await sandbox.get('/v2/billing/usage/jobs?teamId=no-such-team')).status).toBe(404);
  });
});
