import fc from 'fast-check';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { DescribeResponse, InitResponse } from './api-types.js';
import { parseDescribeResponse, parseInitResponse } from './replies.js';
import { MAX_TICKET_LENGTH, describeResponseSchema, initResponseSchema } from './zod.js';

const RUNS = { numRuns: 10_000 };

describe('parseInitResponse', () => {
  it('accepts a web reply, with or without flow and ticket, and drops unknown fields', () => {
    expect(parseInitResponse({ certifyId: 'c1', certifyUrl: 'https://m.alyms.cn/F4.x' })).toEqual({
      certifyId: 'c1',
      certifyUrl: 'https://m.alyms.cn/F4.x',
    });
    expect(
      parseInitResponse({
        flow: 'web',
        certifyId: 'c1',
        certifyUrl: 'u',
        ticket: 'v1.t',
        orderId: 7,
      }),
    ).toStrictEqual({ flow: 'web', certifyId: 'c1', certifyUrl: 'u', ticket: 'v1.t' });
  });

  it('accepts an Alipay reply and keeps its url, not a certifyUrl', () => {
    expect(
      parseInitResponse({ flow: 'alipay', certifyId: 'c1', url: 'https://a', certifyUrl: 'x' }),
    ).toStrictEqual({ flow: 'alipay', certifyId: 'c1', url: 'https://a' });
  });

  it('refuses what is not an init reply', () => {
    for (const reply of [
      undefined,
      null,
      'c1',
      [],
      [{ certifyId: 'c1', certifyUrl: 'u' }],
      {},
      { certifyId: 'c1' },
      { certifyId: '', certifyUrl: 'u' },
      { certifyId: 'c'.repeat(129), certifyUrl: 'u' },
      { certifyId: 'c1', certifyUrl: '' },
      { certifyId: 'c1', url: 'u' }, // an Alipay reply without its flow
      { flow: 'alipay', certifyId: 'c1', certifyUrl: 'u' },
      { flow: 'other', certifyId: 'c1', certifyUrl: 'u' },
      { flow: undefined, certifyId: 'c1', certifyUrl: 'u' }, // present, not absent
      { certifyId: 'c1', certifyUrl: 'u', ticket: undefined },
      { certifyId: 'c1', certifyUrl: 'u', ticket: '' },
      { certifyId: 'c1', certifyUrl: 'u', ticket: 't'.repeat(MAX_TICKET_LENGTH + 1) },
      { certifyId: 42, certifyUrl: 'u' },
    ])
      expect(parseInitResponse(reply), JSON.stringify(reply)).toBeUndefined();
  });

  it('takes tickets and certifyIds up to their caps', () => {
    const ticket = 't'.repeat(MAX_TICKET_LENGTH);
    const certifyId = 'c'.repeat(128);
    expect(parseInitResponse({ certifyId, certifyUrl: 'u', ticket })).toStrictEqual({
      certifyId,
      certifyUrl: 'u',
      ticket,
    });
  });

  it('has the contract types', () => {
    expectTypeOf(parseInitResponse).parameters.toEqualTypeOf<[json: unknown]>();
    expectTypeOf(parseInitResponse).returns.toEqualTypeOf<InitResponse | undefined>();
  });
});

describe('parseDescribeResponse', () => {
  it('accepts the authoritative result and drops unknown fields', () => {
    expect(
      parseDescribeResponse({
        certifyId: 'c1',
        passed: false,
        subCode: '204',
        message: 'x',
        requestId: 'r',
      }),
    ).toStrictEqual({ certifyId: 'c1', passed: false, subCode: '204', message: 'x' });
  });

  it('refuses a reply with a field missing or of the wrong type', () => {
    const good = { certifyId: 'c1', passed: true, subCode: '200', message: '' };
    for (const key of Object.keys(good)) {
      const missing = Object.fromEntries(Object.entries(good).filter(([k]) => k !== key));
      expect(parseDescribeResponse(missing)).toBeUndefined();
    }
    expect(parseDescribeResponse({ ...good, passed: 'T' })).toBeUndefined();
    expect(parseDescribeResponse({ ...good, subCode: 200 })).toBeUndefined();
    expect(parseDescribeResponse([good])).toBeUndefined();
    expect(parseDescribeResponse(null)).toBeUndefined();
  });

  it('has the contract types', () => {
    expectTypeOf(parseDescribeResponse).returns.toEqualTypeOf<DescribeResponse | undefined>();
  });
});

