/** Stable codes carried by every {@link FaceVerifyError}. Add new codes; never rename one. */
export type FaceVerifyErrorCode =
  | 'not-browser'
  | 'script-load-failed'
  | 'script-timeout'
  | 'script-missing-global'
  | 'script-not-allowed'
  | 'aborted'
  | 'metainfo-unavailable'
  | 'invalid-certify-url'
  | 'init-failed'
  | 'describe-failed'
  | 'invalid-argument'
  | 'alipay-unavailable'
  | 'alipay-version-too-old'
  | 'verification-timeout';

/** The one error type core throws or rejects with: a stable `code` plus the underlying `cause`. */
export class FaceVerifyError extends Error {
  /** Stable, machine-readable reason; safe to switch on. */
  readonly code: FaceVerifyErrorCode;

  /** `message` defaults to the code: the code is what callers act on, the message only adds detail. */
  constructor(code: FaceVerifyErrorCode, message?: string, options?: { cause?: unknown }) {
    super(message ?? code, options);
    this.name = 'FaceVerifyError';
    this.code = code;
  }
}

/** True for a {@link FaceVerifyError}, optionally of one code. */
export function isFaceVerifyError(
  value: unknown,
  code?: FaceVerifyErrorCode,
): value is FaceVerifyError {
  // Without a code, `code ?? value.code` compares the value's code with itself.
  return value instanceof FaceVerifyError && value.code === (code ?? value.code);
}
