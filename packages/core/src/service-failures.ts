/**
 * What a failed InitFaceVerify means for the merchant endpoint's reply: whose fault it is, the
 * merchant error code and HTTP status the server answers with, and the text the user is shown.
 * The one table the merchant server (`packages/server`) and the element share, so both agree on
 * which Codes are the user's to fix. No texts here: the element and the server hold those, keyed
 * by `text`; `core/tables` holds the seeds' meaning of each Code.
 */
import type { MerchantErrorCode } from './api-types.js';

/** Who can fix it: the user (their input, device or limits), the merchant (configuration, account, request) or the service. */
export type FailureFault = 'user' | 'merchant' | 'service';

/** How the merchant endpoint answers a failed call of the cloud (a non-200 Code). */
export interface ServiceFailure {
  fault: FailureFault;
  /** `MerchantErrorBody.error.code`. */
  error: MerchantErrorCode;
  /** HTTP status of the merchant endpoint's reply. */
  status: number;
}

/**
 * What the user is told after a failed init. `identity`: check name and ID number; `device`: use
 * another device (or update it); `noSource`: face verification is unavailable for this identity
 * (manual review); `tooMany`: too many failures today; `unavailable`: the service cannot be used
 * right now (the merchant's or the service's problem, nothing the user can fix).
 */
export type InitFailureText = 'identity' | 'device' | 'noSource' | 'tooMany' | 'unavailable';

/** A failed InitFaceVerify: a {@link ServiceFailure} plus the user's text. */
export interface InitFailure extends ServiceFailure {
  text: InitFailureText;
}

/**
 * Every row is frozen: rows are shared, so one caller's change must not reach another. (The pure
 * annotations let a bundler drop the table when `core/tables` is imported for its texts only.)
 */
const row = /* @__NO_SIDE_EFFECTS__ */ <T extends ServiceFailure>(failure: T): Readonly<T> =>
  Object.freeze(failure);

const merchantInit = row<InitFailure>({
  fault: 'merchant',
  error: 'upstream-error',
  status: 502,
  text: 'unavailable',
});
const userDevice = row<InitFailure>({
  fault: 'user',
  error: 'bad-request',
  status: 400,
  text: 'device',
});

/** The answer for 500 and for any Code the seeds do not name. */
export const UNKNOWN_INIT_FAILURE = row<InitFailure>({
  fault: 'service',
  error: 'upstream-error',
  status: 502,
  text: 'unavailable',
});

/** InitFaceVerify's non-200 Codes of the seeds (see `core/tables` for their meaning). */
export const INIT_FACE_VERIFY_FAILURES: Readonly<Record<string, Readonly<InitFailure>>> =
  /* @__PURE__ */ Object.freeze({
    400: merchantInit, // a required parameter is missing: the merchant's request
    // Name or ID number in a wrong format.
    401: row<InitFailure>({ fault: 'user', error: 'bad-request', status: 400, text: 'identity' }),
    402: merchantInit, // application configuration
    404: merchantInit, // SceneId
    410: merchantInit, // OSS not enabled
    411: merchantInit, // RAM permission
    412: merchantInit, // account in arrears
    414: userDevice, // device type
    415: userDevice, // SDK version
    416: userDevice, // OS version
    // No comparison source for this identity: manual review, not a server fault (hence not 5xx).
    417: row<InitFailure>({
      fault: 'user',
      error: 'upstream-error',
      status: 422,
      text: 'noSource',
    }),
    // The identity failed 20 times today.
    418: row<InitFailure>({ fault: 'user', error: 'rate-limited', status: 429, text: 'tooMany' }),
    419: merchantInit, // 419–423: the picture material the merchant passes
    420: merchantInit,
    421: merchantInit,
    422: merchantInit,
    423: merchantInit,
    500: UNKNOWN_INIT_FAILURE,
  });

/** How the merchant endpoint answers an InitFaceVerify that returned `code` (not 200). */
export function initFailureOf(code: string): Readonly<InitFailure> {
  // Own keys only: `constructor` or `__proto__` must not resolve to Object.prototype members.
  return Object.hasOwn(INIT_FACE_VERIFY_FAILURES, code)
    ? (INIT_FACE_VERIFY_FAILURES[code] as InitFailure)
    : UNKNOWN_INIT_FAILURE;
}
