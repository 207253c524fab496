/**
 * The API reference's own Python examples (docs/billing-usage-api.txt), run
 * exactly as written against the sandbox: only the host and the key are
 * substituted. Every call must answer 2xx and every section print its
 * figures, which are checked against the sandbox's answers to the same
 * requests. Needs python3 with requests (.ci/run installs both).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_KEY } from './test/sandbox.ts';
import { sandboxForFile } from './test/api.ts';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const REFERENCE = readFileSync(path.join(ROOT, 'docs', 'billing-usage-api.txt'), 'utf8');
const HARNESS = path.join(ROOT, 'server', 'test', 'run-example.py');

/** The Python block after `heading` ("<heading>\n\nPython\n"), up to the next section's heading. */
function example(heading: string, next: string): string {
  const start = REFERENCE.indexOf(`${heading}\n\nPython\n`);
  const end = REFERENCE.indexOf(`\n${next}\n`, start);
  if (start < 0 || end < 0) throw new Error(`no Python example under "${heading}" in the reference`);
  return REFERENCE.slice(start + `${heading}\n\nPython\n`.length, end);
}

const EXAMPLES = {
  optimization: example('Cost Optimization Analysis', 'Usage Forecasting'),
  forecast: example('Usage Forecasting', 'Team Usage Monitoring'),
  teams: example('Team Usage Monitoring', 'Usage Alerts and Budgets'),
  budgets: example('Budget Management', 'Best Practices'),
};

