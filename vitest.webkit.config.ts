import { defineBrowserProvider } from '@vitest/browser';
import {
  WebdriverBrowserProvider,
  type WebdriverProviderOptions,
} from '@vitest/browser-webdriverio';
import { defineConfig } from 'vitest/config';
import type { TestProject } from 'vitest/node';
import {
  startWebKitServices,
  webkitCapabilities,
  WEBKIT_BROWSER_NAME,
  type WebKitServices,
} from './scripts/webkit-session.mjs';
import { browserSuitesIn, type EngineExclusion } from './scripts/browser-engines.js';

/**
 * The same browser-mode suites as the Chromium `browser` project in vitest.config.ts, run in real
 * WebKit: Debian's WebKitGTK MiniBrowser behind WebKitWebDriver, on a private Xvfb display. Most
 * users are on iOS, where every browser is WebKit. Run it with `node scripts/webkit.mjs`.
 */

declare module 'vitest/node' {
  interface _BrowserNames {
    /** WebKitWebDriver refuses a session whose browserName is not the one its browser reports. */
    webkitgtk: typeof WEBKIT_BROWSER_NAME;
  }
}

/**
 * Files that must not run in WebKitGTK, each with the reason. Empty by design: a file only goes here
 * when it needs something WebKit cannot provide (a Chromium-only API such as CDP), never because a
 * test fails in WebKit. Listed on every run so nothing is left out silently.
 */
const WEBKIT_EXCLUDED: readonly EngineExclusion[] = [];

/**
 * vitest's WebdriverIO provider, pointed at WebKitGTK: it starts Xvfb and WebKitWebDriver itself on
 * the first page (WebdriverIO has no driver manager for WebKitGTK and must not try to download
 * one), and stops them when vitest closes the provider.
 */
class WebKitGtkProvider extends WebdriverBrowserProvider {
  private services: Promise<WebKitServices> | undefined;

  constructor(
    project: TestProject,
    private readonly remoteOptions: WebdriverProviderOptions,
  ) {
    super(project, remoteOptions);
  }

  override async openBrowser(): Promise<WebdriverIO.Browser> {
    this.services ??= startWebKitServices();
    const { hostname, port } = await this.services;
    // The base class hands this same object to WebdriverIO's remote().
    Object.assign(this.remoteOptions, { hostname, port });
    return super.openBrowser();
  }

  override async close(): Promise<void> {
    try {
      await super.close();
    } finally {
      const services = this.services;
      this.services = undefined;
      await (await services)?.stop();
    }
  }
}

/** The provider definition; vitest's own `webdriverio()` only accepts firefox/chrome/edge/safari. */
function webkitgtk(): ReturnType<typeof defineBrowserProvider<WebdriverProviderOptions>> {
  // The base class sets browserName from the instance below, which is the same MiniBrowser.
  const options: WebdriverProviderOptions = {
    logLevel: 'warn',
    capabilities: webkitCapabilities(),
  };
  return defineBrowserProvider({
    name: 'webdriverio',
    supportedBrowser: [WEBKIT_BROWSER_NAME],
    options,
    providerFactory: (project) => new WebKitGtkProvider(project, options),
  });
}

export default defineConfig(
  browserSuitesIn(
    'webkit',
    {
      enabled: true,
      // Xvfb is the display: MiniBrowser's own --headless hangs session creation here.
      headless: false,
      provider: webkitgtk(),
      instances: [{ browser: WEBKIT_BROWSER_NAME }],
    },
    { excluded: WEBKIT_EXCLUDED },
  ),
);
