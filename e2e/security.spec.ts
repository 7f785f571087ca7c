/**
 * The browser result is untrusted: forged and stale results are flagged instead of passed, markup
 * in `reason` stays text, and the whole flow runs under a strict CSP with Trusted Types.
 */
import {
  clickStart,
  completeOnEmulator,
  encodeResponse,
  expect,
  expectAccessible,
  screenshot,
  test,
  verifier,
  UI,
} from './fixtures.js';

test('a forged response (certifyId not the pending one) is flagged, never passed', async ({
  page,
  events,
}, testInfo) => {
  const describes: string[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('/api/face-verify/describe')) describes.push(r.url());
  });
  await page.goto('/spa/?lang=en');
  await clickStart(page);
  const redirect = await events.next('face-verify-redirect');
  await page.waitForURL(/\/certify\//);
  // Instead of finishing, the user arrives with a hand-made "success" for another verification.
  const forged = encodeResponse({
    code: 1000,
    subCode: '',
    reason: 'success',
    extInfo: { certifyId: 'sha0forged0000000000000000000000' },
  });
  await page.goto(`/spa/result?response=${forged}`);
  const result = await events.next('face-verify-result');
  expect(result.detail).toMatchObject({
    suspicion: 'forged',
    result: { code: 1000, passed: true, certifyId: 'sha0forged0000000000000000000000' },
    correlation: { pending: true, certifyIdMatches: false },
  });
  expect(redirect.detail['certifyId']).not.toBe('sha0forged0000000000000000000000');
  const el = verifier(page);
  await expect(el.getByRole('heading', { name: UI.suspectTitle, exact: true })).toBeVisible();
  await expect(el.getByText(UI.forged).first()).toBeVisible();
  await expect(el.getByText(UI.passedTitle, { exact: true })).toHaveCount(0);
  await expect(page.getByTestId('browser-verdict').locator('.verdict-status')).toHaveText(
    'Flagged — not trusted (forged)',
  );
  await expect(page.getByTestId('server-verdict').locator('.verdict-status')).toHaveText(
    'Not queried',
  );
  await page.waitForLoadState('networkidle');
  expect(describes).toEqual([]);
  expect(events.of('face-verify-described')).toHaveLength(0);
  expect(page.url()).not.toContain('response');
  await screenshot(page, testInfo, 'result-forged');
  await expectAccessible(page, testInfo, 'result-forged');
});

test('a forged "passed" link opened in a fresh tab (no pending record) is never described, never passed', async ({
  page,
  events,
}, testInfo) => {
  const describes: string[] = [];
  page.on('request', (r) => {
    if (r.url().endsWith('/api/face-verify/describe')) describes.push(r.url());
  });
  // The attacker's link: a hand-made success carrying a certifyId of the attacker's choosing,
  // e.g. one of their own real verifications. This tab never started anything.
  const forged = encodeResponse({
    code: 1000,
    subCode: '',
    reason: 'success',
    extInfo: { certifyId: 'sha0attacker000000000000000000000' },
  });
  await page.goto(`/spa/result?lang=en&response=${forged}`);
  const result = await events.next('face-verify-result');
  expect(result.detail).toMatchObject({
    suspicion: 'unmatched',
    result: { code: 1000, certifyId: 'sha0attacker000000000000000000000' },
    correlation: { pending: false },
  });
  const error = await events.next('face-verify-error');
  expect(error.detail).toMatchObject({ code: 'result-unmatched', stage: 'result' });
  const el = verifier(page);
  await expect(el.getByRole('heading', { name: UI.suspectTitle, exact: true })).toBeVisible();
  await expect(el.getByText(UI.unmatched).first()).toBeVisible();
  await expect(el.getByText(UI.passedTitle, { exact: true })).toHaveCount(0);
  await expect(page.getByTestId('browser-verdict').locator('.verdict-status')).toHaveText(
    'Flagged — not trusted (unmatched)',
  );
  await expect(page.getByTestId('server-verdict').locator('.verdict-status')).toHaveText(
    'Not queried',
  );
  await page.waitForLoadState('networkidle');
  expect(describes).toEqual([]);
  expect(events.of('face-verify-described')).toHaveLength(0);
  expect(page.url()).not.toContain('response');
  await screenshot(page, testInfo, 'result-unmatched');
  await expectAccessible(page, testInfo, 'result-unmatched');
});

