/**
 * The merchant server takes nothing from the browser on trust. Each block reproduces one finding
 * of the security review against the handlers as the README configures them (on the emulator,
 * through the official SDK) and shows it closed:
 *
 * 1. anyone could read anyone's result (describe answered for any certifyId);
 * 2. the callback believed the notification (and the first one per certifyId won);
 * 3. the browser chose whose identity was verified;
 * 6. no limits (inits and describes unbounded, MetaInfo of any size).
 *
 * Findings 4 (script gadget) and 5 (Alipay reply off the allowlist) are the element's: see
 * packages/element.
 */
import {
  TEST_IDENTITIES,
  driveCertifyPage,
  startEmulator,
  type RunningEmulator,
} from '@aliyun-face-verify/emulator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  DEFAULT_RATE_LIMITS,
  createFaceVerifyHandlers,
  type FaceVerifyCallbackEvent,
  type FaceVerifyHandlers,
  type FaceVerifyInitInfo,
  type FaceVerifyLogger,
  type FaceVerifyServerConfig,
} from '../src/index.js';

const ORIGIN = 'https://shop.example.com';
const META = JSON.stringify({ zimVer: '3.0.0', deviceType: 'h5', ua: 'test' });
const [ZHANG, LI] = TEST_IDENTITIES;
const TOKEN = 'cb-token-0123456789abcdef';

let emulator: RunningEmulator;
beforeAll(async () => {
  emulator = await startEmulator({ port: 0 });
});
afterAll(() => emulator.close());

const logLines: string[] = [];
const outputs: string[] = [];
const logger: FaceVerifyLogger = {
  info: (event, fields) => logLines.push(JSON.stringify([event, fields])),
  warn: (event, fields) => logLines.push(JSON.stringify([event, fields])),
  error: (event, fields) => logLines.push(JSON.stringify([event, fields])),
};

/** The merchant's session: a cookie naming the signed-in user (a stand-in for a real session). */
const sessionUser = (request: Request): string | undefined =>
  /(?:^|;\s*)user=(\w+)/.exec(request.headers.get('cookie') ?? '')?.[1];

/** Each user's identity, from the merchant's own records. */
const RECORDS: Record<string, { certName: string; certNo: string }> = {
  alice: { certName: ZHANG?.certName ?? '', certNo: ZHANG?.certNo ?? '' },
  bob: { certName: LI?.certName ?? '', certNo: LI?.certNo ?? '' },
};

/** The handlers as the server README's first example configures them, on the emulator. */
function secure(overrides: Partial<FaceVerifyServerConfig> = {}): FaceVerifyHandlers {
  return createFaceVerifyHandlers({
    accessKeyId: emulator.accessKeyId,
    accessKeySecret: emulator.accessKeySecret,
    endpoint: emulator.endpoint,
    protocol: 'http',
    sceneId: emulator.sceneId,
    allowedReturnOrigins: [ORIGIN],
    owner: sessionUser,
    resolveIdentity: (request) => RECORDS[sessionUser(request) ?? ''],
    logger,
    ...overrides,
  });
}

interface Reply {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

async function call(
  handler: (request: Request) => Promise<Response>,
  path: string,
  user: string | undefined,
  body: unknown,
): Promise<Reply> {
  const response = await handler(
    new Request(`${ORIGIN}/api/face-verify/${path}`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        ...(user !== undefined ? { cookie: `theme=dark; user=${user}` } : {}),
      },
      body: JSON.stringify(body),
    }),
  );
  const text = await response.text();
  outputs.push(text);
  return {
    status: response.status,
    headers: response.headers,
    body: JSON.parse(text) as Record<string, unknown>,
  };
}

const initAs = (h: FaceVerifyHandlers, user: string | undefined, extra: object = {}) =>
  call(h.init, 'init', user, { metaInfo: META, returnUrl: `${ORIGIN}/done`, ...extra });

const describeAs = (h: FaceVerifyHandlers, user: string | undefined, body: object) =>
  call(h.describe, 'describe', user, body);

const errorCode = (reply: Reply): unknown => (reply.body['error'] as { code?: unknown })?.code;

/** Alice starts and passes a verification; returns what her browser holds. */
async function alicePasses(h: FaceVerifyHandlers): Promise<{ certifyId: string; ticket: string }> {
  const started = await initAs(h, 'alice');
  expect(started.status).toBe(200);
  await driveCertifyPage(String(started.body['certifyUrl']), 'pass');
  return { certifyId: String(started.body['certifyId']), ticket: String(started.body['ticket']) };
}