const sb = sandboxForFile();
let dir: string;
// The first Python with requests: $PYTHON, the one on PATH, or Debian's (where python3-requests installs).
let pythonBin = 'python3';
beforeAll(async () => {
  const candidates = [...(process.env.PYTHON ? [process.env.PYTHON] : []), 'python3', '/usr/bin/python3'];
  const problems: string[] = [];
  let found: string | undefined;
  for (const bin of candidates) {
    pythonBin = bin;
    const check = await python(['-c', 'import requests']).catch((e: Error) => ({ status: null, stderr: e.message }));
    if (check.status === 0) {
      found = bin;
      break;
    }
    problems.push(`${bin}: ${check.stderr.trim().split('\n').at(-1)}`);
  }
  if (!found) throw new Error(`python3 with requests is needed (apt-get install python3 python3-requests): ${problems.join('; ')}`);
  dir = mkdtempSync(path.join(tmpdir(), 'reference-examples-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

interface Run {
  stdout: string;
  calls: { method: string; url: string; status: number }[];
}

/** python3 with args, asynchronously: the sandbox answering its calls runs in this process. */
function python(args: string[]): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(pythonBin, args, { env: { ...process.env, PYTHONIOENCODING: 'utf-8' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    child.on('error', reject);
    child.on('close', (status) => {
      clearTimeout(timer);
      resolve({ status, stdout, stderr });
    });
  });
}

/** Runs an example with only the host and key substituted. */
async function run(name: keyof typeof EXAMPLES): Promise<Run> {
  const source = EXAMPLES[name].replaceAll('https://api.tensorone.ai', sb.url).replaceAll('YOUR_API_KEY', TEST_KEY);
  // Nothing else differs from the reference's text.
  expect(source.replaceAll(sb.url, 'https://api.tensorone.ai').replaceAll(TEST_KEY, 'YOUR_API_KEY')).toBe(EXAMPLES[name]);
  const file = path.join(dir, `${name}.py`);
  writeFileSync(file, source);
  const r = await python([HARNESS, file]);
  expect(r.status, `${name}.py failed:\n${r.stderr}`).toBe(0);
  const line = r.stderr.split('\n').find((l) => l.startsWith('CALLS '));
  return { stdout: r.stdout, calls: JSON.parse(line!.slice('CALLS '.length)) as Run['calls'] };
}

/** `f"{x:,.2f}"` */
const py2 = (x: number) => x.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 });

function expectAll2xx(r: Run, expected: number) {
  expect(r.calls).toHaveLength(expected);
  for (const c of r.calls) expect(c.status, `${c.method} ${c.url}`).toBeGreaterThanOrEqual(200);
  for (const c of r.calls) expect(c.status, `${c.method} ${c.url}`).toBeLessThan(300);
}

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

describe("the reference's Python examples against the sandbox", () => {
  it('Cost Optimization Analysis: savings per category, recommendations and waste', async () => {
    const r = await run('optimization');
    expectAll2xx(r, 1);
    expect(r.calls[0]!.url).toContain('includeRecommendations=True');
    const data = await sb.json<Json>('/v2/billing/usage/optimization?timeRange=last_month&includeRecommendations=True&analysisDepth=detailed');
    expect(r.stdout).toContain(`Potential Monthly Savings: $${py2(data.potentialSavings.totalMonthly)}`);
    expect(data.potentialSavings.byCategory.length).toBeGreaterThan(0);
    for (const c of data.potentialSavings.byCategory) {
      expect(r.stdout).toContain(`📊 ${c.name}:\n   Current Cost: $${py2(c.currentCost)}`);
      expect(r.stdout).toContain(`   Potential Savings: $${py2(c.savings)} (`);
    }
    expect(data.recommendations.length).toBeGreaterThan(0);
    for (const rec of data.recommendations.slice(0, 5)) expect(r.stdout).toContain(`${rec.title}\n   Impact: ${rec.impact} - $${py2(rec.potentialSavings)}/month`);
    expect(r.stdout).toContain(`Identified Waste: $${py2(data.wasteAnalysis.totalWaste)}/month`);
    for (const w of data.wasteAnalysis.items) expect(r.stdout).toContain(`   • ${w.description}: $${py2(w.amount)}`);
  });

  it('Usage Forecasting: baseline, six monthly projections, scenarios and growth drivers', async () => {
    const r = await run('forecast');
    expectAll2xx(r, 1);
    expect(r.calls[0]!.url).toContain('includeScenarios=True');
    const data = await sb.json<Json>('/v2/billing/usage/forecast?forecastPeriod=6_months&includeScenarios=True&confidenceInterval=0.95');
    expect(r.stdout).toContain(`Current Monthly Average: $${py2(data.baseline.avgMonthlyCost)}`);
    expect(data.monthlyProjections).toHaveLength(6);
    for (const m of data.monthlyProjections) expect(r.stdout).toContain(`  ${m.month}: $${py2(m.projectedCost)} (confidence: `);
    for (const [name, s] of Object.entries(data.scenarios as Record<string, Json>))
      expect(r.stdout).toContain(`  ${name[0]!.toUpperCase()}${name.slice(1)} Case:\n    6-month total: $${py2(s.sixMonthTotal)}`);
    expect(data.growthDrivers.length).toBeGreaterThan(0);
    for (const d of data.growthDrivers) expect(r.stdout).toContain(`  • ${d.factor}: +${py2(d.impact)}/month`);
  });

  it('Team Usage Monitoring: teams and users by cost', async () => {
    const r = await run('teams');
    expectAll2xx(r, 1);
    expect(r.calls[0]!.url).toMatch(/groupBy=project&groupBy=user/);
    expect(r.calls[0]!.url).toContain('includeTeamMetrics=True');
    const data = await sb.json<Json>('/v2/billing/usage?timeRange=current_month&groupBy=project&groupBy=user&includeTeamMetrics=True');
    const teams = [...data.teamBreakdown].sort((a: Json, b: Json) => b.totalCost - a.totalCost);
    expect(teams.length).toBeGreaterThan(0);
    for (const [i, t] of teams.slice(0, 10).entries())
      expect(r.stdout).toContain(`${String(i + 1).padStart(2)}. ${t.teamName}\n    Total: $${py2(t.totalCost)} (${t.percentage.toFixed(1)}%)\n    Members: ${t.memberCount}`);
    const users = [...data.userBreakdown].sort((a: Json, b: Json) => b.totalCost - a.totalCost).slice(0, 10);
    for (const [i, u] of users.entries()) expect(r.stdout).toContain(`${String(i + 1).padStart(2)}. ${u.userName} (${u.team}): $${py2(u.totalCost)}`);
  });

  it('Budget Management: the example budget is created as written, then every budget’s status printed', async () => {
    const r = await run('budgets');
    expectAll2xx(r, 2);
    expect(r.calls.map((c) => c.method)).toEqual(['POST', 'GET']);
    const created = /Budget created: (\S+)/.exec(r.stdout)?.[1];
    expect(created).toBeDefined();
    expect(created).not.toBe('N/A');
    const budget = await sb.json<Json>(`/v2/billing/budgets/${created}`);
    expect(budget).toMatchObject({
      monthlyBudget: 2000,
      currency: 'USD',
      alertThresholds: [50, 75, 90, 100],
      resourceTypes: ['clusters', 'ai-services'],
      actions: { at_90_percent: ['send_warning'], at_100_percent: ['send_alert', 'notify_admin'], at_110_percent: ['send_critical', 'auto_limit'] },
    });
    const status = await sb.json<Json>('/v2/billing/budgets/status');
    expect(status.budgets.length).toBeGreaterThan(0);
    for (const b of status.budgets) {
      expect(r.stdout).toContain(`${b.name}\n  Budget: $${py2(b.monthlyBudget)}\n  Spent: $${py2(b.currentSpent)}`);
      expect(r.stdout).toContain(`  Days Left: ${b.daysRemainingInPeriod}`);
    }
  });
});
