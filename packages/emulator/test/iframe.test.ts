import { runInNewContext } from 'node:vm';
import { parseVerifyMessage } from '@aliyun-face-verify/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  IFRAME_MESSAGE_FORMS,
  OUTCOMES,
  TEST_IDENTITIES,
  createEmulator,
  driveCertifyPage,
  startEmulator,
  type RunningEmulator,
} from '../src/index.js';
import {
  describeVerification,
  expectedResult,
  formKeyOf,
  get,
  initFaceVerify,
  initVerification,
  post,
  startRecorder,
  type Page,
} from './helpers.js';

let emulator: RunningEmulator;

beforeAll(async () => {
  // Every outcome in every form: more verifications than one ID number may start in a day.
  emulator = await startEmulator({ port: 0, callbackRetryDelayMs: 10, dailyAttemptLimit: 1000 });
});
afterAll(() => emulator.close());

const IFRAME = { ReturnUrl: 'iframe', CertifyUrlStyle: 'L' };

/** The page's steps are below its path; a long CertifyUrl carries a query. */
const pageOf = (certifyUrl: string): string => {
  const url = new URL(certifyUrl);
  return `${url.origin}${url.pathname}`;
};

/** Opens the page, agrees, and returns the scan page. */
async function scanPageOf(certifyUrl: string): Promise<Page> {
  const first = await get(certifyUrl);
  const agreed = await post(`${pageOf(certifyUrl)}/consent`, {
    formKey: formKeyOf(first),
    agree: 'yes',
    decision: 'agree',
  });
  expect(agreed.status).toBe(303);
  return get(pageOf(certifyUrl));
}

/** What a framed page must (not) send: framing by any origin, no X-Frame-Options. */
function expectFramable(page: Page): void {
  const csp = page.headers.get('content-security-policy') ?? '';
  expect(csp).toContain('frame-ancestors *');
  expect(csp).not.toContain("frame-ancestors 'none'");
  expect(page.headers.get('x-frame-options')).toBeNull();
}

