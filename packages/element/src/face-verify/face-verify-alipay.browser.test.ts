/**
 * The Alipay flow inside the Alipay app: the init reply says `flow: 'alipay'`, the element calls
 * AlipayJSBridge (via core) instead of navigating, reports the bridge's outcome once, and asks the
 * merchant server for the verdict with the ticket init returned. Outside the app it offers the
 * `alipays://` link (views suite). Either way the reply's `url` must pass the CertifyUrl allowlist.
 */
import type { AlipayBridge } from '@aliyun-face-verify/core';
import { http, HttpResponse } from 'msw';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import '../aliyun-face-verify.js';
import { STRINGS, type AliyunFaceVerify } from '../index.js';
import {
  $,
  cleanup,
  heading,
  JSVM,
  mockServer,
  record,
  stage,
  until,
  type Recorded,
} from '../../test/helpers.js';

const zh = STRINGS['zh-CN'];
const URL_ = 'https://picker.antcloudauth.aliyuncs.com/gateway.do?certifyId=sha-ap';
const worker = await mockServer();
const ua = (version: string): string =>
  `Mozilla/5.0 (Linux; Android 13; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36 AlipayClient/${version} AliApp(AP/${version})`;

type Bridged = Window & { AlipayJSBridge?: AlipayBridge };
let calls: { api: string; params: Record<string, unknown> }[] = [];

/** Pretends to be the Alipay app: its user agent and a bridge that answers `resultStatus`. */
function insideAlipay(version: string, resultStatus: string): void {
  Object.defineProperty(navigator, 'userAgent', { get: () => ua(version), configurable: true });
  (window as Bridged).AlipayJSBridge = {
    call(api, params, callback) {
      calls.push({ api, params });
      setTimeout(() => callback({ resultStatus, result: null }), 10);
    },
  };
}

/** Init requests the element sent, as the merchant server saw them. */
let inits: Record<string, unknown>[] = [];

/** Mounts an element whose init answers with an Alipay flow for `url` and the merchant's ticket. */
async function mount(url = URL_): Promise<{ el: AliyunFaceVerify; seen: Recorded }> {
  const el = document.createElement('aliyun-face-verify');
  el.setAttribute('script-src', JSVM);
  el.setAttribute('allowed-hosts', location.host);
  el.setAttribute('describe-url', '/api/face-verify/describe');
  el.init = async (request) => {
    inits.push({ ...request });
    return { flow: 'alipay', certifyId: 'sha-ap', url, ticket: 'tk-ap' };
  };
  const seen = record(el);
  stage().append(el);
  await el.updateComplete;
  return { el, seen };
}

beforeEach(() => {
  cleanup();
  calls = [];
  inits = [];
});

it('asks for the Alipay flow by itself inside Alipay, without a ReturnUrl (the bridge reports the end)', async () => {
  insideAlipay('10.5.0', '6001');
  const { el, seen } = await mount();
  el.start();
  await until(() => seen['face-verify-result'].length === 1);
  expect(inits).toHaveLength(1);
  expect(inits[0]).toMatchObject({ flow: 'alipay' });
  expect(inits[0]).not.toHaveProperty('returnUrl');
  expect(typeof inits[0]?.['metaInfo']).toBe('string');
});

it('flow="alipay" outside Alipay asks for the out-of-app launch and keeps the ReturnUrl', async () => {
  const { el } = await mount();
  el.setAttribute('flow', 'alipay');
  el.start();
  await until(() => !!$(el, 'a[part~="link"]'));
  expect(inits[0]).toMatchObject({ flow: 'alipay', returnUrl: location.href });
  expect(calls).toEqual([]);
});
afterEach(() => {
  worker.resetHandlers();
  cleanup();
  delete (navigator as { userAgent?: string }).userAgent;
  delete (window as Bridged).AlipayJSBridge;
});

it('9000: opens the certify flow through the bridge, fires the outcome, then the server verdict', async () => {
  const asked: unknown[] = [];
  worker.use(
    http.post('/api/face-verify/describe', async ({ request }) => {
      asked.push(await request.json());
      return HttpResponse.json({
        certifyId: 'sha-ap',
        passed: true,
        subCode: '200',
        message: '认证通过',
      });
    }),
  );
  insideAlipay('10.5.0', '9000');
  const { el, seen } = await mount();
  $(el, 'button[part~="start"]').click();
  await el.settled;

  expect(seen['face-verify-described']).toHaveLength(1);
  await el.updateComplete;
  expect(calls).toEqual([
    {
      api: 'startBizService',
      params: { name: 'open-certify', param: JSON.stringify({ certifyId: 'sha-ap', url: URL_ }) },
    },
  ]);
  expect(seen['face-verify-result'].map((e) => e.detail)).toEqual([
    {
      source: 'alipay',
      certifyId: 'sha-ap',
      outcome: { status: 'submitted', resultStatus: '9000', result: null },
    },
  ]);
  expect(seen['face-verify-redirect']).toEqual([]);
  expect(heading(el)).toBe(zh.passedTitle);
  // No pending record for the bridge: the ticket was kept in memory with the certifyId.
  expect(asked).toEqual([{ certifyId: 'sha-ap', ticket: 'tk-ap' }]);
  expect(sessionStorage.getItem('aliyun-face-verify:pending')).toBeNull();
});

