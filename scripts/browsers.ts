import { existsSync } from 'node:fs';

/** Flags that let Chromium start as root on a machine with no network but loopback. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-quic',
  '--no-first-run',
  '--disable-sync',
];

/**
 * Where to find Chromium: `CHROMIUM_PATH`, else Debian's `/usr/bin/chromium`, else undefined so that
 * Playwright falls back to its own downloaded browser on machines that have one.
 */
export function chromiumExecutable(): string | undefined {
  const candidates = [
    process.env['CHROMIUM_PATH'],
    '/usr/bin/chromium',
    '/usr/bin/chromium-browser',
  ];
  return candidates.find((p): p is string => typeof p === 'string' && p !== '' && existsSync(p));
}

/** Launch options for Playwright's chromium: Debian's binary when present, Playwright's own otherwise. */
export function chromiumLaunchOptions(): { executablePath?: string; args: string[] } {
  const executablePath = chromiumExecutable();
  return executablePath ? { executablePath, args: CHROMIUM_ARGS } : { args: CHROMIUM_ARGS };
}
