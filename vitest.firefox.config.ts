import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defineBrowserProvider } from '@vitest/browser';
import { defineConfig } from 'vitest/config';
import type { BrowserProvider } from 'vitest/node';
import { browserSuitesIn, type EngineExclusion } from './scripts/browser-engines.js';
import { findFirefox } from './scripts/find-firefox.mjs';
import { spawnGroup, stopChild } from './scripts/webkit-session.mjs';

/**
 * The Chromium browser suites in Gecko: Debian's firefox-esr, opened headless on vitest's page.
 *
 * Why not the usual providers (details and errors in docs/testing.md): Playwright's `moz-firefox`
 * channel fails on this ESR at `newContext` (it sends a BiDi command the ESR lacks), Playwright's
 * own Firefox build is a download, and WebdriverIO needs geckodriver, which Debian does not package
 * and whose npm installers download it. So this provider only opens the page; the tests drive
 * themselves over vitest's own websocket. Without WebDriver there are no real input events:
 * `userEvent` and `page.getBy*` locators throw "not supported by the firefox-esr provider", so a
 * suite that needs them is listed in FIREFOX_EXCLUDED with that reason.
 */

/** Files that must not run here, each with the reason. Printed on every run. */
const FIREFOX_EXCLUDED: readonly EngineExclusion[] = [
  {
    file: 'packages/element/src/face-verify/face-verify-handover.browser.test.ts',
    reason:
      'navigates the test frame to a CertifyUrl that answers 204; in firefox-esr 153 that ' +
      "navigation stops vitest's in-page runner (no result, the run hangs), while Chromium and " +
      'WebKit stay on the page and pass. The same hand-over runs in Chromium and WebKit.',
  },
];

/**
 * A throwaway profile that keeps Firefox quiet and offline: no first-run pages, no default-browser
 * prompt, no telemetry, updates or captive-portal probes (the test box has no internet, and such
 * requests only add noise and start-up time).
 */
const PREFS: Record<string, string | boolean | number> = {
  'browser.shell.checkDefaultBrowser': false,
  'browser.startup.homepage_override.mstone': 'ignore',
  'startup.homepage_welcome_url': '',
  'browser.aboutwelcome.enabled': false,
  'browser.sessionstore.resume_from_crash': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'toolkit.telemetry.reportingpolicy.firstRun': false,
  'app.update.disabledForTesting': true,
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'browser.region.update.enabled': false,
};

class FirefoxEsrProvider implements BrowserProvider {
  readonly name = 'firefox-esr';
  readonly supportsParallelism = false;
  private readonly browsers: { child: ChildProcess; profile: string }[] = [];

  getCommandsContext(): Record<string, unknown> {
    return {};
  }

  async openPage(_sessionId: string, url: string): Promise<void> {
    const binary = findFirefox();
    if (!binary) throw new Error("Firefox not found: install Debian's firefox-esr");
    const profile = mkdtempSync(join(tmpdir(), 'vitest-firefox-'));
    writeFileSync(
      join(profile, 'user.js'),
      Object.entries(PREFS)
        .map(([key, value]) => `user_pref(${JSON.stringify(key)}, ${JSON.stringify(value)});\n`)
        .join(''),
    );
    const child = spawnGroup(binary, ['-headless', '-no-remote', '-profile', profile, url], {
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (d: Buffer) => {
      stderr = (stderr + d.toString()).slice(-4000);
    });
    child.once('exit', (code, signal) => {
      // vitest would otherwise wait for the page until its connect timeout, with no hint why.
      if (this.browsers.some((b) => b.child === child)) {
        console.error(`firefox-esr exited early (${code ?? signal}):\n${stderr.trim()}`);
      }
    });
    this.browsers.push({ child, profile });
    // An interrupted run (Ctrl-C, a CI timeout) must not leave profiles behind in the temp dir.
    process.once('exit', () => rmSync(profile, { recursive: true, force: true }));
  }

  async close(): Promise<void> {
    const browsers = this.browsers.splice(0);
    for (const { child, profile } of browsers) {
      await stopChild(child);
      rmSync(profile, { recursive: true, force: true });
    }
  }
}

export default defineConfig(
  browserSuitesIn(
    'firefox',
    {
      enabled: true,
      headless: true,
      provider: defineBrowserProvider({
        name: 'firefox-esr',
        supportedBrowser: ['firefox'],
        options: {},
        providerFactory: () => new FirefoxEsrProvider(),
      }),
      instances: [{ browser: 'firefox' }],
    },
    { excluded: FIREFOX_EXCLUDED },
  ),
);