it('6001: the user cancelled — said plainly, with a new attempt, and the server is not asked', async () => {
  let asked = 0;
  worker.use(http.post('/api/face-verify/describe', () => (asked++, HttpResponse.json({}))));
  insideAlipay('10.5.0', '6001');
  const { el, seen } = await mount();
  $(el, 'button[part~="start"]').click();
  await until(() => seen['face-verify-result'].length === 1);
  await el.updateComplete;
  expect(seen['face-verify-result'][0]?.detail).toMatchObject({
    source: 'alipay',
    outcome: { status: 'cancelled', resultStatus: '6001' },
  });
  expect($(el, '[part~="result"] p').textContent).toBe(zh.cancelled);
  expect($(el, 'button[part~="again"]')).toBeTruthy();
  expect(asked).toBe(0);
});

it('an Alipay older than 10.1.32 is reported before the start; started anyway, it asks to update', async () => {
  insideAlipay('10.1.30', '9000');
  const { el, seen } = await mount();
  await until(() => seen['face-verify-unsupported'].length === 1);
  expect(seen['face-verify-unsupported'][0]?.detail).toMatchObject({
    supported: false,
    action: 'open-in-browser',
    app: 'alipay',
    reasons: ['Alipay needs 10.1.32+'],
  });
  expect(el.shadowRoot?.querySelector('button[part~="start"]')).toBeNull();
  el.start();
  await el.settled;

  expect(seen['face-verify-error']).toHaveLength(1);
  expect(seen['face-verify-error'][0]?.detail).toEqual({
    code: 'alipay-version-too-old',
    stage: 'alipay',
    message: zh.alipayOld,
  });
  expect(calls).toEqual([]);
});

it('no usable bridge (an Alipay view that does not say its version): "unavailable", not a page configuration error', async () => {
  insideAlipay('10.5.0', '9000');
  Object.defineProperty(navigator, 'userAgent', {
    get: () => ua('10.5.0').replace(/ AliApp\(AP\/[\d.]+\)/, ''),
    configurable: true,
  });
  const { el, seen } = await mount();
  $(el, 'button[part~="start"]').click();
  await el.settled;

  expect(seen['face-verify-error']).toHaveLength(1);
  expect(seen['face-verify-error'][0]?.detail).toEqual({
    code: 'alipay-unavailable',
    stage: 'alipay',
    message: zh.server,
  });
  expect(calls).toEqual([]);
});

it('outside the app: the alipays:// link, then "I\'ve finished" asks the server for the verdict', async () => {
  let asked: unknown;
  worker.use(
    http.post('/api/face-verify/describe', async ({ request }) => {
      asked = await request.json();
      return HttpResponse.json({
        certifyId: 'sha-ap',
        passed: false,
        subCode: '205',
        message: '活体检测存在风险',
      });
    }),
  );
  const { el, seen } = await mount();
  $(el, 'button[part~="start"]').click();
  await until(() => el.shadowRoot?.querySelector('a[part="link"]'));
  expect(($(el, 'a[part="link"]') as HTMLAnchorElement).href).toBe(
    `alipays://platformapi/startapp?appId=20000067&url=${encodeURIComponent(URL_)}`,
  );
  expect(calls).toEqual([]);
  $(el, 'button[part~="done"]').click();
  await el.settled;

  expect(seen['face-verify-described']).toHaveLength(1);
  await el.updateComplete;
  expect(asked).toEqual({ certifyId: 'sha-ap', ticket: 'tk-ap' });
  expect(heading(el)).toBe(zh.failedTitle);
  expect($(el, '[part~="result"] p').textContent).toBe('活体检测存在风险');
  expect($(el, 'button[part~="again"]')).toBeTruthy();
});

describe.each([
  ['inside the app (bridge)', true],
  ['outside the app (alipays:// link)', false],
])('an Alipay url off the CertifyUrl allowlist, %s', (_, inside) => {
  it.each([
    'https://evil.example/certify',
    'alipays://platformapi/startapp?appId=20000067',
    'javascript:alert(1)',
    'https://bucket.oss-cn-shanghai.aliyuncs.com/certify.html',
  ])('%s: invalid-certify-url, no link, no bridge call, nothing asked', async (url) => {
    let asked = 0;
    worker.use(http.post('/api/face-verify/describe', () => (asked++, HttpResponse.json({}))));
    if (inside) insideAlipay('10.5.0', '9000');
    const { el, seen } = await mount(url);
    $(el, 'button[part~="start"]').click();
    await el.settled;

    expect(seen['face-verify-error']).toHaveLength(1);
    await el.updateComplete;
    expect(seen['face-verify-error'][0]?.detail).toEqual({
      code: 'invalid-certify-url',
      stage: 'alipay',
      message: zh.certifyUrl,
    });
    expect(heading(el)).toBe(zh.errorTitle);
    expect(el.shadowRoot?.querySelector('a')).toBeNull();
    expect(calls).toEqual([]);
    expect(seen['face-verify-result']).toEqual([]);
    expect(asked).toBe(0);
  });
});
