import AxeBuilder from '@axe-core/playwright';
import { test as base, expect } from '@playwright/test';

/**
 * Shared fixtures for the end-to-end specs:
 * - `consoleErrors`: every console error and uncaught page error; checked to be
 *   empty when the test ends (opt out with `test.use({ failOnConsoleError: false })`).
 * - `axe()`: runs axe-core on the page (WCAG 2.x A/AA) and returns the serious
 *   and critical violations, summarised so a failure reads well.
 * - `api(path)`: calls the sandbox API directly (with the key), to compute the
 *   figures a page is expected to show.
 * The browser clock is pinned to `browserNow`, by default the sandbox's "now"
 * (opt out with `test.use({ pinClock: false })`). The app takes everything about
 * data from the API's answers, not from that clock: specs that check so set
 * `browserNow` years away from the sandbox's (see FAR_FROM_SANDBOX).
 *
 * The fixture callback is named `provide`, not Playwright's usual `use`, so the
 * React hooks lint rule does not take it for React's `use()`.
 */

export const SANDBOX_URL = requireEnv('E2E_SANDBOX_URL');
export const SANDBOX_API_KEY = requireEnv('E2E_SANDBOX_API_KEY');
export const SANDBOX_NOW = requireEnv('E2E_SANDBOX_NOW');
/** A browser clock years and months away from the sandbox's (another year, month, day and hour). */
export const FAR_FROM_SANDBOX = '2029-06-23T04:40:00Z';

function requireEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run the specs through playwright.config.ts`);
  return value;
}

export interface AxeViolation {
  id: string;
  impact: string | null | undefined;
  help: string;
  targets: string[];
}

export interface AxeOptions {
  /** CSS selectors to leave out of the scan. */
  exclude?: string[];
  /** axe rule ids to switch off, each with a reason in the calling spec. */
  disableRules?: string[];
}

/** Fetches `path` (e.g. `/v2/billing/usage?timeRange=current_month`) from the sandbox as JSON. */
export async function api<T = unknown>(path: string, init: RequestInit = {}): Promise<T> {
  const res = await fetch(new URL(path, SANDBOX_URL), {
    ...init,
    headers: { Accept: 'application/json', ...init.headers, Authorization: `Bearer ${SANDBOX_API_KEY}` },
  });
  const body = await res.text();
  if (!res.ok) throw new Error(`${init.method ?? 'GET'} ${path} → ${res.status}: ${body.slice(0, 500)}`);
  return JSON.parse(body) as T;
}

/**
 * An amount as the app should show it, formatted independently of the app's code
 * (Intl's own digits for the currency: none for JPY, two otherwise).
 */
export const money = (amount: number, currency = 'USD'): string =>
  new Intl.NumberFormat('en-US', { style: 'currency', currency }).format(amount);

interface Fixtures {
  failOnConsoleError: boolean;
  pinClock: boolean;
  browserNow: string;
  consoleErrors: string[];
  axe: (options?: AxeOptions) => Promise<AxeViolation[]>;
  api: typeof api;
}

export const test = base.extend<Fixtures>({
  failOnConsoleError: [true, { option: true }],
  pinClock: [true, { option: true }],
  browserNow: [SANDBOX_NOW, { option: true }],

  page: async ({ page, pinClock, browserNow }, provide) => {
    if (pinClock) await page.clock.setFixedTime(new Date(browserNow));
    await provide(page);
  },

  consoleErrors: [
    async ({ page, failOnConsoleError }, provide) => {
      const errors: string[] = [];
      page.on('console', (msg) => {
        if (msg.type() !== 'error') return;
        const { url, lineNumber } = msg.location();
        errors.push(url ? `${msg.text()} (${url}:${lineNumber})` : msg.text());
      });
      page.on('pageerror', (err) => errors.push(`Uncaught ${err.name}: ${err.message}`));
      await provide(errors);
      if (failOnConsoleError) expect(errors, 'console errors on the page').toEqual([]);
    },
    { auto: true },
  ],

  axe: async ({ page }, provide) => {
    await provide(async (options = {}) => {
      let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']);
      for (const selector of options.exclude ?? []) builder = builder.exclude(selector);
      if (options.disableRules?.length) builder = builder.disableRules(options.disableRules);
      const { violations } = await builder.analyze();
      return violations
        .filter((v) => v.impact === 'serious' || v.impact === 'critical')
        .map((v) => ({
          id: v.id,
          impact: v.impact,
          help: v.help,
          targets: v.nodes.map((n) => n.target.join(' ')),
        }));
    });
  },

  // eslint-disable-next-line no-empty-pattern
  api: async ({}, provide) => {
    await provide(api);
  },
});

export { expect };
