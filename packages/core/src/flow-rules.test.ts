import fc from 'fast-check';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type { DescribeRequest } from './api-types.js';
import {
  DESCRIBABLE_CODES,
  interpretFrameResult,
  interpretReturn,
  type ReturnSuspicion,
  type ReturnVerdict,
} from './flow-rules.js';
import { PENDING_KEY, type PendingRecord } from './pending.js';
import {
  consumeVerifyResult,
  type ConsumeOutcome,
  type Correlation,
  type VerifyResult,
} from './result.js';

const result = (code: number, certifyId?: string): VerifyResult => ({
  code,
  extInfo: certifyId === undefined ? {} : { certifyId },
  passed: code === 1000,
  routing: 'history',
  ...(certifyId !== undefined && { certifyId }),
});
const returned = (code: number, correlation: Correlation, certifyId?: string): ConsumeOutcome => ({
  ok: true,
  result: result(code, certifyId),
  correlation,
});
/** The correlation of a fresh record of ours that started `cid-1` with a ticket, matching the result. */
const ours: Correlation = {
  pending: true,
  certifyId: 'cid-1',
  ticket: 'v1.ticket',
  certifyIdMatches: true,
  stale: false,
  ageMs: 60_000,
};

describe('interpretReturn', () => {
  it('asks the server after 1000 and 2006, about the record’s certifyId, with its ticket', () => {
    for (const code of [1000, 2006])
      expect(interpretReturn(returned(code, ours, 'cid-1'))).toStrictEqual({
        askServer: true,
        describe: { certifyId: 'cid-1', ticket: 'v1.ticket' },
      });
  });

  it('does not ask after the other codes: the cloud answers DescribeFaceVerify only after 1000/2006', () => {
    for (const code of [1001, 1003, 2002, 2003, 4242])
      expect(interpretReturn(returned(code, ours, 'cid-1'))).toStrictEqual({ askServer: false });
    expect(DESCRIBABLE_CODES).toEqual([1000, 2006]);
  });

  it('describes the record’s certifyId even when the result names none, and sends no ticket it lacks', () => {
    const noTicket: Correlation = { pending: true, certifyId: 'cid-1', stale: false, ageMs: 1 };
    expect(interpretReturn(returned(1000, noTicket))).toStrictEqual({
      askServer: true,
      describe: { certifyId: 'cid-1' },
    });
  });

  it('calls a result that no record of this tab vouches for unmatched, and never describes it', () => {
    // No record at all, and a record that started without a certifyId.
    for (const correlation of [
      { pending: false },
      { pending: true, stale: false, ageMs: 1_000 },
      { pending: true, ticket: 't', stale: false, ageMs: 1_000 },
    ])
      expect(interpretReturn(returned(1000, correlation, 'cid-attacker'))).toStrictEqual({
        suspicion: 'unmatched',
        askServer: false,
      });
  });

  it('calls a certifyId other than the one this tab started forged', () => {
    const verdict = interpretReturn(
      returned(1000, { ...ours, certifyIdMatches: false }, 'cid-other'),
    );
    expect(verdict).toStrictEqual({ suspicion: 'forged', askServer: false });
    // Forged wins over stale: the stronger finding is reported.
    expect(
      interpretReturn(returned(2006, { ...ours, certifyIdMatches: false, stale: true }, 'x')),
    ).toStrictEqual({ suspicion: 'forged', askServer: false });
  });

  it('calls a result whose record is too old (or from the future) stale', () => {
    expect(interpretReturn(returned(1000, { ...ours, stale: true }, 'cid-1'))).toStrictEqual({
      suspicion: 'stale',
      askServer: false,
    });
  });

  it('finds nothing to do without a result', () => {
    for (const error of ['absent', 'malformed', 'invalid', 'too-large'] as const)
      expect(interpretReturn({ ok: false, error, correlation: ours })).toStrictEqual({
        askServer: false,
      });
  });

  it('never describes a certifyId that the record did not start (property)', () => {
    const correlationArb: fc.Arbitrary<Correlation> = fc.record(
      {
        pending: fc.boolean(),
        certifyIdMatches: fc.boolean(),
        certifyId: fc.string({ minLength: 1, maxLength: 6 }),
        ticket: fc.string({ minLength: 1, maxLength: 6 }),
        stale: fc.boolean(),
        ageMs: fc.integer(),
      },
      { requiredKeys: ['pending'] },
    );
    fc.assert(
      fc.property(
        fc.constantFrom(1000, 1001, 1003, 2002, 2003, 2006, 0),
        correlationArb,
        fc.option(fc.string({ minLength: 1, maxLength: 6 }), { nil: undefined }),
        (code, correlation, resultId) => {
          const verdict = interpretReturn(returned(code, correlation, resultId));
          expect(verdict.askServer).toBe(verdict.describe !== undefined);
          if (verdict.suspicion) expect(verdict.askServer).toBe(false);
          if (verdict.describe) {
            expect(verdict.describe.certifyId).toBe(correlation.certifyId);
            expect(verdict.describe.ticket).toBe(correlation.ticket);
            expect(correlation.certifyIdMatches).not.toBe(false);
            expect(correlation.stale).not.toBe(true);
            expect(DESCRIBABLE_CODES).toContain(code);
          }
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('reads what consumeVerifyResult returns on a real return page', () => {
    const consume = (href: string, record: PendingRecord): ConsumeOutcome => {
      const items = new Map([[PENDING_KEY, JSON.stringify(record)]]);
      return consumeVerifyResult({
        location: { href },
        history: { state: null, replaceState: () => undefined },
        storage: {
          getItem: (k) => items.get(k) ?? null,
          setItem: (k, v) => void items.set(k, v),
          removeItem: (k) => void items.delete(k),
        },
        now: 2_000_000,
      });
    };
    // Each return carries a new value: consumeVerifyResult hands a value out once per document.
    let visit = 0;
    const back = (code: number, certifyId: string): string =>
      `https://shop.example/back?response=${encodeURIComponent(
        JSON.stringify({ code, reason: `visit ${++visit}`, extInfo: { certifyId } }),
      )}`;
    const started = { v: 1, startedAt: 1_990_000, certifyId: 'cid-9', ticket: 'tk' } as const;
    expect(interpretReturn(consume(back(1000, 'cid-9'), started))).toStrictEqual({
      askServer: true,
      describe: { certifyId: 'cid-9', ticket: 'tk' },
    });
    expect(interpretReturn(consume(back(1000, 'cid-x'), started)).suspicion).toBe('forged');
    expect(
      interpretReturn(consume(back(2006, 'cid-9'), { ...started, startedAt: 0 })).suspicion,
    ).toBe('stale');
    expect(
      interpretReturn(consume(back(1000, 'cid-9'), { v: 1, startedAt: 1_990_000 })).suspicion,
    ).toBe('unmatched');
  });

  it('has the types it documents', () => {
    expectTypeOf(interpretReturn).parameters.toEqualTypeOf<[outcome: ConsumeOutcome]>();
    expectTypeOf<ReturnVerdict>().toEqualTypeOf<{
      suspicion?: ReturnSuspicion;
      askServer: boolean;
      describe?: DescribeRequest;
    }>();
    expectTypeOf<ReturnSuspicion>().toEqualTypeOf<'unmatched' | 'forged' | 'stale'>();
  });
});

describe('interpretFrameResult', () => {
  const started = { certifyId: 'c1', ticket: 't1' };

  it('describes the started certifyId with its ticket, after 1000 or 2006 only', () => {
    for (const code of DESCRIBABLE_CODES) {
      expect(interpretFrameResult({ code, certifyId: 'c1' }, started)).toEqual({
        askServer: true,
        describe: started,
      });
      // A result that names no certifyId is still about the frame's own verification.
      expect(interpretFrameResult({ code }, started)).toEqual({
        askServer: true,
        describe: started,
      });
    }
    for (const code of [1001, 1003, 2002, 2003])
      expect(interpretFrameResult({ code, certifyId: 'c1' }, started)).toEqual({
        askServer: false,
      });
  });

  it('calls another certifyId forged and never describes it, whatever its code', () => {
    for (const code of [1000, 2006, 1001])
      expect(interpretFrameResult({ code, certifyId: 'other' }, started)).toEqual({
        suspicion: 'forged',
        askServer: false,
      });
  });
});
