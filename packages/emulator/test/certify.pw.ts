import AxeBuilder from '@axe-core/playwright';
import { expect, test, type Page } from '@playwright/test';
import { parseVerifyResult } from '@aliyun-face-verify/core/result';
import { OUTCOMES, startEmulator, type RunningEmulator } from '../src/index.js';
import {
  describeVerification,
  expectedResult,
  initVerification,
  startRecorder,
  type Recorder,
} from './helpers.js';

let emulator: RunningEmulator;
let merchant: Recorder;
let clock = Date.now();

test.beforeAll(async () => {
  emulator = await startEmulator({ port: 0, now: () => clock });
  merchant = await startRecorder();
});
test.afterAll(async () => {
  await emulator.close();
  await merchant.close();
});
test.beforeEach(({ page }) => {
  clock = Date.now();
  // Any CSP violation or script error on the emulator's pages is a failure.
  const problems: string[] = [];
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(msg.text());
  });
  page.on('pageerror', (error) => problems.push(error.message));
  return () => expect(problems).toEqual([]);
});

async function expectAccessible(page: Page): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.help}`)).toEqual([]);
}

async function agree(page: Page): Promise<void> {
  await page.getByRole('checkbox', { name: /I agree to the face verification terms/ }).check();
  await page.getByRole('button', { name: /Agree and start/ }).click();
  await expect(page.getByRole('heading', { name: /Simulated face scan/ })).toBeVisible();
}

test('consent step: the box must be ticked before the scan starts; both pages pass axe', async ({
  page,
}) => {
  const { certifyUrl } = await initVerification(emulator, { ReturnUrl: `${merchant.url}/return` });
  await page.goto(certifyUrl);
  await expect(page.getByRole('heading', { name: '开始实人认证' })).toBeVisible();
  await expectAccessible(page);

  await page.getByRole('button', { name: /Agree and start/ }).click();
  // The browser's own validation keeps the user on the consent step.
  await expect(page.getByRole('heading', { name: '开始实人认证' })).toBeVisible();
  expect(page.url()).toBe(certifyUrl);

  await agree(page);
  await expect(page.getByRole('img', { name: /Simulated camera frame/ })).toBeVisible();
  await expectAccessible(page);
});

test('the server-side consent check shows an accessible error when the box is bypassed', async ({
  page,
}) => {
  const { certifyUrl } = await initVerification(emulator, { ReturnUrl: `${merchant.url}/return` });
  await page.goto(certifyUrl);
  await page.getByRole('checkbox').evaluate((el) => el.removeAttribute('required'));
  await page.getByRole('button', { name: /Agree and start/ }).click();
  await expect(page.getByRole('alert')).toHaveText(/Please accept the terms first/);
  await expect(page.getByRole('checkbox')).toHaveAttribute('aria-invalid', 'true');
  await expectAccessible(page);
});

for (const outcome of OUTCOMES) {
  test(`outcome "${outcome.labelEn}" returns code ${outcome.code} to a history ReturnUrl`, async ({
    page,
  }) => {
    const { certifyId, certifyUrl } = await initVerification(emulator, {
      ReturnUrl: `${merchant.url}/verify/done?order=42`,
    });
    await page.goto(certifyUrl);
    await agree(page);
    await page
      .getByRole('button', { name: `${outcome.label} (${outcome.labelEn})`, exact: false })
      .click();
    await page.waitForURL(`${merchant.url}/verify/done?**`);
    await expect(page.getByRole('heading', { name: 'Merchant return page' })).toBeVisible();
    expect(parseVerifyResult(page.url())).toEqual(expectedResult(outcome, certifyId, 'history'));
    const described = await describeVerification(emulator, certifyId);
    expect(described['Code']).toBe(outcome.verdict ? '200' : '424');
  });
}

for (const id of ['pass', 'liveness-risk', 'user-exit'] as const) {
  test(`outcome ${id} returns inside the hash of a hash-routed ReturnUrl, encoded twice`, async ({
    page,
  }) => {
    const outcome = OUTCOMES.find((o) => o.id === id);
    if (outcome === undefined) throw new Error(id);
    const returnUrl = `${merchant.url}/app/#/verify/result?from=init`;
    const { certifyId, certifyUrl } = await initVerification(emulator, { ReturnUrl: returnUrl });
    await page.goto(certifyUrl);
    await agree(page);
    await page.getByRole('button', { name: `${outcome.label} (${outcome.labelEn})` }).click();
    await page.waitForURL(`${merchant.url}/app/**`);
    const url = page.url();
    expect(url.startsWith(`${returnUrl}&response=`)).toBe(true);
    const value = url.slice(`${returnUrl}&response=`.length);
    expect(JSON.parse(decodeURIComponent(decodeURIComponent(value)))).toMatchObject({
      code: outcome.code,
      extInfo: { certifyId },
    });
    expect(parseVerifyResult(url)).toEqual(expectedResult(outcome, certifyId, 'hash'));
  });
}

