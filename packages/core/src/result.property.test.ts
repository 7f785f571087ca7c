import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PendingStorage } from './pending.js';
import {
  consumeVerifyResult,
  decodeVerifyResponse,
  parseVerifyResult,
  type VerifyResult,
  type VerifyRouting,
} from './result.js';

const RUNS = { numRuns: 10_000 };

/** Characters that break naive decoders, mixed with arbitrary Unicode graphemes. */
const unit = fc.oneof(
  fc.constantFrom(
    '%',
    '+',
    '&',
    '#',
    '"',
    "'",
    '=',
    '?',
    ' ',
    '\\',
    '/',
    '%2B',
    '%25',
    '%7B',
    '%%',
  ),
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }),
);
const text = fc.string({ unit, maxLength: 24 });
const nonEmptyText = fc.string({ unit, minLength: 1, maxLength: 24 });

/** Object keys, minus the two that decoding drops on purpose at any depth (tested separately). */
const key = text.filter((k) => k !== '__proto__' && k !== 'constructor');

const payloadArb = fc.record(
  {
    code: fc.oneof(
      fc.constantFrom(1000, 1001, 1003, 2002, 2003, 2006),
      fc.integer({ min: 0, max: 999_999_999 }),
      fc.integer({ min: 0, max: 999_999_999 }).map(String),
    ),
    subCode: nonEmptyText,
    reason: nonEmptyText,
    extInfo: fc.record(
      {
        certifyId: nonEmptyText,
        // Nested objects may not use the dropped keys either (as keys, they are quoted and
        // followed by a colon in JSON; inside a string value the quote would be escaped).
        more: fc.dictionary(
          key,
          fc
            .jsonValue({ maxDepth: 2 })
            .filter((v) => !/"(__proto__|constructor)":/.test(JSON.stringify(v))),
          { maxKeys: 4 },
        ),
      },
      { requiredKeys: ['more'] },
    ),
  },
  { requiredKeys: ['code'] },
);

type Payload = typeof payloadArb extends fc.Arbitrary<infer T> ? T : never;

/** The JSON the service would send, and the result a correct decoder must return. */
function model(payload: Payload, routing: VerifyRouting): { json: string; expected: VerifyResult } {
  const { more, ...named } = payload.extInfo ?? { more: {} };
  const extInfo = { ...more, ...named };
  const json = JSON.stringify(payload.extInfo ? { ...payload, extInfo } : payload);
  const expected: VerifyResult = {
    code: Number(payload.code),
    // JSON normalizes what it can (-0 → 0); the decoder sees the JSON.
    extInfo: JSON.parse(JSON.stringify(extInfo)) as Record<string, unknown>,
    passed: Number(payload.code) === 1000,
    routing,
  };
  if (payload.subCode !== undefined) expected.subCode = payload.subCode;
  if (payload.reason !== undefined) expected.reason = payload.reason;
  if (named.certifyId !== undefined) expected.certifyId = named.certifyId;
  return { json, expected };
}

/** encodeURIComponent, or form encoding as URLSearchParams writes it (space → `+`). */
const encoderArb = fc.constantFrom(
  (s: string) => encodeURIComponent(s),
  (s: string) => new URLSearchParams({ v: s }).toString().slice(2),
);
const encodingsArb = fc.array(encoderArb, { minLength: 1, maxLength: 2 });

/** Unrelated `key=value` parameters, encoded the way a page would. */
const paramsArb = fc.array(
  fc
    .tuple(
      text.filter((k) => k !== 'response'),
      text,
    )
    .map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`),
  { maxLength: 3 },
);
const routeArb = fc.constantFrom('', '/', '/result', '/a/b-c');

interface Placed {
  url: string;
  routing: VerifyRouting;
  /** The same URL built without `response`: what consumeVerifyResult must leave behind. */
  stripped: string;
}

/** Puts `response=<value>` at a random position of the query or of the hash route. */
const placementArb = fc.record({
  inHash: fc.boolean(),
  query: paramsArb,
  hashParams: paramsArb,
  route: routeArb,
  position: fc.nat(),
});

type Placement = typeof placementArb extends fc.Arbitrary<infer T> ? T : never;

function place(value: string, p: Placement): Placed {
  const insert = (list: string[]): string[] => {
    const at = p.position % (list.length + 1);
    return [...list.slice(0, at), `response=${value}`, ...list.slice(at)];
  };
  const build = (query: string[], hashParams: string[]): string => {
    const search = query.length ? `?${query.join('&')}` : '';
    const hashQuery = hashParams.length ? (p.route ? '?' : '') + hashParams.join('&') : '';
    const hash = p.route || hashQuery ? `#${p.route}${hashQuery}` : '';
    return `https://shop.example/return${search}${hash}`;
  };
  return {
    url: p.inHash ? build(p.query, insert(p.hashParams)) : build(insert(p.query), p.hashParams),
    routing: p.inHash ? 'hash' : 'history',
    stripped: build(p.query, p.hashParams),
  };
}

