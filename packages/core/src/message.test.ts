import { describe, expect, expectTypeOf, it } from 'vitest';
import * as core from './index.js';
import { parseVerifyMessage, type VerifyMessageEvent, type VerifyMessageFrame } from './message.js';
import { decodeVerifyResponse, type ParseOutcome, type VerifyResult } from './result.js';

/** The redirect's `response` shape as real returns carry it (DESIGN.md): `code` a JSON number. */
const REAL = {
  code: 1003,
  subCode: 'Z5052',
  reason: 'system error',
  extInfo: { certifyId: 'sha02ba3a2ffad9f5c4780e42eaba933' },
};
const REAL_JSON = JSON.stringify(REAL);
const EXPECTED: VerifyResult = {
  code: 1003,
  subCode: 'Z5052',
  reason: 'system error',
  extInfo: { certifyId: 'sha02ba3a2ffad9f5c4780e42eaba933' },
  certifyId: 'sha02ba3a2ffad9f5c4780e42eaba933',
  passed: false,
  routing: 'iframe',
};

const ORIGIN = 'https://h5.cloudauth.example';
/** Stands in for the frame's `contentWindow`: only its identity matters. */
const frameWindow = { name: 'certify frame' };
const frame: VerifyMessageFrame = { origin: ORIGIN, source: frameWindow };

const enc = encodeURIComponent;
/** Form encoding, as URLSearchParams writes it: a space becomes `+`. */
const form = (text: string): string => new URLSearchParams({ v: text }).toString().slice(2);

/** A message from the frame itself (right origin, right window) carrying `data`. */
const fromFrame = (data: unknown): VerifyMessageEvent => ({
  data,
  origin: ORIGIN,
  source: frameWindow,
});
const parse = (data: unknown): ParseOutcome | undefined =>
  parseVerifyMessage(fromFrame(data), frame);

describe('parseVerifyMessage: the forms a result may take', () => {
  it.each([
    ['an object', REAL],
    ['a JSON string', REAL_JSON],
    ['a JSON string with surrounding whitespace', `\n ${REAL_JSON} \n`],
    ['a string url-encoded once', enc(REAL_JSON)],
    ['a string url-encoded twice', enc(enc(REAL_JSON))],
    ['a string form-encoded once (+ for spaces)', form(REAL_JSON)],
    ['a string form-encoded twice', form(form(REAL_JSON))],
  ])('reads %s, with routing iframe', (_, data) => {
    expect(parse(data)).toStrictEqual({ ok: true, result: EXPECTED });
  });

  it('gives the same verdict as decodeVerifyResponse for the same JSON', () => {
    for (const json of [
      REAL_JSON,
      '{"code":"1000","extInfo":{"certifyId":"c1","more":[1,{"a":null}]}}',
      '{"code":1001,"subCode":"","reason":"100% + 1","extInfo":[]}',
      '{"code":"abc"}',
      '{"code":null,"reason":"x"}',
      '{"code":[1000]}',
      '{"code":1e3}',
    ]) {
      const expected = decodeVerifyResponse(json, 'iframe');
      expect(parse(json)).toStrictEqual(expected);
      expect(parse(JSON.parse(json))).toStrictEqual(expected);
      expect(parse(enc(json))).toStrictEqual(expected);
    }
  });

  it('reports a code it cannot use as invalid, not as chatter', () => {
    expect(parse({ code: 'abc', reason: 'x' })).toStrictEqual({ ok: false, error: 'invalid' });
    expect(parse('{"code":-1}')).toStrictEqual({ ok: false, error: 'invalid' });
    expect(parse(enc('{"code":12345678901}'))).toStrictEqual({ ok: false, error: 'invalid' });
  });

  it('keeps a passed result passed, and optional fields absent when missing', () => {
    expect(parse({ code: 1000, extInfo: {} })).toStrictEqual({
      ok: true,
      result: { code: 1000, extInfo: {}, passed: true, routing: 'iframe' },
    });
  });

  it('accepts a message event object as it comes (extra fields ignored)', () => {
    const event = { ...fromFrame(REAL), ports: [], lastEventId: '', type: 'message' };
    expect(parseVerifyMessage(event, frame)).toStrictEqual({ ok: true, result: EXPECTED });
  });
});

