/**
 * The demo's pages as screens: each one is accessible (axe) and photographed, the identity form
 * sends its fields through `initData`, the language switch reaches the element, and the WeChat
 * page shows the guide and the open-in-browser overlay on a desktop.
 */
import { STRINGS } from '@aliyun-face-verify/element';
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

const SCREENS = [
  { name: 'home', path: '/', ready: 'card-plain' },
  { name: 'plain', path: '/plain.html', ready: 'merchant-view' },
  { name: 'spa-history', path: '/spa/', ready: 'start-view' },
  { name: 'spa-hash', path: '/hash.html', ready: 'start-view' },
  { name: 'identity', path: '/identity.html', ready: 'test-identities' },
  { name: 'wechat', path: '/wechat.html', ready: 'compat-verdict' },
  { name: 'alipay', path: '/alipay.html', ready: 'alipay-verdict' },
  { name: 'embed', path: '/embed.html', ready: 'page-state' },
  { name: 'csp', path: '/csp.html', ready: 'csp-policy' },
] as const;

for (const screen of SCREENS) {
  test(`${screen.name} is accessible in en and zh-CN`, async ({ page }, testInfo) => {
    await page.goto(`${screen.path}?lang=en`);
    for (const lang of ['en', 'zh-CN'] as const) {
      if (lang === 'zh-CN') await page.getByRole('button', { name: '中文' }).click();
      await expect(page.getByTestId(screen.ready)).toBeVisible();
      await expect(page.locator('html')).toHaveAttribute('lang', lang);
      await expect(page.getByTestId('mode')).toHaveText(lang === 'en' ? 'Emulator' : '模拟器');
      await expectAccessible(page, testInfo, `${screen.name}-${lang}`);
      await screenshot(page, testInfo, `${screen.name}-${lang}`);
    }
  });
}

