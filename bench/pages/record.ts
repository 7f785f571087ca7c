/**
 * How a bench page hands its measurement to the runner: `performance.now()` (ms since this
 * navigation's time origin) at the moment the job is done, plus a check value that proves the page
 * did the job (the decoded code, the MetaInfo string), and where the page script's evaluation
 * began and ended, for the breakdown of where the time goes. It is posted to the bench server with
 * `sendBeacon` instead of being polled for, so the runner never executes anything in the page while
 * it is being measured.
 */

import { SCRIPT_END, SCRIPT_START, type BenchMark } from './marks.js';

const markTime = (name: string): number | undefined =>
  performance.getEntriesByName(name, 'mark')[0]?.startTime;

// Read at evaluation time: a page may strip its query (as return pages do) before it records.
const run = new URLSearchParams(location.search).get('bench') ?? '';
let recorded = false;

/** Sends the first measurement of this document; later ones are ignored. */
export function record(check: string | number): void {
  if (recorded) return;
  recorded = true;
  const t = performance.now();
  // Sent a task later: a page that finishes inside its own script has not reached the end mark yet.
  setTimeout(() => {
    const mark: BenchMark = { run, t, check };
    const start = markTime(SCRIPT_START);
    const end = markTime(SCRIPT_END);
    if (start !== undefined) mark.scriptStart = start;
    if (end !== undefined) mark.scriptEnd = end;
    const nav = performance.getEntriesByType('navigation')[0] as
      PerformanceNavigationTiming | undefined;
    const dcl = nav?.domContentLoadedEventStart ?? 0;
    if (dcl > 0 && dcl <= t) mark.domContentLoaded = dcl;
    const jsvm = performance
      .getEntriesByType('resource')
      .find((e) => new URL(e.name).pathname.startsWith('/jsvm/')) as
      PerformanceResourceTiming | undefined;
    if (jsvm) {
      mark.scriptFetchStart = jsvm.fetchStart;
      mark.scriptResponseEnd = jsvm.responseEnd;
    }
    navigator.sendBeacon('/__mark', JSON.stringify(mark));
  });
}