describe('parseVerifyMessage: not this frame’s result', () => {
  it.each([
    ['another origin', 'https://evil.example'],
    ['the same host over http', 'http://h5.cloudauth.example'],
    ['the origin with a trailing slash', `${ORIGIN}/`],
    ['the origin in other case', ORIGIN.toUpperCase()],
    ['an explicit default port', `${ORIGIN}:443`],
    ['an opaque origin', 'null'],
    ['no origin', ''],
  ])('ignores %s (exact string compare)', (_, origin) => {
    expect(parseVerifyMessage({ data: REAL, origin, source: frameWindow }, frame)).toBeUndefined();
  });

  it('ignores another window of the right origin', () => {
    const other = { name: 'another frame' };
    expect(parseVerifyMessage({ data: REAL, origin: ORIGIN, source: other }, frame)).toBe(
      undefined,
    );
    expect(
      parseVerifyMessage({ data: REAL, origin: ORIGIN, source: frameWindow }, { ...frame }),
    ).toStrictEqual({ ok: true, result: EXPECTED });
  });

  it('ignores a null or missing source on either side, even when both match', () => {
    for (const source of [null, undefined]) {
      expect(
        parseVerifyMessage({ data: REAL, origin: ORIGIN, source }, { origin: ORIGIN, source }),
      ).toBeUndefined();
      expect(parseVerifyMessage({ data: REAL, origin: ORIGIN, source }, frame)).toBeUndefined();
      expect(parseVerifyMessage(fromFrame(REAL), { origin: ORIGIN, source })).toBeUndefined();
    }
  });

  it.each([
    ['a bare string', 'ready'],
    ['an empty string', ''],
    ['an object without code', { type: 'resize', height: 640 }],
    ['an empty object', {}],
    ['an object whose code is undefined', { code: undefined, reason: 'x' }],
    ['a code one level down', { type: 'result', data: { code: 1000 } }],
    ['an array', [REAL]],
    ['null', null],
    ['undefined', undefined],
    ['a number', 1000],
    ['a boolean', true],
    ['a JSON string of another shape', '{"type":"resize","height":640}'],
    ['a JSON array', `[${REAL_JSON}]`],
    ['a JSON string of a JSON string', JSON.stringify(REAL_JSON)],
    ['JSON null', 'null'],
    ['a JSON number', '1000'],
    ['url-encoded chatter', enc('{"type":"resize"}')],
    ['text that is not JSON at any level', 'code=1000&reason=x'],
    ['a broken escape', '%E0%A4%A'],
    ['a result encoded three times too many', enc(enc(enc(enc(REAL_JSON))))],
    ['a function', () => REAL],
    ['a symbol', Symbol('code')],
  ])('ignores chatter: %s', (_, data) => {
    expect(parse(data)).toBeUndefined();
  });
});

describe('parseVerifyMessage: size cap', () => {
  /** A result whose JSON is exactly `length` characters long. */
  const sized = (length: number): { code: number; reason: string } => {
    const base = JSON.stringify({ code: 1001, reason: '' }).length;
    return { code: 1001, reason: 'r'.repeat(length - base) };
  };

  it('reads 8 KB of JSON, refuses one character more (object measured as its JSON)', () => {
    expect(JSON.stringify(sized(8192))).toHaveLength(8192);
    expect(parse(sized(8192))).toMatchObject({ ok: true, result: { code: 1001 } });
    expect(parse(JSON.stringify(sized(8192)))).toMatchObject({ ok: true });
    expect(parse(sized(8193))).toStrictEqual({ ok: false, error: 'too-large' });
    expect(parse(JSON.stringify(sized(8193)))).toStrictEqual({ ok: false, error: 'too-large' });
  });

  it('measures the raw text, before decoding', () => {
    // Spaces triple in length when encoded: about 3 KB of JSON, over 8 KB on the wire.
    const raw = enc(JSON.stringify({ code: 1001, reason: ' '.repeat(3000) }));
    expect(raw.length).toBeGreaterThan(8192);
    expect(parse(raw)).toStrictEqual({ ok: false, error: 'too-large' });
  });

  it('takes oversized text that never mentions code for chatter', () => {
    expect(parse('x'.repeat(10_000))).toBeUndefined();
    expect(parse({ type: 'log', lines: 'x'.repeat(10_000) })).toBeUndefined();
  });
});