test('language switch reaches the page and the element, and is remembered', async ({ page }) => {
  await page.goto('/spa/?lang=en');
  await expect(verifier(page).getByRole('button', { name: UI.start, exact: true })).toBeVisible();
  await page.getByRole('button', { name: '中文' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(
    verifier(page).getByRole('button', { name: STRINGS['zh-CN'].start, exact: true }),
  ).toBeVisible();
  await expect(page.getByRole('link', { name: '概览' })).toBeVisible();
  await expect(page.getByRole('button', { name: '中文' })).toHaveAttribute('aria-pressed', 'true');
  await page.goto('/hash.html');
  await expect(
    verifier(page).getByRole('button', { name: STRINGS['zh-CN'].start, exact: true }),
  ).toBeVisible();
});

test('identity form: a test identity goes to the server as initData and verifies', async ({
  page,
  events,
}, testInfo) => {
  await page.goto('/identity.html?lang=en');
  const table = page.getByTestId('test-identities');
  await expect(table.getByRole('row')).toHaveCount(8);
  await table.getByRole('button', { name: 'Use 张三' }).click();
  await expect(page.getByLabel('Full name')).toHaveValue('张三');
  await expect(page.getByLabel('ID number (18 digits)')).toHaveValue('110101199003071233');
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
  await expect(page.getByTestId('verifying-as')).toHaveText('张三 · 110101********1233');

  // Pass the init call through, keeping what went out and what came back.
  let sent: unknown;
  let reply = '';
  await page.route('**/api/face-verify/init', async (route) => {
    sent = route.request().postDataJSON();
    const response = await route.fetch();
    reply = await response.text();
    await route.fulfill({ response });
  });
  await clickStart(page);
  await page.waitForURL(/\/certify\//);
  expect(sent).toMatchObject({
    certName: '张三',
    certNo: '110101199003071233',
    metaInfo: expect.any(String),
    returnUrl: expect.stringContaining('/identity.html'),
  });
  // The identity never comes back from the server.
  expect(reply).toContain('certifyId');
  expect(reply).not.toContain('110101199003071233');
  expect(reply).not.toContain('张三');
  await completeOnEmulator(page, 'pass');
  await page.waitForURL(/\/identity\.html/);
  await events.next('face-verify-described');
  await expect(
    verifier(page).getByRole('heading', { name: UI.passedTitle, exact: true }),
  ).toBeVisible();
  await screenshot(page, testInfo, 'identity-result-passed');
});

test('identity form: a rejected identity (InitFaceVerify 417) explains itself', async ({
  page,
  events,
}) => {
  await page.goto('/identity.html?lang=en');
  await page.getByTestId('test-identities').getByRole('button', { name: 'Use 赵六' }).click();
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
  await clickStart(page);
  const error = await events.next('face-verify-error');
  expect(error.detail).toMatchObject({ code: 'init-failed', stage: 'init', upstreamCode: '417' });
  await expect(
    verifier(page).getByRole('heading', { name: UI.errorTitle, exact: true }),
  ).toBeVisible();
  expect(String(error.detail['message'])).not.toBe('');
  // The message is the heading's text and is announced in the status line too.
  await expect(verifier(page).getByText(String(error.detail['message'])).first()).toBeVisible();
  expect(events.of('face-verify-redirect')).toHaveLength(0);
});

test('identity form: incomplete fields are caught before anything is sent', async ({ page }) => {
  const inits: string[] = [];
  page.on('request', (r) => {
    if (r.url().includes('/api/face-verify/init')) inits.push(r.url());
  });
  await page.goto('/identity.html?lang=en');
  await page.getByLabel('Full name').fill('张三');
  await page.getByLabel('ID number (18 digits)').fill('12345');
  await page.getByRole('button', { name: 'Continue', exact: true }).click();
  await expect(page.getByRole('alert')).toHaveText(
    'Enter a name and an 18-character ID number to continue.',
  );
  await expect(page.getByLabel('ID number (18 digits)')).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByTestId('verify-card')).toBeHidden();
  expect(inits).toEqual([]);
});

test('WeChat page: ?ua=wechat-ios-14.0 shows the open-in-browser overlay', async ({
  page,
  events,
}, testInfo) => {
  await page.goto('/wechat.html?lang=en&ua=wechat-ios-14.0');
  const unsupported = await events.next('face-verify-unsupported');
  expect(unsupported.detail).toMatchObject({
    supported: false,
    action: 'open-in-browser',
    app: 'wechat',
    os: { name: 'ios' },
  });
  const dialog = verifier(page).getByRole('dialog');
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('heading', { name: UI.openTitle, exact: true })).toBeVisible();
  await expect(dialog.getByText(UI.openSteps)).toBeVisible();
  await expect(page.getByTestId('compat-verdict').locator('[data-key="action"]')).toHaveText(
    'open-in-browser',
  );
  await expect(verifier(page).getByRole('button', { name: UI.start, exact: true })).toHaveCount(0);
  await screenshot(page, testInfo, 'wechat-ios14-open-in-browser');
  await expectAccessible(page, testInfo, 'wechat-ios14-open-in-browser');
  await dialog.getByRole('button', { name: UI.close, exact: true }).click();
  await expect(verifier(page).getByRole('dialog')).toHaveCount(0);
  await expect(
    verifier(page).getByRole('heading', { name: UI.openTitle, exact: true }),
  ).toBeVisible();
});

test('WeChat page: ?ua=wechat-android shows the guide, then the flow completes', async ({
  page,
  events,
}, testInfo) => {
  await page.goto('/wechat.html?lang=en&ua=wechat-android');
  const el = verifier(page);
  await expect(el.getByRole('heading', { name: UI.guideTitle, exact: true })).toBeVisible();
  await expect(el.getByText(UI.guide[1] ?? '')).toBeVisible();
  await expect(page.getByTestId('compat-verdict').locator('[data-key="action"]')).toHaveText(
    'wechat-guide',
  );
  expect(events.of('face-verify-unsupported')).toHaveLength(0);
  await screenshot(page, testInfo, 'wechat-android-guide');
  await expectAccessible(page, testInfo, 'wechat-android-guide');
  await el.getByRole('button', { name: UI.continue, exact: true }).click();
  await clickStart(page);
  await completeOnEmulator(page, 'pass');
  await page.waitForURL(/\/wechat\.html\?/);
  expect(new URL(page.url()).searchParams.get('ua')).toBe('wechat-android');
  await events.next('face-verify-described');
  await expect(el.getByRole('heading', { name: UI.passedTitle, exact: true })).toBeVisible();
});
