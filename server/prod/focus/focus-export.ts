/**
 * `GET /exports/focus.csv`: the usage as FOCUS 1.2 rows (focus-rows.ts),
 * streamed. It takes the pages' filter parameters (timeRange, startDate,
 * endDate, resourceType, granularity, currency; groupBy is accepted and
 * ignored) and asks the API only documented `/usage` questions, through the
 * same checks as every `/v2` call (sign-in, role, team scope): one for the
 * range, then one per day with data, at most `prefetch` days ahead of what the
 * client has read. So the file is written day by day: a day's rows are built,
 * written and dropped before the next day's answer is asked for, and a month
 * of hourly rows never sits in memory.
 *
 * A bad parameter is a 400 naming it; a refusal or an API error before the
 * first byte is passed on as the API's error body; a failure after it ends the
 * stream with an error (the client sees an incomplete download, never a short
 * file that looks complete).
 */
import Papa from 'papaparse';
import {
  collectQuery,
  usageQuerySchema,
  usageResponseSchema,
  type UsageQuery,
  type UsageResponse,
} from '../../../src/contract/billing.ts';
import { HttpError, invalidParameters, parameterIssues } from '../../http/errors.ts';
import { parameterNameIssues } from '../../http/params.ts';
import { FOCUS_COLUMNS, FOCUS_VERSION } from './focus-columns.ts';
import {
  dayTargets,
  daySplits,
  elapsedDays,
  planRange,
  targetRows,
  type FocusAccount,
  type RowContext,
} from './focus-rows.ts';

/** The filter parameters the pages send. */
export const FOCUS_PARAMS = ['timeRange', 'startDate', 'endDate', 'resourceType', 'granularity', 'currency', 'groupBy'] as const;
/** Longest range one export covers. */
export const FOCUS_MAX_DAYS = 366;

/** Answers one GET `/v2/billing/usage?…` for the exporting user (through the access checks). */
export type UsageCall = (search: URLSearchParams) => Promise<Response>;

export interface FocusExportOptions {
  account: FocusAccount;
  /** Day answers asked for ahead of the client's reading (default 2). */
  prefetch?: number;
  /** The client's Accept-Encoding: with gzip the file is compressed as it streams. */
  acceptEncoding?: string | null;
  log?: (message: string) => void;
}

const encoder = new TextEncoder();

