import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { TEST_IDENTITIES, startEmulator, type RunningEmulator } from '../src/index.js';
import { callAcs3, callRpc, type CallOptions, type CallReply } from './signed-client.js';

let emulator: RunningEmulator;
let clock: number;
const [ZHANG] = TEST_IDENTITIES;

beforeAll(async () => {
  emulator = await startEmulator({
    port: 0,
    now: () => clock,
    scenes: ['1000000006', { sceneId: '2000000001', productCodes: ['LR_FR'] }],
    extraCredentials: { LTAIsecondKey: 'second-secret' },
  });
});
afterAll(() => emulator.close());
beforeEach(() => {
  clock = Date.now();
});

function base(action: string): CallOptions {
  return {
    endpoint: emulator.endpoint,
    accessKeyId: emulator.accessKeyId,
    accessKeySecret: emulator.accessKeySecret,
    action,
  };
}

function initParams(overrides: Record<string, string | undefined> = {}): Record<string, string> {
  const params: Record<string, string | undefined> = {
    SceneId: '1000000006',
    OuterOrderNo: 'e0c34a77f5ac40a5aa5e6ed20c353888',
    ProductCode: 'ID_PRO',
    CertType: 'IDENTITY_CARD',
    CertName: ZHANG?.certName,
    CertNo: ZHANG?.certNo,
    ReturnUrl: 'http://127.0.0.1:5173/done',
    MetaInfo: JSON.stringify({ zimVer: '3.0.0', deviceType: 'h5' }),
    ...overrides,
  };
  return Object.fromEntries(
    Object.entries(params).filter((e): e is [string, string] => e[1] !== undefined),
  );
}

const schemes = [
  ['ACS3-HMAC-SHA256', (o: CallOptions) => callAcs3(o)],
  ['HMAC-SHA1 (v1 RPC)', (o: CallOptions) => callRpc(o)],
] as const;

function expectGatewayError(reply: CallReply, status: number, code: string): void {
  expect(reply.status).toBe(status);
  expect(reply.body['Code']).toBe(code);
  expect(reply.body['RequestId']).toMatch(/^[0-9A-F-]{36}$/);
  expect(reply.body['HostId']).toBe('cloudauth.aliyuncs.com');
  expect(typeof reply.body['Message']).toBe('string');
  expect(reply.body['Recommend']).toContain(`q=${code}`);
  expect(reply.headers.get('content-type')).toMatch(/^application\/json/);
}

