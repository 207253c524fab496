/**
 * The dashboard's anomaly detection (src/lib/anomalies.ts, src/api/anomalies.ts)
 * and causes (src/lib/anomaly-causes.ts) on the sandbox's history, over HTTP
 * with documented requests, as the app asks:
 * - each of the four planted spikes (server/db/catalog.ts SPIKES) is found on its
 *   days, and its top resource is the one the spike was planted on;
 * - outside the spikes, no series has more than one false alarm a month
 *   (measured and printed), and neither do public daily counts (US births).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESOURCE_TYPES, type ResourceType, type UsageResponse } from '../../src/contract/billing.ts';
import { findMarkers, type AnomalyMarker } from '../../src/api/anomalies.ts';
import { anomalyEpisodes, unusualDays } from '../../src/lib/anomalies.ts';
import { explainAnomaly } from '../../src/lib/anomaly-causes.ts';
import { publicDailySeries } from '../../bench/forecast-public.ts';
import { SPIKES } from '../db/catalog.ts';
import { anchorFor, monthStart } from '../db/generate.ts';
import { REFERENCE_NOW, startSandbox, type Sandbox } from '../test/sandbox.ts';

const DAY = 86_400_000;
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const FROM = '2023-01-01';
const TO = '2024-01-15'; // the last complete day before REFERENCE_NOW

let sandbox: Sandbox;
let answers: { type: ResourceType; answer: UsageResponse }[];
let markers: AnomalyMarker[];
beforeAll(async () => {
  sandbox = await startSandbox();
  answers = await Promise.all(
    RESOURCE_TYPES.map(async (type) => ({
      type,
      answer: await sandbox.usage(`timeRange=custom&startDate=${FROM}&endDate=${TO}&granularity=daily&includeTeamMetrics=true&resourceType[]=${type}`),
    })),
  );
  markers = findMarkers(answers, FROM, TO);
}, 120_000);
afterAll(async () => {
  await sandbox?.close();
});

/** The planted spikes as the generator places them, clipped to the complete days. */
const anchor = anchorFor(REFERENCE_NOW);
const planted = SPIKES.map((s) => {
  const start = monthStart(anchor, s.month) + s.day * DAY;
  return { ...s, start, end: Math.min(start + s.days * DAY, Date.parse(`${TO}T00:00:00Z`) + DAY) };
});
const TYPE_OF: Record<string, ResourceType> = {
  'Product launch': 'ai-services',
  'Open dataset release': 'bandwidth',
  'Runaway autoscaling': 'clusters',
  'Holiday campaign': 'ai-services',
};
const RESOURCES_OF: Record<string, string[]> = {
  'Product launch': ['text-to-image'],
  'Open dataset release': ['egress-us-east-1-product'],
  'Runaway autoscaling': ['cluster-gpu-a100-001'],
  'Holiday campaign': ['text-to-image', 'llm'],
};

describe('anomalies on the sandbox', () => {
  for (const spike of planted) {
    it(`finds the ${spike.label.toLowerCase()} on its days, with its resource as the top contributor`, async () => {
      const type = TYPE_OF[spike.label]!;
      const found = markers.filter((m) => m.type === type && m.start < spike.end && m.end > spike.start);
      expect(found, `${spike.label} ${iso(spike.start)}–${iso(spike.end - DAY)}`).toHaveLength(1);
      const m = found[0]!;
      // It starts on the spike's first or second day (the spike ramps in over its first day) and ends with it.
      expect(m.start - spike.start).toBeGreaterThanOrEqual(0);
      expect(m.start - spike.start).toBeLessThanOrEqual(DAY);
      expect(m.end).toBeLessThanOrEqual(spike.end + DAY);
      expect(m.end).toBeGreaterThanOrEqual(spike.end - DAY);
      expect(m.excess).toBeGreaterThan(0);

      const days = `timeRange=custom&startDate=${iso(m.start)}&endDate=${iso(m.end - DAY)}&granularity=daily&includeTeamMetrics=true&resourceType[]=${type}`;
      const before = `timeRange=custom&startDate=${iso(m.start - 28 * DAY)}&endDate=${iso(m.start - DAY)}&granularity=daily&includeTeamMetrics=true&resourceType[]=${type}`;
      const actual = await sandbox.usage(days);
      const causes = explainAnomaly(actual, await sandbox.usage(before), type, m.expected);
      expect(RESOURCES_OF[spike.label]).toContain(causes.resource[0]!.key);
      // The days' answer has the marker's cost (each answer rounds once: within a cent a day),
      // and each dimension's excesses add up to that cost less the expected.
      const cost = actual.summary.totalCost;
      expect(Math.abs(cost - m.actual)).toBeLessThanOrEqual(0.01 * ((m.end - m.start) / DAY) + 1e-9);
      for (const dim of ['team', 'resource', 'region'] as const) {
        const sum = causes[dim].reduce((a, c) => a + c.excess, 0);
        expect(sum, dim).toBeCloseTo(cost - m.expected, 6);
      }
      expect(causes.team[0]!.excess).toBeGreaterThan(0);
      expect(causes.region[0]!.excess).toBeGreaterThan(0);
    });
  }

  it('raises at most one false alarm a month in every series outside the planted spikes', () => {
    const months = (Date.parse(TO) - Date.parse(FROM) + DAY) / DAY / 30.44;
    const inSpike = (start: number, end: number) => planted.some((s) => start < s.end + DAY && end > s.start);
    const perSeries = new Map<string, number>();
    for (const { type, answer } of answers) {
      perSeries.set(type, 0);
      if (type !== 'training') for (const t of answer.teamBreakdown ?? []) if (t.timeSeries) perSeries.set(`${type} · ${t.teamId}`, 0);
    }
    for (const m of markers)
      for (const f of m.flagged) {
        if (inSpike(m.start, m.end)) continue;
        const key = f.team ? `${m.type} · ${f.team.id}` : m.type;
        perSeries.set(key, (perSeries.get(key) ?? 0) + 1);
      }
    const total = [...perSeries.values()].reduce((a, b) => a + b, 0);
    const worst = Math.max(...perSeries.values());
    console.log(
      `Sandbox: ${perSeries.size} series over ${months.toFixed(1)} months, ${total} false alarms (${(total / perSeries.size / months).toFixed(3)} per series-month; worst series ${worst}, ${(worst / months).toFixed(2)} a month)`,
    );
    expect(perSeries.size).toBeGreaterThanOrEqual(6 + 5 * 6);
    expect(worst / months).toBeLessThanOrEqual(1);
  });

  it('raises at most one alarm a month on public daily counts (US births), whose rises are ordinary', () => {
    for (const s of publicDailySeries()) {
      const start = Date.parse(`${s.start}T00:00:00Z`);
      const points = s.values.map((value, i) => ({ t: start + i * DAY, value }));
      const eps = anomalyEpisodes(unusualDays(points));
      const months = points.length / 30.44;
      console.log(`${s.name}: ${eps.length} alarms in ${months.toFixed(0)} months (${(eps.length / months).toFixed(3)} a month)`);
      expect(eps.length / months).toBeLessThanOrEqual(1);
    }
  });
});
