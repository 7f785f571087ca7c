import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseVerifyMessage, type VerifyMessageFrame } from './message.js';
import { decodeVerifyResponse } from './result.js';

const RUNS = { numRuns: 5_000 };

const ORIGIN = 'https://h5.cloudauth.example';
const frameWindow = { name: 'certify frame' };
const frame: VerifyMessageFrame = { origin: ORIGIN, source: frameWindow };
const fromFrame = (data: unknown) => ({ data, origin: ORIGIN, source: frameWindow });

/** Characters that break naive decoders, mixed with arbitrary Unicode graphemes. */
const unit = fc.oneof(
  fc.constantFrom('%', '+', '&', '#', '"', '\\', ' ', '%25', '%7B', '{', '}', ':', 'code'),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
);
const text = fc.string({ unit, maxLength: 24 });
/** Object keys, minus the two that decoding drops on purpose (tested in message.test.ts). */
const key = text.filter((k) => k !== '__proto__' && k !== 'constructor');
const jsonWithoutUnsafeKeys = fc
  .jsonValue({ maxDepth: 2 })
  .filter((v) => !/"(__proto__|constructor)":/.test(JSON.stringify(v)));

/** A result in the redirect's `response` shape, with arbitrary text and extras. */
const payloadArb = fc.record(
  {
    code: fc.oneof(
      fc.constantFrom(1000, 1001, 1003, 2002, 2003, 2006),
      fc.integer({ min: 0, max: 999_999_999 }),
      fc.integer({ min: 0, max: 999_999_999 }).map(String),
    ),
    subCode: text,
    reason: text,
    extInfo: fc.dictionary(fc.oneof(key, fc.constant('certifyId')), jsonWithoutUnsafeKeys, {
      maxKeys: 4,
    }),
  },
  { requiredKeys: ['code'] },
);

/** The forms a frame may post a result in: the object, its JSON, encoded once or twice. */
const encode = (s: string): string => encodeURIComponent(s);
const formEncode = (s: string): string => new URLSearchParams({ v: s }).toString().slice(2);
const formArb = fc.constantFrom(
  (p: object): unknown => p,
  (p: object): unknown => JSON.stringify(p),
  (p: object): unknown => encode(JSON.stringify(p)),
  (p: object): unknown => encode(encode(JSON.stringify(p))),
  (p: object): unknown => formEncode(JSON.stringify(p)),
  (p: object): unknown => formEncode(formEncode(JSON.stringify(p))),
);

/** Anything a window might post, chatter included. */
const anyData = fc.oneof(
  fc.anything({ withBigInt: true, withNullPrototype: true, withSparseArray: true }),
  fc.string({ unit: 'binary', maxLength: 64 }),
  text,
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.jsonValue().map((v) => encode(JSON.stringify(v))),
  payloadArb.map((p) => JSON.stringify(p)),
);

describe('parseVerifyMessage, property-based (5,000 runs each)', () => {
  it('reads any result in any form exactly as decodeVerifyResponse reads its JSON', () => {
    fc.assert(
      fc.property(payloadArb, formArb, (payload, toForm) => {
        const json = JSON.stringify(payload);
        const data = toForm(payload);
        fc.pre((typeof data === 'string' ? data : json).length <= 8192);
        const expected = decodeVerifyResponse(json, 'iframe');
        expect(expected.ok).toBe(true);
        expect(parseVerifyMessage(fromFrame(data), frame)).toStrictEqual(expected);
      }),
      RUNS,
    );
  });

  it('ignores every message from another origin or another window, whatever it carries', () => {
    const originArb = fc.oneof(
      fc.webUrl().map((url) => new URL(url).origin),
      fc.constantFrom('null', '', `${ORIGIN}/`, 'http://h5.cloudauth.example'),
    );
    const sourceArb = fc.oneof(
      fc.constantFrom(null, undefined, { name: 'certify frame' }),
      fc.anything(),
    );
    fc.assert(
      fc.property(payloadArb, formArb, originArb, sourceArb, (payload, toForm, origin, source) => {
        const data = toForm(payload);
        fc.pre(origin !== ORIGIN);
        expect(parseVerifyMessage({ data, origin, source: frameWindow }, frame)).toBeUndefined();
        expect(parseVerifyMessage({ data, origin: ORIGIN, source }, frame)).toBeUndefined();
      }),
      RUNS,
    );
  });

  it('never throws; any answer it gives for text is decodeVerifyResponse’s answer', () => {
    fc.assert(
      fc.property(anyData, (data) => {
        const outcome = parseVerifyMessage(fromFrame(data), frame);
        if (outcome === undefined) return;
        const asText = typeof data === 'string' ? data : JSON.stringify(data);
        if (asText.length > 8192) expect(outcome).toStrictEqual({ ok: false, error: 'too-large' });
        else expect(outcome).toStrictEqual(decodeVerifyResponse(asText, 'iframe'));
      }),
      RUNS,
    );
  });

  it('answers every string that decodeVerifyResponse reads as a result', () => {
    fc.assert(
      fc.property(anyData, (data) => {
        fc.pre(typeof data === 'string');
        const expected = decodeVerifyResponse(data as string, 'iframe');
        if (expected.ok) expect(parseVerifyMessage(fromFrame(data), frame)).toStrictEqual(expected);
      }),
      RUNS,
    );
  });
});
