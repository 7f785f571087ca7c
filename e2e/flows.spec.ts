/**
 * Whole verification flows, demo → emulator → back, on desktop Chrome: every outcome the emulator
 * offers, both routing modes, and what a reload or the back button does afterwards.
 */
import { describeVerifyCode } from '@aliyun-face-verify/core';
import type { Page } from '@playwright/test';
import {
  clickStart,
  completeOnEmulator,
  expect,
  expectAccessible,
  runFlow,
  screenshot,
  test,
  verifier,
  type EventRecord,
  type OutcomeId,
  UI,
} from './fixtures.js';

/**
 * One outcome of the emulator's certify page: what `response` carries (from the seeds' code
 * tables) and, for 1000 and 2006, what DescribeFaceVerify answers afterwards.
 */
interface Expected {
  id: OutcomeId;
  code: number;
  subCode?: string;
  reason: string;
  verdict?: { passed: boolean; subCode: string };
}

const OUTCOMES: readonly Expected[] = [
  { id: 'pass', code: 1000, reason: 'success', verdict: { passed: true, subCode: '200' } },
  { id: 'pass-policy', code: 1000, reason: 'success', verdict: { passed: true, subCode: '210' } },
  {
    id: 'identity-mismatch',
    code: 2006,
    reason: 'verify failed',
    verdict: { passed: false, subCode: '201' },
  },
  {
    id: 'identity-not-found',
    code: 2006,
    reason: 'verify failed',
    verdict: { passed: false, subCode: '202' },
  },
  {
    id: 'photo-unavailable',
    code: 2006,
    reason: 'verify failed',
    verdict: { passed: false, subCode: '203' },
  },
  {
    id: 'face-mismatch',
    code: 2006,
    reason: 'verify failed',
    verdict: { passed: false, subCode: '204' },
  },
  {
    id: 'liveness-risk',
    code: 2006,
    reason: 'verify failed',
    verdict: { passed: false, subCode: '205' },
  },
  {
    id: 'policy-limit',
    code: 2006,
    reason: 'verify failed',
    verdict: { passed: false, subCode: '206' },
  },
  {
    id: 'too-many-retries',
    code: 2006,
    subCode: 'Z5056',
    reason: 'retry too many times',
    verdict: { passed: false, subCode: '204' },
  },
  { id: 'upload-failed', code: 1001, subCode: 'Z5051', reason: 'upload face image failed' },
  { id: 'data-error', code: 1003, subCode: 'Z5052', reason: 'system error' },
  { id: 'network-error', code: 2002, subCode: 'Z5053', reason: 'network error' },
  { id: 'camera-unavailable', code: 1003, subCode: 'Z5054', reason: 'camera permission denied' },
  { id: 'user-exit', code: 1003, subCode: 'Z5055', reason: 'user exit' },
  { id: 'device-clock', code: 2003, reason: 'device time error' },
];

/** Counts POSTs to the describe endpoint, to prove when the server was (not) asked. */
function countDescribes(page: Page): () => number {
  let n = 0;
  page.on('request', (request) => {
    if (request.method() === 'POST' && request.url().endsWith('/api/face-verify/describe')) n++;
  });
  return () => n;
}

