import { describe, expect, expectTypeOf, it } from 'vitest';
import type { MerchantErrorCode } from './api-types.js';
import {
  INIT_FACE_VERIFY_FAILURES,
  UNKNOWN_INIT_FAILURE,
  initFailureOf,
  type FailureFault,
  type InitFailure,
  type InitFailureText,
} from './service-failures.js';
import * as tables from './tables.js';
import { merchantErrorBodySchema } from './zod.js';

/**
 * The mappings this table replaces, written out as they stood: the server's `initErrorFor`
 * (packages/server/src/handlers.ts) and the element's `TEXT_OF` (packages/element/src/face-verify/
 * face-verify.ts). Codes absent here were 502 upstream-error and "unavailable" in both.
 */
const SERVER_BEFORE: Record<string, { error: MerchantErrorCode; status: number }> = {
  401: { error: 'bad-request', status: 400 },
  414: { error: 'bad-request', status: 400 },
  415: { error: 'bad-request', status: 400 },
  416: { error: 'bad-request', status: 400 },
  417: { error: 'upstream-error', status: 422 },
  418: { error: 'rate-limited', status: 429 },
};
const ELEMENT_BEFORE: Record<string, InitFailureText> = {
  401: 'identity',
  414: 'device',
  415: 'device',
  416: 'device',
  417: 'noSource',
  418: 'tooMany',
};

const failedCodes = Object.keys(tables.INIT_FACE_VERIFY_CODES).filter((code) => code !== '200');

describe('InitFaceVerify failures', () => {
  it('has a row for every non-200 Code of the seeds, and no other', () => {
    expect(Object.keys(INIT_FACE_VERIFY_FAILURES).sort()).toEqual(failedCodes.sort());
  });

  it('keeps the server’s statuses and merchant error codes and the element’s texts', () => {
    for (const code of [...failedCodes, '999', '']) {
      const failure = initFailureOf(code);
      expect({ error: failure.error, status: failure.status }, code).toStrictEqual(
        SERVER_BEFORE[code] ?? { error: 'upstream-error', status: 502 },
      );
      expect(failure.text, code).toBe(ELEMENT_BEFORE[code] ?? 'unavailable');
    }
  });

  it('calls exactly 401 and 414–418 the user’s to fix, 500 and unknown Codes the service’s', () => {
    const users = failedCodes.filter((code) => initFailureOf(code).fault === 'user');
    expect(users).toEqual(['401', '414', '415', '416', '417', '418']);
    expect(initFailureOf('500').fault).toBe('service');
    expect(initFailureOf('4242').fault).toBe('service');
    const merchants = failedCodes.filter((code) => initFailureOf(code).fault === 'merchant');
    expect(merchants).toEqual([
      '400',
      '402',
      '404',
      '410',
      '411',
      '412',
      '419',
      '420',
      '421',
      '422',
      '423',
    ]);
  });

  it('answers the user’s failures below 500 and everyone else’s with 502, never telling the user to fix what they cannot', () => {
    for (const code of failedCodes) {
      const { fault, status, text } = initFailureOf(code);
      expect(status < 500, code).toBe(fault === 'user');
      expect(text === 'unavailable', code).toBe(fault !== 'user');
    }
  });

  it('uses merchant error codes the merchant endpoints’ schema accepts', () => {
    for (const code of [...failedCodes, 'unknown']) {
      const body = { error: { code: initFailureOf(code).error, message: 'm' } };
      expect(merchantErrorBodySchema.safeParse(body).success, code).toBe(true);
    }
  });

  it('falls back for unknown Codes, prototype keys included', () => {
    for (const code of ['200', '403', '__proto__', 'constructor', 'toString', ' 401', '4010'])
      expect(initFailureOf(code), code).toBe(UNKNOWN_INIT_FAILURE);
  });

  it('cannot be changed by one caller for the next', () => {
    const shared = initFailureOf('414');
    expect(Object.isFrozen(shared)).toBe(true);
    expect(Object.isFrozen(INIT_FACE_VERIFY_FAILURES)).toBe(true);
    expect(() => {
      (shared as { status: number }).status = 200;
    }).toThrow(TypeError);
    expect(initFailureOf('415').status).toBe(400);
  });

  it('is served from core/tables, where the merchant server reads the Codes’ meaning', () => {
    expect(tables.initFailureOf).toBe(initFailureOf);
    expect(tables.INIT_FACE_VERIFY_FAILURES).toBe(INIT_FACE_VERIFY_FAILURES);
  });

  it('has the types it documents', () => {
    expectTypeOf(initFailureOf).returns.toEqualTypeOf<Readonly<InitFailure>>();
    expectTypeOf<FailureFault>().toEqualTypeOf<'user' | 'merchant' | 'service'>();
    expectTypeOf<InitFailure['error']>().toEqualTypeOf<MerchantErrorCode>();
    expectTypeOf<InitFailureText>().toEqualTypeOf<
      'identity' | 'device' | 'noSource' | 'tooMany' | 'unavailable'
    >();
  });
});