describe('result decoding, property-based (10,000 runs each)', () => {
  it('round-trips any result encoded 1–2 times into the query or the hash', () => {
    fc.assert(
      fc.property(payloadArb, encodingsArb, placementArb, (payload, encoders, placement) => {
        const routing = placement.inHash ? 'hash' : 'history';
        const { json, expected } = model(payload, routing);
        const raw = encoders.reduce((s, encode) => encode(s), json);
        fc.pre(raw.length <= 8192);
        const { url } = place(raw, placement);
        expect(parseVerifyResult(url)).toStrictEqual({ ok: true, result: expected });
        expect(parseVerifyResult(new URL(url))).toStrictEqual({ ok: true, result: expected });
        expect(decodeVerifyResponse(raw, routing)).toStrictEqual({ ok: true, result: expected });
      }),
      RUNS,
    );
  });

  it('strips exactly `response` and keeps the rest of the URL byte for byte', () => {
    let serial = 0;
    fc.assert(
      fc.property(placementArb, (placement) => {
        serial += 1;
        // A distinct value per run: the module remembers what it has consumed.
        const value = encodeURIComponent(JSON.stringify({ code: 1001, reason: `p${serial}` }));
        const { url, stripped, routing } = place(value, placement);
        const location = { href: url };
        const history = {
          state: null,
          replaceState: (_s: unknown, _t: string, next?: string | URL | null) =>
            void (location.href = String(next)),
        };
        const outcome = consumeVerifyResult({ location, history, storage: null });
        expect(outcome.ok && outcome.result.routing).toBe(routing);
        expect(location.href).toBe(stripped);
        expect(consumeVerifyResult({ location, history, storage: null }).ok).toBe(false);
      }),
      RUNS,
    );
  });

  it('never throws, whatever the input, and always answers with a known outcome', () => {
    const outcomes = new Set(['ok', 'absent', 'malformed', 'invalid', 'too-large']);
    const anyText = fc.oneof(
      fc.string({ unit: 'binary', maxLength: 64 }),
      fc.string({ unit, maxLength: 64 }),
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc.jsonValue().map((v) => encodeURIComponent(JSON.stringify(v))),
    );
    const storage: PendingStorage = {
      getItem: () => '{"v":1,"startedAt":0}',
      setItem: () => undefined,
      removeItem: () => undefined,
    };
    fc.assert(
      fc.property(anyText, anyText, (a, b) => {
        for (const outcome of [
          decodeVerifyResponse(a),
          parseVerifyResult(`https://s.example/?response=${a}`),
          parseVerifyResult(`${a}#response=${b}`),
          consumeVerifyResult({ location: { href: `/?${a}&response=${b}` }, storage }),
        ])
          expect(outcomes.has(outcome.ok ? 'ok' : outcome.error)).toBe(true);
      }),
      RUNS,
    );
  });

  it('never lets __proto__ or constructor through, at any depth', () => {
    const hostile = fc.letrec((tie) => ({
      value: fc.oneof(
        { maxDepth: 3, depthIdentifier: 'hostile' },
        fc.jsonValue({ maxDepth: 0 }),
        fc.array(tie('value'), { maxLength: 2, depthIdentifier: 'hostile' }),
        tie('object'),
      ),
      object: fc
        .tuple(
          fc.dictionary(key, tie('value'), { maxKeys: 2, depthIdentifier: 'hostile' }),
          fc.subarray(['__proto__', 'constructor', 'prototype']),
          tie('value'),
        )
        .map(([base, bad, payload]) => {
          // Own keys, exactly as JSON.parse would create them.
          const entries = [...Object.entries(base), ...bad.map((k) => [k, payload])];
          return JSON.parse(JSON.stringify(Object.fromEntries(entries))) as unknown;
        }),
    }));
    const findBad = (value: unknown): boolean =>
      Array.isArray(value)
        ? value.some(findBad)
        : !!value &&
          typeof value === 'object' &&
          (Object.getPrototypeOf(value) !== Object.prototype ||
            Object.keys(value).some((k) => k === '__proto__' || k === 'constructor') ||
            Object.values(value).some(findBad));
    fc.assert(
      fc.property(hostile.object, (extInfo) => {
        const json = JSON.stringify({ code: 1000, extInfo }).replace(
          // JSON.stringify of an own "__proto__" key writes it; make sure some arrive escaped too.
          /"constructor"/g,
          '"\\u0063onstructor"',
        );
        const raw = encodeURIComponent(json);
        fc.pre(raw.length <= 8192);
        const outcome = decodeVerifyResponse(raw);
        expect(outcome.ok).toBe(true);
        expect(outcome.ok && findBad(outcome.result.extInfo)).toBe(false);
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      RUNS,
    );
  });
});
