/**
 * The official Node SDK (`@alicloud/cloudauth20190307` on `@alicloud/openapi-core`), unchanged and
 * only pointed at the emulator, in both of its signing modes: everything the emulator accepts and
 * every rejection it must make, seen through the SDK's own parsing and error classes.
 */
import { createServer, request as httpRequest, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import Cloudauth, {
  DescribeFaceVerifyRequest,
  InitFaceVerifyRequest,
} from '@alicloud/cloudauth20190307';
import { $OpenApiUtil } from '@alicloud/openapi-core';
import {
  TEST_IDENTITIES,
  driveCertifyPage,
  startEmulator,
  type RunningEmulator,
} from '@aliyun-face-verify/emulator';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

type Client = InstanceType<typeof Cloudauth>;
type Runtime = Parameters<Client['callApi']>[2];

/** The SDK's client class, whichever way the CommonJS default arrives. */
const ClientClass: typeof Cloudauth = (() => {
  const imported: unknown = Cloudauth;
  if (typeof imported === 'function') return Cloudauth;
  return (imported as { default: typeof Cloudauth }).default;
})();

/** `$dara.RuntimeOptions`, loaded from where the SDK itself loads it (it is not our dependency). */
const requireFromSdk = createRequire(
  createRequire(import.meta.url).resolve('@alicloud/cloudauth20190307'),
);
const { RuntimeOptions } = requireFromSdk('@darabonba/typescript') as {
  RuntimeOptions: new (map: Record<string, unknown>) => Runtime;
};

const MODES = [
  ['ACS3-HMAC-SHA256 (default)', undefined],
  ['v2 (HMAC-SHA1 RPC)', 'v2'],
] as const;

let emulator: RunningEmulator;
let clock: number;

beforeAll(async () => {
  emulator = await startEmulator({ port: 0, now: () => clock });
});
afterAll(() => emulator.close());
beforeEach(() => {
  clock = Date.now();
});

function client(
  mode: 'v2' | undefined,
  overrides: Partial<{
    accessKeyId: string;
    accessKeySecret: string;
    endpoint: string;
    headers: Record<string, string>;
    queries: Record<string, string>;
  }> = {},
): Client {
  const { headers, queries, ...rest } = overrides;
  return new ClientClass(
    new $OpenApiUtil.Config({
      accessKeyId: emulator.accessKeyId,
      accessKeySecret: emulator.accessKeySecret,
      endpoint: emulator.endpoint,
      protocol: 'http',
      ...(mode ? { signatureAlgorithm: mode } : {}),
      ...(headers || queries
        ? {
            globalParameters: new $OpenApiUtil.GlobalParameters({
              ...(headers ? { headers } : {}),
              ...(queries ? { queries } : {}),
            }),
          }
        : {}),
      ...rest,
    }),
  );
}

const [ZHANG, LI] = TEST_IDENTITIES;

function initRequest(overrides: Record<string, unknown> = {}): InitFaceVerifyRequest {
  return new InitFaceVerifyRequest({
    sceneId: 1000000006,
    outerOrderNo: `sdk${Date.now()}${Math.floor(Math.random() * 1e6)}`,
    productCode: 'ID_PRO',
    certType: 'IDENTITY_CARD',
    certName: ZHANG?.certName,
    certNo: ZHANG?.certNo,
    returnUrl: 'http://127.0.0.1:5173/verify/done',
    metaInfo: JSON.stringify({ zimVer: '3.0.0', deviceType: 'h5', ua: 'test' }),
    certifyUrlType: 'H5',
    // Model travels in the form body, so both modes send a body too.
    model: 'LIVENESS',
    ...overrides,
  });
}

/** What the SDK threw, in the fields it sets from the gateway's error JSON. */
async function thrown(promise: Promise<unknown>): Promise<Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    return error as Record<string, unknown>;
  }
  throw new Error('expected the SDK call to throw');
}

function expectClientError(error: Record<string, unknown>, status: number, code: string): void {
  expect(error['name']).toBe('ClientError');
  expect(error['statusCode']).toBe(status);
  expect(error['code']).toBe(code);
  expect(error['requestId']).toMatch(/^[0-9A-F-]{36}$/);
  const data = error['data'] as Record<string, unknown>;
  expect(data).toMatchObject({ Code: code, HostId: 'cloudauth.aliyuncs.com' });
  expect(typeof data['Recommend']).toBe('string');
}