describe.each(schemes)('%s', (_name, call) => {
  it('InitFaceVerify succeeds with query parameters', async () => {
    const reply = await call({ ...base('InitFaceVerify'), query: initParams() });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ Code: '200', Message: 'success' });
    const result = reply.body['ResultObject'] as Record<string, string>;
    expect(result['CertifyId']).toMatch(/^[0-9a-f]{32}$/);
    expect(result['CertifyUrl']).toMatch(new RegExp(`^${emulator.url}/certify/[A-Za-z0-9_-]{32}$`));
    expect(reply.headers.get('x-acs-request-id')).toBe(reply.body['RequestId']);
  });

  it('InitFaceVerify succeeds with form-body parameters', async () => {
    const reply = await call({ ...base('InitFaceVerify'), form: initParams() });
    expect(reply.body['Code']).toBe('200');
  });

  it('accepts a second configured AccessKey', async () => {
    const reply = await call({
      ...base('DescribeFaceVerify'),
      accessKeyId: 'LTAIsecondKey',
      accessKeySecret: 'second-secret',
      query: { SceneId: '1000000006', CertifyId: 'f'.repeat(32) },
    });
    expect(reply.body['Code']).toBe('406');
  });

  it('rejects an unknown AccessKeyId with 404 InvalidAccessKeyId.NotFound', async () => {
    const reply = await call({
      ...base('InitFaceVerify'),
      accessKeyId: 'LTAInobody',
      query: initParams(),
    });
    expectGatewayError(reply, 404, 'InvalidAccessKeyId.NotFound');
  });

  it('rejects a wrong secret with 400 SignatureDoesNotMatch', async () => {
    const reply = await call({
      ...base('InitFaceVerify'),
      accessKeySecret: 'wrong',
      query: initParams(),
    });
    expectGatewayError(reply, 400, 'SignatureDoesNotMatch');
    expect(reply.body['Message']).toContain('server string to sign is:');
  });

  it('rejects a timestamp 16 minutes in the past or future with InvalidTimeStamp.Expired', async () => {
    for (const skew of [-16 * 60_000, 16 * 60_000]) {
      const reply = await call({
        ...base('InitFaceVerify'),
        time: clock + skew,
        query: initParams(),
      });
      expectGatewayError(reply, 400, 'InvalidTimeStamp.Expired');
    }
  });

  it('accepts a timestamp 14 minutes off', async () => {
    const reply = await call({
      ...base('InitFaceVerify'),
      time: clock - 14 * 60_000,
      query: initParams(),
    });
    expect(reply.body['Code']).toBe('200');
  });

  it('rejects a reused signature nonce with SignatureNonceUsed, even with a fresh signature', async () => {
    const nonce = `nonce-${Math.random()}`;
    const first = await call({
      ...base('DescribeFaceVerify'),
      nonce,
      query: { SceneId: '1000000006', CertifyId: 'a'.repeat(32) },
    });
    expect(first.status).toBe(200);
    clock += 2_000;
    const second = await call({
      ...base('DescribeFaceVerify'),
      nonce,
      time: clock,
      query: { SceneId: '1000000006', CertifyId: 'b'.repeat(32) },
    });
    expectGatewayError(second, 400, 'SignatureNonceUsed');
  });

  it('does not burn a nonce on a request whose signature fails', async () => {
    const nonce = `nonce-${Math.random()}`;
    const forged = await call({
      ...base('DescribeFaceVerify'),
      nonce,
      accessKeySecret: 'x',
      query: { SceneId: '1000000006', CertifyId: 'a'.repeat(32) },
    });
    expect(forged.body['Code']).toBe('SignatureDoesNotMatch');
    const real = await call({
      ...base('DescribeFaceVerify'),
      nonce,
      query: { SceneId: '1000000006', CertifyId: 'a'.repeat(32) },
    });
    expect(real.status).toBe(200);
  });

  it('rejects an unknown action with 404 InvalidAction.NotFound', async () => {
    const reply = await call({ ...base('ExecuteRequest'), query: { Service: 'face_verify' } });
    expectGatewayError(reply, 404, 'InvalidAction.NotFound');
  });

  it('rejects another API version with InvalidVersion', async () => {
    const reply = await call({
      ...base('InitFaceVerify'),
      version: '2018-09-16',
      query: initParams(),
    });
    expectGatewayError(reply, 400, 'InvalidVersion');
  });

  it('knows only ExecuteRequest in the SAF version 2017-03-31', async () => {
    const reply = await call({
      ...base('InitFaceVerify'),
      version: '2017-03-31',
      query: initParams(),
    });
    expectGatewayError(reply, 404, 'InvalidAction.NotFound');
  });

  it('answers GET as well as POST (the seeds allow both)', async () => {
    const reply = await call({ ...base('InitFaceVerify'), method: 'GET', query: initParams() });
    expect(reply.body['Code']).toBe('200');
  });
});

describe('ACS3-specific rejections', () => {
  it('rejects a body that does not match x-acs-content-sha256', async () => {
    const reply = await callAcs3({
      ...base('InitFaceVerify'),
      query: initParams(),
      form: { Model: 'LIVENESS' },
      sendBody: 'Model=PHOTINUS_LIVENESS',
    });
    expectGatewayError(reply, 400, 'ContentSHA256Mismatch');
  });

  it('rejects a matching-but-unsigned x-acs- header', async () => {
    const reply = await callAcs3({
      ...base('InitFaceVerify'),
      query: initParams(),
      headers: { 'x-acs-extra': 'a' },
      unsigned: ['x-acs-extra'],
    });
    expectGatewayError(reply, 400, 'IncompleteSignature');
  });

  it('rejects an unsigned x-acs-signature-nonce (a relay could swap it to replay)', async () => {
    const reply = await callAcs3({
      ...base('InitFaceVerify'),
      query: initParams(),
      unsigned: ['x-acs-signature-nonce'],
    });
    expectGatewayError(reply, 400, 'IncompleteSignature');
  });

  it('rejects another algorithm', async () => {
    const reply = await callAcs3({
      ...base('InitFaceVerify'),
      query: initParams(),
      algorithm: 'ACS3-HMAC-SM3',
    });
    expectGatewayError(reply, 400, 'IncompleteSignature');
  });

  it('rejects a malformed x-acs-date', async () => {
    const reply = await callAcs3({
      ...base('InitFaceVerify'),
      query: initParams(),
      headers: { 'x-acs-date': '2024-01-01 10:00:00' },
    });
    expectGatewayError(reply, 400, 'InvalidTimeStamp.Format');
  });

  it('rejects an Authorization header sent without the x-acs- headers', async () => {
    const res = await fetch(`${emulator.url}/?SceneId=1`, {
      method: 'POST',
      headers: {
        authorization:
          'ACS3-HMAC-SHA256 Credential=LTAI5tEmulatorTestKey01,SignedHeaders=host,Signature=00',
      },
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as Record<string, unknown>)['Code']).toBe('MissingParameter');
  });
});