test('a stale response (started more than 30 minutes ago) is flagged, never passed', async ({
  page,
  events,
}) => {
  await page.clock.install();
  await page.goto('/spa/?lang=en');
  await clickStart(page);
  await page.waitForURL(/\/certify\//);
  // The user lingers: 31 minutes pass in the browser before the service sends them back.
  await page.clock.fastForward('31:00');
  await completeOnEmulator(page, 'pass');
  await page.waitForURL(/\/spa\/result/);
  const result = await events.next('face-verify-result');
  expect(result.detail).toMatchObject({
    suspicion: 'stale',
    result: { code: 1000 },
    correlation: { pending: true, certifyIdMatches: true, stale: true },
  });
  expect(result.detail['correlation']).toMatchObject({ ageMs: expect.any(Number) });
  expect((result.detail['correlation'] as { ageMs: number }).ageMs).toBeGreaterThan(30 * 60_000);
  const el = verifier(page);
  await expect(el.getByRole('heading', { name: UI.suspectTitle, exact: true })).toBeVisible();
  await expect(el.getByText(UI.stale).first()).toBeVisible();
  await expect(page.getByTestId('browser-verdict').locator('.verdict-status')).toHaveText(
    'Flagged — not trusted (stale)',
  );
  expect(events.of('face-verify-described')).toHaveLength(0);
});

const XSS = `<img src=x onerror="window.__pwned=1;alert('img')"><script>window.__pwned=2;alert('script')</script>`;

for (const route of ['history', 'hash'] as const) {
  test(`markup in reason never runs and shows as text (${route})`, async ({
    page,
    events,
  }, testInfo) => {
    const payload = {
      code: 1001,
      subCode: 'Z5051',
      reason: XSS,
      extInfo: { certifyId: 'sha0xss00000000000000000000000000' },
    };
    await page.goto(
      route === 'history'
        ? `/plain.html?lang=en&response=${encodeResponse(payload)}`
        : `/hash.html?lang=en#/result?response=${encodeResponse(payload, 2)}`,
    );
    const result = await events.next('face-verify-result');
    expect(result.detail).toMatchObject({ result: { reason: XSS, routing: route } });
    await expect(verifier(page).getByText(XSS, { exact: true })).toBeVisible();
    await expect(page.getByTestId('browser-verdict').getByText(XSS, { exact: true })).toBeVisible();
    await expect(page.getByTestId('event-log')).toContainText('onerror');
    // No element was created from the payload anywhere, shadow roots included.
    await expect(page.locator('img[src="x"]')).toHaveCount(0);
    await page.waitForLoadState('networkidle');
    expect(
      await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned),
    ).toBeUndefined();
    if (route === 'history') await screenshot(page, testInfo, 'result-xss-as-text');
    // The `dialogs` fixture fails the test if an alert ever opened.
  });
}

test('strict CSP page: nonce + Trusted Types, and the flow completes', async ({
  page,
  events,
  cspViolations,
}, testInfo) => {
  const response = await page.goto('/csp.html?lang=en');
  const csp = response?.headers()['content-security-policy'] ?? '';
  expect(csp).toContain("require-trusted-types-for 'script'");
  expect(csp).toContain("'strict-dynamic'");
  expect(csp).toMatch(/script-src 'nonce-[A-Za-z0-9+/=]{16,}' 'strict-dynamic'/);
  expect(csp).not.toContain('unsafe-inline');
  expect(csp).not.toContain('unsafe-eval');
  // A fresh nonce per response.
  const again = await page.request.get('/csp.html');
  expect(again.headers()['content-security-policy']).not.toBe(csp);
  await expect(page.getByTestId('csp-policy')).toContainText("require-trusted-types-for 'script'");
  await screenshot(page, testInfo, 'csp-start');

  await clickStart(page);
  await completeOnEmulator(page, 'pass');
  await page.waitForURL(/\/csp\.html/);
  const described = await events.next('face-verify-described');
  expect(described.detail).toMatchObject({ passed: true, subCode: '200' });
  await expect(
    verifier(page).getByRole('heading', { name: UI.passedTitle, exact: true }),
  ).toBeVisible();
  expect(events.of('face-verify-error')).toHaveLength(0);
  expect(cspViolations.filter((v) => v.startsWith('/csp.html'))).toEqual([]);
  await screenshot(page, testInfo, 'csp-result-passed');
  await expectAccessible(page, testInfo, 'csp-result');
});

test('every page is served with security headers', async ({ request }) => {
  for (const path of [
    '/',
    '/plain.html',
    '/spa/',
    '/spa/result',
    '/hash.html',
    '/identity.html',
    '/wechat.html',
    '/csp.html',
  ]) {
    const res = await request.get(path);
    expect(res.status(), path).toBe(200);
    const headers = res.headers();
    expect(headers['x-content-type-options'], path).toBe('nosniff');
    expect(headers['x-frame-options'], path).toBe('DENY');
    expect(headers['content-security-policy'], path).toMatch(/script-src [^;]*'nonce-/);
    expect(headers['content-security-policy'], path).toContain("frame-ancestors 'none'");
    expect(headers['cache-control'], path).toBe('no-store');
    // The nonce placeholder never leaks unreplaced.
    expect(await res.text(), path).not.toContain('__AFV_');
  }
});
