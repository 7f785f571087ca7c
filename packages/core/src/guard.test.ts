import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkVerifyPayload, dropUnsafeKeys, isRecord } from './guard.js';
import { verifyResponsePayloadSchema } from './zod.js';

describe('checkVerifyPayload (the hand-written guard)', () => {
  it('builds the result from a payload, routing as given', () => {
    expect(
      checkVerifyPayload(
        { code: 1003, subCode: 'Z5052', reason: 'system error', extInfo: { certifyId: 'c' } },
        'hash',
      ),
    ).toStrictEqual({
      code: 1003,
      subCode: 'Z5052',
      reason: 'system error',
      extInfo: { certifyId: 'c' },
      certifyId: 'c',
      passed: false,
      routing: 'hash',
    });
  });

  it('accepts codes as numbers or digit strings of at most 9 digits', () => {
    for (const [code, expected] of [
      [1000, 1000],
      ['1000', 1000],
      ['0001000', 1000],
      [0, 0],
      [999_999_999, 999_999_999],
    ] as const)
      expect(checkVerifyPayload({ code })?.code).toBe(expected);
    for (const code of [
      1_000_000_000,
      '1000000000',
      -1,
      1.5,
      '1e3',
      ' 1',
      '١٠٠٠',
      true,
      null,
      [1],
      {},
    ])
      expect(checkVerifyPayload({ code }), JSON.stringify(code)).toBeUndefined();
  });

  it('rejects what has no code at all', () => {
    for (const payload of [undefined, null, 0, 'code', [], {}, { Code: 1000 }])
      expect(checkVerifyPayload(payload)).toBeUndefined();
  });
});

describe('dropUnsafeKeys and isRecord', () => {
  it('removes only __proto__ and constructor', () => {
    expect(
      JSON.parse(
        '{"__proto__":1,"constructor":2,"prototype":3,"a":{"constructor":4}}',
        dropUnsafeKeys,
      ),
    ).toStrictEqual({
      prototype: 3,
      a: {},
    });
  });

  it('knows JSON objects from arrays and null', () => {
    expect([{}, { a: 1 }, [], null, 'x', 1].map(isRecord)).toEqual([
      true,
      true,
      false,
      false,
      false,
      false,
    ]);
  });
});

// ---------------------------------------------------------------------------------------------
// Differential test: the guard against the zod schema of record.

const text = fc.string({ unit: 'grapheme', maxLength: 12 });
/** Values a field should not hold, and some it should. */
const oddValue = fc.oneof(
  fc.constantFrom(
    null,
    true,
    false,
    '',
    0,
    -1,
    1.5,
    [],
    {},
    '1000',
    ' 1000',
    '1e3',
    '0x3E8',
    '١٠٠٠',
  ),
  text,
  fc.jsonValue({ maxDepth: 2 }),
);
const codeArb = fc.oneof(
  fc.constantFrom(1000, 1001, 1003, 2002, 2003, 2006, '1000', '2006', 0, '0', '000000000'),
  fc.integer({ min: 0, max: 999_999_999 }),
  fc.integer({ min: 0, max: 999_999_999 }).map(String),
  // Near the edges: too long, negative, fractional, exponent, padded, other digits.
  fc.constantFrom(
    999_999_999,
    1_000_000_000,
    '999999999',
    '1000000000',
    -0,
    1e21,
    2 ** 53,
    '+1000',
    '1000 ',
    '10.0',
  ),
  fc.double(),
  oddValue,
);
const extInfoArb = fc.oneof(
  fc.dictionary(text, fc.jsonValue({ maxDepth: 2 }), { maxKeys: 4 }),
  fc.record(
    { certifyId: fc.oneof(text, oddValue), rest: fc.jsonValue({ maxDepth: 1 }) },
    { requiredKeys: [] },
  ),
  oddValue,
);
/** Valid and near-valid payloads: every field present or not, right or wrong type. */
const payloadArb = fc.record(
  {
    code: codeArb,
    subCode: fc.oneof(fc.constantFrom('Z5051', 'Z5055'), text, oddValue),
    reason: fc.oneof(text, oddValue),
    extInfo: extInfoArb,
    extra: fc.jsonValue({ maxDepth: 1 }),
  },
  { requiredKeys: [] },
);
/** Garbage: arbitrary JSON, and JSON texts with keys the decoder must drop. */
const garbageArb = fc.oneof(
  fc.jsonValue({ maxDepth: 3 }),
  fc
    .constantFrom(
      '{"code":1000,"extInfo":{"__proto__":{"x":1},"constructor":1,"certifyId":"c"}}',
      '{"__proto__":{"code":1000}}',
      '{"code":-0}',
      '{"code":1E3}',
      '{"code":1000.0,"subCode":"\\u0000"}',
    )
    .map((json) => JSON.parse(json) as unknown),
);

describe('guard vs zod schema (differential, 10,000 fuzzed payloads)', () => {
  it('gives identical verdicts and identical values', () => {
    const verdicts = { accepted: 0, rejected: 0 };
    fc.assert(
      fc.property(fc.oneof(payloadArb, payloadArb, garbageArb), (candidate) => {
        // The guard only ever sees what the decoder's JSON.parse produced: do the same here.
        const json = JSON.stringify(candidate);
        const input: unknown = json === undefined ? candidate : JSON.parse(json, dropUnsafeKeys);
        const guarded = checkVerifyPayload(input, 'history');
        const parsed = verifyResponsePayloadSchema.safeParse(input);
        expect(guarded !== undefined).toBe(parsed.success);
        if (parsed.success) {
          expect(guarded).toStrictEqual({ ...parsed.data, routing: 'history' });
          verdicts.accepted += 1;
        } else verdicts.rejected += 1;
      }),
      { numRuns: 10_000 },
    );
    // Both verdicts are well represented, so neither side can pass by always saying the same.
    expect(verdicts.accepted).toBeGreaterThan(2_000);
    expect(verdicts.rejected).toBeGreaterThan(2_000);
  });
});