/** Asserts everything the user and the merchant panel show for an outcome, and the events fired. */
async function expectOutcome(
  page: Page,
  events: EventRecord,
  o: Expected,
  routing: 'history' | 'hash',
  describes: () => number,
): Promise<void> {
  const redirect = await events.next('face-verify-redirect');
  const certifyId = redirect.detail['certifyId'];
  expect(certifyId).toEqual(expect.any(String));
  const result = await events.next('face-verify-result');
  // Decoded exactly: same fields as the emulator sent, nothing added, nothing lost.
  expect(result.detail['result']).toEqual({
    code: o.code,
    ...(o.subCode ? { subCode: o.subCode } : {}),
    reason: o.reason,
    extInfo: { certifyId },
    certifyId,
    passed: o.code === 1000,
    routing,
  });
  expect(result.detail).toMatchObject({
    source: 'return',
    correlation: { pending: true, certifyIdMatches: true, stale: false },
  });
  expect(result.detail).not.toHaveProperty('suspicion');
  expect(page.url()).not.toContain('response=');

  const el = verifier(page);
  const browserVerdict = page.getByTestId('browser-verdict');
  const serverVerdict = page.getByTestId('server-verdict');
  // The browser code as the catalog explains it: the merchant panel always shows it.
  const meaning = describeVerifyCode(o.code, o.subCode, 'en');
  await expect(browserVerdict.locator('.verdict-status')).toHaveText(meaning.title);
  await expect(browserVerdict).toContainText(o.reason);
  if (o.verdict) {
    // 1000 and 2006: the element asks the server, and the server's verdict is what the user sees.
    const described = await events.next('face-verify-described');
    expect(described.detail).toMatchObject({ certifyId, ...o.verdict });
    const message = String(described.detail['message']);
    expect(message).not.toBe('');
    await expect(
      el.getByRole('heading', {
        name: o.verdict.passed ? UI.passedTitle : UI.failedTitle,
        exact: true,
      }),
    ).toBeVisible();
    await expect(el.getByText(message, { exact: true })).toBeVisible();
    await expect(serverVerdict.locator('.verdict-status')).toHaveText(
      o.verdict.passed ? 'Passed' : 'Not passed',
    );
    await expect(serverVerdict).toContainText(o.verdict.subCode);
    await expect(el.getByRole('button', { name: UI.again, exact: true })).toHaveCount(
      o.verdict.passed ? 0 : 1,
    );
    expect(describes()).toBe(1);
  } else {
    // Anything else: the catalog's title, message and next action, and no server round trip.
    await expect(el.getByRole('heading', { name: meaning.title, exact: true })).toBeVisible();
    await expect(el.getByText(meaning.message, { exact: true })).toBeVisible();
    await expect(serverVerdict.locator('.verdict-status')).toHaveText('Not queried');
    // Every browser-side failure offers a new attempt.
    await expect(el.getByRole('button', { name: UI.again, exact: true })).toBeVisible();
    // DescribeFaceVerify only answers after 1000/2006: the element must not ask.
    expect(describes()).toBe(0);
    expect(events.of('face-verify-described')).toHaveLength(0);
  }
  expect(events.of('face-verify-error')).toHaveLength(0);
  expect(events.of('face-verify-result')).toHaveLength(1);
}

test.describe('every outcome on the plain page (history routing, decoded once)', () => {
  for (const o of OUTCOMES) {
    test(`${o.id}: code ${o.code}${o.subCode ? ` ${o.subCode}` : ''}`, async ({ page, events }) => {
      const describes = countDescribes(page);
      await page.goto('/plain.html?lang=en');
      await runFlow(page, o.id, /\/plain\.html/);
      await expectOutcome(page, events, o, 'history', describes);
      expect(events.types().slice(0, 2)).toEqual(['face-verify-redirect', 'face-verify-result']);
    });
  }
});

