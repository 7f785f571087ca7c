import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, test } from '@playwright/test';
import { bundle } from '../scripts/build.mjs';

/**
 * The one-file bundle on a page with a strict CSP, in real Chromium: scripts only by nonce, Trusted
 * Types enforced (`require-trusted-types-for 'script'`, only the `lit-html` and `aliyun-face-verify`
 * policies allowed), no inline styles, requests to self only. A loopback server plays the merchant
 * (init, describe) and the certify page (a redirect back with `response`), so the whole round trip
 * runs: start → hand-over → return → result → authoritative result.
 */

const NONCE = randomBytes(16).toString('base64');
const CSP = [
  "default-src 'none'",
  `script-src 'nonce-${NONCE}'`,
  "style-src 'none'",
  "connect-src 'self'",
  "require-trusted-types-for 'script'",
  'trusted-types lit-html aliyun-face-verify',
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

const jsvm = readFileSync(fileURLToPath(new URL('./fixtures/jsvm.js', import.meta.url)), 'utf8');
let code = '';
let server: Server | undefined;
let origin = '';
const inits: Record<string, unknown>[] = [];
const describes: unknown[] = [];

/** The merchant page: probes first (CSP violations, errors), then the bundle, then the tag. */
const page = (): string => `<!doctype html>
<html lang="zh-CN"><head><meta charset="utf-8"><title>element under CSP</title>
<script nonce="${NONCE}">
  window.__violations = [];
  window.__errors = [];
  document.addEventListener('securitypolicyviolation', (e) =>
    window.__violations.push(e.effectiveDirective + ' ' + e.blockedURI));
  window.addEventListener('error', (e) => window.__errors.push(String(e.message)));
  window.addEventListener('unhandledrejection', (e) => window.__errors.push(String(e.reason)));
</script>
<script type="module" nonce="${NONCE}" src="/aliyun-face-verify.bundle.js"></script>
</head><body><main>
<aliyun-face-verify init-url="/init" describe-url="/describe" script-src="/jsvm.js"
  nonce="${NONCE}" allowed-hosts="${new URL(origin).host}"></aliyun-face-verify>
</main>
<script type="module" nonce="${NONCE}">
  // Added after the bundle ran: the element waits for the page's scripts before it fires.
  window.__events = [];
  for (const type of ['face-verify-redirect', 'face-verify-result', 'face-verify-described', 'face-verify-error'])
    document.addEventListener(type, (e) => window.__events.push({ type, detail: e.detail }));
</script>
</body></html>`;

async function json(req: IncomingMessage): Promise<Record<string, unknown>> {
  let body = '';
  for await (const chunk of req) body += String(chunk);
  return JSON.parse(body) as Record<string, unknown>;
}

test.beforeAll(async () => {
  code = readFileSync(await bundle(join(tmpdir(), `afv-csp-${process.pid}.js`)), 'utf8');
  const http = createServer((req, res) => {
    const url = new URL(req.url ?? '/', origin);
    const send = (status: number, type: string, body: string, headers = {}): void => {
      res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...headers });
      res.end(body);
    };
    void (async () => {
      switch (url.pathname) {
        case '/':
          return send(200, 'text/html; charset=utf-8', page(), { 'content-security-policy': CSP });
        case '/aliyun-face-verify.bundle.js':
          return send(200, 'text/javascript', code);
        case '/jsvm.js':
          return send(200, 'text/javascript', jsvm);
        case '/init': {
          const body = await json(req);
          inits.push(body);
          const certifyUrl = `${origin}/certify?back=${encodeURIComponent(String(body['returnUrl']))}`;
          return send(
            200,
            'application/json',
            JSON.stringify({ certifyId: 'sha-csp', certifyUrl, ticket: 'tk-csp' }),
          );
        }
        case '/certify': {
          // The hosted page's redirect back, with `response` as the seeds show it (quotes raw).
          const back = url.searchParams.get('back') ?? '/';
          const response = `%7B"code"%3A1000%2C"subCode"%3A"Z5051"%2C"reason"%3A"success"%2C"extInfo"%3A%7B"certifyId"%3A"sha-csp"%7D%7D`;
          return send(302, 'text/plain', '', {
            location: `${back}${back.includes('?') ? '&' : '?'}response=${response}`,
          });
        }
        case '/describe':
          describes.push(await json(req));
          return send(
            200,
            'application/json',
            JSON.stringify({
              certifyId: 'sha-csp',
              passed: true,
              subCode: '200',
              message: '认证通过',
            }),
          );
        default:
          return send(404, 'text/plain', 'not found');
      }
    })();
  });
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  server = http;
});

test.afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
});

