import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describeServiceCode, describeSubCode } from '@aliyun-face-verify/core/tables';
import { merchantErrorBodySchema } from '@aliyun-face-verify/core/zod';
import {
  TEST_IDENTITIES,
  driveCertifyPage,
  startEmulator,
  type RunningEmulator,
} from '@aliyun-face-verify/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createFaceVerifyHandlers,
  createNodeMiddleware,
  type CloudauthClient,
  type DescribeFaceVerifyReply,
  type FaceVerifyCallbackEvent,
  type FaceVerifyHandlers,
  type FaceVerifyLogger,
  type FaceVerifyServerConfig,
  type InitFaceVerifyReply,
} from '../src/index.js';
import type { DescribeFaceVerifyRequest, InitFaceVerifyRequest } from '../src/sdk.js';

const ORIGIN = 'http://127.0.0.1:5173';
const META = JSON.stringify({ zimVer: '3.0.0', deviceType: 'h5', ua: 'test' });
const [ZHANG, LI] = TEST_IDENTITIES;
const ZHANG_ID = { certName: ZHANG?.certName ?? '', certNo: ZHANG?.certNo ?? '' };

let emulator: RunningEmulator;

/** Every log line and every response of this file, checked for secrets and identities at the end. */
const logLines: string[] = [];
const outputs: string[] = [];
const logger: FaceVerifyLogger = {
  info: (event, fields) => logLines.push(JSON.stringify(['info', event, fields])),
  warn: (event, fields) => logLines.push(JSON.stringify(['warn', event, fields])),
  error: (event, fields) => logLines.push(JSON.stringify(['error', event, fields])),
};

beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
});
afterAll(() => emulator.close());

/** The user the merchant's session names: the `x-user` header in these tests. */
const ownerFromHeader = (request: Request): string | undefined =>
  request.headers.get('x-user') ?? undefined;

/**
 * Handlers as a merchant whose users type their own identity would configure them. Rate limiting
 * is off here (this file starts many verifications as one user); trust.test.ts covers it.
 */
function config(overrides: Partial<FaceVerifyServerConfig> = {}): FaceVerifyServerConfig {
  return {
    accessKeyId: emulator.accessKeyId,
    accessKeySecret: emulator.accessKeySecret,
    endpoint: emulator.endpoint,
    protocol: 'http',
    sceneId: emulator.sceneId,
    allowedReturnOrigins: [ORIGIN],
    owner: ownerFromHeader,
    identityFromRequest: true,
    rateLimit: false,
    logger,
    ...overrides,
  };
}

function handlers(overrides: Partial<FaceVerifyServerConfig> = {}): FaceVerifyHandlers {
  return createFaceVerifyHandlers(config(overrides));
}

