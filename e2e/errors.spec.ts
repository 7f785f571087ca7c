/**
 * What users see when a piece of the flow fails, and that "Try again" then works: the script is
 * blocked, the merchant's init endpoint answers 500, or it hands out a CertifyUrl off the allowlist.
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

// The loader may add a cache-busting query on retries: match the path with or without one.
const JSVM = /\/web_sdk_js\/jsvm_all\.js(?:\?.*)?$/;
const INIT = '**/api/face-verify/init';

test('script blocked → clear error → retry works', async ({ page, events }, testInfo) => {
  await page.route(JSVM, (route) => route.abort('blockedbyclient'));
  await page.goto('/spa/?lang=en');
  await clickStart(page);
  const error = await events.next('face-verify-error');
  expect(error.detail).toMatchObject({ code: 'script-load-failed', stage: 'script' });
  const el = verifier(page);
  await expect(el.getByRole('heading', { name: UI.errorTitle, exact: true })).toBeVisible();
  await expect(el.getByText(UI.scriptFailed).first()).toBeVisible();
  expect(events.of('face-verify-redirect')).toHaveLength(0);
  await screenshot(page, testInfo, 'error-script-blocked');
  await expectAccessible(page, testInfo, 'error-script-blocked');

  await page.unroute(JSVM);
  await el.getByRole('button', { name: UI.retry, exact: true }).click();
  await completeOnEmulator(page, 'pass');
  await page.waitForURL(/\/spa\/result/);
  await expect(
    verifier(page).getByRole('heading', { name: UI.passedTitle, exact: true }),
  ).toBeVisible();
});

test('init endpoint 500 → error with request id → retry works', async ({
  page,
  events,
}, testInfo) => {
  await page.route(INIT, (route) =>
    route.fulfill({
      status: 500,
      contentType: 'application/json',
      body: JSON.stringify({
        error: { code: 'internal', message: 'upstream exploded', requestId: 'req-e2e-500' },
      }),
    }),
  );
  await page.goto('/hash.html?lang=en');
  await clickStart(page);
  const error = await events.next('face-verify-error');
  expect(error.detail).toMatchObject({
    code: 'init-failed',
    stage: 'init',
    failure: 'http',
    status: 500,
    serverCode: 'internal',
    requestId: 'req-e2e-500',
  });
  const el = verifier(page);
  await expect(el.getByText(UI.server).first()).toBeVisible();
  await expect(el.getByText('req-e2e-500')).toBeVisible();
  // The server's own wording never reaches the user.
  await expect(el.getByText('upstream exploded')).toHaveCount(0);
  await screenshot(page, testInfo, 'error-init-500');

  await page.unroute(INIT);
  await el.getByRole('button', { name: UI.retry, exact: true }).click();
  await completeOnEmulator(page, 'pass');
  await page.waitForURL(/\/hash\.html#\/result/);
  await expect(
    verifier(page).getByRole('heading', { name: UI.passedTitle, exact: true }),
  ).toBeVisible();
});

test('a CertifyUrl off the allowlist is never opened', async ({ page, events }) => {
  await page.route(INIT, (route) =>
    route.fulfill({
      status: 200,
      contentType: 'application/json',
      body: JSON.stringify({
        certifyId: 'sha0evil',
        certifyUrl: 'https://evil.example.com/certify/steal',
      }),
    }),
  );
  await page.goto('/plain.html?lang=en');
  await clickStart(page);
  const error = await events.next('face-verify-error');
  expect(error.detail).toMatchObject({ code: 'invalid-certify-url', stage: 'redirect' });
  await expect(verifier(page).getByText(UI.certifyUrl).first()).toBeVisible();
  expect(new URL(page.url()).pathname).toBe('/plain.html');
  expect(events.of('face-verify-redirect')).toHaveLength(0);
});

test('the init request carries MetaInfo as a JSON string and the page as ReturnUrl', async ({
  page,
}) => {
  await page.goto('/spa/?lang=en');
  // Read before the click: the page is on the certify page moments later.
  const returnUrl = new URL('/spa/result', page.url()).href;
  const [request] = await Promise.all([page.waitForRequest(INIT), clickStart(page)]);
  const body = request.postDataJSON() as Record<string, unknown>;
  expect(typeof body['metaInfo']).toBe('string');
  const meta = JSON.parse(body['metaInfo'] as string) as unknown;
  // An object shaped like the real getMetaInfo() result, sent as a string (not the object).
  expect(meta).toMatchObject({
    zimVer: expect.any(String),
    bioMetaInfo: expect.any(String),
    apdidToken: expect.any(String),
  });
  expect(body['returnUrl']).toBe(returnUrl);
  await page.waitForURL(/\/certify\//);
});
