import AxeBuilder from '@axe-core/playwright';
import { expect, test, type FrameLocator, type Page } from '@playwright/test';
import { parseVerifyMessage } from '@aliyun-face-verify/core';
import { OUTCOMES, startEmulator, type OutcomeId, type RunningEmulator } from '../src/index.js';
import {
  describeVerification,
  expectedResult,
  initVerification,
  startRecorder,
  type Recorder,
} from './helpers.js';

// A merchant page on one loopback origin frames the emulator's CertifyUrl (another origin, another
// port), as iframe mode does; the frame posts the result and the page receives a real message.

let emulator: RunningEmulator;
let merchant: Recorder;

test.beforeAll(async () => {
  emulator = await startEmulator({ port: 0, dailyAttemptLimit: 1000 });
  merchant = await startRecorder();
});
test.afterAll(async () => {
  await emulator.close();
  await merchant.close();
});

/** What the merchant page saw of one `message` event. */
interface Seen {
  data: unknown;
  origin: string;
  /** `event.source === iframe.contentWindow`. */
  fromFrame: boolean;
}

/** Opens a merchant page that frames `certifyUrl` (camera delegated) and records its messages. */
async function frameOnMerchantPage(page: Page, certifyUrl: string): Promise<FrameLocator> {
  await page.goto(`${merchant.url}/checkout`);
  await page.evaluate((src) => {
    const seen: Seen[] = [];
    (window as unknown as { seen: Seen[] }).seen = seen;
    const iframe = document.createElement('iframe');
    iframe.src = src;
    iframe.allow = 'camera';
    iframe.title = '实人认证 · ID verification';
    iframe.width = '480';
    iframe.height = '720';
    addEventListener('message', (event) => {
      seen.push({
        data: event.data as unknown,
        origin: event.origin,
        fromFrame: event.source === iframe.contentWindow,
      });
    });
    document.body.append(iframe);
  }, certifyUrl);
  return page.frameLocator('iframe');
}

const seenBy = (page: Page): Promise<Seen[]> =>
  page.evaluate(() => (window as unknown as { seen: Seen[] }).seen);

async function agree(frame: FrameLocator): Promise<void> {
  await frame.getByRole('checkbox', { name: /I agree to the face verification terms/ }).check();
  await frame.getByRole('button', { name: /Agree and start/ }).click();
  await expect(frame.getByRole('heading', { name: /Simulated face scan/ })).toBeVisible();
}

function outcome(id: OutcomeId): (typeof OUTCOMES)[number] {
  const found = OUTCOMES.find((o) => o.id === id);
  if (found === undefined) throw new Error(id);
  return found;
}

/** Any CSP violation or script error on the emulator's pages is a failure. */
function watchErrors(page: Page): string[] {
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(msg.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  return problems;
}

const FORMS = [
  { form: 'object', label: /^对象 · Object$/, id: 'pass' },
  { form: 'json', label: /^JSON 字符串 · JSON string$/, id: 'liveness-risk' },
  { form: 'encoded', label: /URL-encoded JSON string/, id: 'camera-unavailable' },
] as const;

for (const { form, label, id } of FORMS) {
  test(`a framed verification posts "${id}" to the parent as ${form}; core reads it`, async ({
    page,
  }) => {
    const problems = watchErrors(page);
    const picked = outcome(id);
    const { certifyId, certifyUrl } = await initVerification(emulator, {
      ReturnUrl: 'iframe',
      CertifyUrlStyle: 'L',
    });
    const frame = await frameOnMerchantPage(page, certifyUrl);
    await agree(frame);
    await frame.getByRole('radio', { name: label }).check();
    await frame.getByRole('button', { name: `${picked.label} (${picked.labelEn})` }).click();
    await expect(frame.getByRole('status')).toHaveText('结果已发送 · Result sent');
    // The merchant page stayed where it was.
    expect(page.url()).toBe(`${merchant.url}/checkout`);

    const seen = await seenBy(page);
    expect(seen).toHaveLength(1);
    const [message] = seen;
    expect(message?.origin).toBe(emulator.url);
    expect(message?.fromFrame).toBe(true);
    expect(typeof message?.data).toBe(form === 'object' ? 'object' : 'string');
    const event = { data: message?.data, origin: message?.origin ?? '', source: 'frame' };
    expect(
      parseVerifyMessage(event, { origin: new URL(certifyUrl).origin, source: 'frame' }),
    ).toEqual(expectedResult(picked, certifyId, 'iframe'));
    const described = await describeVerification(emulator, certifyId);
    expect(described['Code']).toBe(picked.verdict ? '200' : '424');
    expect(problems).toEqual([]);
  });
}

test('the short form frames too; exit at the consent step posts 1003 / Z5055 in the default form', async ({
  page,
}) => {
  const problems = watchErrors(page);
  const { certifyId, certifyUrl } = await initVerification(emulator, { ReturnUrl: 'iframe' });
  const frame = await frameOnMerchantPage(page, certifyUrl);
  await frame.getByRole('button', { name: /Exit/ }).click();
  await expect(frame.getByRole('status')).toHaveText('结果已发送 · Result sent');
  const [message] = await seenBy(page);
  expect(message?.data).toEqual({
    code: 1003,
    subCode: 'Z5055',
    reason: 'user exit',
    extInfo: { certifyId },
  });
  expect(problems).toEqual([]);
});

test('the framed consent, scan and result pages pass axe', async ({ page }) => {
  const { certifyUrl } = await initVerification(emulator, {
    ReturnUrl: 'iframe',
    CertifyUrlStyle: 'L',
  });
  const frame = await frameOnMerchantPage(page, certifyUrl);
  await expect(frame.getByRole('heading', { name: '开始实人认证' })).toBeVisible();
  // The framed document only: the stand-in merchant page around it is not under test.
  const axe = async (): Promise<string[]> =>
    (await new AxeBuilder({ page }).include('iframe').analyze()).violations.map(
      (v) => `${v.id}: ${v.help}`,
    );
  expect(await axe()).toEqual([]);
  await agree(frame);
  expect(await axe()).toEqual([]);
  await frame.getByRole('button', { name: /\(Pass\)/ }).click();
  await expect(frame.getByRole('status')).toHaveText('结果已发送 · Result sent');
  expect(await axe()).toEqual([]);
});

test('a redirect-mode CertifyUrl refuses to be framed', async ({ page }) => {
  const { certifyUrl } = await initVerification(emulator, { ReturnUrl: `${merchant.url}/r` });
  const frame = await frameOnMerchantPage(page, certifyUrl);
  await expect.poll(() => page.frames().length).toBe(2);
  const child = page.frames()[1];
  await child?.waitForLoadState();
  // Chromium replaces a frame it refuses to display with its own error page.
  expect(child?.url()).toBe('chrome-error://chromewebdata/');
  await expect(frame.getByRole('heading', { name: '开始实人认证' })).toHaveCount(0);
  expect(await seenBy(page)).toEqual([]);
});

test('opened on its own, the result page says it sent nothing', async ({ page }) => {
  const { certifyUrl } = await initVerification(emulator, { ReturnUrl: 'iframe' });
  await page.goto(certifyUrl);
  await page.getByRole('checkbox').check();
  await page.getByRole('button', { name: /Agree and start/ }).click();
  await page.getByRole('button', { name: /\(Pass\)/ }).click();
  await expect(page.getByRole('status')).toHaveText(/Not in a frame: the result was not sent/);
  await expect(page.locator('pre')).toContainText('"code":1000');
});
