import { runInNewContext } from 'node:vm';
import { parseVerifyResult } from '@aliyun-face-verify/core/result';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { OUTCOMES, driveCertifyPage, startEmulator, type RunningEmulator } from '../src/index.js';
import {
  describeVerification,
  expectedResult,
  formKeyOf,
  get,
  initVerification,
  post,
  startRecorder,
  type Page,
  type Recorder,
} from './helpers.js';

let emulator: RunningEmulator;
let clock: number;
const logs: string[] = [];

beforeAll(async () => {
  emulator = await startEmulator({
    port: 0,
    now: () => clock,
    callbackRetryDelayMs: 10,
    log: (line) => logs.push(line),
  });
});
afterAll(() => emulator.close());
beforeEach(() => {
  clock = Date.now();
});

async function consent(certifyUrl: string): Promise<Page> {
  const first = await get(certifyUrl);
  const agreed = await post(`${certifyUrl}/consent`, {
    formKey: formKeyOf(first),
    agree: 'yes',
    decision: 'agree',
  });
  expect(agreed.status).toBe(303);
  expect(agreed.headers.get('location')).toBe(new URL(certifyUrl).pathname);
  return get(certifyUrl);
}

async function complete(certifyUrl: string, outcome: string): Promise<string> {
  const scan = await consent(certifyUrl);
  const done = await post(`${certifyUrl}/complete`, { formKey: formKeyOf(scan), outcome });
  expect(done.status).toBe(303);
  return done.headers.get('location') ?? '';
}

