/**
 * The error table: what the user is told about a failure, and what `face-verify-error` reports.
 * A failure is kept as plain data ({@link Failure}) with a text key, so its message is looked up
 * in the element's language when it is shown or sent, not when it happened.
 */
import { FaceVerifyError, type MerchantErrorCode } from '@aliyun-face-verify/core';
import { initFailureOf } from '@aliyun-face-verify/core/tables';
import type {
  FaceVerifyErrorDetail,
  FaceVerifyErrorStage,
  FaceVerifyEventErrorCode,
} from './events.js';
import { MerchantRequestError } from './merchant-request.js';
import type { UiStrings } from './strings.js';

/** A key of the element's texts. */
export type TextKey = keyof UiStrings;

/** The element's own error codes, beyond core's (see {@link FaceVerifyEventErrorCode}). */
export type ElementErrorCode = 'not-configured';

/** An error only the element raises: the page's own configuration is incomplete. */
export class FaceVerifyElementError extends Error {
  /** Stable, machine-readable reason. */
  readonly code: ElementErrorCode;

  constructor(code: ElementErrorCode, message: string = code) {
    super(message);
    this.name = 'FaceVerifyElementError';
    this.code = code;
  }
}

/** A failure as data: {@link FaceVerifyErrorDetail} without the message, plus the key of its text. */
export type Failure = Omit<FaceVerifyErrorDetail, 'message'> & { readonly text: TextKey };

/** Core's and the element's error codes with a text of their own. */
const TEXT_OF_ERROR: Partial<Record<FaceVerifyEventErrorCode, TextKey>> = {
  'not-configured': 'unconfigured',
  'script-load-failed': 'scriptFailed',
  'script-missing-global': 'scriptFailed',
  'metainfo-unavailable': 'scriptFailed',
  'script-timeout': 'timeout',
  'script-not-allowed': 'scriptBlocked',
  'invalid-certify-url': 'certifyUrl',
  'alipay-version-too-old': 'alipayOld',
  'result-unreadable': 'unreadable',
  'result-unmatched': 'unmatched',
  'verification-timeout': 'frameTimeout',
};

/** The merchant server's error codes (`MerchantErrorBody`) the user can act on. */
const TEXT_OF_SERVER_CODE: Partial<Record<MerchantErrorCode, TextKey>> = {
  // No identity was sent or found: not the same as a wrong one (InitFaceVerify 401).
  'identity-required': 'identityMissing',
  'rate-limited': 'busy',
  'not-ready': 'unconfirmed',
};

/** Own keys only: codes come from servers, and `constructor` must find nothing. */
const lookup = <K extends string>(
  table: Partial<Record<K, TextKey>>,
  key: string | undefined,
): TextKey | undefined =>
  key !== undefined && Object.hasOwn(table, key) ? table[key as K] : undefined;

/**
 * The text of a merchant request that failed with an HTTP error status, first match wins: an
 * InitFaceVerify Code that is the user's to fix (core's failure table, the one the server uses
 * too; at init only), then the merchant server's own code, then the status (4xx: refused).
 */
function textOfHttpFailure(request: MerchantRequestError, stage: FaceVerifyErrorStage): TextKey {
  const upstream = request.body?.upstreamCode;
  const init = stage === 'init' && upstream !== undefined ? initFailureOf(upstream) : undefined;
  if (init?.fault === 'user') return init.text === 'unavailable' ? 'server' : init.text;
  return (
    lookup(TEXT_OF_SERVER_CODE, request.body?.code) ??
    (request.status < 500 ? 'rejected' : 'server')
  );
}

/**
 * The failure `error` (thrown at `stage`) is, as data. An error the element does not know (not a
 * `FaceVerifyError`) reads as `init-failed`, or `describe-failed` while describing.
 */
export function failureOf(error: unknown, stage: FaceVerifyErrorStage): Failure {
  const describing = stage === 'describe';
  const code: FaceVerifyEventErrorCode =
    error instanceof FaceVerifyError || error instanceof FaceVerifyElementError
      ? error.code
      : describing
        ? 'describe-failed'
        : 'init-failed';
  const cause = error instanceof Error ? error.cause : undefined;
  if (!(cause instanceof MerchantRequestError))
    return {
      code,
      stage,
      text: lookup(TEXT_OF_ERROR, code) ?? (describing ? 'unconfirmed' : 'server'),
    };
  const { body } = cause;
  return withoutUndefined({
    code,
    stage,
    // `network`, `timeout` and `malformed` have texts of the same name.
    text: cause.failure === 'http' ? textOfHttpFailure(cause, stage) : cause.failure,
    failure: cause.failure,
    status: cause.status || undefined,
    serverCode: body?.code,
    upstreamCode: body?.upstreamCode,
    requestId: body?.requestId,
  });
}

/** `value` without its undefined fields: the event payload has absent fields, not undefined ones. */
function withoutUndefined<T extends object>(
  value: T,
): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(value).filter(([, field]) => field !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };
}

/** A failure of the return page (`result-unreadable`, `result-unmatched`). */
export const resultFailure = (code: 'result-unreadable' | 'result-unmatched'): Failure => ({
  code,
  stage: 'result',
  text: code === 'result-unmatched' ? 'unmatched' : 'unreadable',
});

/** The `face-verify-error` payload of `failure`, its message in the language of `t`. */
export function errorDetail({ text, ...failure }: Failure, t: UiStrings): FaceVerifyErrorDetail {
  return { ...failure, message: t[text] as string };
}