interface Reply {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

async function record(response: Response): Promise<Reply> {
  const text = await response.text();
  const headers: string[] = [];
  response.headers.forEach((v, k) => headers.push(`${k}: ${v}`));
  outputs.push(`${response.status}\n${headers.join('\n')}\n${text}`);
  return {
    status: response.status,
    headers: response.headers,
    body: JSON.parse(text) as Record<string, unknown>,
  };
}

function post(path: string, body: unknown, headers: Record<string, string> = {}): Request {
  return new Request(`http://shop.test/api/face-verify/${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-user': 'alice', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
}

async function init(
  h: FaceVerifyHandlers,
  body: unknown,
  headers?: Record<string, string>,
): Promise<Reply> {
  return record(await h.init(post('init', body, headers)));
}

async function describeCall(
  h: FaceVerifyHandlers,
  body: unknown,
  headers?: Record<string, string>,
): Promise<Reply> {
  return record(await h.describe(post('describe', body, headers)));
}

function initBody(extra: Record<string, unknown> = {}): Record<string, unknown> {
  return { metaInfo: META, returnUrl: `${ORIGIN}/verify/done`, ...ZHANG_ID, ...extra };
}

function expectError(reply: Reply, status: number, code: string, upstreamCode?: string): void {
  expect(reply.status).toBe(status);
  expect(merchantErrorBodySchema.safeParse(reply.body).success).toBe(true);
  const error = reply.body['error'] as Record<string, unknown>;
  expect(error['code']).toBe(code);
  expect(typeof error['message']).toBe('string');
  expect((error['message'] as string).length).toBeGreaterThan(0);
  if (upstreamCode === undefined) expect(error['upstreamCode']).toBeUndefined();
  else expect(error['upstreamCode']).toBe(upstreamCode);
}

/** A client double that records requests and answers from a script. */
function fakeClient(answers: {
  init?: (req: InitFaceVerifyRequest) => Promise<InitFaceVerifyReply>;
  describe?: (req: DescribeFaceVerifyRequest) => Promise<DescribeFaceVerifyReply>;
}): CloudauthClient & { inits: InitFaceVerifyRequest[]; describes: DescribeFaceVerifyRequest[] } {
  const inits: InitFaceVerifyRequest[] = [];
  const describes: DescribeFaceVerifyRequest[] = [];
  return {
    inits,
    describes,
    async initFaceVerify(req) {
      inits.push(req);
      if (!answers.init) throw new Error('no init answer scripted');
      return answers.init(req);
    },
    async describeFaceVerify(req) {
      describes.push(req);
      if (!answers.describe) throw new Error('no describe answer scripted');
      return answers.describe(req);
    },
  };
}

const okInit = async (): Promise<InitFaceVerifyReply> => ({
  body: {
    code: '200',
    message: 'success',
    requestId: 'REQ-1',
    resultObject: { certifyId: 'c'.repeat(32), certifyUrl: 'https://m.alyms.cn/F4.abc' },
  },
});

/** A ticket for `certifyId` owned by alice, issued by handlers on the same key as {@link config}'s. */
async function ticketFor(certifyId: string): Promise<string> {
  const client = fakeClient({
    init: async () => ({
      body: { code: '200', resultObject: { certifyId, certifyUrl: 'https://m.alyms.cn/F4.t' } },
    }),
  });
  const reply = await init(handlers({ client }), initBody());
  return String(reply.body['ticket']);
}

/** Describe of `certifyId` by alice, with the ticket init would have given her. */
async function describeAs(
  h: FaceVerifyHandlers,
  certifyId: string,
  headers?: Record<string, string>,
): Promise<Reply> {
  return describeCall(h, { certifyId, ticket: await ticketFor(certifyId) }, headers);
}

/** An error shaped like the SDK's, carrying identity data in its message as the real one can. */
function sdkError(name: string, fields: Record<string, unknown>): Error {
  const error = new Error(
    `code: 400, server string to sign is: POST&%2F&CertName%3D${encodeURIComponent(ZHANG_ID.certName)}%26CertNo%3D${ZHANG_ID.certNo}`,
  );
  error.name = name;
  return Object.assign(
    error,
    { data: { Message: `CertNo=${ZHANG_ID.certNo} ${ZHANG_ID.certName}` } },
    fields,
  );
}

describe('init', () => {
  it('calls InitFaceVerify and answers {certifyId, certifyUrl, ticket}', async () => {
    const seen: { certifyId: string; outerOrderNo: string }[] = [];
    const h = handlers({ onInit: (info) => void seen.push(info) });
    const reply = await init(h, initBody());
    expect(reply.status).toBe(200);
    expect(Object.keys(reply.body).sort()).toEqual(['certifyId', 'certifyUrl', 'ticket']);
    expect(reply.body['ticket']).toMatch(/^v1\.[\w-]+\.[\w-]{43}$/);
    expect(reply.body['certifyId']).toMatch(/^[0-9a-f]{32}$/);
    expect(String(reply.body['certifyUrl']).startsWith(`${emulator.url}/certify/`)).toBe(true);
    expect(reply.headers.get('cache-control')).toBe('no-store');
    expect(reply.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(seen).toHaveLength(1);
    expect(seen[0]?.certifyId).toBe(reply.body['certifyId']);
    expect(seen[0]?.outerOrderNo).toMatch(/^[A-Za-z0-9]{32}$/);
  });

  it('sends what the seeds require, with a fresh 32-character OuterOrderNo each time', async () => {
    const client = fakeClient({ init: okInit });
    const h = handlers({
      client,
      outerOrderNoPrefix: 'SHOP',
      certifyUrlType: 'WEB',
      model: 'LIVENESS',
    });
    await init(h, initBody({ certNo: '33010619880101555x', certName: ' 陈静 ' }));
    await init(h, initBody());
    const [first, second] = client.inits;
    expect(first).toMatchObject({
      sceneId: Number(emulator.sceneId),
      productCode: 'ID_PRO',
      certType: 'IDENTITY_CARD',
      certName: '陈静',
      certNo: '33010619880101555X',
      returnUrl: `${ORIGIN}/verify/done`,
      metaInfo: META,
      certifyUrlType: 'WEB',
      model: 'LIVENESS',
    });
    expect(first?.outerOrderNo).toMatch(/^SHOP\d{14}[A-Za-z0-9]{14}$/);
    expect(second?.outerOrderNo).not.toBe(first?.outerOrderNo);
    expect(first?.callbackUrl).toBeUndefined();
  });

  it('prefers the identity from resolveIdentity over the request body', async () => {
    const client = fakeClient({ init: okInit });
    const h = handlers({
      client,
      resolveIdentity: (_req, body) => {
        expect(body.orderId).toBe('o-7');
        return { certName: LI?.certName ?? '', certNo: LI?.certNo ?? '' };
      },
    });
    const reply = await init(h, {
      metaInfo: META,
      returnUrl: `${ORIGIN}/r`,
      orderId: 'o-7',
      certNo: 'garbage',
    });
    expect(reply.status).toBe(200);
    expect(client.inits[0]).toMatchObject({ certName: LI?.certName, certNo: LI?.certNo });
  });

  it('runs LR_FR without an identity, with a UserId', async () => {
    const client = fakeClient({ init: okInit });
    const h = handlers({ client, productCode: 'LR_FR' });
    expect((await init(h, { metaInfo: META, returnUrl: `${ORIGIN}/r` })).status).toBe(200);
    expect(client.inits[0]?.certName).toBeUndefined();
    expect(client.inits[0]?.userId).toBe(client.inits[0]?.outerOrderNo);
    const real = handlers({ productCode: 'LR_FR' });
    expect((await init(real, { metaInfo: META, returnUrl: `${ORIGIN}/r` })).status).toBe(200);
  });

  describe('refuses bad input with a typed 4xx and no upstream call', () => {
    const client = fakeClient({ init: okInit });
    const h = () => handlers({ client });

    it.each([
      ['GET', new Request('http://shop.test/api/face-verify/init'), 405, 'bad-request'],
      [
        'text/plain',
        post('init', initBody(), { 'content-type': 'text/plain' }),
        415,
        'bad-request',
      ],
      [
        'form data',
        post('init', 'metaInfo=x', { 'content-type': 'application/x-www-form-urlencoded' }),
        415,
        'bad-request',
      ],
      ['invalid JSON', post('init', '{"metaInfo":'), 400, 'bad-request'],
      ['a JSON array', post('init', '[]'), 400, 'bad-request'],
      [
        'a declared 1 MB body',
        post('init', initBody(), { 'content-length': String(1 << 20) }),
        413,
        'bad-request',
      ],
      [
        'a streamed 100 KB body',
        post('init', initBody({ pad: 'x'.repeat(100_000) })),
        413,
        'bad-request',
      ],
    ] as const)('%s', async (_label, request, status, code) => {
      const reply = await record(await h().init(request));
      expectError(reply, status, code);
      if (status === 405) expect(reply.headers.get('allow')).toBe('POST');
    });

    it.each([
      ['no metaInfo', { metaInfo: undefined }, /metaInfo/],
      ['metaInfo as an object', { metaInfo: { zimVer: '3.0.0' } }, /metaInfo/],
      ['metaInfo "[object Object]"', { metaInfo: '[object Object]' }, /metaInfo/],
      ['metaInfo with mangled quotes', { metaInfo: "{'zimVer':'3.0.0'}" }, /metaInfo/],
      ['no returnUrl', { returnUrl: undefined }, /returnUrl/],
      ['a relative returnUrl', { returnUrl: '/verify/done' }, /returnUrl/],
      ['a javascript: returnUrl', { returnUrl: 'javascript:alert(1)' }, /returnUrl/],
      ['a returnUrl with userinfo', { returnUrl: 'http://user@127.0.0.1:5173/done' }, /returnUrl/],
      [
        'a returnUrl with a backslash',
        { returnUrl: 'http://127.0.0.1:5173\\@evil.example/' },
        /returnUrl/,
      ],
      ['a certName with Latin letters', { certName: 'Zhang San' }, /name/],
      ['a certName with markup', { certName: '<img src=x>' }, /name/],
      ['a certNo with a wrong check digit', { certNo: '110101199003071234' }, /ID number/],
      ['a 15-digit certNo', { certNo: '110101900307123' }, /ID number/],
      ['a certNo as a number', { certNo: 11010119900307 }, /not valid/],
    ])('%s → 400 bad-request', async (_label, extra, message) => {
      const reply = await init(h(), initBody(extra), { 'accept-language': 'en' });
      expectError(reply, 400, 'bad-request');
      expect((reply.body['error'] as Record<string, string>)['message']).toMatch(message);
    });

    it.each([
      ['another origin', 'https://evil.example/verify/done'],
      ['another port', 'http://127.0.0.1:5174/verify/done'],
      ['another scheme', 'https://127.0.0.1:5173/verify/done'],
      ['a look-alike host', 'http://127.0.0.1.evil.example:5173/'],
    ])('returnUrl on %s → 400 return-url-not-allowed', async (_label, returnUrl) => {
      expectError(await init(h(), initBody({ returnUrl })), 400, 'return-url-not-allowed');
    });

    it.each([
      ['no identity', { certName: undefined, certNo: undefined }],
      ['a name only', { certNo: undefined }],
      ['an ID number only', { certName: undefined }],
      ['empty strings', { certName: '', certNo: '' }],
    ])('%s → 400 identity-required', async (_label, extra) => {
      const body = Object.fromEntries(
        Object.entries(initBody(extra)).filter(([, v]) => v !== undefined),
      );
      expectError(await init(h(), body), 400, 'identity-required');
    });

    it('made no upstream call for any of them', () => {
      expect(client.inits).toHaveLength(0);
    });
  });

  it('iframe mode: ReturnUrl "iframe" and the long CertifyUrl form, no returnUrl needed', async () => {
    const client = fakeClient({ init: okInit });
    const reply = await init(handlers({ client }), {
      metaInfo: META,
      mode: 'iframe',
      ...ZHANG_ID,
    });
    expect(reply.status).toBe(200);
    expect(client.inits[0]).toMatchObject({ returnUrl: 'iframe', certifyUrlStyle: 'L' });
    // Redirect mode still needs a ReturnUrl on the allowlist; Alipay has no iframe mode.
    expectError(
      await init(handlers({ client }), { metaInfo: META, ...ZHANG_ID }),
      400,
      'bad-request',
    );
    expectError(
      await init(handlers({ client }), initBody({ returnUrl: 'iframe' })),
      400,
      'bad-request',
    );
    expect(client.inits).toHaveLength(1);
  });

  it('accepts a ReturnUrl with path, query and a hash route on an allowed origin', async () => {
    const client = fakeClient({ init: okInit });
    const reply = await init(
      handlers({ client }),
      initBody({ returnUrl: `${ORIGIN}/app/?a=1#/verify/result?x=1` }),
    );
    expect(reply.status).toBe(200);
    expect(client.inits[0]?.returnUrl).toBe(`${ORIGIN}/app/?a=1#/verify/result?x=1`);
  });

  describe('maps the cloud Codes to typed errors with the seeds texts', () => {
    const t417 = TEST_IDENTITIES.find((t) => t.initCode === '417');
    const t418 = TEST_IDENTITIES.find((t) => t.initCode === '418');

    it('417 (from the emulator) → 422 upstream-error', async () => {
      const reply = await init(
        handlers(),
        initBody({ certName: t417?.certName, certNo: t417?.certNo }),
      );
      expectError(reply, 422, 'upstream-error', '417');
      expect((reply.body['error'] as Record<string, string>)['message']).toBe(
        describeServiceCode('InitFaceVerify', '417', 'zh-CN'),
      );
      expect((reply.body['error'] as Record<string, string>)['requestId']).toMatch(
        /^[0-9A-F-]{36}$/,
      );
    });

    it('418 (from the emulator) → 429 rate-limited, in English when asked', async () => {
      const reply = await init(
        handlers(),
        initBody({ certName: t418?.certName, certNo: t418?.certNo }),
        {
          'accept-language': 'en-US,en;q=0.9',
        },
      );
      expectError(reply, 429, 'rate-limited', '418');
      expect((reply.body['error'] as Record<string, string>)['message']).toBe(
        describeServiceCode('InitFaceVerify', '418', 'en'),
      );
    });

    it('404 (unknown SceneId, from the emulator) → 502 upstream-error', async () => {
      const reply = await init(handlers({ sceneId: 99 }), initBody());
      expectError(reply, 502, 'upstream-error', '404');
      expect((reply.body['error'] as Record<string, string>)['message']).toBe(
        describeServiceCode('InitFaceVerify', '404', 'zh-CN'),
      );
    });

    it.each([
      ['400', 502, 'upstream-error'],
      ['401', 400, 'bad-request'],
      ['402', 502, 'upstream-error'],
      ['410', 502, 'upstream-error'],
      ['411', 502, 'upstream-error'],
      ['412', 502, 'upstream-error'],
      ['414', 400, 'bad-request'],
      ['415', 400, 'bad-request'],
      ['416', 400, 'bad-request'],
      ['500', 502, 'upstream-error'],
      ['599', 502, 'upstream-error'],
    ])('%s → %i %s', async (code, status, merchantCode) => {
      const client = fakeClient({
        init: async () => ({ body: { code, message: 'x', requestId: 'REQ-9' } }),
      });
      const reply = await init(handlers({ client, locale: 'en' }), initBody());
      expectError(reply, status, merchantCode, code);
      expect((reply.body['error'] as Record<string, string>)['message']).toBe(
        describeServiceCode('InitFaceVerify', code, 'en'),
      );
    });
  });

  describe('maps SDK failures without keeping their messages', () => {
    it('a wrong secret (real SDK, v2 signing) → 502 upstream-error SignatureDoesNotMatch', async () => {
      const h = handlers({ accessKeySecret: 'wrong-secret', signatureAlgorithm: 'v2' });
      const reply = await init(h, initBody());
      expectError(reply, 502, 'upstream-error', 'SignatureDoesNotMatch');
      expect((reply.body['error'] as Record<string, string>)['requestId']).toMatch(
        /^[0-9A-F-]{36}$/,
      );
    });

    it('an unknown AccessKeyId (real SDK) → 502 upstream-error InvalidAccessKeyId.NotFound', async () => {
      expectError(
        await init(handlers({ accessKeyId: 'LTAIwho' }), initBody()),
        502,
        'upstream-error',
        'InvalidAccessKeyId.NotFound',
      );
    });

    it('nothing listening (real SDK) → 502 upstream-error', async () => {
      const closed = await startEmulator({ port: 0 });
      await closed.close();
      const reply = await init(handlers({ endpoint: closed.endpoint }), initBody(), {
        'accept-language': 'en',
      });
      expectError(reply, 502, 'upstream-error');
      expect((reply.body['error'] as Record<string, string>)['message']).toMatch(
        /could not be reached/,
      );
    });

    it.each([
      [
        'ThrottlingError',
        { code: 'Throttling.User', statusCode: 400, requestId: 'R-1' },
        429,
        'rate-limited',
        'Throttling.User',
      ],
      [
        'ServerError',
        { code: 'ServiceUnavailable', statusCode: 503, requestId: 'R-2' },
        502,
        'upstream-error',
        'ServiceUnavailable',
      ],
      ['RequestTimeoutError', {}, 504, 'upstream-error', undefined],
      ['TypeError', {}, 502, 'upstream-error', undefined],
      [
        'ClientError',
        { code: 'Bad code with spaces <b>', statusCode: 400 },
        502,
        'upstream-error',
        undefined,
      ],
    ] as const)('%s → %i %s', async (name, fields, status, code, upstreamCode) => {
      const client = fakeClient({ init: async () => Promise.reject(sdkError(name, fields)) });
      expectError(await init(handlers({ client }), initBody()), status, code, upstreamCode);
    });

    it('a 200 without a usable CertifyUrl → 502 upstream-error', async () => {
      for (const certifyUrl of [undefined, 'javascript:alert(1)', '/relative', 'http://a b']) {
        const client = fakeClient({
          init: async () => ({
            body: {
              code: '200',
              resultObject: { certifyId: 'c'.repeat(32), ...(certifyUrl ? { certifyUrl } : {}) },
            },
          }),
        });
        expectError(await init(handlers({ client }), initBody()), 502, 'upstream-error');
      }
    });

    it('checks the CertifyUrl host when allowedCertifyHosts is set', async () => {
      expectError(
        await init(handlers({ allowedCertifyHosts: ['m.alyms.cn'] }), initBody()),
        502,
        'upstream-error',
      );
      expect(
        (await init(handlers({ allowedCertifyHosts: [emulator.endpoint] }), initBody())).status,
      ).toBe(200);
    });

    it('an onInit hook that throws → 500 internal', async () => {
      const h = handlers({
        onInit: () => {
          throw new Error(`db down for ${ZHANG_ID.certNo}`);
        },
      });
      expectError(await init(h, initBody()), 500, 'internal');
    });
  });
});