describe('v1 RPC-specific rejections', () => {
  it('rejects a parameter tampered with after signing', async () => {
    const reply = await callRpc({
      ...base('InitFaceVerify'),
      form: initParams(),
      tamper: { ReturnUrl: 'http://127.0.0.1:1/evil' },
    });
    expectGatewayError(reply, 400, 'SignatureDoesNotMatch');
  });

  it('rejects SignatureMethod other than HMAC-SHA1', async () => {
    const reply = await callRpc({
      ...base('InitFaceVerify'),
      query: initParams(),
      common: { SignatureMethod: 'HMAC-SHA256' },
    });
    expectGatewayError(reply, 400, 'IncompleteSignature');
  });

  it('rejects a request without Timestamp or SignatureNonce', async () => {
    for (const omit of ['Timestamp', 'SignatureNonce']) {
      const reply = await callRpc({ ...base('InitFaceVerify'), query: initParams(), omit: [omit] });
      expectGatewayError(reply, 400, 'MissingParameter');
    }
  });

  it('rejects a request with no signature at all', async () => {
    const res = await fetch(`${emulator.url}/?Action=InitFaceVerify&Version=2019-03-07`, {
      method: 'POST',
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as Record<string, unknown>)['Code']).toBe('IncompleteSignature');
  });

  it('rejects a parameter sent twice', async () => {
    const reply = await callRpc({
      ...base('InitFaceVerify'),
      query: initParams(),
      form: { SceneId: '1000000006' },
    });
    expectGatewayError(reply, 400, 'InvalidParameter');
  });
});

describe('InitFaceVerify semantics (ID_PRO)', () => {
  async function init(overrides: Record<string, string | undefined>): Promise<CallReply> {
    return callAcs3({ ...base('InitFaceVerify'), query: initParams(overrides) });
  }

  it.each([
    'SceneId',
    'OuterOrderNo',
    'ProductCode',
    'CertType',
    'CertName',
    'CertNo',
    'ReturnUrl',
    'MetaInfo',
  ])('answers 400 参数不能为空 without %s', async (name) => {
    const reply = await init({ [name]: undefined });
    expect(reply.status).toBe(200);
    expect(reply.body).toMatchObject({ Code: '400', Message: '参数不能为空' });
    expect(reply.body['ResultObject']).toBeUndefined();
  });

  it('answers 400 for an empty value too', async () => {
    expect((await init({ CertName: '' })).body['Code']).toBe('400');
  });

  it.each([
    ['a CertNo with a wrong check digit', { CertNo: '110101199003071234' }],
    ['a 15-digit CertNo', { CertNo: '110101900307123' }],
    ['a CertName with Latin letters', { CertName: 'Zhang San' }],
    ['a CertName with markup', { CertName: '<张三>' }],
    ['MetaInfo sent as "[object Object]"', { MetaInfo: '[object Object]' }],
    [
      'MetaInfo that is a JSON string, not an object',
      { MetaInfo: JSON.stringify(JSON.stringify({ a: 1 })) },
    ],
    ['a relative ReturnUrl', { ReturnUrl: '/done' }],
    ['a javascript: ReturnUrl', { ReturnUrl: 'javascript:alert(1)' }],
    ['a ReturnUrl with userinfo', { ReturnUrl: 'http://user:pw@127.0.0.1/done' }],
    ['a ReturnUrl with a space', { ReturnUrl: 'http://127.0.0.1/a b' }],
    ['an OuterOrderNo of 33 characters', { OuterOrderNo: 'a'.repeat(33) }],
    ['an OuterOrderNo with a dash', { OuterOrderNo: 'order-1' }],
    ['CertType PASSPORT', { CertType: 'PASSPORT' }],
    ['ProductCode SMART_VERIFY', { ProductCode: 'SMART_VERIFY' }],
    ['a non-numeric SceneId', { SceneId: 'scene' }],
    ['CertifyUrlType APP', { CertifyUrlType: 'APP' }],
    ['an http CallbackUrl off loopback', { CallbackUrl: 'http://merchant.example/cb' }],
  ])('answers 401 参数非法 for %s', async (_label, overrides) => {
    const reply = await init(overrides);
    expect(reply.body).toMatchObject({ Code: '401', Message: '参数非法' });
  });

  it('accepts an https CallbackUrl and a loopback http one', async () => {
    expect((await init({ CallbackUrl: 'https://merchant.example/cb' })).body['Code']).toBe('200');
    expect((await init({ CallbackUrl: 'http://127.0.0.1:9/cb' })).body['Code']).toBe('200');
  });

  it('answers 404 认证场景配置不存在 for an unknown scene, or a scene without the product', async () => {
    expect((await init({ SceneId: '1234567' })).body).toMatchObject({
      Code: '404',
      Message: '认证场景配置不存在',
    });
    expect((await init({ SceneId: '2000000001' })).body['Code']).toBe('404');
  });

  it('answers 417 and 418 for the documented fixture identities', async () => {
    const t417 = TEST_IDENTITIES.find((t) => t.initCode === '417');
    const t418 = TEST_IDENTITIES.find((t) => t.initCode === '418');
    expect((await init({ CertName: t417?.certName, CertNo: t417?.certNo })).body).toMatchObject({
      Code: '417',
      Message: '无法使用刷脸服务',
    });
    expect((await init({ CertName: t418?.certName, CertNo: t418?.certNo })).body).toMatchObject({
      Code: '418',
      Message: '刷脸失败次数过多',
    });
  });

  it('answers 418 once one identity exceeds the daily limit, and resets the next day', async () => {
    const limited = await startEmulator({ port: 0, now: () => clock, dailyAttemptLimit: 3 });
    try {
      const call = (certNo: string | undefined) =>
        callAcs3({
          ...base('InitFaceVerify'),
          endpoint: limited.endpoint,
          time: clock,
          query: initParams({ CertNo: certNo }),
        });
      const codes: unknown[] = [];
      for (let i = 0; i < 4; i++) codes.push((await call(ZHANG?.certNo)).body['Code']);
      expect(codes).toEqual(['200', '200', '200', '418']);
      // Another identity is unaffected; the same one is allowed again the next day.
      expect((await call(TEST_IDENTITIES[1]?.certNo)).body['Code']).toBe('200');
      clock += 24 * 3600_000;
      expect((await call(ZHANG?.certNo)).body['Code']).toBe('200');
    } finally {
      await limited.close();
    }
  });
});

