/**
 * The error table: which text the user sees and which fields `face-verify-error` carries, for
 * each kind of failure. (The browser suites check the same through the views.)
 */
import { FaceVerifyError, type MerchantErrorCode } from '@aliyun-face-verify/core';
import { describe, expect, it } from 'vitest';
import type { FaceVerifyErrorStage } from './events.js';
import { errorDetail, failureOf, FaceVerifyElementError } from './failures.js';
import { MerchantRequestError } from './merchant-request.js';
import { STRINGS } from './strings.js';

/** A merchant request that failed with `status` and an error body, as flows.ts wraps it. */
const http = (
  status: number,
  code: MerchantErrorCode | 'constructor',
  upstreamCode?: string,
  trip: 'init-failed' | 'describe-failed' = 'init-failed',
) =>
  new FaceVerifyError(trip, undefined, {
    cause: new MerchantRequestError('http', status, {
      code: code as MerchantErrorCode,
      message: 'server words, never shown',
      ...(upstreamCode && { upstreamCode }),
      requestId: 'req-1',
    }),
  });

describe('failureOf', () => {
  it.each<[string, unknown, FaceVerifyErrorStage, string, string]>([
    [
      'no init-url and no init',
      new FaceVerifyElementError('not-configured'),
      'init',
      'not-configured',
      'unconfigured',
    ],
    [
      'a script that did not load',
      new FaceVerifyError('script-load-failed'),
      'script',
      'script-load-failed',
      'scriptFailed',
    ],
    [
      'a script off the allowlist',
      new FaceVerifyError('script-not-allowed'),
      'script',
      'script-not-allowed',
      'scriptBlocked',
    ],
    [
      'a CertifyUrl off the allowlist',
      new FaceVerifyError('invalid-certify-url'),
      'redirect',
      'invalid-certify-url',
      'certifyUrl',
    ],
    [
      'an Alipay too old',
      new FaceVerifyError('alipay-version-too-old'),
      'alipay',
      'alipay-version-too-old',
      'alipayOld',
    ],
    [
      'an Alipay bridge that is missing',
      new FaceVerifyError('alipay-unavailable'),
      'alipay',
      'alipay-unavailable',
      'server',
    ],
    ['something unknown while starting', new TypeError('x'), 'init', 'init-failed', 'server'],
    [
      'something unknown while describing',
      new TypeError('x'),
      'describe',
      'describe-failed',
      'unconfirmed',
    ],
    [
      'Init Code 401 (the user’s identity)',
      http(400, 'bad-request', '401'),
      'init',
      'init-failed',
      'identity',
    ],
    [
      'Init Code 414 (the device)',
      http(400, 'bad-request', '414'),
      'init',
      'init-failed',
      'device',
    ],
    [
      'Init Code 417 (no comparison source)',
      http(422, 'upstream-error', '417'),
      'init',
      'init-failed',
      'noSource',
    ],
    [
      'Init Code 418 (too many today)',
      http(429, 'rate-limited', '418'),
      'init',
      'init-failed',
      'tooMany',
    ],
    [
      'Init Code 404 (the merchant’s SceneId)',
      http(502, 'upstream-error', '404'),
      'init',
      'init-failed',
      'server',
    ],
    [
      'a merchant code the user can act on',
      http(429, 'rate-limited'),
      'init',
      'init-failed',
      'busy',
    ],
    [
      'a merchant code named like a prototype member',
      http(400, 'constructor'),
      'init',
      'init-failed',
      'rejected',
    ],
    [
      'an upstream code while describing (not an Init Code)',
      http(400, 'bad-request', '401', 'describe-failed'),
      'describe',
      'describe-failed',
      'rejected',
    ],
    [
      'a describe that is not ready',
      http(409, 'not-ready', undefined, 'describe-failed'),
      'describe',
      'describe-failed',
      'unconfirmed',
    ],
  ])('%s', (_, error, stage, code, text) => {
    expect(failureOf(error, stage)).toMatchObject({ code, stage, text });
  });

  it('carries the request facts for support, without undefined fields', () => {
    expect(failureOf(http(400, 'bad-request', '401'), 'init')).toEqual({
      code: 'init-failed',
      stage: 'init',
      text: 'identity',
      failure: 'http',
      status: 400,
      serverCode: 'bad-request',
      upstreamCode: '401',
      requestId: 'req-1',
    });
    const network = new FaceVerifyError('init-failed', undefined, {
      cause: new MerchantRequestError('network'),
    });
    expect(failureOf(network, 'init')).toEqual({
      code: 'init-failed',
      stage: 'init',
      text: 'network',
      failure: 'network',
    });
  });

  it('becomes an event payload with the message in the language asked for', () => {
    const failure = failureOf(new FaceVerifyElementError('not-configured'), 'init');
    expect(errorDetail(failure, STRINGS.en)).toEqual({
      code: 'not-configured',
      stage: 'init',
      message: STRINGS.en.unconfigured,
    });
    expect(errorDetail(failure, STRINGS['zh-CN']).message).toBe(STRINGS['zh-CN'].unconfigured);
  });
});
