import { existsSync } from 'node:fs';
import type { LaunchOptions } from '@playwright/test';

/**
 * How the end-to-end tests and `bench:web` launch Chromium: CHROMIUM_PATH, else
 * Debian's /usr/bin/chromium, else Playwright's own browser if installed; with
 * nothing that reaches the network on its own.
 */
export function chromiumLaunchOptions(): LaunchOptions {
  const executablePath = process.env.CHROMIUM_PATH || (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);
  return {
    executablePath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-dev-shm-usage',
    ],
  };
}
