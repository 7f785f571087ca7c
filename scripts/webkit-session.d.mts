// Types for webkit-session.mjs, so TypeScript configs and end-to-end specs can import it strictly.
import type { ChildProcess, SpawnOptions } from 'node:child_process';
import type { remote } from 'webdriverio';

/** Spawns a helper in its own process group, tracked so an abrupt exit takes its tree down. */
export declare function spawnGroup(
  command: string,
  args: readonly string[],
  options?: SpawnOptions,
): ChildProcess;
/** SIGTERM to the child's group, SIGKILL after `graceMs`; resolves once it has exited. */
export declare function stopChild(child: ChildProcess, graceMs?: number): Promise<void>;

/** Debian packages that provide the WebKit engine, its WebDriver and the virtual display. */
export declare const WEBKIT_DEBIAN_PACKAGES: readonly string[];
/** Browser name WebKitWebDriver reports for MiniBrowser. */
export declare const WEBKIT_BROWSER_NAME: 'MiniBrowser';

/** The WebKitWebDriver binary (`WEBKIT_WEBDRIVER`, else PATH), or undefined when not installed. */
export declare function findWebKitWebDriver(): string | undefined;
/** Debian's MiniBrowser (`WEBKIT_MINIBROWSER`, else `/usr/lib/<triplet>/webkit2gtk-4.x/`), if any. */
export declare function findMiniBrowser(): string | undefined;

/** WebDriver capabilities for a MiniBrowser session (classic WebDriver, explicit binary). */
export interface WebKitCapabilities {
  browserName: 'MiniBrowser';
  'wdio:enforceWebDriverClassic': true;
  'webkitgtk:browserOptions': { binary?: string; args: string[] };
}
/** Capabilities for a MiniBrowser session. */
export declare function webkitCapabilities(): WebKitCapabilities;

/** A private Xvfb server and its display name (`:N`). */
export interface Xvfb {
  display: string;
  stop(): Promise<void>;
}
/** Starts Xvfb on a display number it picks itself. */
export declare function startXvfb(options?: { screen?: string; timeoutMs?: number }): Promise<Xvfb>;

/** A free loopback TCP port. */
export declare function freePort(): Promise<number>;

/** A running WebKitWebDriver. */
export interface WebKitDriver {
  hostname: string;
  port: number;
  stop(): Promise<void>;
  stderr(): string;
}
/** Starts WebKitWebDriver on a free port and waits for `/status`. */
export declare function startWebKitDriver(options?: {
  display?: string | undefined;
  timeoutMs?: number;
}): Promise<WebKitDriver>;

/** Xvfb plus WebKitWebDriver, ready for WebdriverIO. */
export interface WebKitServices {
  hostname: string;
  port: number;
  display: string | undefined;
  driverStderr(): string;
  stop(): Promise<void>;
}
/** Starts a private Xvfb (unless `WEBKIT_USE_DISPLAY=1`) and WebKitWebDriver on it. */
export declare function startWebKitServices(options?: {
  timeoutMs?: number;
}): Promise<WebKitServices>;

type RemoteOptions = Parameters<typeof remote>[0];
/** One WebdriverIO session in MiniBrowser; `close()` ends it and stops the driver and display. */
export declare function openWebKit(
  remoteOptions?: Partial<RemoteOptions>,
): Promise<{ browser: WebdriverIO.Browser; close(): Promise<void> }>;