/** Re-signs nothing: changes one character of the payload, keeping the signature. */
function tamper(ticket: string): string {
  const [version, payload = '', mac] = ticket.split('.');
  const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Record<
    string,
    unknown
  >;
  claims['exp'] = Number(claims['exp']) + 86_400 * 365;
  return `${version}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${mac}`;
}

describe('finding 1: a result is read only by the owner who started it', () => {
  it('refuses handlers with neither owner nor authorizeDescribe (the old default was open)', () => {
    expect(() =>
      createFaceVerifyHandlers({
        accessKeyId: 'id',
        accessKeySecret: 'secret',
        sceneId: 1,
        allowedReturnOrigins: [ORIGIN],
        identityFromRequest: true,
      }),
    ).toThrow(/owner .* or authorizeDescribe/);
  });

  it('the owner reads her result, and onResult gets the owner recorded at init', async () => {
    const results: unknown[] = [];
    const h = secure({ onResult: (result) => void results.push(result) });
    const alice = await alicePasses(h);
    const reply = await describeAs(h, 'alice', alice);
    expect(reply).toMatchObject({
      status: 200,
      body: { certifyId: alice.certifyId, passed: true },
    });
    expect(results).toEqual([
      expect.objectContaining({ certifyId: alice.certifyId, owner: 'alice', passed: true }),
    ]);
  });

  it('another user never gets it: not with the certifyId alone, not with her ticket', async () => {
    const results: unknown[] = [];
    const h = secure({ onResult: (result) => void results.push(result) });
    const alice = await alicePasses(h);
    // The attack of the review: B posts A's certifyId (public: it sits in every ReturnUrl).
    const bare = await describeAs(h, 'bob', { certifyId: alice.certifyId });
    expect(bare.status).toBe(403);
    expect(errorCode(bare)).toBe('unauthorized');
    // B obtained A's ticket too (a shared link, a log): still not B's verification.
    const stolen = await describeAs(h, 'bob', alice);
    expect(stolen.status).toBe(403);
    // No session at all.
    expect((await describeAs(h, undefined, alice)).status).toBe(403);
    // B's own ticket, for B's own verification, does not open A's certifyId.
    const bobs = await initAs(h, 'bob');
    const swapped = await describeAs(h, 'bob', {
      certifyId: alice.certifyId,
      ticket: bobs.body['ticket'],
    });
    expect(swapped.status).toBe(403);
    for (const reply of [bare, stolen, swapped]) expect(reply.body).not.toHaveProperty('passed');
    expect(results).toEqual([]);
  });

  it('a tampered, truncated, foreign or expired ticket is refused', async () => {
    let clock = Date.now();
    const h = secure({ now: () => clock });
    const alice = await alicePasses(h);
    const foreign = secure({ ticketSecret: 'another-merchant-key-0123456789abcdef' });
    const theirs = await initAs(foreign, 'alice');
    for (const ticket of [
      tamper(alice.ticket),
      alice.ticket.slice(0, -2),
      `${alice.ticket}x`,
      alice.ticket.replace(/^v1/, 'v2'),
      'v1..',
      'not a ticket',
      theirs.body['ticket'],
    ]) {
      const reply = await describeAs(h, 'alice', { certifyId: alice.certifyId, ticket });
      expect(reply.status, String(ticket)).toBe(403);
    }
    expect((await describeAs(h, 'alice', alice)).status).toBe(200);
    // Tickets live an hour by default.
    clock += 3_600_000;
    expect((await describeAs(h, 'alice', alice)).status).toBe(403);
    expect(logLines.some((line) => line.includes('ticket-expired'))).toBe(true);
    expect(logLines.some((line) => line.includes('ticket-bad-signature'))).toBe(true);
  });

  it('any instance with the same key verifies a ticket: nothing is stored', async () => {
    const one = secure();
    const other = secure();
    const alice = await alicePasses(one);
    expect((await describeAs(other, 'alice', alice)).status).toBe(200);
  });

  it('init needs a session when there is an owner hook (401, no upstream call)', async () => {
    const reply = await initAs(secure(), undefined);
    expect(reply.status).toBe(401);
    expect(errorCode(reply)).toBe('unauthorized');
  });

  it('running open is possible, but only on purpose: authorizeDescribe: () => true', async () => {
    const open = secure({ authorizeDescribe: () => true });
    // With an owner hook the ticket still rules; the open switch matters only without one.
    const alice = await alicePasses(open);
    expect((await describeAs(open, 'bob', { certifyId: alice.certifyId })).status).toBe(403);
    const anonymous = createFaceVerifyHandlers({
      accessKeyId: emulator.accessKeyId,
      accessKeySecret: emulator.accessKeySecret,
      endpoint: emulator.endpoint,
      protocol: 'http',
      sceneId: emulator.sceneId,
      allowedReturnOrigins: [ORIGIN],
      identityFromRequest: true,
      authorizeDescribe: () => true,
    });
    expect((await describeAs(anonymous, 'bob', { certifyId: alice.certifyId })).status).toBe(200);
    // Even open, a ticket that is sent must be genuine and for this certifyId.
    expect(
      (await describeAs(anonymous, 'bob', { ...alice, ticket: tamper(alice.ticket) })).status,
    ).toBe(403);
  });
});

