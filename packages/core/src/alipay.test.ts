import { describe, expect, it } from 'vitest';
import { buildAlipayLaunchUrl, startAlipayVerification } from './alipay.js';
import type { AlipayBridge, AlipayVerificationOptions, AlipayWindow } from './alipay.js';
import { FaceVerifyError } from './errors.js';
import type { FaceVerifyErrorCode } from './errors.js';

const alipayUa = (version: string): string =>
  `Mozilla/5.0 (iPhone; CPU iPhone OS 16_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 ChannelId(1) Nebula AlipayDefined(nt:WIFI,ws:375|748|2.0) AliApp(AP/${version}) AlipayClient/${version} Language/zh-Hans Region/CN`;
const CHROME =
  'Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Mobile Safari/537.36';
const CERTIFY_URL = 'https://picker.antcloudauth.aliyuncs.com/gateway.do?biz=1&x=a b#frag';

interface Call {
  api: string;
  params: Record<string, unknown>;
  callback: (result: never) => void;
}

/** A bridge that records calls and answers with `answer` (or never, when undefined). */
function fakeBridge(answer?: unknown): AlipayBridge & { calls: Call[] } {
  const calls: Call[] = [];
  return {
    calls,
    call(api, params, callback) {
      calls.push({ api, params, callback });
      if (answer !== undefined) queueMicrotask(() => callback(answer as never));
    },
  };
}

function fakeWindow(ua: string, bridge?: AlipayBridge): AlipayWindow & { document: EventTarget } {
  const win: AlipayWindow & { document: EventTarget } = {
    document: new EventTarget(),
    navigator: { userAgent: ua },
  };
  if (bridge) win.AlipayJSBridge = bridge;
  return win;
}

const options = (win: AlipayWindow, extra: Partial<AlipayVerificationOptions> = {}) => ({
  certifyId: 'sha02ba3a2ffad9f5c4780e42eaba933',
  url: CERTIFY_URL,
  window: win,
  ...extra,
});

async function expectCode(
  promise: Promise<unknown>,
  code: FaceVerifyErrorCode,
): Promise<FaceVerifyError> {
  const error: unknown = await promise.then(
    () => new Error('expected a rejection'),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FaceVerifyError);
  expect((error as FaceVerifyError).code).toBe(code);
  return error as FaceVerifyError;
}

describe('buildAlipayLaunchUrl', () => {
  it('wraps the certify URL, fully encoded, in the alipays:// scheme', () => {
    const launch = buildAlipayLaunchUrl(CERTIFY_URL);
    expect(launch).toBe(
      `alipays://platformapi/startapp?appId=20000067&url=${encodeURIComponent(CERTIFY_URL)}`,
    );
    // Nothing in the inner URL can add parameters or a fragment to the outer one.
    const outer = new URL(launch);
    expect([...outer.searchParams.keys()]).toEqual(['appId', 'url']);
    expect(outer.searchParams.get('url')).toBe(CERTIFY_URL);
    expect(outer.hash).toBe('');
  });

  it('keeps Unicode and reserved characters intact', () => {
    const url = 'https://example.com/认证?a=1&b=%2B+&c="x"';
    expect(new URL(buildAlipayLaunchUrl(url)).searchParams.get('url')).toBe(url);
  });
});

