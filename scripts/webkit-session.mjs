// Starts real WebKit (WebKitGTK's MiniBrowser, the engine family of iOS Safari and every iOS in-app
// view) behind Debian's WebKitWebDriver on a private Xvfb display, and hands out WebdriverIO
// sessions to it. Shared by vitest.webkit.config.ts (browser-mode unit suites) and by end-to-end
// scripts that drive the demo, so both start the engine the same way.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';

/** Debian packages that provide the WebKit engine, its WebDriver and the virtual display. */
export const WEBKIT_DEBIAN_PACKAGES = ['webkit2gtk-driver', 'xvfb'];

/** Browser name WebKitWebDriver reports for MiniBrowser; a session asking for another name is refused. */
export const WEBKIT_BROWSER_NAME = 'MiniBrowser';

/** The WebKitWebDriver binary: `WEBKIT_WEBDRIVER`, else the first one on PATH, else undefined. */
export function findWebKitWebDriver() {
  const fromEnv = process.env.WEBKIT_WEBDRIVER;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined;
  for (const dir of (process.env.PATH ?? '').split(':').concat('/usr/bin')) {
    const candidate = join(dir || '.', 'WebKitWebDriver');
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

/**
 * MiniBrowser: `WEBKIT_MINIBROWSER`, else Debian's `/usr/lib/<triplet>/webkit2gtk-4.x/MiniBrowser`
 * (newest API version first). Passed explicitly so a missing browser fails with its path in the
 * message instead of the driver's bare "Failed to match capabilities".
 */
export function findMiniBrowser() {
  const fromEnv = process.env.WEBKIT_MINIBROWSER;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined;
  const found = [];
  for (const lib of ['/usr/lib', '/usr/libexec']) {
    if (!existsSync(lib)) continue;
    for (const triplet of readdirSync(lib)) {
      const dir = join(lib, triplet);
      for (const api of safeReaddir(dir)) {
        if (!/^webkit2?gtk-\d/.test(api)) continue;
        const binary = join(dir, api, 'MiniBrowser');
        if (existsSync(binary)) found.push({ api, binary });
      }
    }
  }
  found.sort((a, b) => b.api.localeCompare(a.api, 'en', { numeric: true }));
  return found[0]?.binary;
}

function safeReaddir(dir) {
  try {
    return readdirSync(dir);
  } catch {
    return [];
  }
}

/**
 * Capabilities for a MiniBrowser session. WebDriver classic is enforced: WebdriverIO 9 otherwise
 * asks for `webSocketUrl` (BiDi), which this WebKitWebDriver rejects as unmatched capabilities.
 */
export function webkitCapabilities() {
  const binary = findMiniBrowser();
  return {
    browserName: WEBKIT_BROWSER_NAME,
    'wdio:enforceWebDriverClassic': true,
    'webkitgtk:browserOptions': {
      ...(binary ? { binary } : {}),
      // MiniBrowser only accepts a driver's connection in automation mode.
      args: ['--automation'],
    },
  };
}

/** Every child this module started, so that an abrupt exit does not leave Xvfb or WebKit behind. */
const children = new Set();
process.once('exit', () => {
  for (const child of children) killGroup(child);
});

/** Children run in their own process group: WebKitWebDriver forks MiniBrowser and its web processes. */
function killGroup(child) {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGTERM');
  } catch {
    // Already gone: nothing left to clean up.
  }
}

/**
 * Spawns a browser-side helper (Xvfb, a driver, a browser) in its own process group and tracks it,
 * so that {@link stopChild} and an abrupt exit take its whole process tree down. Shared with the
 * Firefox runner (vitest.firefox.config.ts).
 */
export function spawnGroup(command, args, options = {}) {
  const child = spawn(command, args, { ...options, detached: true });
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

/** Stops a child from {@link spawnGroup}: SIGTERM to its group, SIGKILL after `graceMs`. */
export async function stopChild(child, graceMs = 3000) {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  killGroup(child);
  const timer = setTimeout(() => {
    try {
      process.kill(-child.pid, 'SIGKILL');
    } catch {
      // Exited between the check and the timer.
    }
  }, graceMs);
  await exited;
  clearTimeout(timer);
}

/**
 * Starts `Xvfb` on a display it picks itself (`-displayfd`, so parallel runs never race for a
 * number the way `xvfb-run -a` can). Resolves to `{ display, stop }`.
 */
export async function startXvfb({ screen = '1280x1024x24', timeoutMs = 10_000 } = {}) {
  const child = spawnGroup(
    'Xvfb',
    ['-displayfd', '3', '-screen', '0', screen, '-nolisten', 'tcp'],
    {
      stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
    },
  );
  let stderr = '';
  child.stderr.on('data', (d) => (stderr += d));
  const display = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(
      () => fail(`Xvfb did not report a display in ${timeoutMs} ms`),
      timeoutMs,
    );
    const fail = (why) => {
      clearTimeout(timer);
      killGroup(child);
      reject(new Error(`${why}${stderr ? `\n${stderr.trim()}` : ''}`));
    };
    child.once('error', (e) => fail(`cannot start Xvfb (${e.message}); install Debian's xvfb`));
    child.once('exit', (code) => fail(`Xvfb exited early with ${code}`));
    child.stdio[3].on('data', (d) => {
      out += d;
      if (!out.includes('\n')) return;
      clearTimeout(timer);
      child.removeAllListeners('exit');
      resolve(`:${out.trim()}`);
    });
  });
  child.stdio[3].destroy();
  return { display, stop: () => stopChild(child) };
}

