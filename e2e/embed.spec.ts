/**
 * iframe mode on the demo's /embed.html: the certify page runs in a frame inside the page, which
 * never navigates and keeps its own state; the result arrives by postMessage (only from that frame
 * and the CertifyUrl's origin) and is confirmed by the server.
 */
import type { FrameLocator, Page } from '@playwright/test';
import {
  expect,
  expectAccessible,
  screenshot,
  test,
  verifier,
  UI,
  type OutcomeId,
} from './fixtures.js';

const frameOf = (page: Page): FrameLocator => verifier(page).frameLocator('iframe[part="frame"]');

/** Agrees and picks `outcome` on the emulator's page in the element's frame (in `form`). */
async function completeInFrame(
  page: Page,
  outcome: OutcomeId,
  form?: 'JSON 字符串 · JSON string' | 'URL 编码的 JSON 字符串 · URL-encoded JSON string',
): Promise<void> {
  const frame = frameOf(page);
  await frame.getByRole('checkbox').check();
  await frame.locator('button[value="agree"]').click();
  if (form) await frame.getByRole('radio', { name: form, exact: true }).check();
  await frame.locator(`button[name="outcome"][value="${outcome}"]`).click();
}

/** Types a note and counts to 3: state the page must still have at the end. */
async function givePageState(page: Page): Promise<void> {
  await page.getByTestId('page-note').fill('keep me');
  for (let i = 0; i < 3; i++) await page.getByTestId('page-count').click();
}

async function expectPageState(page: Page): Promise<void> {
  await expect(page.getByTestId('page-note')).toHaveValue('keep me');
  await expect(page.getByTestId('page-count')).toHaveText('3');
}

test('pass in the frame: described passed, and the page never navigated', async ({
  page,
  events,
}, testInfo) => {
  const navigations: string[] = [];
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) navigations.push(frame.url());
  });
  const inits: unknown[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith('/api/face-verify/init')) inits.push(request.postDataJSON());
  });
  await page.goto('/embed.html?lang=en');
  const address = page.url();
  await givePageState(page);
  await verifier(page).getByRole('button', { name: UI.start, exact: true }).click();
  const frame = verifier(page).locator('iframe[part="frame"]');
  await expect(frame).toBeVisible();
  await expect(frame).toHaveAttribute('allow', 'camera; microphone; fullscreen; autoplay');
  await expect(frame).toHaveAttribute('src', /certifyUrlStyle=L/);
  // The framed certify page is another document with landmarks of its own (banner, main), which
  // axe compares with the page's; everything else, the frame's title included, is checked.
  await expectAccessible(page, testInfo, 'embed-frame', ['landmark-unique']);
  await screenshot(page, testInfo, 'embed-frame');
  await completeInFrame(page, 'pass', 'JSON 字符串 · JSON string');
  const result = await events.next('face-verify-result');
  expect(result.detail).toMatchObject({
    source: 'iframe',
    result: { code: 1000, routing: 'iframe' },
  });
  expect(result.detail['result']).toMatchObject({ certifyId: result.detail['certifyId'] });
  const described = await events.next('face-verify-described');
  expect(described.detail).toMatchObject({ passed: true, subCode: '200' });
  await expect(verifier(page).getByRole('heading', { name: UI.passedTitle })).toBeVisible();
  expect(inits).toEqual([{ metaInfo: expect.any(String) as unknown, mode: 'iframe' }]);
  expect(page.url()).toBe(address);
  expect(navigations).toEqual([address]);
  expect(events.of('face-verify-redirect')).toHaveLength(0);
  await expectPageState(page);
  await screenshot(page, testInfo, 'embed-passed');
});

test('a failed scan in the frame (url-encoded message): described not passed, page state kept', async ({
  page,
  events,
}) => {
  await page.goto('/embed.html?lang=en');
  await givePageState(page);
  await verifier(page).getByRole('button', { name: UI.start, exact: true }).click();
  await completeInFrame(page, 'face-mismatch', 'URL 编码的 JSON 字符串 · URL-encoded JSON string');
  const result = await events.next('face-verify-result');
  expect(result.detail).toMatchObject({ source: 'iframe', result: { code: 2006 } });
  const described = await events.next('face-verify-described');
  expect(described.detail).toMatchObject({ passed: false });
  await expect(verifier(page).getByRole('heading', { name: UI.failedTitle })).toBeVisible();
  await expectPageState(page);
});

test('a result-shaped message from another frame or origin is ignored', async ({
  page,
  events,
}) => {
  await page.goto('/embed.html?lang=en');
  await verifier(page).getByRole('button', { name: UI.start, exact: true }).click();
  await expect(verifier(page).locator('iframe[part="frame"]')).toBeVisible();
  const forged = {
    code: 1000,
    subCode: '',
    reason: 'success',
    extInfo: { certifyId: 'sha0forged0000000000000000000000' },
  };
  // Same origin as the page, another window (a frame of its own), and this window itself.
  await page.evaluate((message) => {
    const other = document.createElement('iframe');
    other.srcdoc = '<p>another frame</p>';
    document.body.append(other);
    other.addEventListener('load', () => {
      (other.contentWindow as Window).parent.postMessage(message, '*');
    });
    window.postMessage(message, '*');
    window.postMessage(JSON.stringify(message), '*');
  }, forged);
  await page.waitForTimeout(500);
  expect(events.of('face-verify-result')).toHaveLength(0);
  await expect(verifier(page).locator('iframe[part="frame"]')).toBeVisible();
  // The real frame still finishes the verification.
  await completeInFrame(page, 'pass');
  const result = await events.next('face-verify-result');
  expect(result.detail['result']).not.toMatchObject({ certifyId: forged.extInfo.certifyId });
});

test('closing the frame abandons the attempt, and starting again works', async ({
  page,
  events,
}) => {
  await page.goto('/embed.html?lang=en');
  await verifier(page).getByRole('button', { name: UI.start, exact: true }).click();
  await expect(verifier(page).locator('iframe[part="frame"]')).toBeVisible();
  await verifier(page).getByRole('button', { name: UI.close }).click();
  await expect(verifier(page).locator('iframe[part="frame"]')).toHaveCount(0);
  await verifier(page).getByRole('button', { name: UI.start, exact: true }).click();
  await completeInFrame(page, 'pass');
  await events.next('face-verify-described');
  await expect(verifier(page).getByRole('heading', { name: UI.passedTitle })).toBeVisible();
});
