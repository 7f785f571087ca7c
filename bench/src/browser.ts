/**
 * Browser figures: each variant gets its own tab, CPU-throttled through CDP
 * (`Emulation.setCPUThrottlingRate`), and is navigated again and again; the figure of one run is
 * `performance.now()` taken inside the page when the job is done, i.e. ms since that navigation's
 * time origin, posted back to the bench server by the page. Nothing is timed around Playwright calls
 * and nothing is evaluated in a page while it is measured, so Playwright's own work never counts.
 */
import type { Browser, CDPSession, Page } from 'playwright';
import type { BenchMark } from '../pages/marks.js';

/** A page to measure. */
export interface Variant {
  id: string;
  /** The URL of one navigation; `run` must travel as its `bench` query parameter. */
  url(run: string): string;
}

/** Waits for the mark a page posts for navigation `run`. */
export type MarkSource = (run: string, timeoutMs?: number) => Promise<BenchMark>;

/** How to measure. */
export interface NavigationOptions {
  runs: number;
  /** Runs per variant discarded first (cold process, first compile). */
  warmup: number;
  /** CPU slowdown factor (4 = a mid-range phone, as Lighthouse's mobile preset). */
  throttle: number;
  timeoutMs?: number;
  /** Called before each round, once the tabs exist (the bench renices new renderers here). */
  beforeRound?: () => void;
}

/** Samples of one variant: ms from navigation start to done, and the checks the page reported. */
export interface VariantSamples {
  samples: number[];
  checks: (string | number)[];
  /** Per run, where the time went (for pages whose script is marked). */
  phases: Phases[];
  /** Per run, the jsvm script's fetch (loader pages). */
  fetches: ScriptFetch[];
}

/** When a loader page's script fetch began and ended, and what came after it (ms). */
export interface ScriptFetch {
  /** Navigation start → the fetch of jsvm_all.js begins (how early the loader asks). */
  start: number;
  /** Fetch begin → response end (the server's fixed delay plus loopback). */
  duration: number;
  /** Response end → MetaInfo string in hand (script evaluation, load event, the call). */
  afterLoad: number;
}

/** Reads the script fetch out of a mark; undefined when the page had none. */
export function fetchOf(mark: BenchMark): ScriptFetch | undefined {
  const { scriptFetchStart: start, scriptResponseEnd: end } = mark;
  if (start === undefined || end === undefined) return undefined;
  return { start, duration: end - start, afterLoad: mark.t - end };
}

/** One run split at the page script's start and end marks (ms). */
export interface Phases {
  /** Navigation start → the page script starts evaluating (request, HTML, compile). */
  beforeScript: number;
  /** The page script's own evaluation, up to its end or to done, whichever is first. */
  script: number;
  /** Script end → done (microtasks, rendering, waits the page chose). */
  afterScript: number;
  /** The part of `afterScript` after DOMContentLoaded (a page waiting for it); 0 if done before. */
  afterDcl: number;
}

/** Splits one mark into phases; undefined when the page script was not marked. */
export function phasesOf(mark: BenchMark): Phases | undefined {
  if (mark.scriptStart === undefined) return undefined;
  const end = Math.min(mark.scriptEnd ?? mark.t, mark.t);
  const dcl = mark.domContentLoaded;
  return {
    beforeScript: mark.scriptStart,
    script: end - mark.scriptStart,
    afterScript: mark.t - end,
    afterDcl: dcl !== undefined && dcl > end ? mark.t - dcl : 0,
  };
}

/** Opens a tab with its CPU throttled. */
export async function throttledPage(
  browser: Browser,
  rate: number,
): Promise<{ page: Page; cdp: CDPSession }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate });
  return { page, cdp };
}

/** Navigates once and returns what the page recorded. */
export async function navigateAndRead(
  page: Page,
  url: string,
  run: string,
  marks: MarkSource,
  timeoutMs = 15_000,
): Promise<BenchMark> {
  const mark = marks(run, timeoutMs);
  // Attach a handler now so a navigation failure below cannot leave this promise unhandled.
  mark.catch(() => undefined);
  await page.goto(url, { waitUntil: 'commit', timeout: timeoutMs });
  return mark;
}

/** Samples of the variants that completed every run, and why the others were dropped. */
export interface NavigationResults {
  samples: Record<string, VariantSamples>;
  failures: Record<string, string>;
}

/**
 * Runs every variant `warmup + runs` times, interleaved (the order rotates each round), so drift on
 * a shared machine spreads over all variants instead of landing on one. A variant whose page fails
 * (no mark, a navigation error) is dropped with the reason; the others go on.
 */
export async function measureNavigations(
  browser: Browser,
  variants: readonly Variant[],
  marks: MarkSource,
  options: NavigationOptions,
): Promise<NavigationResults> {
  const tabs = new Map<string, Page>();
  for (const v of variants) tabs.set(v.id, (await throttledPage(browser, options.throttle)).page);
  const samples: Record<string, VariantSamples> = {};
  const failures: Record<string, string> = {};
  for (const v of variants) samples[v.id] = { samples: [], checks: [], phases: [], fetches: [] };
  try {
    for (let round = 0; round < options.warmup + options.runs; round++) {
      options.beforeRound?.();
      for (let i = 0; i < variants.length; i++) {
        const v = variants[(round + i) % variants.length] as Variant;
        const slot = samples[v.id];
        if (!slot || v.id in failures) continue; // dropped earlier
        const run = `${v.id}-${round}`;
        let mark: BenchMark;
        try {
          mark = await navigateAndRead(
            tabs.get(v.id) as Page,
            v.url(run),
            run,
            marks,
            options.timeoutMs,
          );
        } catch (error) {
          failures[v.id] =
            error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
          continue;
        }
        if (round < options.warmup) continue;
        slot.samples.push(mark.t);
        slot.checks.push(mark.check);
        const phases = phasesOf(mark);
        if (phases) slot.phases.push(phases);
        const fetch = fetchOf(mark);
        if (fetch) slot.fetches.push(fetch);
      }
    }
  } finally {
    for (const page of tabs.values()) await page.context().close();
  }
  const complete = Object.entries(samples).filter(([id]) => !(id in failures));
  return { samples: Object.fromEntries(complete), failures };
}

/**
 * Proof that the throttle is on and survives navigations: a fixed busy loop, timed inside the page,
 * on an unthrottled tab and on a throttled one after it has navigated. Returns both medians (ms).
 */
export async function throttleCheck(
  browser: Browser,
  rate: number,
  url: string,
): Promise<{ unthrottledMs: number; throttledMs: number }> {
  const loop = (): number => {
    const start = performance.now();
    let x = 0;
    for (let i = 0; i < 3_000_000; i++) x = (x + i * 7) % 1_000_003;
    // Keep the loop observable so it cannot be optimised away.
    if (x < 0) console.log(x);
    return performance.now() - start;
  };
  const time = async (page: Page): Promise<number> => {
    const samples: number[] = [];
    for (let i = 0; i < 5; i++) samples.push(await page.evaluate(loop));
    samples.sort((a, b) => a - b);
    return samples[2] as number;
  };
  const plain = await (await browser.newContext()).newPage();
  const slow = await throttledPage(browser, rate);
  try {
    await plain.goto(url, { waitUntil: 'load' });
    await slow.page.goto(url, { waitUntil: 'load' });
    await slow.page.goto(url, { waitUntil: 'load' });
    return { unthrottledMs: await time(plain), throttledMs: await time(slow.page) };
  } finally {
    await plain.context().close();
    await slow.page.context().close();
  }
}
