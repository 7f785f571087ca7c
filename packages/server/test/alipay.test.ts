/**
 * The handlers' Alipay path end to end: init with `flow: 'alipay'` → SAF `fin_face_verify` init
 * on pop-core (POST) against the emulator → `{ flow: 'alipay', certifyId, url, ticket }`; describe
 * of that ticket → SAF query → the same reply shape as the web path; the callback of the Alipay path
 * confirmed through SAF. Both reply spellings the service is met with are covered.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
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
  type FaceVerifyCallbackEvent,
  type FaceVerifyHandlers,
  type FaceVerifyServerConfig,
} from '../src/index.js';

const ORIGIN = 'https://shop.example.com';
const META = JSON.stringify({ zimVer: '3.0.0', deviceType: 'h5', ua: 'test' });
const [ZHANG] = TEST_IDENTITIES;
const IDENTITY = { certName: ZHANG?.certName ?? '', certNo: ZHANG?.certNo ?? '' };

let camel: RunningEmulator;
let pascal: RunningEmulator;
beforeAll(async () => {
  camel = await startEmulator({ port: 0 });
  pascal = await startEmulator({ port: 0, safReply: { casing: 'pascal', dataAsString: true } });
});
afterAll(async () => {
  await camel.close();
  await pascal.close();
});

const user = (request: Request): string | undefined => request.headers.get('x-user') ?? undefined;

function handlers(
  on: RunningEmulator,
  overrides: Partial<FaceVerifyServerConfig> = {},
): FaceVerifyHandlers {
  return createFaceVerifyHandlers(config(on, overrides));
}

function config(
  on: RunningEmulator,
  overrides: Partial<FaceVerifyServerConfig> = {},
): FaceVerifyServerConfig {
  return {
    accessKeyId: on.accessKeyId,
    accessKeySecret: on.accessKeySecret,
    endpoint: on.endpoint,
    protocol: 'http',
    sceneId: on.sceneId,
    allowedReturnOrigins: [ORIGIN],
    owner: user,
    resolveIdentity: () => IDENTITY,
    rateLimit: false,
    alipay: { sceneId: on.sceneId, endpoint: on.endpoint },
    ...overrides,
  };
}

async function post(
  handler: (request: Request) => Promise<Response>,
  body: unknown,
  who = 'alice',
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await handler(
    new Request(`${ORIGIN}/api/face-verify/x`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-user': who, 'accept-language': 'en' },
      body: JSON.stringify(body),
    }),
  );
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const initAlipay = (h: FaceVerifyHandlers, extra: object = {}) =>
  post(h.init, { metaInfo: META, returnUrl: `${ORIGIN}/alipay/back`, flow: 'alipay', ...extra });

describe.each([
  ['the seeds’ spelling {code, data}', () => camel],
  ['PascalCase with Data as a JSON string', () => pascal],
])('Alipay path, SAF replies in %s', (_label, emulator) => {
  it('init answers {flow: alipay, certifyId, url, ticket}; describe follows the verification', async () => {
    const results: unknown[] = [];
    const h = handlers(emulator(), { onResult: (result) => void results.push(result) });
    const started = await initAlipay(h);
    expect(started.status).toBe(200);
    expect(Object.keys(started.body).sort()).toEqual(['certifyId', 'flow', 'ticket', 'url']);
    expect(started.body).toMatchObject({ flow: 'alipay' });
    expect(String(started.body['url'])).toMatch(new RegExp(`^${emulator().url}/certify/`));
    const body = { certifyId: started.body['certifyId'], ticket: started.body['ticket'] };

    const before = await post(h.describe, body);
    expect(before).toEqual({
      status: 200,
      body: {
        certifyId: body.certifyId,
        passed: false,
        subCode: '',
        message: 'Verification not passed, or not finished yet.',
      },
    });
    await driveCertifyPage(String(started.body['url']), 'pass');
    const after = await post(h.describe, body);
    expect(after.body).toMatchObject({
      passed: true,
      subCode: '',
      message: 'Verification passed.',
    });
    expect(results.at(-1)).toMatchObject({
      certifyId: body.certifyId,
      passed: true,
      flow: 'alipay',
      owner: 'alice',
      materialInfo: expect.stringContaining('facialPictureFront') as unknown,
    });
    // Bound to its owner like any ticket.
    expect((await post(h.describe, body, 'bob')).status).toBe(403);
  });
});

describe('Alipay path: configuration and failures', () => {
  it('is refused (400) where the handlers have no alipay configuration', async () => {
    const withoutAlipay: FaceVerifyServerConfig = config(camel);
    delete withoutAlipay.alipay;
    const reply = await initAlipay(createFaceVerifyHandlers(withoutAlipay));
    expect(reply.status).toBe(400);
    expect(reply.body['error']).toMatchObject({ code: 'bad-request' });
  });

  it('uses its own SceneId and always bizCode FACE, with the identity from the merchant', async () => {
    const seen: string[] = [];
    const h = handlers(camel, {
      alipay: {
        sceneId: 1000000007,
        client: {
          executeRequest: async (params) => {
            seen.push(params.ServiceParameters);
            return {
              code: 200,
              data: {
                certifyId: 'a'.repeat(32),
                certifyUrl: 'https://picker.antcloudauth.aliyuncs.com/gateway.do?x=1',
              },
            };
          },
        },
      },
    });
    const reply = await initAlipay(h, { certName: '李四', certNo: '310104198511234563' });
    expect(reply.status).toBe(200);
    expect(JSON.parse(seen[0] ?? '{}')).toMatchObject({
      method: 'init',
      sceneId: '1000000007',
      bizCode: 'FACE',
      identityType: 'CERT_INFO',
      certType: 'IDENTITY_CARD',
      certName: IDENTITY.certName,
      certNo: IDENTITY.certNo,
      returnUrl: `${ORIGIN}/alipay/back`,
    });
  });

  it('maps the unified codes and the gateway’s rejections to typed errors', async () => {
    const answering = (reply: unknown) =>
      handlers(camel, {
        alipay: { sceneId: 1, client: { executeRequest: async () => reply } },
      });
    expect(
      (await initAlipay(answering({ Code: 402, Message: 'QPS' }))).body['error'],
    ).toMatchObject({
      code: 'rate-limited',
      upstreamCode: '402',
    });
    for (const code of [400, 403, 404, 500]) {
      const reply = await initAlipay(answering({ code, message: 'x' }));
      expect(reply.status).toBe(502);
      expect(reply.body['error']).toMatchObject({
        code: 'upstream-error',
        upstreamCode: String(code),
      });
    }
    expect((await initAlipay(answering('not json'))).status).toBe(502);
    expect((await initAlipay(answering({ code: 200, data: '{broken' }))).status).toBe(502);
    const wrongSecret = handlers(camel, { accessKeySecret: 'wrong-secret' });
    const rejected = await initAlipay(wrongSecret);
    expect(rejected.status).toBe(502);
    expect(rejected.body['error']).toMatchObject({ upstreamCode: 'SignatureDoesNotMatch' });
    expect(JSON.stringify(rejected.body)).not.toContain(IDENTITY.certNo);
  });

  it('describe of a certifyId SAF does not know → 404 not-found', async () => {
    const h = handlers(camel, {
      alipay: {
        sceneId: 1,
        client: {
          executeRequest: async (params) =>
            JSON.parse(params.ServiceParameters).method === 'init'
              ? {
                  code: 200,
                  data: { certifyId: 'f'.repeat(32), certifyUrl: 'https://m.alyms.cn/x' },
                }
              : { code: 400, message: 'certifyId 无效' },
        },
      },
    });
    const started = await initAlipay(h);
    const reply = await post(h.describe, {
      certifyId: started.body['certifyId'],
      ticket: started.body['ticket'],
    });
    expect(reply.status).toBe(404);
    expect(reply.body['error']).toMatchObject({ code: 'not-found', upstreamCode: '400' });
  });

  it('the callback of the Alipay path is confirmed through SAF, end to end on the emulator', async () => {
    const token = 'cb-token-0123456789abcdef';
    const events: FaceVerifyCallbackEvent[] = [];
    const server: Server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const merchant = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    const emulator = await startEmulator({ port: 0, callbackRetryDelayMs: 10 });
    const h = handlers(emulator, {
      callbackUrl: `${merchant}/api/face-verify/callback`,
      callbackToken: token,
      onCallback: (event) => void events.push(event),
    });
    server.on('request', createNodeMiddleware(h));
    try {
      const started = await initAlipay(h);
      await driveCertifyPage(String(started.body['url']), 'pass');
      await emulator.settled();
      expect(events).toEqual([
        expect.objectContaining({
          certifyId: started.body['certifyId'],
          passed: true,
          subCode: '',
          notified: { passed: true },
        }),
      ]);
    } finally {
      await emulator.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  });
});
