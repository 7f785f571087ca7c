// Types for find-firefox.mjs, so vitest.firefox.config.ts can import it strictly.

/** `FIREFOX_PATH`, else Debian's firefox-esr, else `/usr/bin/firefox`; undefined when none exists. */
export declare function findFirefox(): string | undefined;