describe('startAlipayVerification', () => {
  it('calls startBizService open-certify with certifyId and url as a JSON param', async () => {
    const bridge = fakeBridge({ resultStatus: '9000', result: { certifyId: 'sha02' } });
    const win = fakeWindow(alipayUa('10.1.58.00000170'), bridge);
    const outcome = await startAlipayVerification(options(win));
    expect(bridge.calls).toHaveLength(1);
    expect(bridge.calls[0]?.api).toBe('startBizService');
    expect(bridge.calls[0]?.params['name']).toBe('open-certify');
    expect(JSON.parse(String(bridge.calls[0]?.params['param']))).toEqual({
      certifyId: 'sha02ba3a2ffad9f5c4780e42eaba933',
      url: CERTIFY_URL,
    });
    // 9000 means "done, ask the server", never "passed".
    expect(outcome).toEqual({
      status: 'submitted',
      resultStatus: '9000',
      result: { certifyId: 'sha02' },
    });
  });

  it.each([
    [{ resultStatus: '6001', result: null }, 'cancelled', '6001', null],
    [{ resultStatus: '6002' }, 'network-error', '6002', null],
    [
      { resultStatus: '4000', result: { errorCode: 'USER_IS_NOT_CERTIFY' } },
      'business-error',
      '4000',
      { errorCode: 'USER_IS_NOT_CERTIFY' },
    ],
    [{ resultStatus: 9000, result: null }, 'submitted', '9000', null],
    [{ resultStatus: '1234', result: null }, 'unknown', '1234', null],
    // Status names of Object.prototype must not be looked up as outcomes.
    [{ resultStatus: 'constructor', result: null }, 'unknown', 'constructor', null],
    [{ resultStatus: '__proto__', result: null }, 'unknown', '__proto__', null],
    [{ resultStatus: { toString: 'x' }, result: 'text' }, 'unknown', '', null],
    [null, 'unknown', '', null],
    ['9000', 'unknown', '', null],
    [
      { resultStatus: '4000', result: { errorCode: 42, certifyId: ['x'], extra: 'dropped' } },
      'business-error',
      '4000',
      {},
    ],
  ])('maps %j to %s', async (answer, status, resultStatus, result) => {
    const win = fakeWindow(alipayUa('10.3.20.8000'), fakeBridge(answer));
    expect(await startAlipayVerification(options(win))).toEqual({ status, resultStatus, result });
  });

  it('keeps no prototype-polluting keys from the bridge result', async () => {
    const answer = JSON.parse(
      '{"resultStatus":"9000","result":{"__proto__":{"polluted":true},"certifyId":"a"}}',
    ) as unknown;
    const win = fakeWindow(alipayUa('10.3.20'), fakeBridge(answer));
    const outcome = await startAlipayVerification(options(win));
    expect(outcome.result).toEqual({ certifyId: 'a' });
    expect(Object.getPrototypeOf(outcome.result)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('waits for AlipayJSBridgeReady when the bridge is not injected yet', async () => {
    const win = fakeWindow(alipayUa('10.2.0'));
    const pending = startAlipayVerification(options(win));
    await new Promise((r) => setTimeout(r, 20));
    const bridge = fakeBridge({ resultStatus: '6001', result: null });
    win.AlipayJSBridge = bridge;
    win.document.dispatchEvent(new Event('AlipayJSBridgeReady'));
    expect(await pending).toMatchObject({ status: 'cancelled' });
    // The listener is gone: a second ready event does not call the bridge again.
    win.document.dispatchEvent(new Event('AlipayJSBridgeReady'));
    expect(bridge.calls).toHaveLength(1);
  });

  it('gives up with alipay-unavailable when the bridge never becomes ready', async () => {
    const win = fakeWindow(alipayUa('10.2.0'));
    const error = await expectCode(
      startAlipayVerification(options(win, { bridgeTimeoutMs: 30 })),
      'alipay-unavailable',
    );
    expect(error.message).toMatch(/ready/);
  });

  it('a ready event without a bridge, or a throwing bridge, is alipay-unavailable with the cause', async () => {
    const win = fakeWindow(alipayUa('10.2.0'));
    const pending = startAlipayVerification(options(win));
    win.document.dispatchEvent(new Event('AlipayJSBridgeReady'));
    expect((await expectCode(pending, 'alipay-unavailable')).cause).toBeInstanceOf(TypeError);

    const boom = new Error('bridge broke');
    const throwing = fakeWindow(alipayUa('10.2.0'), {
      call() {
        throw boom;
      },
    });
    const error = await expectCode(
      startAlipayVerification(options(throwing)),
      'alipay-unavailable',
    );
    expect(error.cause).toBe(boom);
  });

  it.each(['10.1.31', '10.1.4', '9.9.9', '10.0.99.1'])(
    'Alipay %s is too old (needs 10.1.32)',
    async (version) => {
      const bridge = fakeBridge({ resultStatus: '9000' });
      const error = await expectCode(
        startAlipayVerification(options(fakeWindow(alipayUa(version), bridge))),
        'alipay-version-too-old',
      );
      expect(error.message).toContain(version);
      expect(bridge.calls).toHaveLength(0);
    },
  );

  it.each(['10.1.32', '10.1.32.1', '10.2', '11'])('Alipay %s is new enough', async (version) => {
    const win = fakeWindow(alipayUa(version), fakeBridge({ resultStatus: '9000' }));
    expect(await startAlipayVerification(options(win))).toMatchObject({ status: 'submitted' });
  });

  it('outside Alipay: alipay-unavailable, and the bridge is not touched', async () => {
    const bridge = fakeBridge({ resultStatus: '9000' });
    await expectCode(
      startAlipayVerification(options(fakeWindow(CHROME, bridge))),
      'alipay-unavailable',
    );
    expect(bridge.calls).toHaveLength(0);
  });

  it('the userAgent option wins over the window navigator', async () => {
    const win = fakeWindow(CHROME, fakeBridge({ resultStatus: '9000' }));
    const outcome = await startAlipayVerification(options(win, { userAgent: alipayUa('10.2.0') }));
    expect(outcome.status).toBe('submitted');
    await expectCode(
      startAlipayVerification(options(fakeWindow(alipayUa('10.2.0')), { userAgent: CHROME })),
      'alipay-unavailable',
    );
  });

  it('in Node without a window: alipay-unavailable, never a crash', async () => {
    expect(typeof window).toBe('undefined');
    await expectCode(
      startAlipayVerification({ certifyId: 'c', url: CERTIFY_URL, userAgent: alipayUa('10.2.0') }),
      'alipay-unavailable',
    );
  });

  it.each([
    ['', CERTIFY_URL],
    ['sha02', ''],
  ])('rejects a missing certifyId or url (%j, %j) as invalid-argument', async (certifyId, url) => {
    const bridge = fakeBridge({ resultStatus: '9000' });
    const win = fakeWindow(alipayUa('10.2.0'), bridge);
    await expectCode(startAlipayVerification({ certifyId, url, window: win }), 'invalid-argument');
    expect(bridge.calls).toHaveLength(0);
  });
});