test('exiting at the consent step returns 1003 / Z5055', async ({ page }) => {
  const { certifyId, certifyUrl } = await initVerification(emulator, {
    ReturnUrl: `${merchant.url}/r`,
  });
  await page.goto(certifyUrl);
  await page.getByRole('button', { name: /Exit/ }).click();
  await page.waitForURL(`${merchant.url}/r?**`);
  const parsed = parseVerifyResult(page.url());
  expect(parsed.ok && parsed.result).toMatchObject({ code: 1003, subCode: 'Z5055', certifyId });
});

test('single use: going back to the CertifyUrl after the result shows that the link is spent', async ({
  page,
}) => {
  const { certifyUrl } = await initVerification(emulator, { ReturnUrl: `${merchant.url}/r` });
  await page.goto(certifyUrl);
  await agree(page);
  await page.getByRole('button', { name: /\(Pass\)/ }).click();
  await page.waitForURL(`${merchant.url}/r?**`);
  const response = await page.goto(certifyUrl);
  expect(response?.status()).toBe(410);
  await expect(page.getByRole('heading', { name: /Link already used/ })).toBeVisible();
  await expectAccessible(page);
});

test('a scan page left open past 30 minutes can no longer report a result', async ({ page }) => {
  const { certifyId, certifyUrl } = await initVerification(emulator, {
    ReturnUrl: `${merchant.url}/r`,
  });
  await page.goto(certifyUrl);
  await agree(page);
  clock += 30 * 60_000;
  await page.getByRole('button', { name: /\(Pass\)/ }).click();
  await expect(page.getByRole('heading', { name: /Link expired/ })).toBeVisible();
  expect(page.url().startsWith(merchant.url)).toBe(false);
  expect((await describeVerification(emulator, certifyId, clock))['Code']).toBe('424');
  await expectAccessible(page);
});

test('an unknown CertifyUrl says so', async ({ page }) => {
  const response = await page.goto(`${emulator.url}/certify/not-a-real-token`);
  expect(response?.status()).toBe(404);
  await expect(page.getByRole('heading', { name: /Invalid link/ })).toBeVisible();
});

test('jsvm_all.js loads cross-origin (also with crossorigin=anonymous) and defines getMetaInfo()', async ({
  page,
}) => {
  await page.goto(`${merchant.url}/checkout`);
  const meta = await page.evaluate(async (src) => {
    await new Promise<void>((resolve, reject) => {
      const script = document.createElement('script');
      script.src = src;
      script.crossOrigin = 'anonymous';
      script.onload = () => resolve();
      script.onerror = () => reject(new Error('script failed'));
      document.head.append(script);
    });
    const fn = (window as unknown as { getMetaInfo?: () => unknown }).getMetaInfo;
    return typeof fn === 'function' ? fn() : undefined;
  }, emulator.jsvmUrl);
  expect(meta).toMatchObject({
    zimVer: '3.0.0',
    appName: 'com.aliyun.antcloudauth',
    deviceType: 'h5',
    bioMetaInfo: '4.1.0:11501568,0',
    ua: await page.evaluate(() => navigator.userAgent),
  });
});