test('start, hand-over, return and confirmation all work under nonce + Trusted Types', async ({
  page: tab,
}) => {
  await tab.goto(`${origin}/?order=42`);
  const element = tab.locator('aliyun-face-verify');
  await expect(element.getByRole('heading', { name: '实人认证' })).toBeVisible();
  // The CSP is really enforced here: a raw string into an HTML sink is refused.
  expect(
    await tab.evaluate(() => {
      try {
        document.body.insertAdjacentHTML('beforeend', '<b>x</b>');
        return 'allowed';
      } catch {
        return 'blocked';
      }
    }),
  ).toBe('blocked');
  // Styles arrive as constructed sheets, which style-src 'none' does not block.
  await expect(element.getByRole('button', { name: '开始认证' })).toHaveCSS('min-height', '44px');

  await element.getByRole('button', { name: '开始认证' }).click();
  await tab.waitForURL((url) => url.pathname === '/' && !url.search.includes('response'));
  await expect(element.getByRole('heading', { name: '认证通过' })).toBeVisible();

  expect(inits).toHaveLength(1);
  expect(typeof inits[0]?.['metaInfo']).toBe('string');
  expect(JSON.parse(String(inits[0]?.['metaInfo']))).toMatchObject({ zimVer: '3.0.0' });
  expect(inits[0]?.['returnUrl']).toBe(`${origin}/?order=42`);
  expect(describes).toEqual([{ certifyId: 'sha-csp', ticket: 'tk-csp' }]);
  // The return page kept the merchant's own parameter and dropped `response`.
  expect(new URL(tab.url()).search).toBe('?order=42');
  const events = await tab.evaluate(() => (window as unknown as { __events: unknown[] }).__events);
  expect(events).toEqual([
    {
      type: 'face-verify-result',
      detail: expect.objectContaining({
        source: 'return',
        result: expect.objectContaining({ code: 1000, certifyId: 'sha-csp', passed: true }),
        correlation: expect.objectContaining({
          pending: true,
          certifyIdMatches: true,
          stale: false,
        }),
      }),
    },
    {
      type: 'face-verify-described',
      detail: { certifyId: 'sha-csp', passed: true, subCode: '200', message: '认证通过' },
    },
  ]);
  const probes = await tab.evaluate(() => {
    const w = window as unknown as { __violations: string[]; __errors: string[] };
    return { violations: w.__violations, errors: w.__errors };
  });
  expect(probes).toEqual({ violations: [], errors: [] });
});

test('the injected jsvm tag carries the page nonce, which CSP hides from the attribute', async ({
  page: tab,
}) => {
  await tab.goto(`${origin}/`);
  const element = tab.locator('aliyun-face-verify');
  // Nonce hiding: with a header CSP the attribute reads empty; the element uses the `nonce` property.
  expect(await element.getAttribute('nonce')).toBe('');
  await tab.route(/\/init$/, (route) => route.fulfill({ status: 500, body: 'down' }));
  await element.getByRole('button', { name: '开始认证' }).click();
  await expect(element.getByRole('heading', { name: '出错了' })).toBeVisible();
  expect(
    await tab.evaluate(
      () => document.querySelector<HTMLScriptElement>('script[data-aliyun-face-verify]')?.nonce,
    ),
  ).toBe(NONCE);
  const violations = await tab.evaluate(
    () => (window as unknown as { __violations: string[] }).__violations,
  );
  expect(violations).toEqual([]);
});

test('injected markup cannot make the element run its script with the page nonce (script gadget)', async ({
  page: tab,
}) => {
  await tab.goto(`${origin}/`);
  const initsBefore = inits.length;
  const evil = 'https://evil.example/x.js';
  const requested: string[] = [];
  tab.on('request', (request) => {
    if (request.url().startsWith('https://evil.example/')) requested.push(request.url());
  });
  // What an HTML injection on the merchant page would add: the tag, with a script-src of its own.
  await tab.evaluate((src) => {
    const main = document.querySelector('main') as HTMLElement;
    main.replaceChildren();
    const el = document.createElement('aliyun-face-verify');
    el.setAttribute('init-url', '/init');
    el.setAttribute('script-src', src);
    main.append(el);
  }, evil);
  const element = tab.locator('aliyun-face-verify');
  await element.getByRole('button', { name: '开始认证' }).click();
  await expect(element.getByRole('heading', { name: '出错了' })).toBeVisible();
  await expect(element.getByRole('status')).toHaveText('认证组件地址不在允许范围内，已阻止加载。');
  const seen = await tab.evaluate(() => ({
    scripts: [...document.scripts].map((s) => s.src).filter((src) => src.includes('evil')),
    events: (window as unknown as { __events: { type: string; detail: unknown }[] }).__events,
  }));
  expect(seen.scripts).toEqual([]);
  expect(seen.events).toEqual([
    {
      type: 'face-verify-error',
      detail: expect.objectContaining({ code: 'script-not-allowed', stage: 'script' }),
    },
  ]);
  expect(requested).toEqual([]);
  expect(inits).toHaveLength(initsBefore);
});
