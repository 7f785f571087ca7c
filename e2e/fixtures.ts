/**
 * Shared fixtures of the demo end-to-end suite: every `face-verify-*` event the page fires is
 * recorded in Node (through `exposeFunction`, so the record survives navigations), dialogs fail
 * the test, and helpers drive the emulator's certify page, take screenshots and run axe.
 */
import AxeBuilder from '@axe-core/playwright';
import {
  FACE_VERIFY_EVENT_NAMES,
  STRINGS,
  type FaceVerifyEventName,
} from '@aliyun-face-verify/element';
import type { OutcomeId } from '@aliyun-face-verify/emulator';
import { test as base, expect, type Page, type TestInfo } from '@playwright/test';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The element's own texts (en), from its public `STRINGS`: tests assert that the right text shows,
 * without restating the wording.
 */
export const UI = STRINGS.en;

/** Every event the element fires, and one of them: the element's own list. */
export const EVENT_NAMES = FACE_VERIFY_EVENT_NAMES;
export type EventName = FaceVerifyEventName;

/** An event as the page saw it: its `detail` round-tripped through JSON, and the page address. */
export interface RecordedEvent {
  type: EventName;
  detail: Record<string, unknown>;
  url: string;
  cancelable: boolean;
}

/** The recorded events of one test, with small query helpers. */
export class EventRecord {
  readonly all: RecordedEvent[] = [];

  /** Events of one type, in order. */
  of(type: EventName): RecordedEvent[] {
    return this.all.filter((e) => e.type === type);
  }

  /** Waits for the `n`-th (1-based) event of a type and returns it. */
  async next(type: EventName, n = 1): Promise<RecordedEvent> {
    await expect
      .poll(() => this.of(type).length, { message: `waiting for ${type} #${n}` })
      .toBeGreaterThanOrEqual(n);
    return this.of(type)[n - 1] as RecordedEvent;
  }

  /** Event types in order, e.g. for asserting a whole sequence. */
  types(): EventName[] {
    return this.all.map((e) => e.type);
  }
}

interface Fixtures {
  events: EventRecord;
  /** Dialogs the page opened (always expected to stay empty; checked after every test). */
  dialogs: string[];
  /** Messages of `securitypolicyviolation` events (CSP or Trusted Types) on demo pages. */
  cspViolations: string[];
}

export const test = base.extend<Fixtures>({
  events: async ({ page }, use) => {
    const record = new EventRecord();
    await page.exposeFunction('__afvRecordEvent', (event: RecordedEvent) => {
      record.all.push(event);
    });
    await page.addInitScript((names: readonly string[]) => {
      const send = (window as unknown as { __afvRecordEvent: (e: unknown) => void })
        .__afvRecordEvent;
      for (const name of names) {
        // Capture on document: sees the element's events before any page listener can stop them.
        document.addEventListener(
          name,
          (event) => {
            const detail = (event as Event & { detail?: unknown }).detail;
            void send({
              type: event.type,
              detail: JSON.parse(JSON.stringify(detail ?? {})) as unknown,
              url: location.href,
              cancelable: event.cancelable,
            });
          },
          true,
        );
      }
    }, EVENT_NAMES);
    await use(record);
  },
  dialogs: [
    async ({ page }, use) => {
      // A dialog (alert, confirm, prompt) would mean injected script ran: every test fails on one.
      const seen: string[] = [];
      page.on('dialog', (dialog) => {
        seen.push(`${dialog.type()}: ${dialog.message()}`);
        void dialog.dismiss();
      });
      await use(seen);
      expect(seen, 'no page may open a dialog').toEqual([]);
    },
    { auto: true },
  ],
  cspViolations: async ({ page }, use) => {
    const violations: string[] = [];
    await page.exposeFunction('__afvRecordViolation', (line: string) => {
      violations.push(line);
    });
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        void (
          window as unknown as { __afvRecordViolation: (l: string) => void }
        ).__afvRecordViolation(
          `${location.pathname}: ${event.violatedDirective} blocked ${event.blockedURI || 'inline'} (${event.sample})`,
        );
      });
    });
    await use(violations);
  },
});

export { expect };

/** Outcome ids of the emulator's certify page (`button[name=outcome]` values). */
export type { OutcomeId };

/** The element on the page (the demo pages have one each). */
export const verifier = (page: Page) => page.locator('aliyun-face-verify');

/** Clicks the element's start button. */
export async function clickStart(page: Page): Promise<void> {
  await verifier(page).getByRole('button', { name: UI.start, exact: true }).click();
}

/** Waits for the emulator's consent page, agrees, and picks `outcome` on the simulated scan page. */
export async function completeOnEmulator(page: Page, outcome: OutcomeId): Promise<void> {
  await page.waitForURL(/\/certify\//);
  await page.getByRole('checkbox').check();
  await page.locator('button[value="agree"]').click();
  await page.locator(`button[name="outcome"][value="${outcome}"]`).click();
}

/** Start → emulator → back, ending on the return page. */
export async function runFlow(page: Page, outcome: OutcomeId, returnUrl: RegExp): Promise<void> {
  await clickStart(page);
  await completeOnEmulator(page, outcome);
  await page.waitForURL(returnUrl);
}

const artifacts = join(dirname(fileURLToPath(import.meta.url)), 'artifacts');

/** Saves a full-page screenshot under e2e/artifacts/<project>/ and attaches it to the report. */
export async function screenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  const path = join(artifacts, testInfo.project.name, `${name}.png`);
  mkdirSync(dirname(path), { recursive: true });
  // CSS pixels: a phone's 3x device pixels would only make the files (and the run) heavier.
  await page.screenshot({ path, fullPage: true, animations: 'disabled', scale: 'css' });
  await testInfo.attach(name, { path, contentType: 'image/png' });
}

/** Runs axe (WCAG 2.x A/AA) on the page and expects no violations; the report is attached. */
export async function expectAccessible(
  page: Page,
  testInfo: TestInfo,
  name: string,
  disableRules: readonly string[] = [],
): Promise<void> {
  const results = await new AxeBuilder({ page })
    .withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'])
    .disableRules([...disableRules])
    .analyze();
  const summary = results.violations.map(
    (v) =>
      `${v.id} (${v.impact ?? 'n/a'}): ${v.help} — ${v.nodes.map((n) => n.target.join(' ')).join(' | ')}`,
  );
  if (summary.length) {
    await testInfo.attach(`axe-${name}`, {
      body: JSON.stringify(results.violations, null, 2),
      contentType: 'application/json',
    });
  }
  expect(summary, `axe violations on ${name}`).toEqual([]);
}

/** The demo's `response` value for a payload, encoded the way the service does it (query: once). */
export function encodeResponse(payload: unknown, times = 1): string {
  let value = JSON.stringify(payload);
  for (let i = 0; i < times; i++) value = encodeURIComponent(value);
  return value;
}