describe.each(MODES)('official SDK, %s', (_label, mode) => {
  it('InitFaceVerify → certify page → DescribeFaceVerify, parsed by the SDK', async () => {
    const init = await client(mode).initFaceVerify(initRequest());
    expect(init.statusCode).toBe(200);
    expect(init.body?.code).toBe('200');
    expect(init.body?.message).toBe('success');
    expect(init.body?.requestId).toMatch(/^[0-9A-F-]{36}$/);
    const certifyId = init.body?.resultObject?.certifyId ?? '';
    const certifyUrl = init.body?.resultObject?.certifyUrl ?? '';
    expect(certifyId).toMatch(/^[0-9a-f]{32}$/);
    expect(certifyUrl.startsWith(`${emulator.url}/certify/`)).toBe(true);

    const pending = await client(mode).describeFaceVerify(
      new DescribeFaceVerifyRequest({ sceneId: 1000000006, certifyId }),
    );
    expect(pending.body?.code).toBe('424');
    expect(pending.body?.message).toBe('身份认证记录不存在');
    expect(pending.body?.resultObject).toBeUndefined();

    const page = await driveCertifyPage(certifyUrl, 'pass');
    expect(page.status).toBe(303);

    const done = await client(mode).describeFaceVerify(
      new DescribeFaceVerifyRequest({ sceneId: 1000000006, certifyId }),
    );
    expect(done.body?.code).toBe('200');
    expect(done.body?.resultObject?.passed).toBe('T');
    expect(done.body?.resultObject?.subCode).toBe('200');
    const material = JSON.parse(done.body?.resultObject?.materialInfo ?? '') as Record<
      string,
      unknown
    >;
    expect(material).toMatchObject({ faceAttack: 'F', faceOcclusion: 'F' });
    expect(material['facialPictureFront']).toMatchObject({ verifyScore: expect.any(Number) });
  });

  it('reports a failed verification as Passed F with its SubCode', async () => {
    const init = await client(mode).initFaceVerify(
      initRequest({ certName: LI?.certName, certNo: LI?.certNo }),
    );
    const certifyId = init.body?.resultObject?.certifyId ?? '';
    await driveCertifyPage(init.body?.resultObject?.certifyUrl ?? '', 'face-mismatch');
    const done = await client(mode).describeFaceVerify(
      new DescribeFaceVerifyRequest({ sceneId: 1000000006, certifyId }),
    );
    expect(done.body?.resultObject).toMatchObject({ passed: 'F', subCode: '204' });
  });

  it('HTTP 200 with a non-200 Code does not throw: 400, 401, 404, 417, 418, 406', async () => {
    const c = client(mode);
    const code = async (req: InitFaceVerifyRequest) => (await c.initFaceVerify(req)).body?.code;
    expect(await code(initRequest({ metaInfo: undefined }))).toBe('400');
    expect(await code(initRequest({ certNo: '110101199003071234' }))).toBe('401');
    expect(await code(initRequest({ certName: 'Zhang San' }))).toBe('401');
    expect(await code(initRequest({ metaInfo: '[object Object]' }))).toBe('401');
    expect(await code(initRequest({ sceneId: 42 }))).toBe('404');
    const t417 = TEST_IDENTITIES.find((t) => t.initCode === '417');
    const t418 = TEST_IDENTITIES.find((t) => t.initCode === '418');
    expect(await code(initRequest({ certName: t417?.certName, certNo: t417?.certNo }))).toBe('417');
    expect(await code(initRequest({ certName: t418?.certName, certNo: t418?.certNo }))).toBe('418');
    const unknown = await c.describeFaceVerify(
      new DescribeFaceVerifyRequest({ sceneId: 1000000006, certifyId: 'f'.repeat(32) }),
    );
    expect(unknown.body).toMatchObject({ code: '406', message: '无效的CertifyId' });
  });

  it('rejects an unknown AccessKeyId: ClientError 404 InvalidAccessKeyId.NotFound', async () => {
    const error = await thrown(
      client(mode, { accessKeyId: 'LTAInotAKey' }).initFaceVerify(initRequest()),
    );
    expectClientError(error, 404, 'InvalidAccessKeyId.NotFound');
  });

  it('rejects a wrong secret: ClientError 400 SignatureDoesNotMatch', async () => {
    const error = await thrown(
      client(mode, { accessKeySecret: 'not-the-secret' }).initFaceVerify(initRequest()),
    );
    expectClientError(error, 400, 'SignatureDoesNotMatch');
  });

  it('rejects a body altered in transit', async () => {
    const proxy = await startTamperingProxy(emulator, (body) =>
      body.replace('Model=LIVENESS', 'Model=PHOTINUS_LIVENESS'),
    );
    try {
      const error = await thrown(
        client(mode, { endpoint: proxy.endpoint }).initFaceVerify(initRequest()),
      );
      // ACS3 hashes the body into x-acs-content-sha256; v1 signs the body's parameters.
      expectClientError(
        error,
        400,
        mode === 'v2' ? 'SignatureDoesNotMatch' : 'ContentSHA256Mismatch',
      );
      expect(proxy.tampered).toBe(1);
    } finally {
      await proxy.close();
    }
  });

  it('rejects a clock more than 15 minutes off, either way: InvalidTimeStamp.Expired', async () => {
    for (const skew of [16 * 60_000, -16 * 60_000]) {
      clock = Date.now() + skew;
      const error = await thrown(client(mode).initFaceVerify(initRequest()));
      expectClientError(error, 400, 'InvalidTimeStamp.Expired');
    }
    clock = Date.now() + 14 * 60_000;
    expect((await client(mode).initFaceVerify(initRequest())).body?.code).toBe('200');
  });

  it('rejects a stale signed timestamp: InvalidTimeStamp.Expired', async () => {
    const stale = new Date(Date.now() - 20 * 60_000).toISOString().slice(0, 19) + 'Z';
    const c = client(
      mode,
      mode === 'v2' ? { queries: { Timestamp: stale } } : { headers: { 'x-acs-date': stale } },
    );
    expectClientError(
      await thrown(c.initFaceVerify(initRequest())),
      400,
      'InvalidTimeStamp.Expired',
    );
  });

  it('rejects a reused signature nonce: SignatureNonceUsed', async () => {
    const nonce = `fixed-${mode ?? 'acs3'}-${Date.now()}`;
    const c = client(
      mode,
      mode === 'v2'
        ? { queries: { SignatureNonce: nonce } }
        : { headers: { 'x-acs-signature-nonce': nonce } },
    );
    expect((await c.initFaceVerify(initRequest())).body?.code).toBe('200');
    expectClientError(await thrown(c.initFaceVerify(initRequest())), 400, 'SignatureNonceUsed');
  });

  it('rejects an action the service does not have: InvalidAction.NotFound', async () => {
    const c = client(mode);
    const params = new $OpenApiUtil.Params({
      action: 'VerifyMaterial',
      version: '2019-03-07',
      protocol: 'HTTPS',
      pathname: '/',
      method: 'POST',
      authType: 'AK',
      style: 'RPC',
      reqBodyType: 'formData',
      bodyType: 'json',
    });
    const request = new $OpenApiUtil.OpenApiRequest({ query: { BizType: 'x' } });
    const error = await thrown(c.callApi(params, request, new RuntimeOptions({})));
    expectClientError(error, 404, 'InvalidAction.NotFound');
  });
});

/** A man in the middle on loopback that rewrites request bodies before they reach the emulator. */
async function startTamperingProxy(
  target: RunningEmulator,
  rewrite: (body: string) => string,
): Promise<{ endpoint: string; tampered: number; close(): Promise<void> }> {
  const state = { tampered: 0 };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const original = Buffer.concat(chunks).toString('utf8');
      const body = rewrite(original);
      if (body !== original) state.tampered++;
      const upstream = httpRequest(
        {
          host: '127.0.0.1',
          port: target.port,
          method: req.method,
          path: req.url,
          headers: {
            ...Object.fromEntries(
              Object.entries(req.headers).filter(([name]) => name !== 'transfer-encoding'),
            ),
            'content-length': String(Buffer.byteLength(body)),
          },
        },
        (answer) => {
          res.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(res);
        },
      );
      upstream.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `127.0.0.1:${port}`,
    get tampered() {
      return state.tampered;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
