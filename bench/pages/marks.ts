/**
 * The data a bench page sends back, and the names of the marks around each page script. Free of
 * side effects, so the Node side can import it (record.ts reads `location` when it loads).
 */

/** What the runner receives for one navigation. */
export interface BenchMark {
  /** The `bench` query parameter of the navigation, so a late mark cannot be taken for the next one. */
  run: string;
  t: number;
  check: string | number;
  /** `performance.now()` when the page's bundled script began and finished evaluating, if marked. */
  scriptStart?: number;
  scriptEnd?: number;
  /** `domContentLoadedEventStart` of the navigation, when it came before done. */
  domContentLoaded?: number;
  /** Resource timing of the page's jsvm script (loader pages): when its fetch began and ended. */
  scriptFetchStart?: number;
  scriptResponseEnd?: number;
}

/** Names of the marks the bench's esbuild banner and footer put around each page script. */
export const SCRIPT_START = 'bench:script-start';
export const SCRIPT_END = 'bench:script-end';
