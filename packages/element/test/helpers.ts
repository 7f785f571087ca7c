/**
 * Helpers for the element's browser tests (vitest browser mode, real Chromium). Not published.
 */
import axe from 'axe-core';
import { setupWorker, type SetupWorker } from 'msw/browser';
import { expect } from 'vitest';
import { FACE_VERIFY_EVENT_NAMES, type FaceVerifyEventName } from '../src/events.js';

/** URL prefix of the fixtures served by `test/vite-plugin.ts`. */
export const FIXTURES = '/__aliyun-face-verify-element';

/** The jsvm stand-in. */
export const JSVM = `${FIXTURES}/jsvm.js`;

/** The element's event names, each mapped to its event class by `GlobalEventHandlersEventMap`. */
export const EVENT_NAMES = FACE_VERIFY_EVENT_NAMES;
export type EventName = FaceVerifyEventName;

/** Every event of each kind a target fired, in order. */
export type Recorded = { [K in EventName]: GlobalEventHandlersEventMap[K][] };

let worker: SetupWorker | undefined;

/** Starts msw's service worker once per test file (served at `/mockServiceWorker.js` by the plugin). */
export async function mockServer(): Promise<SetupWorker> {
  if (!worker) {
    worker = setupWorker();
    await worker.start({
      quiet: true,
      onUnhandledRequest: 'bypass',
      serviceWorker: { url: '/mockServiceWorker.js' },
    });
  }
  return worker;
}

/** Records every element event that reaches `target` (they bubble and are composed). */
export function record(target: EventTarget): Recorded {
  const seen = Object.fromEntries(EVENT_NAMES.map((name) => [name, []])) as unknown as Recorded;
  for (const name of EVENT_NAMES) {
    target.addEventListener(name, (event) => (seen[name] as Event[]).push(event));
  }
  return seen;
}

/** Resolves with the next `name` event that reaches `target`. */
export function next<K extends EventName>(
  target: EventTarget,
  name: K,
): Promise<GlobalEventHandlersEventMap[K]> {
  return new Promise((resolve) =>
    target.addEventListener(name, (event) => resolve(event as GlobalEventHandlersEventMap[K]), {
      once: true,
    }),
  );
}

/** A fresh `<main>` landmark to mount elements in, as on a real page; removed by {@link cleanup}. */
export function stage(): HTMLElement {
  const main = document.createElement('main');
  main.dataset['testStage'] = '';
  document.body.append(main);
  return main;
}

/** Removes every stage and the loader's script tags, forgets the jsvm global and the pending record. */
export function cleanup(): void {
  for (const el of document.querySelectorAll('[data-test-stage], script[data-aliyun-face-verify]'))
    el.remove();
  delete (window as { getMetaInfo?: unknown }).getMetaInfo;
  sessionStorage.clear();
  // WebKit (like Safari) allows 100 replaceState calls per 10 s: only reset a URL that changed.
  if (location.href !== home) history.replaceState(history.state, '', home);
}

/** The element's visible text (shadow DOM), whitespace collapsed. */
export function text(el: Element): string {
  return (el.shadowRoot?.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** One element in the element's shadow root, or a failed expectation. */
export function $(el: Element, selector: string): HTMLElement {
  const found = el.shadowRoot?.querySelector<HTMLElement>(selector);
  expect(found, `no ${selector} in the shadow root`).toBeTruthy();
  return found as HTMLElement;
}

/** The label → value pairs the current view lists (its `<dl>`). */
export function facts(el: Element): Record<string, string> {
  const terms = [...(el.shadowRoot?.querySelectorAll('dt') ?? [])];
  return Object.fromEntries(
    terms.map((dt) => [dt.textContent?.trim(), dt.nextElementSibling?.textContent?.trim() ?? '']),
  );
}

/** The heading of the current view. */
export function heading(el: Element): string {
  return $(el, 'h2').textContent?.trim() ?? '';
}

/** Waits until `check` passes (polling every animation frame), up to `timeoutMs`. */
export async function until(check: () => unknown, timeoutMs = 5000): Promise<void> {
  await expect.poll(check, { timeout: timeoutMs, interval: 16 }).toBeTruthy();
}

/** Runs axe-core on the element (shadow DOM included) and fails with a readable list of violations. */
export async function expectAccessible(el: Element): Promise<void> {
  const results = await axe.run(el, { resultTypes: ['violations'] });
  const found = results.violations.map(
    (v) => `${v.id} (${v.impact ?? 'n/a'}): ${v.help} — ${v.nodes.map((n) => n.html).join(' | ')}`,
  );
  expect(found).toEqual([]);
}

/** The test page's own address (vitest's iframe parameters), restored by {@link cleanup}. */
const home = location.href;

/** Puts `response=<value>` on the address bar (query, or inside the hash route) without reloading. */
export function returnWith(value: string, routing: 'history' | 'hash' = 'history'): void {
  const url = new URL(home);
  // Appended by hand: URLSearchParams would re-encode the value under test.
  if (routing === 'history') url.search += `&response=${value}`;
  else url.hash = `#/verify?response=${value}`;
  history.replaceState(history.state, '', url.href);
}

/** The `response` value the certify page appends: JSON, URL-encoded once (history routing). */
export function encodeResponse(payload: Record<string, unknown>): string {
  return encodeURIComponent(JSON.stringify(payload));
}

/** Writes the pending record `startVerification` leaves before navigating (with the merchant's ticket, if any). */
export function pending(
  certifyId: string | undefined,
  startedAt = Date.now(),
  ticket?: string,
): void {
  sessionStorage.setItem(
    'aliyun-face-verify:pending',
    JSON.stringify({
      v: 1,
      startedAt,
      ...(certifyId ? { certifyId } : {}),
      ...(ticket ? { ticket } : {}),
    }),
  );
}

/**
 * Records the `src` of every `<script>` added anywhere in the document (the loader adds its tag to
 * `document.head`) until `stop()`, which returns them, including those still queued.
 */
export function watchScripts(): { stop: () => string[] } {
  const added: string[] = [];
  const collect = (mutations: MutationRecord[]): void => {
    for (const { addedNodes } of mutations)
      for (const node of addedNodes)
        if (node instanceof Element)
          for (const script of [node, ...node.querySelectorAll('script')])
            if (script instanceof HTMLScriptElement) added.push(script.src);
  };
  const observer = new MutationObserver(collect);
  observer.observe(document, { childList: true, subtree: true });
  return {
    stop: () => {
      collect(observer.takeRecords());
      observer.disconnect();
      return added;
    },
  };
}
