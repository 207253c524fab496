/**
 * Unusual spend for the page's period: markers for the cost charts and, for
 * the one a user opens, its causes. Only documented requests and fields:
 *
 * - one daily usage answer per resource type (custom range: eight weeks before
 *   the period to four after it, or to yesterday; `resourceType` that type,
 *   with team metrics). The type's series (`breakdown[].timeSeries`) is judged
 *   by src/lib/anomalies.ts, and so is each team's series of the type where
 *   the answer has one (`teamBreakdown[].timeSeries`, an extension; without it
 *   only the types are judged). Training is judged as a type only: teams'
 *   training jobs start and stop in lumps that are not anomalies;
 * - for an opened marker: the type on its days and on the four weeks before
 *   (src/lib/anomaly-causes.ts).
 *
 * Days are the API's: the period from the page's answer, today from the API
 * clock (today itself is still coming in and is never judged).
 */
import { useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import type { Alert, Currency, Period, ResourceTypeId, UsageResponse } from '../contract/billing';
import { anomalyEpisodes, expectation, unusualDays, type AnomalyEpisode, type AnomalyMarker, type SeriesPoint } from '../lib/anomalies';
import { explainAnomaly, type Causes } from '../lib/anomaly-causes';
import { usageQueryOptions, type UsageRequest } from './usage';

const DAY = 86_400_000;
/** The resource types the request schema accepts (the reference's). */
const KNOWN_ORDER: readonly string[] = ['clusters', 'endpoints', 'training', 'ai-services', 'storage', 'bandwidth'];
const KNOWN_TYPES = new Set<string>(KNOWN_ORDER);
const BEFORE_DAYS = 56;
const AFTER_DAYS = 28;
const BASELINE_DAYS = 28;

const dayMs = (d: string) => Date.parse(`${d}T00:00:00Z`);
const iso = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export type { AnomalyMarker, FlaggedSeries } from '../lib/anomalies';

/** The days the detection reads for a period, or null when the period has no complete day yet. */
export function anomalyHistory(period: Pick<Period, 'startDate' | 'endDate'>, today: string): { startDate: string; endDate: string } | null {
  const yesterday = dayMs(today) - DAY;
  const start = dayMs(period.startDate);
  if (start > yesterday) return null;
  return { startDate: iso(start - BEFORE_DAYS * DAY), endDate: iso(Math.min(dayMs(period.endDate) + AFTER_DAYS * DAY, yesterday)) };
}

function points(series: readonly { timestamp: string; cost: number }[], last: number): SeriesPoint[] {
  return series.map((p) => ({ t: Date.parse(p.timestamp), value: p.cost })).filter((p) => p.t <= last);
}

/**
 * Every marker one type's answer holds (before the period's cut), one series
 * judged per step: a page at twenty times the organisation judges hundreds of
 * teams' series, so the work is done in slices between which the page stays
 * responsive (see markersSoon).
 */
function* typeMarkerSteps(type: ResourceTypeId, answer: UsageResponse): Generator<void, AnomalyMarker[]> {
  const item = answer.breakdown.find((b) => b.resourceType === type);
  if (!item) return [];
  const last = dayMs(answer.period.endDate);
  const typePoints = points(item.timeSeries, last);
  const found: { ep: AnomalyEpisode; team?: { id: string; name: string } }[] = anomalyEpisodes(unusualDays(typePoints)).map((ep) => ({ ep }));
  if (type !== 'training')
    for (const team of answer.teamBreakdown ?? [])
      if (team.timeSeries) {
        yield;
        for (const ep of anomalyEpisodes(unusualDays(points(team.timeSeries, last))))
          found.push({ ep, team: { id: team.teamId, name: team.teamName } });
      }
  found.sort((a, b) => a.ep.start - b.ep.start);
  const groups: { start: number; end: number; members: typeof found }[] = [];
  for (const f of found) {
    const g = groups[groups.length - 1];
    if (g && f.ep.start <= g.end) {
      g.end = Math.max(g.end, f.ep.end);
      g.members.push(f);
    } else groups.push({ start: f.ep.start, end: f.ep.end, members: [f] });
  }
  return groups.map((g) => {
    let actual = 0;
    let expected = 0;
    typePoints.forEach((p, i) => {
      if (p.t < g.start || p.t >= g.end) return;
      actual += p.value;
      expected += expectation(typePoints, i)?.expected ?? p.value;
    });
    return {
      id: `${type}:${iso(g.start)}`,
      type,
      start: g.start,
      end: g.end,
      actual,
      expected,
      excess: actual - expected,
      flagged: g.members.map(({ ep, team }) => ({ ...(team ? { team } : {}), actual: ep.actual, expected: ep.expected, excess: ep.excess, score: ep.score })),
    };
  });
}

/**
 * A type's markers per answer: the cards of a page that shade or list unusual
 * spend share one answer object per type (TanStack Query's), so its series
 * are judged once, not once per card.
 */
const judged = new WeakMap<UsageResponse, { type: ResourceTypeId; markers: AnomalyMarker[] }>();
const judging = new WeakMap<UsageResponse, Promise<void>>();

function judgedMarkers(type: ResourceTypeId, answer: UsageResponse): AnomalyMarker[] | undefined {
  const done = judged.get(answer);
  return done?.type === type ? done.markers : undefined;
}

function typeMarkers(type: ResourceTypeId, answer: UsageResponse): AnomalyMarker[] {
  const done = judgedMarkers(type, answer);
  if (done) return done;
  const steps = typeMarkerSteps(type, answer);
  let step = steps.next();
  while (!step.done) step = steps.next();
  judged.set(answer, { type, markers: step.value });
  return step.value;
}

/** No markers, one array for every render (so memoised charts stay as they are). */
const NO_MARKERS: AnomalyMarker[] = [];

/** Longest slice of judging in one task, ms. */
const SLICE_MS = 12;

/** Judges a type's answer in tasks of at most about SLICE_MS each (once per answer, however many cards wait). */
function markersSoon(type: ResourceTypeId, answer: UsageResponse): Promise<void> {
  if (judgedMarkers(type, answer)) return Promise.resolve();
  const running = judging.get(answer);
  if (running) return running;
  const steps = typeMarkerSteps(type, answer);
  const promise = new Promise<void>((resolve, reject) => {
    const slice = () => {
      try {
        const until = performance.now() + SLICE_MS;
        for (let step = steps.next(); ; step = steps.next()) {
          if (step.done) {
            judged.set(answer, { type, markers: step.value });
            judging.delete(answer);
            return resolve();
          }
          if (performance.now() >= until) break;
        }
        setTimeout(slice, 0);
      } catch (err) {
        judging.delete(answer);
        reject(err instanceof Error ? err : new Error(String(err)));
      }
    };
    setTimeout(slice, 0);
  });
  judging.set(answer, promise);
  return promise;
}

/** Markers from each type's answer, for the days [from, to] (YYYY-MM-DD). */
export function findMarkers(answers: readonly { type: ResourceTypeId; answer: UsageResponse }[], from: string, to: string): AnomalyMarker[] {
  const lo = dayMs(from);
  const hi = dayMs(to) + DAY;
  return answers
    .flatMap(({ type, answer }) => typeMarkers(type, answer))
    .filter((m) => m.end > lo && m.start < hi)
    .sort((a, b) => a.start - b.start || a.type.localeCompare(b.type));
}

function typeRequest(type: ResourceTypeId, range: { startDate: string; endDate: string }, currency: Currency): UsageRequest {
  return { timeRange: 'custom', ...range, granularity: 'daily', resourceType: [type as never], includeTeamMetrics: true, currency };
}

export interface AnomalyInput {
  period: Pick<Period, 'startDate' | 'endDate'> | undefined;
  /** The API's today (useApiClock). */
  today: string | undefined;
  types: readonly ResourceTypeId[];
  currency: Currency;
}

/** The period's markers; `markers` is undefined while loading. */
export function useAnomalyMarkers({ period, today, types: given, currency }: AnomalyInput) {
  // A type the API added later cannot be asked for by `resourceType` (the request schema knows the documented ones).
  const types = given.filter((t) => KNOWN_TYPES.has(t));
  const range = period && today ? anomalyHistory(period, today) : null;
  // One query per known type, always in the same order (fixed hooks), each enabled when the page shows that type.
  const q = (type: ResourceTypeId) => ({
    ...usageQueryOptions(typeRequest(type, range ?? { startDate: '1970-01-01', endDate: '1970-01-01' }, currency)),
    enabled: range !== null && types.includes(type),
  });
  const all = [
    useQuery(q('clusters')),
    useQuery(q('endpoints')),
    useQuery(q('training')),
    useQuery(q('ai-services')),
    useQuery(q('storage')),
    useQuery(q('bandwidth')),
  ];
  const results = types.map((t) => all[KNOWN_ORDER.indexOf(t)]!);
  const ready = range !== null && results.every((r) => r.data && !r.isPlaceholderData);
  const answers = ready ? types.map((type, i) => ({ type, answer: results[i]!.data! })) : undefined;
  // Recomputed when an answer changes (its update time), not on every render.
  const stamp = `${period?.startDate}|${period?.endDate}|${types.join(',')}|${results.map((r) => r.dataUpdatedAt).join(',')}`;
  const judgedAll = answers !== undefined && answers.every(({ type, answer }) => judgedMarkers(type, answer) !== undefined);
  // The series are judged in slices after the render (once per answer, shared by the page's cards); then this renders again.
  const [, setJudged] = useState('');
  const [failure, setFailure] = useState<Error>();
  if (failure) throw failure; // as a failure in render would, for the page's error boundary
  useEffect(() => {
    if (!answers || judgedAll) return;
    let live = true;
    Promise.all(answers.map(({ type, answer }) => markersSoon(type, answer))).then(
      () => live && setJudged(stamp),
      (err: Error) => live && setFailure(err),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [ready, stamp, judgedAll]);
  const markers = useMemo(
    () => (answers && period && judgedAll ? findMarkers(answers, period.startDate, period.endDate) : undefined),
    // eslint-disable-next-line react-hooks/exhaustive-deps
    [ready, stamp, judgedAll],
  );
  const error = results.find((r) => r.error)?.error;
  return {
    markers: range === null && period && today ? NO_MARKERS : markers,
    error,
    retry: () => results.forEach((r) => void r.refetch()),
  };
}

/** Why a marker's days were unusual: two answers for its type, the days and the weeks before. */
export function useAnomalyCauses(marker: AnomalyMarker | undefined, currency: Currency) {
  const days = marker ? { startDate: iso(marker.start), endDate: iso(marker.end - DAY) } : { startDate: '1970-01-01', endDate: '1970-01-01' };
  const before = marker ? { startDate: iso(marker.start - BASELINE_DAYS * DAY), endDate: iso(marker.start - DAY) } : days;
  const type = marker?.type ?? 'clusters';
  const actual = useQuery({ ...usageQueryOptions(typeRequest(type, days, currency)), enabled: marker !== undefined });
  const baseline = useQuery({ ...usageQueryOptions(typeRequest(type, before, currency)), enabled: marker !== undefined });
  const ok = marker && actual.data && baseline.data && !actual.isPlaceholderData && !baseline.isPlaceholderData;
  const causes: Causes | undefined = useMemo(
    () => (ok ? explainAnomaly(actual.data!, baseline.data!, type, marker.expected) : undefined),
    [ok, actual.data, baseline.data, type, marker],
  );
  return {
    causes,
    error: actual.error ?? baseline.error ?? undefined,
    retry: () => {
      void actual.refetch();
      void baseline.refetch();
    },
  };
}

const ALERT_TYPES: [RegExp, ResourceTypeId][] = [
  [/\b(gpu )?cluster/i, 'clusters'],
  [/\bendpoint/i, 'endpoints'],
  [/\btraining/i, 'training'],
  [/\bai service|\bapi request|\bgeneration/i, 'ai-services'],
  [/\bstor(age|ed)/i, 'storage'],
  [/\bbandwidth|\btransfer|\begress/i, 'bandwidth'],
];

/** The resource type an `unusual_spike` alert's message names, if any. */
export function alertType(alert: Pick<Alert, 'message'>): ResourceTypeId | undefined {
  return ALERT_TYPES.find(([re]) => re.test(alert.message))?.[1];
}

/**
 * The marker an `unusual_spike` alert points to: the latest marker of the type
 * its message names within the two weeks the alert compares (to `today`).
 */
export function alertMarker(alert: Pick<Alert, 'type' | 'message'>, markers: readonly AnomalyMarker[], today: string): AnomalyMarker | undefined {
  if (alert.type !== 'unusual_spike') return undefined;
  const type = alertType(alert);
  const since = dayMs(today) - 14 * DAY;
  return markers.filter((m) => m.type === type && m.end > since).sort((a, b) => b.start - a.start)[0];
}
