import { useQueryClient, type QueryClient } from '@tanstack/react-query';
import { useEffect, useRef, useState } from 'react';
import { useLocation } from 'react-router';
import { usageQueryOptions } from '../../api/usage';
import { BUTTON_CLASS } from '../../components/field';
import { CheckIcon, LinkIcon } from '../../components/icons';
import type { TimeRange } from '../../contract/billing';
import { formatDateRange } from '../../lib/format';
import { fixedDatesHref } from '../fixed-link';
import { useUrlState } from '../use-url-state';

/** Copies text: the Clipboard API, else the old execCommand route (plain http, older browsers). */
export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard?.writeText) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    // Denied or unavailable: try the fallback below.
  }
  try {
    const area = document.createElement('textarea');
    area.value = text;
    area.setAttribute('readonly', '');
    area.style.position = 'fixed';
    area.style.opacity = '0';
    document.body.append(area);
    area.select();
    const ok = document.execCommand('copy');
    area.remove();
    return ok;
  } catch {
    return false;
  }
}

/** What the last click did: which link was copied (and the message), or why not. */
type Copied = { state: 'idle' } | { state: 'copied' | 'failed'; link: 'relative' | 'fixed'; text: string };

const COPY_FAILED = 'Could not copy: copy the address bar instead';

/**
 * The API's resolved days for a preset time range: the period of its answer
 * (a small monthly one in USD; for the current month the header's clock entry).
 */
async function apiPeriod(client: QueryClient, timeRange: Exclude<TimeRange, 'custom'>) {
  const answer = await client.fetchQuery({
    ...usageQueryOptions({ timeRange, granularity: 'monthly', currency: 'USD' }),
    staleTime: 60_000,
  });
  return answer.period;
}

/**
 * "Copy link" (the page address with every filter: a relative range stays
 * relative) and, for a preset range, "Copy link with these dates" (the range
 * as the API resolved it, fixed: `fixedDatesHref`). One live region says
 * what was copied.
 */
export function CopyLinkButton({ fixedDates = true }: { fixedDates?: boolean }) {
  const { filters } = useUrlState();
  const location = useLocation();
  const client = useQueryClient();
  const [copied, setCopied] = useState<Copied>({ state: 'idle' });
  const [busy, setBusy] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);
  useEffect(() => () => clearTimeout(timer.current), []);

  const show = (next: Exclude<Copied, { state: 'idle' }>) => {
    setCopied(next);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => setCopied({ state: 'idle' }), next.state === 'copied' ? 4000 : 6000);
  };
  const done = (ok: boolean, link: 'relative' | 'fixed', text: string) =>
    show(ok ? { state: 'copied', link, text } : { state: 'failed', link, text: COPY_FAILED });
  const copyRelative = async () => done(await copyText(window.location.href), 'relative', 'Link copied');
  const copyFixed = async () => {
    if (filters.timeRange === 'custom') return;
    setBusy(true);
    try {
      const period = await apiPeriod(client, filters.timeRange);
      const days = formatDateRange(period.startDate, period.endDate);
      const href = `${window.location.origin}${location.pathname}${location.search}${location.hash}`;
      const ok = await copyText(fixedDatesHref(href, filters, period));
      done(ok, 'fixed', `Link with ${days} copied`);
    } catch {
      show({ state: 'failed', link: 'fixed', text: 'Could not get the dates from the billing API: try again' });
    } finally {
      setBusy(false);
    }
  };
  const showFixed = fixedDates && filters.timeRange !== 'custom';

  // The two links as one joined pair ("Copy link | with these dates"), narrow enough to share the
  // filters' row at 1440 px; what was copied shows under them, without moving the row.
  const joined = showFixed ? 'rounded-r-none' : '';
  return (
    <div className="relative flex items-center">
      <span
        aria-live="polite"
        data-testid="copy-link-status"
        className={`absolute top-full right-0 z-10 mt-1 text-xs whitespace-nowrap empty:border-0 empty:p-0 empty:shadow-none ${
          copied.state === 'failed' ? 'text-danger' : 'text-success'
        } rounded-md border border-border bg-surface px-2 py-0.5 shadow-card`}
      >
        {copied.state !== 'idle' && copied.text}
      </span>
      <button
        type="button"
        onClick={() => void copyRelative()}
        className={`${BUTTON_CLASS} ${joined}`}
        title="The range stays relative (“last month” is another month next month)"
      >
        {copied.state === 'copied' && copied.link === 'relative' ? <CheckIcon size={14} /> : <LinkIcon size={14} />}
        Copy link
      </button>
      {showFixed && (
        <button
          type="button"
          onClick={() => void copyFixed()}
          disabled={busy}
          aria-label="Copy link with these dates"
          className={`${BUTTON_CLASS} -ml-px rounded-l-none`}
          title="The range as its exact dates, so the link shows the same period later"
        >
          with these dates
        </button>
      )}
    </div>
  );
}
