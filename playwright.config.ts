import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from './scripts/browsers.js';
import { E2E_PROJECTS, e2eWebServer } from './e2e/projects.js';

/**
 * Playwright drives Debian's Chromium when it is installed (or `CHROMIUM_PATH`), and falls back to
 * Playwright's own browser on machines that have one. Every server the tests talk to is on loopback.
 */
export default defineConfig({
  testDir: '.',
  testMatch: ['e2e/**/*.spec.ts', 'packages/*/test/**/*.pw.ts'],
  fullyParallel: true,
  workers: 2,
  retries: 0,
  forbidOnly: true,
  timeout: 30_000,
  outputDir: 'test-results/playwright',
  reporter: process.env['CI']
    ? [['list'], ['json', { outputFile: 'test-results/playwright.json' }]]
    : 'list',
  use: {
    launchOptions: chromiumLaunchOptions(),
    trace: 'retain-on-failure',
  },
  projects: [
    {
      name: 'packages',
      testMatch: 'packages/*/test/**/*.pw.ts',
      use: { browserName: 'chromium' },
    },
    // The demo end-to-end suite: one project per device context (e2e/projects.ts).
    ...E2E_PROJECTS,
  ],
  // The demo server, unless only non-e2e projects run (see e2e/projects.ts).
  ...e2eWebServer(),
});
