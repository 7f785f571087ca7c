/**
 * Browser figures: each variant gets its own tab, CPU-throttled through CDP
 * (`Emulation.setCPUThrottlingRate`), and is navigated again and again; the figure of one run is
 * `performance.now()` taken inside the page when the job is done, i.e. ms since that navigation's
 * time origin, posted back to the bench server by the page. Nothing is timed around Playwright calls
 * and nothing is evaluated in a page while it is measured, so Playwright's own work never counts.
 */
import type { Browser, CDPSession, Page } from 'playwright';
import type { BenchMark } from '../pages/record.js';

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
}

/** Samples of one variant: ms from navigation start to done, and the checks the page reported. */
export interface VariantSamples {
  samples: number[];
  checks: (string | number)[];
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

/**
 * Runs every variant `warmup + runs` times, interleaved (the order rotates each round), so drift on
 * a shared machine spreads over all variants instead of landing on one.
 */
export async function measureNavigations(
  browser: Browser,
  variants: readonly Variant[],
  marks: MarkSource,
  options: NavigationOptions,
): Promise<Record<string, VariantSamples>> {
  const tabs = new Map<string, Page>();
  for (const v of variants) tabs.set(v.id, (await throttledPage(browser, options.throttle)).page);
  const out: Record<string, VariantSamples> = {};
  for (const v of variants) out[v.id] = { samples: [], checks: [] };
  try {
    for (let round = 0; round < options.warmup + options.runs; round++) {
      for (let i = 0; i < variants.length; i++) {
        const v = variants[(round + i) % variants.length] as Variant;
        const page = tabs.get(v.id) as Page;
        const run = `${v.id}-${round}`;
        const mark = await navigateAndRead(page, v.url(run), run, marks, options.timeoutMs);
        if (round < options.warmup) continue;
        const slot = out[v.id] as VariantSamples;
        slot.samples.push(mark.t);
        slot.checks.push(mark.check);
      }
    }
  } finally {
    for (const page of tabs.values()) await page.context().close();
  }
  return out;
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
