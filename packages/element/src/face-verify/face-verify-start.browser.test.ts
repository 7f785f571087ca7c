/**
 * The start flow against mocked merchant endpoints (msw service worker): success, every
 * InitFaceVerify error code of the seeds, 5xx, timeout, network failure, malformed replies, a
 * CertifyUrl off the allowlist, a `script-src` off the script allowlist, and script load failures —
 * what the user sees, what is fired, and that a retry works each time.
 */
import { _resetJsvmLoader, DEFAULT_JSVM_SRC, type InitResponse } from '@aliyun-face-verify/core';
import { describeServiceCode, INIT_FACE_VERIFY_CODES } from '@aliyun-face-verify/core/tables';
import { delay, http, HttpResponse, type JsonBodyType } from 'msw';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import '../aliyun-face-verify.js';
import {
  STRINGS,
  type AliyunFaceVerify,
  type FaceVerifyRedirectEvent,
  type UiStrings,
} from '../index.js';
import {
  $,
  cleanup,
  expectAccessible,
  facts,
  FIXTURES,
  heading,
  JSVM,
  mockServer,
  record,
  stage,
  text,
  until,
  watchScripts,
  type Recorded,
} from '../../test/helpers.js';

const INIT = '/api/face-verify/init';
const zh = STRINGS['zh-CN'];
const en = STRINGS.en;
const CERTIFY_URL = 'https://m.alyms.cn/F4.abcdefg';
const worker = await mockServer();

/** The bodies the init endpoint received, parsed. */
let bodies: Record<string, unknown>[] = [];
/** The Accept-Language of each init request. */
let languages: (string | null)[] = [];

/** Makes the init endpoint answer with `reply` (after recording the request body). */
function initReplies(reply: () => Response | Promise<Response>): void {
  worker.use(
    http.post(INIT, async ({ request }) => {
      bodies.push((await request.json()) as Record<string, unknown>);
      languages.push(request.headers.get('accept-language'));
      return reply();
    }),
  );
}

const ok =
  (body: JsonBodyType = { certifyId: 'sha-1', certifyUrl: CERTIFY_URL }) =>
  () =>
    HttpResponse.json(body);

/** A merchant error body as packages/server sends it. */
const merchantError = (status: number, error: Record<string, string>) => () =>
  HttpResponse.json({ error }, { status });

interface Mounted {
  el: AliyunFaceVerify;
  seen: Recorded;
}

/**
 * Mounts an element that POSTs to the mocked init endpoint and cancels every redirect (the test
 * page must stay). The jsvm stand-in is served by the test server, so its host is allowed.
 */
async function mount(attributes: Record<string, string> = {}): Promise<Mounted> {
  const el = document.createElement('aliyun-face-verify');
  for (const [name, value] of Object.entries({
    'init-url': INIT,
    'script-src': JSVM,
    'allowed-hosts': location.host,
    ...attributes,
  }))
    el.setAttribute(name, value);
  const seen = record(el);
  el.addEventListener('face-verify-redirect', (event) => event.preventDefault());
  stage().append(el);
  await el.updateComplete;
  return { el, seen };
}

/** Clicks the visible primary button (start, retry). */
function click(el: AliyunFaceVerify, part: 'start' | 'retry'): void {
  $(el, `button[part~="${part}"]`).click();
}

/** Waits for the error view and returns the one error event fired for it. */
async function failed({ el, seen }: Mounted, count = 1) {
  expect((await el.settled).kind).toBe('error');
  await el.updateComplete;
  expect(heading(el)).toBe(STRINGS[el.lang === 'en' ? 'en' : 'zh-CN'].errorTitle);
  expect(seen['face-verify-error']).toHaveLength(count);
  return seen['face-verify-error'][count - 1]?.detail;
}

