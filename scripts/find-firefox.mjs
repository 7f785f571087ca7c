// The one Firefox lookup, shared by scripts/firefox.mjs (is it installed?) and
// vitest.firefox.config.ts (which binary to start).
import { existsSync } from 'node:fs';

/** `FIREFOX_PATH`, else Debian's firefox-esr (`/usr/bin/firefox-esr` links to it), else `/usr/bin/firefox`. */
export function findFirefox() {
  const candidates = [
    process.env.FIREFOX_PATH,
    '/usr/lib/firefox-esr/firefox-esr',
    '/usr/bin/firefox-esr',
    '/usr/bin/firefox',
  ];
  return candidates.find((path) => typeof path === 'string' && path !== '' && existsSync(path));
}
