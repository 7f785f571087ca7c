#!/usr/bin/env node
// Runs the browser-mode suites in real WebKit (vitest.webkit.config.ts): WebKitGTK's MiniBrowser
// behind WebKitWebDriver on a private Xvfb. Installs webkit2gtk-driver and xvfb when missing; only
// an OS without apt skips, with a SKIPPED line. Report: test-results/vitest-webkit.json.
// Usage: `node scripts/webkit.mjs [vitest filters/flags...]`.
import { debianVersion, haveCommand, runEngineSuite } from './engine-suite.mjs';
import { WEBKIT_DEBIAN_PACKAGES, findMiniBrowser, findWebKitWebDriver } from './webkit-session.mjs';

runEngineSuite({
  label: 'WebKit',
  name: 'webkit',
  packages: WEBKIT_DEBIAN_PACKAGES,
  missing: () =>
    [
      findWebKitWebDriver() ? '' : 'WebKitWebDriver',
      findMiniBrowser() ? '' : 'MiniBrowser (libwebkit2gtk)',
      haveCommand('Xvfb') ? '' : 'Xvfb',
    ].filter(Boolean),
  config: 'vitest.webkit.config.ts',
  describe: () =>
    `WebKitGTK ${debianVersion('webkit2gtk-driver') ?? '(version unknown)'}, ` +
    `${findWebKitWebDriver()}, ${findMiniBrowser()}`,
});
