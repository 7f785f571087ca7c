/**
 * The Alipay H5 scheme end to end on the emulator's SAF endpoint: inside Alipay (the demo's
 * stand-in bridge frames the emulator's certify page and reports its resultStatus) and outside it
 * (the `alipays://` launch link, then "I've finished"). The server's query decides every verdict.
 */
import type { Page } from '@playwright/test';
import {
  expect,
  expectAccessible,
  screenshot,
  test,
  verifier,
  UI,
  type OutcomeId,
} from './fixtures.js';

/** Picks `outcome` on the emulator's certify page inside the stand-in container's frame. */
async function completeInContainer(page: Page, outcome: OutcomeId): Promise<void> {
  const frame = page.frameLocator('[data-testid="alipay-frame"]');
  await frame.getByRole('checkbox').check();
  await frame.locator('button[value="agree"]').click();
  await frame.locator(`button[name="outcome"][value="${outcome}"]`).click();
  await expect(page.getByTestId('alipay-frame')).toHaveCount(0);
}

/** Describe requests the page makes. */
function describes(page: Page): unknown[] {
  const bodies: unknown[] = [];
  page.on('request', (request) => {
    if (request.method() === 'POST' && request.url().endsWith('/api/face-verify/describe')) {
      bodies.push(request.postDataJSON());
    }
  });
  return bodies;
}

test('inside Alipay: 9000 through the bridge, then the server says passed', async ({
  page,
  events,
}, testInfo) => {
  const asked = describes(page);
  const inits: unknown[] = [];
  page.on('request', (request) => {
    if (request.url().endsWith('/api/face-verify/init')) inits.push(request.postDataJSON());
  });
  await page.goto('/alipay.html?lang=en&ua=alipay');
  await expect(page.getByTestId('alipay-verdict')).toContainText(
    'alipay · alipay 10.5.60 · proceed',
  );
  await verifier(page).getByRole('button', { name: UI.start, exact: true }).click();
  await expect(page.getByTestId('alipay-frame')).toBeVisible();
  await expect(page.getByTestId('alipay-frame')).toHaveAttribute('allow', 'camera');
  await screenshot(page, testInfo, 'alipay-container');
  await completeInContainer(page, 'pass');
  const result = await events.next('face-verify-result');
  expect(result.detail).toMatchObject({
    source: 'alipay',
    outcome: { status: 'submitted', resultStatus: '9000' },
  });
  const described = await events.next('face-verify-described');
  expect(described.detail).toMatchObject({ passed: true, subCode: '' });
  await expect(verifier(page).getByRole('heading', { name: UI.passedTitle })).toBeVisible();
  // The element asked for the Alipay flow by itself, without a ReturnUrl, and described with the ticket.
  expect(inits).toEqual([{ metaInfo: expect.any(String) as unknown, flow: 'alipay' }]);
  expect(asked).toEqual([
    { certifyId: result.detail['certifyId'], ticket: expect.any(String) as unknown },
  ]);
  expect(page.url()).toContain('/alipay.html');
  await expectAccessible(page, testInfo, 'alipay-passed');
});

for (const [outcome, resultStatus, status, text] of [
  ['user-exit', '6001', 'cancelled', UI.cancelled],
  ['network-error', '6002', 'network-error', UI.network],
  ['camera-unavailable', '4000', 'business-error', UI.server],
] as const) {
  test(`inside Alipay: ${resultStatus} (${status}) is shown and never described`, async ({
    page,
    events,
  }) => {
    const asked = describes(page);
    await page.goto('/alipay.html?lang=en&ua=alipay');
    await verifier(page).getByRole('button', { name: UI.start, exact: true }).click();
    await completeInContainer(page, outcome);
    const result = await events.next('face-verify-result');
    expect(result.detail).toMatchObject({ source: 'alipay', outcome: { status, resultStatus } });
    if (resultStatus === '4000') {
      expect(result.detail).toMatchObject({ outcome: { result: null } });
    }
    await expect(verifier(page).getByText(text)).toBeVisible();
    await expect(verifier(page).getByRole('button', { name: UI.again })).toBeVisible();
    // The element decides before it shows the outcome: a describe would have been sent by now.
    expect(asked).toEqual([]);
    expect(events.of('face-verify-described')).toHaveLength(0);
  });
}

test('inside Alipay: closing the container is a cancel (6001)', async ({ page, events }) => {
  await page.goto('/alipay.html?lang=en&ua=alipay');
  await verifier(page).getByRole('button', { name: UI.start, exact: true }).click();
  await page.getByTestId('alipay-close').click();
  const result = await events.next('face-verify-result');
  expect(result.detail).toMatchObject({ outcome: { status: 'cancelled', resultStatus: '6001' } });
});

test('outside Alipay: the alipays:// launch link, then "I\'ve finished" asks the server', async ({
  page,
  context,
  events,
}, testInfo) => {
  await page.goto('/alipay.html?lang=en');
  await verifier(page).getByRole('button', { name: UI.start, exact: true }).click();
  const link = verifier(page).getByRole('link', { name: UI.alipayOpen });
  await expect(link).toBeVisible();
  const href = (await link.getAttribute('href')) ?? '';
  expect(href).toMatch(/^alipays:\/\/platformapi\/startapp\?appId=20000067&url=/);
  const certifyUrl = decodeURIComponent(href.slice(href.indexOf('&url=') + 5));
  expect(certifyUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/certify\//);
  await screenshot(page, testInfo, 'alipay-launch-link');
  // "In Alipay" (another page here): the user passes the scan.
  const alipay = await context.newPage();
  await alipay.goto(certifyUrl);
  await alipay.getByRole('checkbox').check();
  await alipay.locator('button[value="agree"]').click();
  await alipay.locator('button[name="outcome"][value="pass"]').click();
  await alipay.close();
  await verifier(page).getByRole('button', { name: UI.done }).click();
  const described = await events.next('face-verify-described');
  expect(described.detail).toMatchObject({ passed: true });
  await expect(verifier(page).getByRole('heading', { name: UI.passedTitle })).toBeVisible();
});

test('an Alipay below 10.1.32 is turned away before the start', async ({ page, events }) => {
  await page.goto('/alipay.html?lang=en&ua=alipay-old');
  const unsupported = await events.next('face-verify-unsupported');
  expect(unsupported.detail).toMatchObject({
    supported: false,
    action: 'open-in-browser',
    app: 'alipay',
    reasons: ['Alipay needs 10.1.32+'],
  });
  await expect(verifier(page).getByRole('button', { name: UI.start, exact: true })).toHaveCount(0);
});