/** Waits for the (cancelled) redirect and returns its event. */
async function redirected({ el, seen }: Mounted, count = 1): Promise<FaceVerifyRedirectEvent> {
  // The listener cancelled the hand-over: the run ends back at the start view.
  expect(await el.settled).toEqual({ kind: 'idle' });
  expect(seen['face-verify-redirect']).toHaveLength(count);
  return seen['face-verify-redirect'][count - 1] as FaceVerifyRedirectEvent;
}

beforeAll(() => {
  cleanup();
});
beforeEach(() => {
  bodies = [];
  languages = [];
  _resetJsvmLoader();
});
afterEach(() => {
  worker.resetHandlers();
  cleanup();
});

describe('success', () => {
  it.each([
    ['en', 'en'],
    ['zh-CN', 'zh-CN'],
  ])('asks the server for messages in the element language (lang=%s)', async (lang, sent) => {
    initReplies(ok());
    const m = await mount({ lang });
    click(m.el, 'start');
    await redirected(m);
    expect(languages).toEqual([sent]);
  });

  it('POSTs MetaInfo as a JSON string with the return URL, then fires one cancelable redirect', async () => {
    initReplies(ok());
    const m = await mount();
    click(m.el, 'start');
    const event = await redirected(m);
    expect(event.cancelable).toBe(true);
    expect(event.defaultPrevented).toBe(true);
    expect(event.detail).toEqual({ certifyId: 'sha-1', certifyUrl: CERTIFY_URL });
    expect(bodies).toHaveLength(1);
    const body = bodies[0] as Record<string, unknown>;
    expect(typeof body['metaInfo']).toBe('string');
    expect(JSON.parse(body['metaInfo'] as string)).toMatchObject({
      zimVer: '3.0.0',
      deviceType: 'h5',
    });
    expect(body['returnUrl']).toBe(location.href);
    // Cancelled: the page (an SPA) navigates itself; the element goes back to its start view.
    await until(() => heading(m.el) === zh.title);
    expect(m.seen['face-verify-error']).toEqual([]);
    expect(m.seen['face-verify-redirect']).toHaveLength(1);
  });

  it('merges initData into the body, but metaInfo and returnUrl cannot be overridden', async () => {
    initReplies(ok());
    const m = await mount({ 'return-url': '/return?order=7' });
    m.el.initData = { certName: '张三', certNo: '11010519491231002X', metaInfo: 'forged' };
    click(m.el, 'start');
    await redirected(m);
    const body = bodies[0] as Record<string, unknown>;
    expect(body['certName']).toBe('张三');
    expect(body['certNo']).toBe('11010519491231002X');
    expect(body['metaInfo']).not.toBe('forged');
    expect(body['returnUrl']).toBe(new URL('/return?order=7', location.href).href);
  });

  it('an `init` property replaces the POST and gets the same request and an AbortSignal', async () => {
    const m = await mount();
    const calls: [Record<string, unknown>, AbortSignal][] = [];
    m.el.initData = { userId: 'u-1' };
    m.el.init = async (request, signal) => {
      calls.push([request, signal]);
      return { certifyId: 'sha-fn', certifyUrl: CERTIFY_URL } satisfies InitResponse;
    };
    click(m.el, 'start');
    expect((await redirected(m)).detail.certifyId).toBe('sha-fn');
    expect(bodies).toEqual([]);
    expect(calls[0]?.[0]).toMatchObject({ userId: 'u-1', returnUrl: location.href });
    expect(calls[0]?.[1]).toBeInstanceOf(AbortSignal);
  });

  it('accepts a CertifyUrl on a host:port the page allows (the emulator)', async () => {
    initReplies(ok({ certifyId: 'sha-e', certifyUrl: 'http://127.0.0.1:8787/certify/t0k3n' }));
    const m = await mount({ 'allowed-hosts': `localhost:1, 127.0.0.1:8787 ${location.host}` });
    click(m.el, 'start');
    expect((await redirected(m)).detail.certifyUrl).toBe('http://127.0.0.1:8787/certify/t0k3n');
  });
});

