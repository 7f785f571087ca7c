/**
 * The seeds' Node client for the Alipay H5 scheme, `@alicloud/pop-core`, unchanged and only pointed
 * at the emulator: SAF `ExecuteRequest` (`Service=fin_face_verify`, version 2017-03-31, HMAC-SHA1)
 * in both of the client's methods, GET (its default) and POST (what the seeds' sample uses).
 */
import RPCClient from '@alicloud/pop-core';
import {
  SAF_API_VERSION,
  TEST_IDENTITIES,
  driveCertifyPage,
  startEmulator,
  type RunningEmulator,
} from '@aliyun-face-verify/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const METHODS = ['GET', 'POST'] as const;
const [ZHANG] = TEST_IDENTITIES;

let emulator: RunningEmulator;
let pascal: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
  pascal = await startEmulator({ port: 0, safReply: { casing: 'pascal', dataAsString: true } });
});
afterAll(async () => {
  await emulator.close();
  await pascal.close();
});

function client(on: RunningEmulator, secret = on.accessKeySecret): RPCClient {
  return new RPCClient({
    accessKeyId: on.accessKeyId,
    accessKeySecret: secret,
    endpoint: on.url,
    apiVersion: SAF_API_VERSION,
  });
}

type Reply = Record<string, unknown>;

function execute(
  rpc: RPCClient,
  method: (typeof METHODS)[number],
  serviceParameters: Record<string, unknown> | string,
  service = 'fin_face_verify',
): Promise<Reply> {
  return rpc.request<Reply>(
    'ExecuteRequest',
    {
      RegionId: 'cn-shanghai',
      Service: service,
      ServiceParameters:
        typeof serviceParameters === 'string'
          ? serviceParameters
          : JSON.stringify(serviceParameters),
    },
    { method },
  );
}

function initParameters(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    method: 'init',
    sceneId: '1000000006',
    outerOrderNo: `saf${Date.now()}${Math.floor(Math.random() * 1e6)}`,
    bizCode: 'FACE',
    identityType: 'CERT_INFO',
    certType: 'IDENTITY_CARD',
    certNo: ZHANG?.certNo,
    certName: ZHANG?.certName,
    returnUrl: '',
    ...overrides,
  };
}

async function rejection(promise: Promise<unknown>): Promise<Record<string, unknown>> {
  try {
    await promise;
  } catch (error) {
    return error as Record<string, unknown>;
  }
  throw new Error('expected the call to be rejected');
}