describe('certify page flow', () => {
  it('shows the consent step first, with the security headers', async () => {
    const { certifyUrl } = await initVerification(emulator, {
      ReturnUrl: 'http://127.0.0.1:5173/return',
    });
    const page = await get(certifyUrl);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.text).toContain('我已阅读并同意');
    expect(page.text).toContain(
      '<meta name="viewport" content="width=device-width, initial-scale=1"',
    );
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("form-action 'self' http://127.0.0.1:5173");
    expect(csp).not.toContain('unsafe');
    expect(page.text).not.toMatch(/<script|\sstyle=|\son[a-z]+=/i);
    expect(page.headers.get('referrer-policy')).toBe('no-referrer');
    expect(page.headers.get('cache-control')).toBe('no-store');
    expect(page.headers.get('x-frame-options')).toBe('DENY');
  });

  it('keeps the consent step until the box is ticked', async () => {
    const { certifyUrl } = await initVerification(emulator);
    const first = await get(certifyUrl);
    const refused = await post(`${certifyUrl}/consent`, {
      formKey: formKeyOf(first),
      decision: 'agree',
    });
    expect(refused.status).toBe(400);
    expect(refused.text).toContain('role="alert"');
    expect(refused.text).toContain('aria-invalid="true"');
    expect((await get(certifyUrl)).text).toContain('name="agree"');
  });

  it.each(OUTCOMES.map((o) => [o.id, o] as const))(
    'outcome %s redirects with the right response and DescribeFaceVerify agrees',
    async (_id, outcome) => {
      const { certifyId, certifyUrl } = await initVerification(emulator, {
        ReturnUrl: 'http://127.0.0.1:5173/verify/done?order=42',
      });
      const location = await complete(certifyUrl, outcome.id);
      expect(location.startsWith('http://127.0.0.1:5173/verify/done?order=42&response=')).toBe(
        true,
      );
      const parsed = parseVerifyResult(location);
      expect(parsed).toEqual(expectedResult(outcome, certifyId, 'history'));
      const described = await describeVerification(emulator, certifyId);
      if (outcome.verdict === undefined) {
        expect(described).toMatchObject({ Code: '424' });
        return;
      }
      expect(described).toMatchObject({
        Code: '200',
        Message: 'success',
        ResultObject: {
          Passed: outcome.verdict.passed ? 'T' : 'F',
          SubCode: outcome.verdict.subCode,
        },
      });
      const result = described['ResultObject'] as Record<string, string>;
      const material = JSON.parse(result['MaterialInfo'] ?? '') as Record<string, unknown>;
      expect(material['faceAttack']).toBe(outcome.verdict.subCode === '205' ? 'T' : 'F');
      // The seeds: faceOcclusion only comes with Passed = T.
      expect('faceOcclusion' in material).toBe(outcome.verdict.passed);
      const picture = material['facialPictureFront'] as Record<string, unknown>;
      expect(picture).toMatchObject({
        ossBucketName: expect.any(String),
        ossObjectName: expect.any(String),
      });
      expect(typeof picture['qualityScore']).toBe('number');
      const pictureRes = await fetch(String(picture['pictureUrl']));
      expect(pictureRes.status).toBe(200);
      expect(pictureRes.headers.get('content-type')).toBe('image/svg+xml');
    },
  );

  it('puts response inside the hash, encoded twice, for a hash-routed ReturnUrl', async () => {
    const { certifyId, certifyUrl } = await initVerification(emulator, {
      ReturnUrl: 'http://127.0.0.1:5173/app/#/verify/result?from=init',
    });
    const location = await complete(certifyUrl, 'face-mismatch');
    const prefix = 'http://127.0.0.1:5173/app/#/verify/result?from=init&response=';
    expect(location.startsWith(prefix)).toBe(true);
    const value = location.slice(prefix.length);
    const json = JSON.stringify({ code: 2006, reason: 'verify failed', extInfo: { certifyId } });
    expect(value).toBe(encodeURIComponent(encodeURIComponent(json)));
    expect(decodeURIComponent(decodeURIComponent(value))).toBe(json);
    const parsed = parseVerifyResult(location);
    expect(parsed.ok && parsed.result).toMatchObject({ code: 2006, certifyId, routing: 'hash' });
  });

  it('encodes once in the query for a history ReturnUrl, with "code" as a JSON number', async () => {
    const { certifyId, certifyUrl } = await initVerification(emulator, {
      ReturnUrl: 'http://127.0.0.1:5173/done',
    });
    const location = await complete(certifyUrl, 'user-exit');
    const value = location.slice('http://127.0.0.1:5173/done?response='.length);
    expect(JSON.parse(decodeURIComponent(value))).toEqual({
      code: 1003,
      subCode: 'Z5055',
      reason: 'user exit',
      extInfo: { certifyId },
    });
  });

  it('exiting at the consent step returns 1003 / Z5055', async () => {
    const { certifyId, certifyUrl } = await initVerification(emulator);
    const page = await get(certifyUrl);
    const exit = await post(`${certifyUrl}/consent`, {
      formKey: formKeyOf(page),
      decision: 'exit',
    });
    expect(exit.status).toBe(303);
    const parsed = parseVerifyResult(exit.headers.get('location') ?? '');
    expect(parsed.ok && parsed.result).toMatchObject({ code: 1003, subCode: 'Z5055', certifyId });
    expect((await describeVerification(emulator, certifyId))['Code']).toBe('424');
  });

  it('is single use: the link is spent once an outcome was reported', async () => {
    const { certifyUrl } = await initVerification(emulator);
    const scan = await consent(certifyUrl);
    const formKey = formKeyOf(scan);
    expect((await post(`${certifyUrl}/complete`, { formKey, outcome: 'pass' })).status).toBe(303);
    const again = await get(certifyUrl);
    expect(again.status).toBe(410);
    expect(again.text).toContain('认证链接已使用');
    const replay = await post(`${certifyUrl}/complete`, { formKey, outcome: 'face-mismatch' });
    expect(replay.status).toBe(410);
  });

  it('expires 30 minutes after InitFaceVerify', async () => {
    const { certifyUrl, certifyId } = await initVerification(emulator, {}, clock);
    clock += 30 * 60_000 - 1;
    expect((await get(certifyUrl)).status).toBe(200);
    const page = await get(certifyUrl);
    clock += 1;
    const expired = await get(certifyUrl);
    expect(expired.status).toBe(410);
    expect(expired.text).toContain('认证链接已过期');
    const late = await post(`${certifyUrl}/consent`, {
      formKey: formKeyOf(page),
      agree: 'yes',
      decision: 'agree',
    });
    expect(late.status).toBe(410);
    expect((await describeVerification(emulator, certifyId, clock))['Code']).toBe('424');
  });

  it('refuses a form without the page key, and an outcome before consent', async () => {
    const { certifyUrl } = await initVerification(emulator);
    const page = await get(certifyUrl);
    expect(
      (await post(`${certifyUrl}/consent`, { formKey: 'forged', agree: 'yes', decision: 'agree' }))
        .status,
    ).toBe(400);
    expect(
      (await post(`${certifyUrl}/complete`, { formKey: formKeyOf(page), outcome: 'pass' })).status,
    ).toBe(400);
    const scan = await consent(certifyUrl);
    expect(
      (await post(`${certifyUrl}/complete`, { formKey: formKeyOf(scan), outcome: 'bogus' })).status,
    ).toBe(400);
    const wrongType = await fetch(`${certifyUrl}/complete`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(wrongType.status).toBe(400);
  });

  it('answers 404 for an unknown token and 405 for a wrong method', async () => {
    expect((await get(`${emulator.url}/certify/unknownToken`)).status).toBe(404);
    expect((await get(`${emulator.url}/certify/a/b/c`)).status).toBe(404);
    const { certifyUrl } = await initVerification(emulator);
    expect((await fetch(certifyUrl, { method: 'POST' })).status).toBe(405);
    expect((await fetch(`${certifyUrl}/complete`)).status).toBe(405);
  });

  it('renders every scan-page button with its code in the accessible text', async () => {
    const { certifyUrl } = await initVerification(emulator);
    const scan = await consent(certifyUrl);
    for (const outcome of OUTCOMES) {
      expect(scan.text).toContain(`value="${outcome.id}"`);
      expect(scan.text).toContain(`${outcome.label} (${outcome.labelEn})`);
    }
  });
});