describe('describe', () => {
  async function verified(
    outcome: 'pass' | 'liveness-risk' | 'user-exit',
  ): Promise<{ certifyId: string; ticket: string }> {
    const reply = await init(handlers(), initBody());
    await driveCertifyPage(String(reply.body['certifyUrl']), outcome);
    return { certifyId: String(reply.body['certifyId']), ticket: String(reply.body['ticket']) };
  }

  it('answers the authoritative result after the certify page passed', async () => {
    const { certifyId, ticket } = await verified('pass');
    const results: unknown[] = [];
    const h = handlers({ onResult: (r) => void results.push(r) });
    const reply = await describeCall(h, { certifyId, ticket });
    expect(reply.status).toBe(200);
    expect(reply.body).toEqual({
      certifyId,
      passed: true,
      subCode: '200',
      message: describeSubCode('200', 'zh-CN'),
    });
    expect(results).toEqual([
      expect.objectContaining({
        certifyId,
        passed: true,
        subCode: '200',
        materialInfo: expect.stringContaining('facialPictureFront'),
        owner: 'alice',
        flow: 'web',
      }),
    ]);
  });

  it('reports a failed verification as passed: false, in English when asked', async () => {
    const { certifyId, ticket } = await verified('liveness-risk');
    const reply = await describeCall(
      handlers(),
      { certifyId, ticket },
      { 'accept-language': 'en' },
    );
    expect(reply.body).toEqual({
      certifyId,
      passed: false,
      subCode: '205',
      message: describeSubCode('205', 'en'),
    });
  });

  it('424 before a result exists → 409 not-ready', async () => {
    const body = await verified('user-exit');
    expectError(await describeCall(handlers(), body), 409, 'not-ready', '424');
  });

  it('406 for an unknown CertifyId → 404 not-found', async () => {
    expectError(await describeAs(handlers(), 'f'.repeat(32)), 404, 'not-found', '406');
  });

  it.each([
    ['no certifyId', {}],
    ['an empty certifyId', { certifyId: '' }],
    ['a path-like certifyId', { certifyId: '../../etc/passwd' }],
    ['a long certifyId', { certifyId: 'a'.repeat(65) }],
    ['a numeric certifyId', { certifyId: 42 }],
  ])('%s → 400 bad-request, no upstream call', async (_label, body) => {
    const client = fakeClient({});
    expectError(await describeCall(handlers({ client }), body), 400, 'bad-request');
    expect(client.describes).toHaveLength(0);
  });

  it('authorizeDescribe is an extra check after the ticket: it can refuse (403) and allow', async () => {
    const body = await verified('pass');
    const refuse = handlers({ authorizeDescribe: () => false });
    expectError(await describeCall(refuse, body), 403, 'unauthorized');
    const allow = handlers({ authorizeDescribe: async (_req, id) => id === body.certifyId });
    expect((await describeCall(allow, body)).status).toBe(200);
  });

  it.each([
    ['400', 502, 'upstream-error'],
    ['401', 400, 'bad-request'],
    ['403', 409, 'not-ready'],
    ['404', 502, 'upstream-error'],
    ['500', 502, 'upstream-error'],
  ])('Code %s → %i %s', async (code, status, merchantCode) => {
    const client = fakeClient({ describe: async () => ({ body: { code, requestId: 'R' } }) });
    const reply = await describeAs(handlers({ client }), 'a'.repeat(32));
    expectError(reply, status, merchantCode, code);
    expect((reply.body['error'] as Record<string, string>)['message']).toBe(
      describeServiceCode('DescribeFaceVerify', code, 'zh-CN'),
    );
  });

  it('a 200 with a Passed that is not T/F, or no SubCode → 502', async () => {
    for (const resultObject of [{ passed: 'Y', subCode: '200' }, { passed: 'T' }, undefined]) {
      const client = fakeClient({
        describe: async () => ({
          body: { code: '200', ...(resultObject ? { resultObject } : {}) },
        }),
      });
      expectError(await describeAs(handlers({ client }), 'a'.repeat(32)), 502, 'upstream-error');
    }
  });

  it('Passed decides even when the SubCode disagrees, and that is logged', async () => {
    const client = fakeClient({
      describe: async () => ({
        body: { code: '200', resultObject: { passed: 'T', subCode: '204' } },
      }),
    });
    const reply = await describeAs(handlers({ client }), 'a'.repeat(32));
    expect(reply.body['passed']).toBe(true);
    expect(logLines.some((line) => line.includes('describe.inconsistent'))).toBe(true);
  });

  it('an SDK failure → 502 upstream-error', async () => {
    const client = fakeClient({
      describe: async () =>
        Promise.reject(sdkError('ClientError', { code: 'SignatureDoesNotMatch', statusCode: 400 })),
    });
    expectError(
      await describeAs(handlers({ client }), 'a'.repeat(32)),
      502,
      'upstream-error',
      'SignatureDoesNotMatch',
    );
  });
});

