#!/usr/bin/env node
// Runs the browser-mode suites in Gecko (vitest.firefox.config.ts): Debian's firefox-esr, headless.
// Installs firefox-esr when missing; only an OS without apt skips, with a SKIPPED line.
// Report: test-results/vitest-firefox.json. Usage: `node scripts/firefox.mjs [vitest args...]`.
import { existsSync } from 'node:fs';
import { debianVersion, runEngineSuite } from './engine-suite.mjs';

/** Same lookup as vitest.firefox.config.ts. */
const binary = () =>
  [process.env.FIREFOX_PATH, '/usr/lib/firefox-esr/firefox-esr', '/usr/bin/firefox-esr'].find(
    (p) => p && existsSync(p),
  );

runEngineSuite({
  label: 'Firefox',
  name: 'firefox',
  packages: ['firefox-esr'],
  missing: () => (binary() ? [] : ['firefox-esr']),
  config: 'vitest.firefox.config.ts',
  describe: () => `firefox-esr ${debianVersion('firefox-esr') ?? '(version unknown)'}, ${binary()}`,
});
