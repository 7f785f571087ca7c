/**
 * Continuing on another browser or device: the first browser (signed in) gets a link, the other
 * browser (no session) starts the verification with the token in it, the first browser learns the
 * authoritative result from the status endpoint. Every refusal the design promises is here.
 */
import {
  TEST_IDENTITIES,
  driveCertifyPage,
  startEmulator,
  type RunningEmulator,
} from '@aliyun-face-verify/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createFaceVerifyHandlers,
  type FaceVerifyHandlers,
  type FaceVerifyServerConfig,
} from '../src/index.js';

const ORIGIN = 'https://shop.example.com';
const META = JSON.stringify({ zimVer: '3.0.0', deviceType: 'h5', ua: 'test' });
const [ZHANG, LI] = TEST_IDENTITIES;
const RECORDS: Record<string, { certName: string; certNo: string }> = {
  alice: { certName: ZHANG?.certName ?? '', certNo: ZHANG?.certNo ?? '' },
  bob: { certName: LI?.certName ?? '', certNo: LI?.certNo ?? '' },
};

let emulator: RunningEmulator;
let clock = Date.now();
beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
});
afterAll(() => emulator.close());

function handlers(overrides: Partial<FaceVerifyServerConfig> = {}): FaceVerifyHandlers {
  return createFaceVerifyHandlers({
    accessKeyId: emulator.accessKeyId,
    accessKeySecret: emulator.accessKeySecret,
    endpoint: emulator.endpoint,
    protocol: 'http',
    sceneId: emulator.sceneId,
    allowedReturnOrigins: [ORIGIN],
    owner: (request) => request.headers.get('x-user') ?? undefined,
    // In the other browser there is no session: the owner comes from the handoff token.
    resolveIdentity: (_request, _body, { owner }) => RECORDS[owner ?? ''],
    now: () => clock,
    ...overrides,
  });
}

async function post(
  handler: (request: Request) => Promise<Response>,
  body: unknown,
  who?: string,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await handler(
    new Request(`${ORIGIN}/api/face-verify/x`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(who ? { 'x-user': who } : {}) },
      body: JSON.stringify(body),
    }),
  );
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const PAGE = `${ORIGIN}/verify?order=7`;
const startElsewhere = (h: FaceVerifyHandlers, token: unknown, who?: string) =>
  post(h.init, { metaInfo: META, returnUrl: `${ORIGIN}/verify/done`, handoff: token }, who);

describe('handoff', () => {
  it('the whole round: link → the other browser starts and passes → the first learns the result', async () => {
    const h = handlers();
    const link = await post(h.handoff, { pageUrl: PAGE }, 'alice');
    expect(link.status).toBe(200);
    const token = String(link.body['token']);
    expect(link.body['url']).toBe(`${PAGE}#afv-handoff=${token}`);
    expect(link.body['expiresAt']).toBe((Math.floor(clock / 1000) + 600) * 1000);
    // Opaque: the owner is encrypted, not merely signed.
    expect(Buffer.from(token.split('.')[2] ?? '', 'base64url').toString('latin1')).not.toContain(
      'alice',
    );

    expect((await post(h.status, { handoff: token }, 'alice')).body).toEqual({ state: 'waiting' });
    const started = await startElsewhere(h, token);
    expect(started.status).toBe(200);
    const certifyId = started.body['certifyId'];
    expect((await post(h.status, { handoff: token }, 'alice')).body).toEqual({
      state: 'in-progress',
      certifyId,
    });
    await driveCertifyPage(String(started.body['certifyUrl']), 'pass');
    // DescribeFaceVerify is asked at most every 3 s per handoff.
    expect((await post(h.status, { handoff: token }, 'alice')).body['state']).toBe('in-progress');
    clock += 3_000;
    const finished = await post(h.status, { handoff: token }, 'alice');
    expect(finished.body).toMatchObject({
      state: 'finished',
      result: { certifyId, passed: true, subCode: '200' },
    });
    // The other browser has no session: it cannot read the result itself.
    const describe = await post(h.describe, { certifyId, ticket: started.body['ticket'] });
    expect(describe.status).toBe(403);
  });

  it('keeps the hash route of a hash-routed page', async () => {
    const link = await post(handlers().handoff, { pageUrl: `${ORIGIN}/app#/verify?x=1` }, 'alice');
    expect(String(link.body['url'])).toMatch(
      /^https:\/\/shop\.example\.com\/app#\/verify\?x=1&afv-handoff=h1\./,
    );
  });

  it('needs a session, an allowed page and an owner hook', async () => {
    expect((await post(handlers().handoff, { pageUrl: PAGE })).status).toBe(401);
    const elsewhere = await post(handlers().handoff, { pageUrl: 'https://evil.example/' }, 'alice');
    expect(elsewhere.body['error']).toMatchObject({ code: 'return-url-not-allowed' });
    const open = createFaceVerifyHandlers({
      accessKeyId: 'id',
      accessKeySecret: 'secret',
      sceneId: 1,
      allowedReturnOrigins: [ORIGIN],
      identityFromRequest: true,
      authorizeDescribe: () => true,
    });
    expect((await post(open.handoff, { pageUrl: PAGE }, 'alice')).status).toBe(404);
  });

  it('an expired token starts nothing, but its status still answers', async () => {
    const h = handlers();
    const token = (await post(h.handoff, { pageUrl: PAGE }, 'alice')).body['token'];
    clock += 600_000;
    const late = await startElsewhere(h, token);
    expect(late.status).toBe(403);
    expect(late.body['error']).toMatchObject({ code: 'unauthorized' });
    expect((await post(h.status, { handoff: token }, 'alice')).body).toEqual({ state: 'waiting' });
  });

  it("a token replayed by another owner's session is refused, for init and for status", async () => {
    const h = handlers();
    const token = (await post(h.handoff, { pageUrl: PAGE }, 'alice')).body['token'];
    expect((await startElsewhere(h, token, 'bob')).status).toBe(403);
    expect((await post(h.status, { handoff: token }, 'bob')).status).toBe(403);
    expect((await post(h.status, { handoff: token })).status).toBe(403);
  });

  it('a token from another merchant key, or changed in one character, is refused', async () => {
    const ours = handlers();
    const theirs = handlers({ ticketSecret: 'another-merchant-secret-0123456789abcdef' });
    const foreign = String((await post(theirs.handoff, { pageUrl: PAGE }, 'alice')).body['token']);
    const genuine = String((await post(ours.handoff, { pageUrl: PAGE }, 'alice')).body['token']);
    const flipped = `${genuine.slice(0, -3)}${genuine.at(-3) === 'A' ? 'B' : 'A'}${genuine.slice(-2)}`;
    for (const token of [foreign, flipped, 'h1.x.y', 42, '']) {
      expect((await startElsewhere(ours, token)).status, String(token)).toBe(403);
      expect((await post(ours.status, { handoff: token }, 'alice')).status).toBe(403);
    }
    expect((await startElsewhere(ours, genuine)).status).toBe(200);
  });
});
