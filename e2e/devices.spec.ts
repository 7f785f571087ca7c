/**
 * The essential flow in every browsing context (iPhone Safari, Android Chrome, WeChat on Android,
 * WeChat on iOS 14.0, desktop Chrome): what that user sees from start to the confirmed result, or
 * why they cannot start. The full outcome matrix runs on desktop only (flows.spec.ts).
 */
import {
  completeOnEmulator,
  clickStart,
  expect,
  expectAccessible,
  screenshot,
  test,
  verifier,
  UI,
} from './fixtures.js';

test('essential flow', async ({ page, events }, testInfo) => {
  const project = testInfo.project.name;
  await page.goto('/spa/?lang=en');
  const el = verifier(page);

  if (project === 'wechat-ios-14') {
    // WeChat's WKWebView before iOS 14.3 cannot run the scan: the user is sent to the browser.
    const unsupported = await events.next('face-verify-unsupported');
    expect(unsupported.detail).toMatchObject({
      supported: false,
      action: 'open-in-browser',
      app: 'wechat',
      os: { name: 'ios', version: expect.stringMatching(/^14\.0/) },
    });
    const dialog = el.getByRole('dialog');
    await expect(dialog.getByRole('heading', { name: UI.openTitle, exact: true })).toBeVisible();
    await expect(dialog.getByRole('textbox', { name: UI.link })).toHaveValue(page.url());
    await expect(el.getByRole('button', { name: UI.start, exact: true })).toHaveCount(0);
    await screenshot(page, testInfo, 'open-in-browser');
    await expectAccessible(page, testInfo, 'open-in-browser');
    expect(events.of('face-verify-redirect')).toHaveLength(0);
    return;
  }

  if (project === 'wechat-android') {
    // Inside WeChat the hosted consent page must stay, so the user is told before leaving.
    await expect(el.getByRole('heading', { name: UI.guideTitle, exact: true })).toBeVisible();
    await screenshot(page, testInfo, 'wechat-guide');
    await expectAccessible(page, testInfo, 'wechat-guide');
    await el.getByRole('button', { name: UI.continue, exact: true }).click();
  }

  expect(events.of('face-verify-unsupported')).toHaveLength(0);
  await expect(el.getByRole('button', { name: UI.start, exact: true })).toBeVisible();
  await screenshot(page, testInfo, 'start');
  await expectAccessible(page, testInfo, 'start');
  await clickStart(page);
  await completeOnEmulator(page, 'pass');
  await page.waitForURL(/\/spa\/result/);
  const result = await events.next('face-verify-result');
  expect(result.detail).toMatchObject({
    source: 'return',
    result: { code: 1000, routing: 'history' },
    correlation: { certifyIdMatches: true },
  });
  const described = await events.next('face-verify-described');
  expect(described.detail).toMatchObject({ passed: true, subCode: '200' });
  await expect(el.getByRole('heading', { name: UI.passedTitle, exact: true })).toBeVisible();
  await expect(page.getByTestId('server-verdict').locator('.verdict-status')).toHaveText('Passed');
  expect(page.url()).not.toContain('response');
  // Nothing may overflow sideways on a phone.
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - window.innerWidth,
  );
  expect(overflow).toBeLessThanOrEqual(0);
  await screenshot(page, testInfo, 'result-passed');
  await expectAccessible(page, testInfo, 'result-passed');
});