/** A TCP port the kernel just handed out on loopback; WebKitWebDriver cannot pick its own. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts WebKitWebDriver on a free loopback port with `display` as its X display, and waits until it
 * answers `/status`. Resolves to `{ hostname, port, stop }`.
 */
export async function startWebKitDriver({ display, timeoutMs = 10_000 } = {}) {
  const binary = findWebKitWebDriver();
  if (!binary) {
    throw new Error(
      "WebKitWebDriver not found: install Debian's webkit2gtk-driver (or set WEBKIT_WEBDRIVER)",
    );
  }
  const hostname = '127.0.0.1';
  const port = await freePort();
  const env = { ...process.env, ...(display ? { DISPLAY: display } : {}) };
  // GTK would otherwise try to reach a session bus / accessibility bus that a test box lacks.
  env.NO_AT_BRIDGE = '1';
  const child = spawnGroup(binary, [`--port=${port}`, '--host=local'], {
    env,
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (d) => {
    stderr += d;
    if (stderr.length > 20_000) stderr = stderr.slice(-10_000);
  });
  let exited = false;
  child.once('exit', () => (exited = true));
  let spawnError;
  child.once('error', (e) => (spawnError = e));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (spawnError || exited) {
      throw new Error(
        `WebKitWebDriver did not start${spawnError ? ` (${spawnError.message})` : ''}${stderr ? `\n${stderr.trim()}` : ''}`,
      );
    }
    try {
      const res = await fetch(`http://${hostname}:${port}/status`);
      if (res.ok) break;
    } catch {
      // Not listening yet.
    }
    if (Date.now() > deadline) {
      await stopChild(child);
      throw new Error(`WebKitWebDriver did not answer on port ${port} within ${timeoutMs} ms`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return { hostname, port, stop: () => stopChild(child), stderr: () => stderr };
}

/**
 * Virtual display plus driver, ready for WebdriverIO. Uses the current `DISPLAY` only when
 * `WEBKIT_USE_DISPLAY=1` (to watch a run on a desktop); otherwise always a private Xvfb.
 */
export async function startWebKitServices(options = {}) {
  const useOwnDisplay = process.env.WEBKIT_USE_DISPLAY === '1' && Boolean(process.env.DISPLAY);
  const xvfb = useOwnDisplay ? undefined : await startXvfb();
  try {
    const driver = await startWebKitDriver({
      ...options,
      display: xvfb?.display ?? process.env.DISPLAY,
    });
    return {
      hostname: driver.hostname,
      port: driver.port,
      display: xvfb?.display ?? process.env.DISPLAY,
      driverStderr: driver.stderr,
      async stop() {
        await driver.stop();
        await xvfb?.stop();
      },
    };
  } catch (e) {
    await xvfb?.stop();
    throw e;
  }
}

/**
 * One WebdriverIO session in MiniBrowser, for end-to-end scripts: `const { browser, close } =
 * await openWebKit(); await browser.url(...); ...; await close();`. `remoteOptions` go to
 * WebdriverIO's `remote()` (e.g. `logLevel`); capabilities are merged over {@link webkitCapabilities}.
 */
export async function openWebKit(remoteOptions = {}) {
  const services = await startWebKitServices();
  try {
    const { remote } = await import('webdriverio');
    const { capabilities = {}, ...rest } = remoteOptions;
    const browser = await remote({
      logLevel: 'warn',
      ...rest,
      hostname: services.hostname,
      port: services.port,
      capabilities: { ...webkitCapabilities(), ...capabilities },
    });
    return {
      browser,
      async close() {
        try {
          await browser.deleteSession();
        } finally {
          await services.stop();
        }
      },
    };
  } catch (e) {
    const log = services.driverStderr().trim();
    await services.stop();
    if (log && e instanceof Error) e.message += `\nWebKitWebDriver said:\n${log}`;
    throw e;
  }
}