describe('callback', () => {
  const TOKEN = 'cb-token-0123456789abcdef';
  /** A describe double: the authoritative result of each certifyId, or a cloud Code. */
  const cloud = (results: Record<string, { passed: 'T' | 'F'; subCode: string } | string>) =>
    fakeClient({
      describe: async (req) => {
        const result = results[req.certifyId ?? ''] ?? '406';
        return typeof result === 'string'
          ? { body: { code: result, requestId: 'R-CB' } }
          : { body: { code: '200', requestId: 'R-CB', resultObject: result } };
      },
    });
  const withCallbacks = (
    events: FaceVerifyCallbackEvent[],
    client: CloudauthClient,
    onCallback?: () => void,
  ) =>
    handlers({
      client,
      callbackUrl: 'http://127.0.0.1:1/api/face-verify/callback',
      callbackToken: TOKEN,
      onCallback: (event) => {
        onCallback?.();
        events.push(event);
      },
    });
  const url = (params: Record<string, string>) =>
    `http://shop.test/api/face-verify/callback?${new URLSearchParams(params).toString()}`;

  it('confirms a GET with the right token by DescribeFaceVerify, every time it comes', async () => {
    const events: FaceVerifyCallbackEvent[] = [];
    const client = cloud({ ['a1'.repeat(16)]: { passed: 'T', subCode: '200' } });
    const h = withCallbacks(events, client);
    const params = {
      certifyId: 'a1'.repeat(16),
      passed: 'T',
      subcode: '200',
      callbackToken: TOKEN,
    };
    const first = await record(await h.callback(new Request(url(params))));
    expect(first).toMatchObject({ status: 200, body: { ok: true } });
    const again = await record(await h.callback(new Request(url(params))));
    expect(again).toMatchObject({ status: 200, body: { ok: true } });
    const expected = {
      certifyId: 'a1'.repeat(16),
      passed: true,
      subCode: '200',
      message: describeSubCode('200', 'zh-CN'),
      requestId: 'R-CB',
      notified: { passed: true, subCode: '200' },
    };
    // No "first one wins": the retry is confirmed again and reaches onCallback (idempotent there).
    expect(events).toEqual([expected, expected]);
    expect(client.describes.map((d) => d.certifyId)).toEqual(['a1'.repeat(16), 'a1'.repeat(16)]);
  });

  it('accepts form and JSON POSTs, and reports what the cloud says, not the notification', async () => {
    const events: FaceVerifyCallbackEvent[] = [];
    const h = withCallbacks(
      events,
      cloud({
        ['b'.repeat(32)]: { passed: 'F', subCode: '204' },
        ['c'.repeat(32)]: { passed: 'T', subCode: '200' },
      }),
    );
    const form = new URLSearchParams({
      certifyId: 'b'.repeat(32),
      passed: 'T',
      subcode: '200',
      callbackToken: TOKEN,
    });
    const formReply = await record(
      await h.callback(
        new Request(url({}), {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
          body: form.toString(),
        }),
      ),
    );
    expect(formReply.status).toBe(200);
    const jsonReply = await record(
      await h.callback(post('callback', { certifyId: 'c'.repeat(32), callbackToken: TOKEN })),
    );
    expect(jsonReply.status).toBe(200);
    expect(events.map((e) => [e.passed, e.subCode, e.notified])).toEqual([
      [false, '204', { passed: true, subCode: '200' }],
      [true, '200', {}],
    ]);
    expect(logLines.some((line) => line.includes('callback.disagrees'))).toBe(true);
  });

  it.each([
    ['no token', {}],
    ['a wrong token of the same length', { callbackToken: TOKEN.replace(/.$/, 'x') }],
    ['a prefix of the token', { callbackToken: TOKEN.slice(0, -1) }],
    ['the token with extra characters', { callbackToken: `${TOKEN}x` }],
  ])('%s → 401 unauthorized, nothing recorded, nothing asked', async (_label, token) => {
    const events: FaceVerifyCallbackEvent[] = [];
    const client = cloud({});
    const reply = await record(
      await withCallbacks(events, client).callback(
        new Request(url({ certifyId: 'd'.repeat(32), passed: 'T', subcode: '200', ...token })),
      ),
    );
    expectError(reply, 401, 'unauthorized');
    expect(events).toHaveLength(0);
    expect(client.describes).toHaveLength(0);
  });

  it.each([
    ['passed=Y', { passed: 'Y', subcode: '200' }],
    ['a bad subcode', { passed: 'T', subcode: '2000' }],
    ['a bad certifyId', { passed: 'T', subcode: '200', certifyId: '<x>' }],
  ])('%s → 400 bad-request', async (_label, params) => {
    const reply = await record(
      await withCallbacks([], cloud({})).callback(
        new Request(url({ certifyId: 'e'.repeat(32), callbackToken: TOKEN, ...params })),
      ),
    );
    expectError(reply, 400, 'bad-request');
  });

  it('a certifyId the cloud does not know → 404, and no onCallback', async () => {
    const events: FaceVerifyCallbackEvent[] = [];
    const reply = await record(
      await withCallbacks(events, cloud({})).callback(
        new Request(url({ certifyId: 'e'.repeat(32), passed: 'T', callbackToken: TOKEN })),
      ),
    );
    expectError(reply, 404, 'not-found', '406');
    expect(events).toHaveLength(0);
  });

  it('not finished yet → 503 with Retry-After, so the cloud retries; no onCallback', async () => {
    const events: FaceVerifyCallbackEvent[] = [];
    const reply = await record(
      await withCallbacks(events, cloud({ ['e'.repeat(32)]: '424' })).callback(
        new Request(url({ certifyId: 'e'.repeat(32), passed: 'T', callbackToken: TOKEN })),
      ),
    );
    expectError(reply, 503, 'not-ready', '424');
    expect(reply.headers.get('retry-after')).toBe('30');
    expect(events).toHaveLength(0);
  });

  it('PUT → 405; without a configured token → 404', async () => {
    const put = await record(
      await withCallbacks([], cloud({})).callback(
        new Request(url({}), { method: 'PUT', body: '' }),
      ),
    );
    expectError(put, 405, 'bad-request');
    const off = await record(await handlers().callback(new Request(url({ callbackToken: TOKEN }))));
    expectError(off, 404, 'not-found');
  });

  it('a failing onCallback answers 500 and the retry is processed', async () => {
    let calls = 0;
    const events: FaceVerifyCallbackEvent[] = [];
    const h = withCallbacks(
      events,
      cloud({ ['f'.repeat(32)]: { passed: 'T', subCode: '200' } }),
      () => {
        calls++;
        if (calls === 1) throw new Error('database busy');
      },
    );
    const params = { certifyId: 'f'.repeat(32), passed: 'T', subcode: '200', callbackToken: TOKEN };
    expectError(await record(await h.callback(new Request(url(params)))), 500, 'internal');
    expect((await record(await h.callback(new Request(url(params))))).body).toEqual({ ok: true });
    expect(events).toHaveLength(1);
  });

  it('end to end: the emulator notifies the merchant server, retrying until it is processed', async () => {
    const events: FaceVerifyCallbackEvent[] = [];
    let failures = 1;
    let merchantUrl = '';
    const server: Server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    merchantUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const retrying = await startEmulator({ port: 0, callbackRetryDelayMs: 10 });
    const h = handlers({
      endpoint: retrying.endpoint,
      callbackUrl: `${merchantUrl}/api/face-verify/callback`,
      callbackToken: TOKEN,
      onCallback: (event) => {
        if (failures-- > 0) throw new Error('first delivery fails');
        events.push(event);
      },
    });
    server.on('request', createNodeMiddleware(h));
    try {
      const reply = await init(h, initBody());
      await driveCertifyPage(String(reply.body['certifyUrl']), 'pass');
      await retrying.settled();
      expect(events).toEqual([
        expect.objectContaining({
          certifyId: reply.body['certifyId'],
          passed: true,
          subCode: '200',
          materialInfo: expect.stringContaining('facialPictureFront'),
          notified: { passed: true, subCode: '200' },
        }),
      ]);
    } finally {
      await retrying.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});

describe('configuration', () => {
  it.each([
    [
      'no credentials and no client',
      { accessKeyId: undefined, accessKeySecret: undefined },
      /accessKeyId/,
    ],
    ['a non-numeric sceneId', { sceneId: 'scene-1' }, /sceneId/],
    ['a sceneId beyond 2^53', { sceneId: '90071992547409931' }, /sceneId/],
    [
      'http to a remote endpoint',
      { endpoint: 'cloudauth.aliyuncs.com', protocol: 'http' },
      /loopback/,
    ],
    ['no allowed return origins', { allowedReturnOrigins: [] }, /allowedReturnOrigins/],
    [
      'an allowed origin that is not a URL',
      { allowedReturnOrigins: ['shop.example.com'] },
      /not a URL/,
    ],
    ['a non-http allowed origin', { allowedReturnOrigins: ['ftp://shop.example.com'] }, /http/],
    [
      'callbackUrl without callbackToken',
      { callbackUrl: 'https://shop.example.com/cb' },
      /callbackToken/,
    ],
    [
      'an http callbackUrl off loopback',
      { callbackUrl: 'http://shop.example.com/cb', callbackToken: 'x'.repeat(16) },
      /https/,
    ],
    ['a short callbackToken', { callbackToken: 'short' }, /callbackToken/],
    ['a callbackToken with & in it', { callbackToken: 'a&b'.repeat(8) }, /callbackToken/],
    ['a long outerOrderNoPrefix', { outerOrderNoPrefix: 'TOOLONGPREFIX' }, /outerOrderNoPrefix/],
    ['a short ticketSecret', { ticketSecret: 'short' }, /ticketSecret/],
    ['a ticket life under a minute', { ticketTtlMs: 1000 }, /ticketTtlMs/],
  ] as const)('%s → TypeError', (_label, overrides, message) => {
    expect(() =>
      createFaceVerifyHandlers(config(overrides as Partial<FaceVerifyServerConfig>)),
    ).toThrow(TypeError);
    expect(() =>
      createFaceVerifyHandlers(config(overrides as Partial<FaceVerifyServerConfig>)),
    ).toThrow(message);
  });

  it('normalises allowed origins (a trailing slash or path is fine)', async () => {
    const client = fakeClient({ init: okInit });
    const h = handlers({
      client,
      allowedReturnOrigins: [`${ORIGIN}/`, 'https://shop.example.com/app'],
    });
    expect((await init(h, initBody({ returnUrl: 'https://shop.example.com/other' }))).status).toBe(
      200,
    );
  });
});

describe('no secret, name or ID number in any response or log line', () => {
  it('covers the riskiest paths too: echoed strings to sign, crashing hooks and resolvers', async () => {
    const resolverCrash = handlers({
      resolveIdentity: () => {
        throw new Error(`lookup failed for ${ZHANG_ID.certName} ${ZHANG_ID.certNo}`);
      },
    });
    expectError(await init(resolverCrash, initBody()), 500, 'internal');
    const echo = fakeClient({
      init: async () =>
        Promise.reject(sdkError('ClientError', { code: 'SignatureDoesNotMatch', statusCode: 400 })),
    });
    expectError(
      await init(handlers({ client: echo }), initBody()),
      502,
      'upstream-error',
      'SignatureDoesNotMatch',
    );
    expect(outputs.length).toBeGreaterThan(80);
    expect(logLines.length).toBeGreaterThan(40);
  });

  it('holds for everything this file produced', () => {
    const forbidden = [emulator.accessKeySecret, 'wrong-secret'];
    for (const identity of TEST_IDENTITIES) {
      forbidden.push(
        identity.certNo,
        identity.certNo.toLowerCase(),
        identity.certNo.slice(0, 17),
        identity.certName,
        encodeURIComponent(identity.certName),
        JSON.stringify(identity.certName)
          .slice(1, -1)
          .replace(/[^\x20-\x7e]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`),
      );
    }
    forbidden.push('33010619880101555', '陈静');
    const everything = [...outputs, ...logLines];
    for (const text of everything) {
      for (const needle of forbidden)
        expect(text.includes(needle), `${needle} in: ${text.slice(0, 200)}`).toBe(false);
    }
  });
});