describe('CallbackUrl notification', () => {
  let merchant: Recorder;
  beforeEach(async () => {
    merchant = await startRecorder();
    return () => merchant.close();
  });

  it('calls a loopback CallbackUrl with certifyId, passed, subcode and callbackToken', async () => {
    const { certifyId, certifyUrl } = await initVerification(emulator, {
      CallbackUrl: `${merchant.url}/api/face-verify/callback?shop=1`,
      CallbackToken: 'tok-123',
    });
    await complete(certifyUrl, 'liveness-risk');
    await emulator.settled();
    expect(merchant.requests).toHaveLength(1);
    const [request] = merchant.requests;
    expect(request?.method).toBe('GET');
    const url = new URL(request?.url ?? '', merchant.url);
    expect(url.pathname).toBe('/api/face-verify/callback');
    expect(Object.fromEntries(url.searchParams)).toEqual({
      shop: '1',
      certifyId,
      passed: 'F',
      subcode: '205',
      callbackToken: 'tok-123',
    });
  });

  it('retries until the merchant answers 2xx', async () => {
    merchant.statuses.push(500, 503);
    const { certifyUrl } = await initVerification(emulator, { CallbackUrl: `${merchant.url}/cb` });
    await complete(certifyUrl, 'pass');
    await emulator.settled();
    expect(merchant.requests).toHaveLength(3);
    expect(new URL(merchant.requests[2]?.url ?? '', merchant.url).searchParams.get('passed')).toBe(
      'T',
    );
  });

  it('sends nothing for an outcome without a verdict', async () => {
    const { certifyUrl } = await initVerification(emulator, { CallbackUrl: `${merchant.url}/cb` });
    await complete(certifyUrl, 'network-error');
    await emulator.settled();
    expect(merchant.requests).toHaveLength(0);
  });

  it('never calls a host off loopback', async () => {
    const { certifyId, certifyUrl } = await initVerification(emulator, {
      CallbackUrl: 'https://merchant.example/cb',
    });
    await complete(certifyUrl, 'pass');
    await emulator.settled();
    expect(logs).toContain(`callback not sent for ${certifyId}: the emulator only calls loopback`);
  });
});

describe('jsvm_all.js stand-in', () => {
  it('is served as cross-origin-loadable JavaScript', async () => {
    const res = await fetch(emulator.jsvmUrl, { headers: { origin: 'http://127.0.0.1:5173' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    expect(res.headers.get('cross-origin-resource-policy')).toBe('cross-origin');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('defines a synchronous global getMetaInfo() that returns an object like the real MetaInfo', async () => {
    const script = await (await fetch(emulator.jsvmUrl)).text();
    const ua =
      'Mozilla/5.0 (iPhone; CPU iPhone OS 16_1_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.1 Mobile/15E148 Safari/604.1';
    const window: Record<string, unknown> = { navigator: { userAgent: ua } };
    runInNewContext(script, { window });
    const getMetaInfo = window['getMetaInfo'] as () => Record<string, unknown>;
    const meta = getMetaInfo();
    expect(meta).toEqual({
      zimVer: '3.0.0',
      appVersion: '1',
      bioMetaInfo: '4.1.0:11501568,0',
      appName: 'com.aliyun.antcloudauth',
      deviceType: 'h5',
      osVersion: 'iOS 16.1.2',
      apdidToken: expect.stringMatching(/^[0-9a-f]{32}$/),
      deviceModel: 'iPhone',
      ua,
    });
    expect(getMetaInfo()['apdidToken']).toBe(meta['apdidToken']);
  });

  it('describes Android devices by model', async () => {
    const script = await (await fetch(emulator.jsvmUrl)).text();
    const window: Record<string, unknown> = {
      navigator: {
        userAgent:
          'Mozilla/5.0 (Linux; Android 13; SM-S9180 Build/TP1A.220624.014) AppleWebKit/537.36 Chrome/120.0 Mobile Safari/537.36',
      },
    };
    runInNewContext(script, { window });
    const meta = (window['getMetaInfo'] as () => Record<string, unknown>)();
    expect(meta).toMatchObject({ osVersion: 'Android 13', deviceModel: 'SM-S9180' });
  });

  it('answers a CORS preflight', async () => {
    const res = await fetch(emulator.jsvmUrl, { method: 'OPTIONS' });
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
  });
});

describe('driveCertifyPage', () => {
  it('walks consent and scan to the redirect, or stops at a page that cannot proceed', async () => {
    const { certifyUrl, certifyId } = await initVerification(emulator);
    const done = await driveCertifyPage(certifyUrl, 'face-mismatch');
    expect(done.status).toBe(303);
    const parsed = parseVerifyResult(done.location ?? '');
    expect(parsed.ok && parsed.result).toMatchObject({ code: 2006, certifyId });
    expect(await driveCertifyPage(certifyUrl, 'pass')).toEqual({ status: 410 });
    const exit = await initVerification(emulator);
    const left = await driveCertifyPage(exit.certifyUrl, 'user-exit');
    expect(parseVerifyResult(left.location ?? '')).toMatchObject({
      ok: true,
      result: { subCode: 'Z5055' },
    });
  });
});
