#!/usr/bin/env node
// Runs the browser-mode suites in Gecko (vitest.firefox.config.ts): Debian's firefox-esr, headless.
// Installs firefox-esr when missing; only an OS without apt skips, with a SKIPPED line.
// Report: test-results/vitest-firefox.json. Usage: `node scripts/firefox.mjs [vitest args...]`.
import { debianVersion, runEngineSuite } from './engine-suite.mjs';
import { findFirefox } from './find-firefox.mjs';

runEngineSuite({
  label: 'Firefox',
  name: 'firefox',
  packages: ['firefox-esr'],
  missing: () => (findFirefox() ? [] : ['firefox-esr']),
  config: 'vitest.firefox.config.ts',
  describe: () =>
    `firefox-esr ${debianVersion('firefox-esr') ?? '(version unknown)'}, ${findFirefox()}`,
});