describe('init endpoint failures', () => {
  const codes = Object.keys(INIT_FACE_VERIFY_CODES).filter((code) => code !== '200');

  it('the seeds list InitFaceVerify error codes to test', () => {
    expect(codes.length).toBeGreaterThanOrEqual(10);
    expect(codes).toEqual(expect.arrayContaining(['400', '401', '404', '411', '418', '500']));
  });

  /** What the user is told per Code: what they can act on, else "service unavailable" (the merchant's to fix). */
  const userText = (code: string): keyof UiStrings =>
    code === '401'
      ? 'identity'
      : ['414', '415', '416'].includes(code)
        ? 'device'
        : code === '417'
          ? 'noSource'
          : code === '418'
            ? 'tooMany'
            : 'server';

  it.each(codes)(
    'upstream Code %s: a message the user can act on, the code for support, a working retry',
    async (code) => {
      initReplies(
        merchantError(502, {
          code: 'upstream-error',
          message: `InitFaceVerify returned ${code}`,
          upstreamCode: code,
          requestId: `req-${code}`,
        }),
      );
      const m = await mount();
      click(m.el, 'start');
      const detail = await failed(m);
      const key = userText(code);
      expect(detail).toEqual({
        code: 'init-failed',
        stage: 'init',
        message: zh[key],
        failure: 'http',
        status: 502,
        serverCode: 'upstream-error',
        upstreamCode: code,
        requestId: `req-${code}`,
      });
      expect($(m.el, '[part="error"] p').textContent).toBe(zh[key]);
      expect(facts(m.el)).toEqual({ [zh.code]: code, [zh.requestId]: `req-${code}` });
      // The seeds' wording is for the merchant (RAM grants, OSS, arrears): never shown to the user.
      expect(text(m.el)).not.toContain(describeServiceCode('InitFaceVerify', code, 'zh-CN'));
      m.el.lang = 'en';
      await m.el.updateComplete;
      expect($(m.el, '[part="error"] p').textContent).toBe(en[key]);
      initReplies(ok());
      click(m.el, 'retry');
      await redirected(m);
      expect(bodies).toHaveLength(2);
      expect(m.seen['face-verify-error']).toHaveLength(1);
    },
  );
  it.each([
    [400, 'bad-request', '401', 'identity'],
    [400, 'bad-request', '415', 'device'],
    [422, 'upstream-error', '417', 'noSource'],
    [429, 'rate-limited', '418', 'tooMany'],
    [502, 'upstream-error', '411', 'server'],
  ] as const)(
    'as packages/server answers: HTTP %i %s for upstream %s',
    async (status, serverCode, upstreamCode, key) => {
      initReplies(merchantError(status, { code: serverCode, message: 'x', upstreamCode }));
      const m = await mount({ lang: 'en' });
      click(m.el, 'start');
      expect(await failed(m)).toEqual({
        code: 'init-failed',
        stage: 'init',
        message: en[key],
        failure: 'http',
        status,
        serverCode,
        upstreamCode,
      });
    },
  );

  it('a 500 without a body: "service unavailable", failure http/500', async () => {
    initReplies(() => new HttpResponse('Internal Server Error', { status: 500 }));
    const m = await mount({ lang: 'en' });
    click(m.el, 'start');
    const detail = await failed(m);
    expect(detail).toEqual({
      code: 'init-failed',
      stage: 'init',
      message: en.server,
      failure: 'http',
      status: 500,
    });
    await expectAccessible(m.el);
  });

  it.each([
    [400, 'identity-required', en.identityMissing],
    [429, 'rate-limited', en.busy],
    [400, 'return-url-not-allowed', en.rejected],
    [503, 'internal', en.server],
  ])('HTTP %i with merchant code %s', async (status, code, message) => {
    initReplies(merchantError(status, { code, message: 'server says no' }));
    const m = await mount({ lang: 'en' });
    click(m.el, 'start');
    expect(await failed(m)).toMatchObject({ message, status, serverCode: code, failure: 'http' });
    // The server's own message is not shown: it may be internal, and it is not in the user's language.
    expect(text(m.el)).not.toContain('server says no');
  });

  it('a timeout: the wait ends with a timeout message, and a retry succeeds', async () => {
    initReplies(async () => {
      await delay('infinite');
      return HttpResponse.json({});
    });
    const m = await mount({ lang: 'en', timeout: '400' });
    click(m.el, 'start');
    await until(() => heading(m.el) === en.init);
    expect(await failed(m)).toMatchObject({ code: 'init-failed', failure: 'timeout' });
    expect(text(m.el)).toContain(en.timeout);
    initReplies(ok());
    click(m.el, 'retry');
    await redirected(m);
  });

  it('a network failure', async () => {
    initReplies(() => HttpResponse.error());
    const m = await mount({ lang: 'en' });
    click(m.el, 'start');
    expect(await failed(m)).toEqual({
      code: 'init-failed',
      stage: 'init',
      failure: 'network',
      message: en.network,
    });
  });

  it.each([
    ['not JSON', () => new HttpResponse('<html>proxy error</html>', { status: 200 })],
    ['JSON of the wrong shape', ok({ certifyId: 42, certifyUrl: CERTIFY_URL })],
    ['no CertifyUrl', ok({ certifyId: 'sha-1' })],
    ['an Alipay flow without url', ok({ flow: 'alipay', certifyId: 'sha-1' })],
  ])('a malformed reply (%s)', async (_, reply) => {
    initReplies(reply);
    const m = await mount({ lang: 'en' });
    click(m.el, 'start');
    expect(await failed(m)).toMatchObject({ code: 'init-failed', failure: 'malformed' });
    expect($(m.el, '[part="error"] p').textContent).toBe(en.malformed);
  });

  it.each([
    'https://evil.example/F4.x',
    'javascript:alert(1)',
    'https://m.alyms.cn.evil.example/F4.x',
    'https://bucket.oss-cn-shanghai.aliyuncs.com/page.html',
    'http://127.0.0.1:8788/certify/x',
  ])(
    'a CertifyUrl outside the allowlist (%s) never navigates nor reaches a listener',
    async (certifyUrl) => {
      initReplies(ok({ certifyId: 'sha-1', certifyUrl }));
      const m = await mount({ 'allowed-hosts': `127.0.0.1:8787,${location.host}` });
      click(m.el, 'start');
      expect(await failed(m)).toEqual({
        code: 'invalid-certify-url',
        stage: 'redirect',
        message: zh.certifyUrl,
      });
      expect(m.seen['face-verify-redirect']).toEqual([]);
    },
  );
});