test.describe('hash routing (decoded twice)', () => {
  for (const id of ['pass', 'too-many-retries', 'camera-unavailable'] as const) {
    test(`${id} on #/result`, async ({ page, events }) => {
      const o = OUTCOMES.find((x) => x.id === id) as Expected;
      const describes = countDescribes(page);
      await page.goto('/hash.html?lang=en');
      await runFlow(page, id, /\/hash\.html#\/result/);
      await expectOutcome(page, events, o, 'hash', describes);
      // The route survives, only `response` left the address bar.
      expect(new URL(page.url()).hash).toBe('#/result');
    });
  }
});

test('history SPA: pass → result 1000 → describe → passed, logged, accessible', async ({
  page,
  events,
}, testInfo) => {
  const describes = countDescribes(page);
  await page.goto('/spa/?lang=en');
  await expect(page.getByTestId('start-view')).toBeVisible();
  await screenshot(page, testInfo, 'spa-start');
  await runFlow(page, 'pass', /\/spa\/result/);
  await expectOutcome(page, events, OUTCOMES[0] as Expected, 'history', describes);
  expect(new URL(page.url()).pathname).toBe('/spa/result');
  expect(new URL(page.url()).search).toBe('');
  expect(events.types()).toEqual([
    'face-verify-redirect',
    'face-verify-result',
    'face-verify-described',
  ]);
  // The redirect event is cancelable (SPAs may navigate themselves); the others are not.
  expect(events.all.map((e) => e.cancelable)).toEqual([true, false, false]);
  // The event log panel tells the whole round trip, newest first.
  const log = page.getByTestId('event-log');
  await expect(log.locator('.log-entry .chip')).toHaveText([
    'face-verify-described',
    'face-verify-result',
    'face-verify-redirect',
  ]);
  await screenshot(page, testInfo, 'spa-result-passed');
  await expectAccessible(page, testInfo, 'spa-result-passed');
});

test('after the result, reload and back/forward never fire it again (history)', async ({
  page,
  events,
}) => {
  await page.goto('/spa/?lang=en');
  await runFlow(page, 'pass', /\/spa\/result/);
  await events.next('face-verify-described');
  expect(page.url()).not.toContain('response');

  await page.reload();
  await expect(page.getByTestId('browser-verdict')).toContainText(
    'No verification result on this page.',
  );
  await expect(verifier(page).getByRole('button', { name: UI.start, exact: true })).toBeVisible();
  expect(page.url()).not.toContain('response');

  await page.goBack();
  await page.waitForURL(/\/certify\//);
  await page.goForward();
  await page.waitForURL(/\/spa\/result$/);
  await expect(page.getByTestId('browser-verdict')).toContainText(
    'No verification result on this page.',
  );
  await page.waitForLoadState('networkidle');
  expect(events.of('face-verify-result')).toHaveLength(1);
  expect(events.of('face-verify-described')).toHaveLength(1);
  expect(events.of('face-verify-error')).toHaveLength(0);
});

test('after the result, a reload never fires it again (hash)', async ({ page, events }) => {
  await page.goto('/hash.html?lang=en');
  await runFlow(page, 'user-exit', /\/hash\.html#\/result/);
  await events.next('face-verify-result');
  expect(new URL(page.url()).hash).toBe('#/result');
  await page.reload();
  await expect(page.getByTestId('browser-verdict')).toContainText(
    'No verification result on this page.',
  );
  await page.waitForLoadState('networkidle');
  expect(events.of('face-verify-result')).toHaveLength(1);
  expect(page.url()).not.toContain('response');
});

test('"Verify again" after a failure starts a new verification that can pass', async ({
  page,
  events,
}) => {
  await page.goto('/spa/?lang=en');
  await runFlow(page, 'camera-unavailable', /\/spa\/result/);
  const first = await events.next('face-verify-redirect');
  await verifier(page).getByRole('button', { name: UI.again, exact: true }).click();
  await completeOnEmulator(page, 'pass');
  await page.waitForURL(/\/spa\/result/);
  const second = await events.next('face-verify-redirect', 2);
  expect(second.detail['certifyId']).not.toBe(first.detail['certifyId']);
  const result = await events.next('face-verify-result', 2);
  expect(result.detail).toMatchObject({
    result: { code: 1000, certifyId: second.detail['certifyId'] },
  });
  await expect(
    verifier(page).getByRole('heading', { name: UI.passedTitle, exact: true }),
  ).toBeVisible();
});

test('the user leaves on the consent page: exit comes back as a readable result', async ({
  page,
  events,
}) => {
  await page.goto('/spa/?lang=en');
  await clickStart(page);
  await page.waitForURL(/\/certify\//);
  await page.locator('button[value="exit"]').click();
  await page.waitForURL(/\/spa\/result/);
  const result = await events.next('face-verify-result');
  expect(result.detail['result']).toMatchObject({ code: 1003, subCode: 'Z5055' });
  const meaning = describeVerifyCode(1003, 'Z5055', 'en');
  await expect(
    verifier(page).getByRole('heading', { name: meaning.title, exact: true }),
  ).toBeVisible();
});