// Differential: the validators must say exactly what core/zod's schemas say, value for value.

/** Strings around the caps and the empty string, plus arbitrary short text. */
const textArb = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.constantFrom('', 'web', 'alipay', 'https://m.alyms.cn/F4.x'),
  fc.constantFrom(1, 127, 128, 129, 1023, 1024, 1025).map((n) => 'x'.repeat(n)),
);
/** Values of the wrong type, `undefined` included (a present key holding it is not absent). */
const oddArb = fc.oneof(
  fc.constant(undefined),
  fc.constant(null),
  fc.boolean(),
  fc.integer(),
  fc.jsonValue({ maxDepth: 1 }),
);
const fieldArb = fc.oneof(textArb, textArb, oddArb);

const initReplyArb = fc.record(
  {
    flow: fc.oneof(fc.constantFrom('web', 'alipay', 'WEB', ''), oddArb),
    certifyId: fieldArb,
    certifyUrl: fieldArb,
    url: fieldArb,
    ticket: fieldArb,
    extra: fc.jsonValue({ maxDepth: 1 }),
  },
  { requiredKeys: [] },
);
const describeReplyArb = fc.record(
  {
    certifyId: fieldArb,
    passed: fc.oneof(fc.boolean(), fc.boolean(), oddArb),
    subCode: fc.oneof(fc.constantFrom('200', '204'), fieldArb),
    message: fieldArb,
    extra: fc.jsonValue({ maxDepth: 1 }),
  },
  { requiredKeys: [] },
);
/** Anything else a fetch could hand over (all kinds of JSON, arrays of replies, inherited fields). */
const otherArb = (reply: fc.Arbitrary<Record<string, unknown>>): fc.Arbitrary<unknown> =>
  fc.oneof(
    fc.jsonValue({ maxDepth: 3 }),
    fc.array(reply, { maxLength: 2 }),
    reply.map((fields) => Object.create(fields) as unknown),
  );

function differential<T>(
  arb: fc.Arbitrary<unknown>,
  ours: (json: unknown) => T | undefined,
  schema: { safeParse(json: unknown): { success: true; data: T } | { success: false } },
): { accepted: number; rejected: number } {
  const verdicts = { accepted: 0, rejected: 0 };
  fc.assert(
    fc.property(arb, (json) => {
      const mine = ours(json);
      const theirs = schema.safeParse(json);
      expect(mine !== undefined).toBe(theirs.success);
      if (theirs.success) {
        expect(mine).toStrictEqual(theirs.data);
        verdicts.accepted += 1;
      } else verdicts.rejected += 1;
    }),
    RUNS,
  );
  return verdicts;
}

describe('reply validators vs core/zod (differential, 10,000 fuzzed replies each)', () => {
  it('parseInitResponse and initResponseSchema give identical verdicts and values', () => {
    const arb = fc.oneof(initReplyArb, initReplyArb, initReplyArb, otherArb(initReplyArb));
    const verdicts = differential(arb, parseInitResponse, initResponseSchema);
    // Both verdicts are well represented, so neither side can pass by always saying the same.
    expect(verdicts.accepted).toBeGreaterThan(300);
    expect(verdicts.rejected).toBeGreaterThan(2_000);
  });

  it('parseDescribeResponse and describeResponseSchema give identical verdicts and values', () => {
    const arb = fc.oneof(describeReplyArb, describeReplyArb, otherArb(describeReplyArb));
    const verdicts = differential(arb, parseDescribeResponse, describeResponseSchema);
    expect(verdicts.accepted).toBeGreaterThan(300);
    expect(verdicts.rejected).toBeGreaterThan(2_000);
  });
});