describe.each(METHODS)('pop-core ExecuteRequest over %s', (method) => {
  it("init answers the seeds' shape: code 200, data.certifyId and data.certifyUrl", async () => {
    const reply = await execute(client(emulator), method, initParameters());
    expect(reply).toMatchObject({ code: 200, message: 'OK' });
    expect(reply['requestId']).toMatch(/^[0-9A-F-]{36}$/);
    const data = reply['data'] as Record<string, string>;
    expect(data['certifyId']).toMatch(/^[0-9a-f]{32}$/);
    expect(data['certifyUrl']).toMatch(new RegExp(`^${emulator.url}/certify/`));
  });

  it('query: F before the scan, T after a pass, F after a failure', async () => {
    const rpc = client(emulator);
    const started = (await execute(rpc, method, initParameters()))['data'] as Record<
      string,
      string
    >;
    const ask = (certifyId = started['certifyId']) =>
      execute(rpc, method, { method: 'query', sceneId: '1000000006', certifyId });
    expect(await ask()).toMatchObject({ code: 200, data: { passed: 'F', materialInfo: '' } });
    const end = await driveCertifyPage(started['certifyUrl'] ?? '', 'pass');
    // No returnUrl (the in-app flow): no redirect; the page hands the emulated Alipay container
    // its resultStatus, which a stand-in bridge passes to the page's callback.
    expect(end).toEqual({
      status: 200,
      message: {
        type: 'alipay-container',
        resultStatus: '9000',
        result: { certifyId: started['certifyId'] },
      },
    });
    const after = await ask();
    expect(after).toMatchObject({ code: 200, data: { passed: 'T', identityInfo: '' } });
    expect((after['data'] as Record<string, string>)['materialInfo']).toContain(
      'facialPictureFront',
    );

    const failing = (await execute(rpc, method, initParameters()))['data'] as Record<
      string,
      string
    >;
    const failed = await driveCertifyPage(failing['certifyUrl'] ?? '', 'face-mismatch');
    expect(failed.message).toEqual({
      type: 'alipay-container',
      resultStatus: '4000',
      result: null,
    });
    expect(await ask(failing['certifyId'])).toMatchObject({ data: { passed: 'F' } });
    expect(await ask('0'.repeat(32))).toMatchObject({ code: 400 });
  });

  it("ends on returnUrl as given: a page, or the app's scheme, without a response parameter", async () => {
    const rpc = client(emulator);
    for (const returnUrl of ['https://shop.example.com/alipay/back', 'myshop://verify/done']) {
      const data = (await execute(rpc, method, initParameters({ returnUrl })))['data'] as Record<
        string,
        string
      >;
      expect(await driveCertifyPage(data['certifyUrl'] ?? '', 'pass')).toEqual({
        status: 303,
        location: returnUrl,
      });
    }
  });

  it('answers the unified codes: unknown Service 404, bad or incomplete ServiceParameters 400', async () => {
    const rpc = client(emulator);
    expect(await execute(rpc, method, initParameters(), 'face_verify')).toMatchObject({
      code: 404,
    });
    for (const parameters of [
      'not json',
      '[]',
      { method: 'delete' },
      initParameters({ certNo: undefined }),
      initParameters({ certNo: '110101199003071234' }),
      initParameters({ certName: 'Zhang San' }),
      initParameters({ identityType: 'OTHER' }),
      initParameters({ outerOrderNo: 'x'.repeat(33) }),
      initParameters({ returnUrl: 'javascript:alert(1)' }),
      initParameters({ callbackUrl: 'http://shop.example.com/cb' }),
      initParameters({ sceneId: '99' }),
      { method: 'query', sceneId: '1000000006' },
    ]) {
      expect(await execute(rpc, method, parameters), JSON.stringify(parameters)).toMatchObject({
        code: 400,
      });
    }
  });

  it('ends in-app with the resultStatus of each outcome: 6001 left, 6002 network, 4000 the rest', async () => {
    const rpc = client(emulator);
    for (const [outcome, resultStatus] of [
      ['user-exit', '6001'],
      ['network-error', '6002'],
      ['camera-unavailable', '4000'],
      ['pass-policy', '9000'],
    ] as const) {
      const data = (await execute(rpc, method, initParameters()))['data'] as Record<string, string>;
      const end = await driveCertifyPage(data['certifyUrl'] ?? '', outcome);
      expect(end.message, outcome).toMatchObject({ type: 'alipay-container', resultStatus });
    }
  });

  it('refuses FACE_SDK from a web caller, as the service does: H5 must use FACE', async () => {
    const reply = await execute(client(emulator), method, initParameters({ bizCode: 'FACE_SDK' }));
    expect(reply).toMatchObject({ code: 400 });
    expect(String(reply['message'])).toContain('FACE');
  });

  it('a wrong secret is refused by the gateway, which pop-core throws', async () => {
    const error = await rejection(
      execute(client(emulator, 'wrong-secret'), method, initParameters()),
    );
    expect(error['code']).toBe('SignatureDoesNotMatch');
    expect(error['name']).toBe('SignatureDoesNotMatchError');
  });

  it("the unified-code document's casing and a data string: pop-core throws on a Code it does not know", async () => {
    const rpc = client(pascal);
    const reply = await execute(rpc, method, initParameters());
    expect(reply).toMatchObject({ Code: 200, Message: 'OK' });
    expect(JSON.parse(String(reply['Data']))).toMatchObject({
      certifyId: expect.stringMatching(/^[0-9a-f]{32}$/),
    });
    const error = await rejection(execute(rpc, method, initParameters(), 'face_verify'));
    expect(error).toMatchObject({ code: 404, name: '404Error' });
  });
});