describe('script-src allowlist', () => {
  type Probed = Window & { __pwned?: number };

  it.each([
    'https://evil.example/x.js',
    '//evil.example/x.js',
    'javascript:window.__pwned=1',
    'data:text/javascript,window.__pwned=1',
    // Anyone can host a script on OSS: only the seeds' bucket is official.
    'https://bucket.oss-cn-shanghai.aliyuncs.com/web_sdk_js/jsvm_all.js',
    'https://o.alicdn.com.evil.example/jsvm_all.js',
    'http://o.alicdn.com/yd-cloudauth/cloudauth-cdn/jsvm_all.js',
    'https://user@o.alicdn.com/yd-cloudauth/cloudauth-cdn/jsvm_all.js',
  ])(
    'script-src="%s" (injected markup): refused before any tag is added; nothing loads, nothing is sent',
    async (src) => {
      initReplies(ok());
      const scripts = watchScripts();
      const m = await mount({ lang: 'en', 'script-src': src });
      click(m.el, 'start');
      expect(await failed(m)).toEqual({
        code: 'script-not-allowed',
        stage: 'script',
        message: en.scriptBlocked,
      });
      expect($(m.el, '[part="error"] p').textContent).toBe(en.scriptBlocked);
      expect(scripts.stop()).toEqual([]);
      expect(document.querySelector('script[data-aliyun-face-verify]')).toBeNull();
      expect(
        performance.getEntriesByType('resource').filter(({ name }) => name.includes('evil')),
      ).toEqual([]);
      expect((window as Probed).__pwned).toBeUndefined();
      expect(bodies).toEqual([]);
      expect(m.seen['face-verify-redirect']).toEqual([]);
      await expectAccessible(m.el);
    },
  );

  it('a relative script-src is resolved against the page: refused unless the page host is allowed', async () => {
    initReplies(ok());
    const scripts = watchScripts();
    const m = await mount({ 'allowed-hosts': '127.0.0.1:8787' });
    click(m.el, 'start');
    expect(await failed(m)).toEqual({
      code: 'script-not-allowed',
      stage: 'script',
      message: zh.scriptBlocked,
    });
    expect(scripts.stop()).toEqual([]);
    expect(bodies).toEqual([]);
    // The same element, once the page allows its own host: the script loads and the flow goes on
    // (and the watcher does see a tag when one is added).
    const allowed = watchScripts();
    m.el.allowedHosts = location.host;
    click(m.el, 'retry');
    await redirected(m);
    expect(allowed.stop()).toEqual([new URL(JSVM, location.href).href]);
  });

  it.each(['https://o.alicdn.com/yd-cloudauth/cloudauth-cdn/jsvm_all.js', DEFAULT_JSVM_SRC])(
    'the official script host of %s needs no allowed-hosts entry',
    async (src) => {
      // Already loaded (as after a preload tag): the check still runs first, and then passes.
      (window as { getMetaInfo?: () => object }).getMetaInfo = () => ({ zimVer: '3.0.0' });
      initReplies(ok());
      const m = await mount({ 'script-src': src, 'allowed-hosts': '' });
      click(m.el, 'start');
      await redirected(m);
      expect(m.seen['face-verify-error']).toEqual([]);
    },
  );
});