function expectUnframable(page: Page): void {
  expect(page.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  expect(page.headers.get('x-frame-options')).toBe('DENY');
}

describe('InitFaceVerify: ReturnUrl "iframe" and CertifyUrlStyle', () => {
  it('gives the short form by default and for S: the bare page on the emulator', async () => {
    for (const style of [{}, { CertifyUrlStyle: 'S' }]) {
      const { certifyUrl } = await initVerification(emulator, { ReturnUrl: 'iframe', ...style });
      expect(certifyUrl).toMatch(new RegExp(`^${emulator.url}/certify/[\\w-]+$`));
    }
  });

  it('gives the long form for L: the same page with a descriptive query, same origin', async () => {
    const { certifyId, certifyUrl } = await initVerification(emulator, IFRAME);
    const url = new URL(certifyUrl);
    expect(url.origin).toBe(emulator.url);
    expect(url.pathname).toMatch(/^\/certify\/[\w-]+$/);
    expect(Object.fromEntries(url.searchParams)).toEqual({
      certifyId,
      sceneId: emulator.sceneId,
      productCode: 'ID_PRO',
      certifyUrlType: 'H5',
      certifyUrlStyle: 'L',
      returnMode: 'iframe',
      bizFrom: 'aliyun-face-verify-emulator',
    });
    expect(certifyUrl.length).toBeGreaterThan(150);
    // Nothing personal in the URL.
    expect(certifyUrl).not.toContain(TEST_IDENTITIES[0]?.certNo);
    expect((await get(certifyUrl)).status).toBe(200);
  });

  it('takes L with a redirect ReturnUrl too, and that page still redirects', async () => {
    const { certifyId, certifyUrl } = await initVerification(emulator, {
      ReturnUrl: 'https://shop.example/done',
      CertifyUrlStyle: 'L',
    });
    expect(new URL(certifyUrl).searchParams.get('returnMode')).toBe('redirect');
    const driven = await driveCertifyPage(certifyUrl, 'pass');
    expect(driven.status).toBe(303);
    expect(driven.location).toMatch(/^https:\/\/shop\.example\/done\?response=/);
    expect(driven.message).toBeUndefined();
    expect((await describeVerification(emulator, certifyId))['Code']).toBe('200');
  });

  it.each([
    ['CertifyUrlStyle M', { CertifyUrlStyle: 'M' }],
    ['CertifyUrlStyle in lower case', { CertifyUrlStyle: 'l' }],
    ['an empty CertifyUrlStyle', { CertifyUrlStyle: '' }],
    ['ReturnUrl IFRAME', { ReturnUrl: 'IFRAME' }],
    ['ReturnUrl "iframe " with a space', { ReturnUrl: 'iframe ' }],
    ['a relative ReturnUrl', { ReturnUrl: '/iframe' }],
  ])('answers 401 参数非法 for %s', async (_, overrides) => {
    expect((await initFaceVerify(emulator, overrides))['Code']).toBe('401');
  });
});

describe('iframe verification pages', () => {
  it('lets any origin frame every step, while redirect-mode pages stay unframable', async () => {
    const { certifyUrl } = await initVerification(emulator, IFRAME);
    const consent = await get(certifyUrl);
    expectFramable(consent);
    expect(consent.headers.get('content-security-policy')).not.toContain('script-src');
    expect(consent.headers.get('content-security-policy')).toContain("form-action 'self';");
    const scan = await scanPageOf(certifyUrl);
    expectFramable(scan);
    const done = await post(`${pageOf(certifyUrl)}/complete`, {
      formKey: formKeyOf(scan),
      outcome: 'pass',
    });
    expectFramable(done);
    // Spent: the frame can still show why.
    const spent = await get(certifyUrl);
    expect(spent.status).toBe(410);
    expectFramable(spent);

    const redirect = await initVerification(emulator, {
      ReturnUrl: 'https://shop.example/done',
      CertifyUrlStyle: 'L',
    });
    expectUnframable(await get(redirect.certifyUrl));
    expectUnframable(await scanPageOf(redirect.certifyUrl));
    expectUnframable(await get(`${emulator.url}/certify/no-such-token`));
  });

  it('offers the message form on the scan page, the emulator default preselected', async () => {
    const { certifyUrl } = await initVerification(emulator, IFRAME);
    const scan = await scanPageOf(certifyUrl);
    expect(scan.text).toContain('postMessage');
    const radios = [...scan.text.matchAll(/<input\s+type="radio"\s+name="messageForm"[^>]*>/g)];
    expect(radios.map((m) => /value="(\w+)"/.exec(m[0])?.[1])).toEqual([
      'object',
      'json',
      'encoded',
    ]);
    expect(radios.map((m) => /\schecked\b/.test(m[0]))).toEqual([true, false, false]);
    // Redirect mode has no such choice.
    const redirect = await initVerification(emulator, { ReturnUrl: 'https://shop.example/r' });
    expect((await scanPageOf(redirect.certifyUrl)).text).not.toContain('messageForm');
  });

  it('ends on a page that posts the result with its one script, instead of redirecting', async () => {
    const { certifyId, certifyUrl } = await initVerification(emulator, IFRAME);
    const scan = await scanPageOf(certifyUrl);
    const done = await post(`${pageOf(certifyUrl)}/complete`, {
      formKey: formKeyOf(scan),
      outcome: 'pass',
      messageForm: 'json',
    });
    expect(done.status).toBe(200);
    expect(done.headers.get('location')).toBeNull();
    const csp = done.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe');
    expect(csp).toContain("require-trusted-types-for 'script'");
    const scripts = [...done.text.matchAll(/<script[^>]*>/g)].map((m) => m[0]);
    expect(scripts).toEqual(['<script src="/certify/assets/post-result.js">']);
    expect(done.text).not.toMatch(/\sstyle=|\son[a-z]+=/i);
    const json = JSON.stringify({ code: 1000, reason: 'success', extInfo: { certifyId } });
    expect(done.text).toContain(
      `data-form="json" data-message="${json.replaceAll('"', '&quot;')}"`,
    );
    expect(done.text).toContain('role="status"');
    expect((await describeVerification(emulator, certifyId))['Code']).toBe('200');
  });

  it('serves the posting script as JavaScript from its own origin', async () => {
    const res = await fetch(`${emulator.url}/certify/assets/post-result.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    expect(await res.text()).toContain('postMessage(');
  });
});

describe('the posted message, per form (through driveCertifyPage)', () => {
  const certifyId = (url: string): string => new URL(url).searchParams.get('certifyId') ?? '';

  it.each(IFRAME_MESSAGE_FORMS.map((f) => [f]))(
    'form %s: core reads every outcome, and DescribeFaceVerify agrees',
    async (messageForm) => {
      for (const outcome of OUTCOMES) {
        const { certifyUrl } = await initVerification(emulator, IFRAME);
        const id = certifyId(certifyUrl);
        const driven = await driveCertifyPage(certifyUrl, outcome.id, { messageForm });
        expect(driven.status).toBe(200);
        expect(driven.location).toBeUndefined();
        const json = JSON.stringify({
          code: outcome.code,
          ...(outcome.subCode !== undefined ? { subCode: outcome.subCode } : {}),
          reason: outcome.reason,
          extInfo: { certifyId: id },
        });
        expect(driven.message).toStrictEqual(
          { object: JSON.parse(json) as unknown, json, encoded: encodeURIComponent(json) }[
            messageForm
          ],
        );
        const frame = { origin: emulator.url, source: 'the frame' };
        const event = { data: driven.message, origin: emulator.url, source: 'the frame' };
        expect(parseVerifyMessage(event, frame)).toStrictEqual(
          expectedResult(outcome, id, 'iframe'),
        );
        const described = await describeVerification(emulator, id);
        expect(described['Code']).toBe(outcome.verdict ? '200' : '424');
      }
    },
  );

  it('uses the emulator-wide form when the page does not pick one', async () => {
    const other = await startEmulator({ port: 0, iframeMessageForm: 'encoded' });
    try {
      const { certifyUrl } = await initVerification(other, IFRAME);
      const driven = await driveCertifyPage(certifyUrl, 'face-mismatch');
      expect(driven.message).toMatch(/^%7B%22code%22%3A2006/);
      const scan = await initVerification(other, IFRAME).then((v) => scanPageOf(v.certifyUrl));
      expect(scan.text).toMatch(/value="encoded"\s+checked/);
    } finally {
      await other.close();
    }
  });

  it('rejects an unknown emulator-wide form', () => {
    // @ts-expect-error not a form
    expect(() => createEmulator({ iframeMessageForm: 'xml' })).toThrow(TypeError);
  });

  it('ignores an unknown form picked on the page and uses the default', async () => {
    const { certifyUrl } = await initVerification(emulator, IFRAME);
    const scan = await scanPageOf(certifyUrl);
    const done = await post(`${pageOf(certifyUrl)}/complete`, {
      formKey: formKeyOf(scan),
      outcome: 'pass',
      messageForm: 'xml',
    });
    expect(done.text).toContain('data-form="object"');
  });

  it('posts 1003 / Z5055 when the user exits at the consent step', async () => {
    const { certifyUrl } = await initVerification(emulator, IFRAME);
    const driven = await driveCertifyPage(certifyUrl, 'user-exit', { messageForm: 'json' });
    expect(driven.status).toBe(200);
    expect(JSON.parse(String(driven.message))).toMatchObject({
      code: 1003,
      subCode: 'Z5055',
      extInfo: { certifyId: certifyId(certifyUrl) },
    });
  });

  it('still calls the CallbackUrl', async () => {
    const merchant = await startRecorder();
    try {
      const { certifyUrl } = await initVerification(emulator, {
        ...IFRAME,
        CallbackUrl: `${merchant.url}/cb`,
      });
      await driveCertifyPage(certifyUrl, 'pass');
      await emulator.settled();
      expect(merchant.requests).toHaveLength(1);
      expect(merchant.requests[0]?.url).toContain(`certifyId=${certifyId(certifyUrl)}&passed=T`);
    } finally {
      await merchant.close();
    }
  });
});

describe('post-result.js', () => {
  /** Runs the served script against a fake page; returns what it posted and the status text. */
  async function run(
    form: string,
    message: string,
    framed = true,
  ): Promise<{ posted: unknown[]; status: string }> {
    const script = await (await fetch(`${emulator.url}/certify/assets/post-result.js`)).text();
    const posted: unknown[] = [];
    const status = {
      textContent: '',
      getAttribute: (name: string) =>
        name === 'data-form' ? form : name === 'data-message' ? message : null,
    };
    const window: Record<string, unknown> = {};
    window['parent'] = framed
      ? { postMessage: (data: unknown, target: string) => posted.push(data, target) }
      : window;
    const document = { getElementById: (id: string) => (id === 'verify-result' ? status : null) };
    runInNewContext(script, { window, document, JSON });
    return { posted, status: status.textContent };
  }

  it('posts the object (parsed) or the string as is, to any origin, then says so', async () => {
    const json = '{"code":1000,"reason":"success","extInfo":{"certifyId":"c"}}';
    expect(await run('object', json)).toStrictEqual({
      posted: [JSON.parse(json), '*'],
      status: '结果已发送 · Result sent',
    });
    expect((await run('json', json)).posted).toStrictEqual([json, '*']);
    expect((await run('encoded', encodeURIComponent(json))).posted).toStrictEqual([
      encodeURIComponent(json),
      '*',
    ]);
  });

  it('posts nothing when the page is not in a frame, and says so', async () => {
    const outcome = await run('json', '{"code":1000}', false);
    expect(outcome.posted).toEqual([]);
    expect(outcome.status).toContain('Not in a frame');
  });
});