describe('parseVerifyMessage: prototype safety', () => {
  it('drops an own __proto__ key of an object (as structured clone keeps it) at every depth', () => {
    const data = JSON.parse(
      '{"code":1000,"__proto__":{"polluted":1},"extInfo":{"certifyId":"c","__proto__":{"polluted":2},' +
        '"nested":{"constructor":{"prototype":{"polluted":3}},"ok":1}}}',
    ) as Record<string, unknown>;
    expect(Object.keys(data)).toContain('__proto__');
    const outcome = parse(data);
    expect(outcome).toStrictEqual({
      ok: true,
      result: {
        code: 1000,
        extInfo: { certifyId: 'c', nested: { ok: 1 } },
        certifyId: 'c',
        passed: true,
        routing: 'iframe',
      },
    });
    const extInfo = outcome?.ok ? outcome.result.extInfo : {};
    expect(Object.getPrototypeOf(extInfo)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>)['polluted']).toBeUndefined();
  });

  it('drops them from strings too, escaped or not', () => {
    const json =
      '{"code":1000,"extInfo":{"\\u0063onstructor":{"prototype":{"x":1}},"__proto__":{"x":1}}}';
    for (const data of [json, enc(json)]) {
      expect(parse(data)).toStrictEqual({
        ok: true,
        result: { code: 1000, extInfo: {}, passed: true, routing: 'iframe' },
      });
    }
  });

  it('returns a copy: later changes to the posted object do not reach the result', () => {
    const data = { code: 1000, extInfo: { certifyId: 'c' } };
    const outcome = parse(data);
    data.extInfo.certifyId = 'changed';
    expect(outcome?.ok && outcome.result.extInfo).toStrictEqual({ certifyId: 'c' });
  });
});

describe('parseVerifyMessage: never throws', () => {
  it('answers a cyclic object or a BigInt with undefined', () => {
    const cyclic: Record<string, unknown> = { code: 1000 };
    cyclic['self'] = cyclic;
    expect(parse(cyclic)).toBeUndefined();
    expect(parse({ code: 1000, extInfo: { n: 10n } })).toBeUndefined();
    expect(parse(10n)).toBeUndefined();
  });

  it('answers throwing getters and revoked proxies with undefined', () => {
    const boom = (): never => {
      throw new Error('boom');
    };
    const throwingCode = Object.defineProperty({}, 'code', { enumerable: true, get: boom });
    expect(parse(throwingCode)).toBeUndefined();
    const throwingJson = { code: 1000, toJSON: boom };
    expect(parse(throwingJson)).toBeUndefined();
    const { proxy, revoke } = Proxy.revocable({ code: 1000 }, {});
    revoke();
    expect(parse(proxy)).toBeUndefined();

    const event = Object.defineProperty({ origin: ORIGIN, source: frameWindow }, 'data', {
      get: boom,
    }) as VerifyMessageEvent;
    expect(parseVerifyMessage(event, frame)).toBeUndefined();
    const badOrigin = Object.defineProperty({ data: REAL, source: frameWindow }, 'origin', {
      get: boom,
    }) as VerifyMessageEvent;
    expect(parseVerifyMessage(badOrigin, frame)).toBeUndefined();
  });
});

describe('public types', () => {
  it('match the contract', () => {
    expectTypeOf(parseVerifyMessage).parameters.toEqualTypeOf<
      [{ data: unknown; origin: string; source: unknown }, { origin: string; source: unknown }]
    >();
    expectTypeOf(parseVerifyMessage).returns.toEqualTypeOf<ParseOutcome | undefined>();
    expectTypeOf<VerifyResult['routing']>().toEqualTypeOf<'history' | 'hash' | 'iframe'>();
    // A DOM MessageEvent is accepted as the event.
    expectTypeOf<MessageEvent>().toExtend<VerifyMessageEvent>();
    // @ts-expect-error the frame is required: without it, any window could post a result
    parseVerifyMessage(fromFrame(REAL));
  });

  it('is exported from the default entry', () => {
    expect(core.parseVerifyMessage).toBe(parseVerifyMessage);
  });
});