describe('script failures', () => {
  it('a script that cannot load: message, typed code, and a retry once it is back', async () => {
    const key = `k${Date.now()}`;
    initReplies(ok());
    const m = await mount({ lang: 'en', 'script-src': `${FIXTURES}/jsvm-switch.js?key=${key}` });
    click(m.el, 'start');
    await until(() => heading(m.el) === en.script);
    expect(await failed(m)).toEqual({
      code: 'script-load-failed',
      stage: 'script',
      message: en.scriptFailed,
    });
    // Core retried twice with a cache-busting URL before giving up; the user is asked once.
    expect(await (await fetch(`${FIXTURES}/hits?key=${key}`)).json()).toBe(3);
    expect(bodies).toEqual([]);
    // The server is back: the user's retry loads it and the flow goes on.
    await fetch(`${FIXTURES}/switch?key=${key}`);
    click(m.el, 'retry');
    await redirected(m);
    expect(bodies).toHaveLength(1);
  });

  it('a 404 script', async () => {
    const m = await mount({ 'script-src': `${FIXTURES}/jsvm-404.js` });
    click(m.el, 'start');
    expect(await failed(m)).toMatchObject({ code: 'script-load-failed', stage: 'script' });
    expect(text(m.el)).toContain(zh.scriptFailed);
  });

  it('a script that never answers times out', async () => {
    const m = await mount({ lang: 'en', 'script-src': `${FIXTURES}/jsvm-hang.js`, timeout: '500' });
    click(m.el, 'start');
    expect(await failed(m)).toEqual({
      code: 'script-timeout',
      stage: 'script',
      message: en.timeout,
    });
  });

  it('a script that loads but defines no getMetaInfo', async () => {
    const m = await mount({ lang: 'en', 'script-src': `${FIXTURES}/jsvm-empty.js` });
    click(m.el, 'start');
    expect(await failed(m)).toMatchObject({ code: 'script-missing-global', stage: 'script' });
    expect(text(m.el)).toContain(en.scriptFailed);
  });
});
