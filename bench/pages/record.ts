/**
 * How a bench page hands its measurement to the runner: `performance.now()` (ms since this
 * navigation's time origin) at the moment the job is done, plus a check value that proves the page
 * did the job (the decoded code, the MetaInfo string). It is posted to the bench server with
 * `sendBeacon` instead of being polled for, so the runner never executes anything in the page while
 * it is being measured.
 */

/** What the runner receives for one navigation. */
export interface BenchMark {
  /** The `bench` query parameter of the navigation, so a late mark cannot be taken for the next one. */
  run: string;
  t: number;
  check: string | number;
}

// Read at evaluation time: a page may strip its query (as return pages do) before it records.
const run = new URLSearchParams(location.search).get('bench') ?? '';
let recorded = false;

/** Sends the first measurement of this document; later ones are ignored. */
export function record(check: string | number): void {
  if (recorded) return;
  recorded = true;
  const mark: BenchMark = { run, t: performance.now(), check };
  navigator.sendBeacon('/__mark', JSON.stringify(mark));
}