describe('finding 2: a callback is a trigger, not a verdict', () => {
  it('a forged "passed" sent before the real result never reaches onCallback as passed, and the real one still does', async () => {
    const events: FaceVerifyCallbackEvent[] = [];
    const h = secure({
      callbackUrl: 'http://127.0.0.1:1/api/face-verify/callback',
      callbackToken: TOKEN,
      onCallback: (event) => void events.push(event),
    });
    const started = await initAs(h, 'alice');
    const certifyId = String(started.body['certifyId']);
    // The token leaked (it travels in query strings); the attacker notifies first.
    const forged = `${ORIGIN}/api/face-verify/callback?certifyId=${certifyId}&passed=T&subcode=200&callbackToken=${TOKEN}`;
    const early = await h.callback(new Request(forged));
    expect(early.status).toBe(503);
    expect(events).toEqual([]);
    // The user fails the scan: the forged notification, again, is answered with the truth.
    await driveCertifyPage(String(started.body['certifyUrl']), 'liveness-risk');
    expect((await h.callback(new Request(forged))).status).toBe(200);
    expect(events).toEqual([
      expect.objectContaining({
        certifyId,
        passed: false,
        subCode: '205',
        notified: { passed: true, subCode: '200' },
      }),
    ]);
  });

  it('a certifyId this server never issued is refused (404), with no onCallback', async () => {
    const events: FaceVerifyCallbackEvent[] = [];
    const h = secure({
      callbackUrl: 'http://127.0.0.1:1/api/face-verify/callback',
      callbackToken: TOKEN,
      onCallback: (event) => void events.push(event),
    });
    const reply = await h.callback(
      new Request(
        `${ORIGIN}/cb?certifyId=${'0'.repeat(32)}&passed=T&subcode=200&callbackToken=${TOKEN}`,
      ),
    );
    expect(reply.status).toBe(404);
    expect(events).toEqual([]);
  });
});

describe('finding 3: the merchant, not the browser, says whose identity is verified', () => {
  it('refuses ID_PRO handlers without resolveIdentity unless identityFromRequest is set', () => {
    const base = {
      accessKeyId: 'id',
      accessKeySecret: 'secret',
      sceneId: 1,
      allowedReturnOrigins: [ORIGIN],
      owner: sessionUser,
    };
    expect(() => createFaceVerifyHandlers(base)).toThrow(/resolveIdentity/);
    expect(() => createFaceVerifyHandlers({ ...base, identityFromRequest: true })).not.toThrow();
    expect(() => createFaceVerifyHandlers({ ...base, productCode: 'LR_FR' })).not.toThrow();
  });

  it("ignores an identity in the body: bob cannot have his face compared with alice's record", async () => {
    const seen: FaceVerifyInitInfo[] = [];
    const h = secure({ onInit: (info) => void seen.push(info) });
    const reply = await initAs(h, 'bob', { certName: ZHANG?.certName, certNo: ZHANG?.certNo });
    expect(reply.status).toBe(200);
    expect(seen[0]?.identity?.certName).toBe(LI?.certName);
  });

  it('with no identity on record, ID_PRO refuses rather than trusting the body', async () => {
    const h = secure({ resolveIdentity: () => undefined });
    const reply = await initAs(h, 'carol', { certName: ZHANG?.certName, certNo: ZHANG?.certNo });
    expect(reply.status).toBe(400);
    expect(errorCode(reply)).toBe('identity-required');
  });

  it('onInit says which person, flow and owner a certifyId is for, the ID number masked', async () => {
    const seen: FaceVerifyInitInfo[] = [];
    const h = secure({ onInit: (info) => void seen.push(info) });
    const reply = await initAs(h, 'alice');
    expect(seen).toEqual([
      {
        certifyId: reply.body['certifyId'],
        outerOrderNo: expect.stringMatching(/^\w{32}$/) as unknown,
        requestId: expect.any(String) as unknown,
        flow: 'web',
        owner: 'alice',
        identity: { certName: ZHANG?.certName, certNoMasked: '110***********1233' },
      },
    ]);
  });
});

