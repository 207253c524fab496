import os from 'node:os';
import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';
import { chromiumLaunchOptions } from './e2e/chromium.ts';

/**
 * End-to-end tests: the sandbox API on a fresh temporary database with a pinned
 * "now", and the Vite dev server proxying /v2 to it, both on non-default ports
 * so a running `npm start` does not get in the way.
 *
 * This file is evaluated by the runner and again by each worker. Values that
 * must be the same everywhere (the temp DB path) are computed once and handed
 * down through process.env, which the workers inherit.
 */

const SANDBOX_PORT = Number(process.env.E2E_SANDBOX_PORT || 8797);
const WEB_PORT = Number(process.env.E2E_WEB_PORT || 5197);
const SANDBOX_NOW = '2024-01-16T12:00:00Z';
// A key other than the sandbox default, so the tests prove the proxy sends TENSORONE_API_KEY.
const SANDBOX_API_KEY = 'e2e-sandbox-key';

process.env.E2E_SANDBOX_DB ??= path.join(os.tmpdir(), `tensorone-e2e-${process.pid}-${Date.now()}.duckdb`);
process.env.E2E_SANDBOX_URL = `http://127.0.0.1:${SANDBOX_PORT}`;
process.env.E2E_SANDBOX_API_KEY = SANDBOX_API_KEY;
process.env.E2E_SANDBOX_NOW = SANDBOX_NOW;
process.env.E2E_WEB_URL = `http://127.0.0.1:${WEB_PORT}`;

const isCI = !!process.env.CI;

export default defineConfig({
  testDir: './e2e',
  testMatch: '**/*.spec.ts',
  outputDir: './test-results',
  globalTeardown: './e2e/global-teardown.ts',
  fullyParallel: false,
  forbidOnly: isCI,
  // No retries, in CI either: a test that fails once is reported, not hidden by a second run.
  retries: 0,
  workers: isCI ? 1 : 2,
  timeout: 60_000,
  expect: { timeout: 15_000 },
  reporter: isCI ? [['list']] : [['list'], ['html', { open: 'never' }]],
  use: {
    ...devices['Desktop Chrome'],
    baseURL: process.env.E2E_WEB_URL,
    locale: 'en-US',
    timezoneId: 'UTC',
    // Transitions end at once (see index.css), so an accessibility scan right after a
    // theme switch never samples a colour halfway between light and dark.
    reducedMotion: 'reduce',
    trace: 'retain-on-failure',
    screenshot: 'only-on-failure',
    launchOptions: chromiumLaunchOptions(),
  },
  projects: [{ name: 'chromium' }],
  webServer: [
    {
      name: 'sandbox',
      command: 'node --import tsx server/index.ts',
      url: `${process.env.E2E_SANDBOX_URL}/healthz`,
      env: {
        PORT: String(SANDBOX_PORT),
        SANDBOX_DB: process.env.E2E_SANDBOX_DB,
        SANDBOX_NOW,
        SANDBOX_API_KEY,
      },
      // The first start creates and fills the database.
      timeout: 180_000,
      reuseExistingServer: false,
      gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
      stdout: 'ignore',
      stderr: 'pipe',
    },
    {
      name: 'web',
      command: 'node node_modules/vite/bin/vite.js',
      url: `${process.env.E2E_WEB_URL}/`,
      env: {
        WEB_PORT: String(WEB_PORT),
        TENSORONE_API_URL: process.env.E2E_SANDBOX_URL,
        TENSORONE_API_KEY: SANDBOX_API_KEY,
      },
      timeout: 60_000,
      reuseExistingServer: false,
      gracefulShutdown: { signal: 'SIGTERM', timeout: 5_000 },
      stdout: 'ignore',
      stderr: 'pipe',
    },
  ],
});