function errorResponse(err: HttpError): Response {
  return new Response(JSON.stringify(err.body()), {
    status: err.status,
    headers: { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}

/** The export's filters, or the 400 naming what is wrong. */
export function parseFocusQuery(url: URL): UsageQuery | HttpError {
  const names = parameterNameIssues(url, FOCUS_PARAMS);
  if (names.length) return invalidParameters(names);
  const input = collectQuery(url.searchParams);
  delete input.groupBy;
  const parsed = usageQuerySchema.safeParse(input);
  if (!parsed.success) return invalidParameters(parameterIssues(parsed.error, input, FOCUS_PARAMS));
  return parsed.data;
}

function usageSearch(q: UsageQuery, range: { startDate: string; endDate: string } | null, granularity: 'hourly' | 'daily') {
  const p = new URLSearchParams();
  if (range) {
    p.set('timeRange', 'custom');
    p.set('startDate', range.startDate);
    p.set('endDate', range.endDate);
  } else {
    p.set('timeRange', q.timeRange);
    if (q.startDate) p.set('startDate', q.startDate);
    if (q.endDate) p.set('endDate', q.endDate);
  }
  for (const t of q.resourceType ?? []) p.append('resourceType[]', t);
  p.set('granularity', granularity);
  p.set('includeTeamMetrics', 'true');
  p.set('currency', q.currency);
  return p;
}

class UpstreamAnswer extends Error {
  constructor(readonly response: Response) {
    super(`the API answered ${response.status}`);
  }
}

/** One usage answer, parsed with the contract; a non-200 is thrown as the response itself. */
async function usageAnswer(call: UsageCall, search: URLSearchParams): Promise<UsageResponse> {
  const res = await call(search);
  if (res.status !== 200) throw new UpstreamAnswer(res);
  const parsed = usageResponseSchema.safeParse(await res.json());
  if (!parsed.success) {
    const where = parsed.error.issues[0]?.path.join('.') || 'body';
    const body = { error: { code: 'upstream_unavailable', message: `The billing API returned a usage answer this export does not understand (at ${where})` } };
    throw new UpstreamAnswer(new Response(JSON.stringify(body), { status: 502, headers: { 'Content-Type': 'application/json; charset=utf-8' } }));
  }
  return parsed.data;
}

const csvLine = (values: (string | null)[]) => Papa.unparse([values], { newline: '\r\n', header: false }) + '\r\n';

/** The export: the answer to one GET /exports/focus.csv. */
export async function focusExport(url: URL, call: UsageCall, options: FocusExportOptions): Promise<Response> {
  const { account, prefetch = 2, log = console.warn } = options;
  const q = parseFocusQuery(url);
  if (q instanceof HttpError) return errorResponse(q);
  const hourly = q.granularity === 'hourly';

  let range: UsageResponse;
  try {
    range = await usageAnswer(call, usageSearch(q, null, hourly ? 'hourly' : 'daily'));
  } catch (err) {
    if (err instanceof UpstreamAnswer) return err.response;
    throw err;
  }
  const plan = planRange(range, hourly);
  const days = plan.fromDays.length ? elapsedDays(range) : [...plan.byDay.keys()];
  const span = (Date.parse(range.period.endDate) - Date.parse(range.period.startDate)) / 86_400_000 + 1;
  if (span > FOCUS_MAX_DAYS)
    return errorResponse(
      invalidParameters([
        {
          parameter: q.timeRange === 'custom' ? 'startDate' : 'timeRange',
          message: `gives ${span} days (${range.period.startDate} to ${range.period.endDate}); one FOCUS export covers at most ${FOCUS_MAX_DAYS}: export a year at a time`,
        },
      ]),
    );

  const ctx: RowContext = { account, currency: plan.currency, decimals: plan.decimals };
  const fetchDay = (day: string) => usageAnswer(call, usageSearch(q, { startDate: day, endDate: day }, 'daily'));
  const pending: Promise<UsageResponse>[] = [];
  let next = 0;
  const fill = () => {
    while (pending.length < prefetch && next < days.length) {
      const p = fetchDay(days[next++]!);
      p.catch(() => undefined); // handled when it is awaited
      pending.push(p);
    }
  };
  let index = 0;
  let headerSent = false;

  const stream = new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        if (!headerSent) {
          headerSent = true;
          controller.enqueue(encoder.encode(csvLine([...FOCUS_COLUMNS])));
          return;
        }
        if (index >= days.length) {
          controller.close();
          return;
        }
        fill();
        const dayIso = days[index++]!;
        let day: UsageResponse;
        try {
          day = await pending.shift()!;
        } catch (err) {
          log(`[focus] ${url.pathname}${url.search}: day ${dayIso} failed: ${err instanceof Error ? err.message : String(err)}`);
          controller.error(new Error(`the billing API failed for ${dayIso}`));
          return;
        }
        fill();
        const splits = daySplits(day);
        const targets = [...(plan.byDay.get(dayIso) ?? []), ...dayTargets(plan, dayIso, day)];
        const rows: (string | null)[][] = [];
        for (const target of targets)
          for (const row of targetRows(ctx, target, splits.get(target.type))) rows.push(FOCUS_COLUMNS.map((c) => row[c]));
        if (rows.length) controller.enqueue(encoder.encode(Papa.unparse(rows, { newline: '\r\n', header: false }) + '\r\n'));
      },
    },
    { highWaterMark: 1 },
  );

  const { startDate, endDate } = range.period;
  const gzip = /\bgzip\b/i.test(options.acceptEncoding ?? '');
  return new Response(gzip ? stream.pipeThrough(new CompressionStream('gzip') as unknown as ReadableWritablePair<Uint8Array, Uint8Array>) : stream, {
    status: 200,
    headers: {
      ...(gzip ? { 'Content-Encoding': 'gzip' } : {}),
      Vary: 'Accept-Encoding',
      'Content-Type': `text/csv; charset=utf-8; header=present`,
      'Content-Disposition': `attachment; filename="tensorone-focus${hourly ? '-hourly' : ''}-${startDate}-to-${endDate}-${plan.currency}.csv"`,
      'Cache-Control': 'private, no-store',
      'X-FOCUS-Version': FOCUS_VERSION,
    },
  });
}