describe('finding 6: every input capped, every caller limited', () => {
  it('a MetaInfo over 8 KB is a 400 before any upstream call (it used to be a 502)', async () => {
    let upstream = 0;
    const h = secure({
      client: {
        initFaceVerify: async () => {
          upstream++;
          return { body: { code: '500' } };
        },
        describeFaceVerify: async () => ({ body: { code: '500' } }),
      },
    });
    const big = JSON.stringify({ zimVer: '3.0.0', pad: 'x'.repeat(8200) });
    const reply = await initAs(h, 'alice', { metaInfo: big });
    expect(reply.status).toBe(400);
    expect(errorCode(reply)).toBe('bad-request');
    const fits = JSON.stringify({ zimVer: '3.0.0', pad: 'x'.repeat(8000) });
    expect((await initAs(h, 'alice', { metaInfo: fits })).status).toBe(502);
    expect(upstream).toBe(1);
  });

  it('by default one owner gets 5 inits a minute and 20 a day; others are not affected', async () => {
    let clock = Date.now();
    let upstream = 0;
    const h = secure({
      now: () => clock,
      resolveIdentity: () => RECORDS['alice'],
      client: {
        initFaceVerify: async () => ({
          body: {
            code: '200',
            resultObject: { certifyId: `c${++upstream}`, certifyUrl: 'https://m.alyms.cn/F4.x' },
          },
        }),
        describeFaceVerify: async () => ({ body: { code: '424' } }),
      },
    });
    expect(DEFAULT_RATE_LIMITS.owner.init).toEqual([
      { max: 5, ms: 60_000 },
      { max: 20, ms: 86_400_000 },
    ]);
    for (let i = 0; i < 5; i++) expect((await initAs(h, 'mallory')).status).toBe(200);
    const refused = await initAs(h, 'mallory');
    expect(refused.status).toBe(429);
    expect(errorCode(refused)).toBe('rate-limited');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await initAs(h, 'alice')).status).toBe(200);
    // The stranger-lockout of the review took 51 inits a day; one owner gets 20.
    let accepted = 5;
    for (let minute = 1; minute <= 10; minute++) {
      clock += 61_000;
      for (let i = 0; i < 5; i++) if ((await initAs(h, 'mallory')).status === 200) accepted++;
    }
    expect(accepted).toBe(20);
    expect(upstream).toBe(21);
    clock += 86_400_000;
    expect((await initAs(h, 'mallory')).status).toBe(200);
  });

  it('describe is limited too (30 a minute per owner), before it goes upstream', async () => {
    let upstream = 0;
    const h = secure({
      client: {
        initFaceVerify: async () => ({
          body: {
            code: '200',
            resultObject: { certifyId: 'c1', certifyUrl: 'https://m.alyms.cn/F4.x' },
          },
        }),
        describeFaceVerify: async () => {
          upstream++;
          return { body: { code: '424' } };
        },
      },
    });
    const started = await initAs(h, 'alice');
    const body = { certifyId: 'c1', ticket: started.body['ticket'] };
    for (let i = 0; i < 30; i++) expect((await describeAs(h, 'alice', body)).status).toBe(409);
    const refused = await describeAs(h, 'alice', body);
    expect(refused.status).toBe(429);
    expect(upstream).toBe(30);
  });

  it('a rateLimit hook replaces the default, and is told the action and the owner', async () => {
    const asked: [string, string | undefined][] = [];
    const h = secure({
      rateLimit: (_request, action, { owner }) => {
        asked.push([action, owner]);
        return action === 'describe' ? { retryAfterSeconds: 7 } : true;
      },
    });
    const alice = await alicePasses(h);
    const refused = await describeAs(h, 'alice', alice);
    expect(refused.status).toBe(429);
    expect(refused.headers.get('retry-after')).toBe('7');
    expect(asked).toEqual([
      ['init', 'alice'],
      ['describe', 'alice'],
    ]);
  });
});

describe('what the browser holds and what is logged', () => {
  it('the ticket names no user, and no ticket, owner or identity is in any reply or log line', async () => {
    const h = secure();
    const alice = await alicePasses(h);
    const claims = Buffer.from(alice.ticket.split('.')[1] ?? '', 'base64url').toString('utf8');
    expect(claims).not.toContain('alice');
    await describeAs(h, 'bob', alice);
    const forbidden = [
      emulator.accessKeySecret,
      ...Object.values(RECORDS).flatMap((r) => [r.certName, r.certNo]),
    ];
    for (const text of [...logLines, ...outputs]) {
      for (const needle of forbidden) expect(text.includes(needle), text).toBe(false);
    }
    for (const line of logLines) {
      expect(line).not.toMatch(/v1\.[\w-]{20,}\./);
      expect(line).not.toMatch(/"owner"|alice|mallory/);
    }
  });
});