describe('InitFaceVerify semantics (LR_FR)', () => {
  it('needs no identity but requires UserId', async () => {
    const params = initParams({
      ProductCode: 'LR_FR',
      CertType: undefined,
      CertName: undefined,
      CertNo: undefined,
      SceneId: '2000000001',
    });
    expect((await callAcs3({ ...base('InitFaceVerify'), query: params })).body['Code']).toBe('400');
    const ok = await callAcs3({ ...base('InitFaceVerify'), query: { ...params, UserId: 'u-123' } });
    expect(ok.body['Code']).toBe('200');
  });
});

describe('DescribeFaceVerify semantics', () => {
  async function describeCall(query: Record<string, string>): Promise<CallReply> {
    return callRpc({ ...base('DescribeFaceVerify'), query });
  }

  it('answers 400 without SceneId or CertifyId', async () => {
    expect((await describeCall({ SceneId: '1000000006' })).body).toMatchObject({
      Code: '400',
      Message: '参数不能为空',
    });
    expect((await describeCall({ CertifyId: 'a'.repeat(32) })).body['Code']).toBe('400');
  });

  it('answers 401 for a malformed SceneId and 404 for an unknown one', async () => {
    expect((await describeCall({ SceneId: 'x', CertifyId: 'a'.repeat(32) })).body['Code']).toBe(
      '401',
    );
    expect((await describeCall({ SceneId: '42', CertifyId: 'a'.repeat(32) })).body).toMatchObject({
      Code: '404',
    });
  });

  it('answers 406 for a CertifyId never issued, or issued to another scene', async () => {
    expect(
      (await describeCall({ SceneId: '1000000006', CertifyId: 'a'.repeat(32) })).body,
    ).toMatchObject({
      Code: '406',
      Message: '无效的CertifyId',
    });
    const lr = await callAcs3({
      ...base('InitFaceVerify'),
      query: { ...initParams({ ProductCode: 'LR_FR', SceneId: '2000000001' }), UserId: 'u1' },
    });
    const certifyId = (lr.body['ResultObject'] as Record<string, string>)['CertifyId'] ?? '';
    expect((await describeCall({ SceneId: '1000000006', CertifyId: certifyId })).body['Code']).toBe(
      '406',
    );
    expect((await describeCall({ SceneId: '2000000001', CertifyId: certifyId })).body['Code']).toBe(
      '424',
    );
  });

  it('answers 424 身份认证记录不存在 before the certify page finished', async () => {
    const init = await callAcs3({ ...base('InitFaceVerify'), query: initParams() });
    const certifyId = (init.body['ResultObject'] as Record<string, string>)['CertifyId'] ?? '';
    expect(
      (await describeCall({ SceneId: '1000000006', CertifyId: certifyId })).body,
    ).toMatchObject({
      Code: '424',
      Message: '身份认证记录不存在',
    });
  });
});

describe('front page', () => {
  it('GET / without a signature shows the emulator page, not an API error', async () => {
    const res = await fetch(`${emulator.url}/`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const text = await res.text();
    expect(text).toContain('ID Verification emulator');
    expect(text).not.toContain(emulator.accessKeySecret);
  });

  it('unknown paths are 404', async () => {
    expect((await fetch(`${emulator.url}/nope`)).status).toBe(404);
  });
});
