import { randomUUID } from 'node:crypto';

/**
 * Gateway-level rejections, answered with an HTTP 4xx and the cloud's error JSON
 * (`RequestId`, `HostId`, `Code`, `Message`, `Recommend`). The official SDK turns these into a thrown
 * `ClientError` whose `code` is the `Code` below, so the codes and statuses follow the public gateway.
 * `ContentSHA256Mismatch` is the emulator's own name: the seeds do not document the cloud's code for
 * a body that does not match `x-acs-content-sha256`.
 */
export const GATEWAY_ERRORS = {
  IncompleteSignature: {
    status: 400,
    message: 'The request signature does not conform to Aliyun standards.',
  },
  'InvalidAccessKeyId.NotFound': { status: 404, message: 'Specified access key is not found.' },
  SignatureDoesNotMatch: {
    status: 400,
    message: 'Specified signature is not matched with our calculation.',
  },
  ContentSHA256Mismatch: {
    status: 400,
    message: 'The x-acs-content-sha256 header does not match the SHA-256 of the request body.',
  },
  'InvalidTimeStamp.Expired': {
    status: 400,
    message: 'Specified time stamp or date value is expired.',
  },
  'InvalidTimeStamp.Format': {
    status: 400,
    message: 'Specified time stamp or date value is not well formatted.',
  },
  SignatureNonceUsed: { status: 400, message: 'Specified signature nonce was used already.' },
  MissingParameter: { status: 400, message: 'A required common parameter is missing.' },
  InvalidParameter: { status: 400, message: 'The request parameters are not well formed.' },
  InvalidVersion: { status: 400, message: 'Specified parameter Version is not valid.' },
  'InvalidAction.NotFound': {
    status: 404,
    message: 'Specified api is not found, please check your url and method.',
  },
  UnsupportedHTTPMethod: { status: 405, message: 'This http method is not supported.' },
  RequestEntityTooLarge: { status: 413, message: 'The request body is too large.' },
} as const satisfies Record<string, { status: number; message: string }>;

/** One of the gateway rejections above. */
export type GatewayErrorCode = keyof typeof GATEWAY_ERRORS;

/** A rejection raised while authenticating or routing a request; `detail` is appended to the message. */
export class GatewayError extends Error {
  /** The cloud's error `Code`. */
  readonly code: GatewayErrorCode;
  /** HTTP status the gateway answers with. */
  readonly status: number;

  constructor(code: GatewayErrorCode, detail?: string) {
    const base = GATEWAY_ERRORS[code];
    super(detail === undefined ? base.message : `${base.message} ${detail}`);
    this.name = 'GatewayError';
    this.code = code;
    this.status = base.status;
  }
}

/** The cloud's RequestId format: an upper-case UUID. */
export function newRequestId(): string {
  return randomUUID().toUpperCase();
}

/** Host the real gateway reports in `HostId`. */
export const HOST_ID = 'cloudauth.aliyuncs.com';

/** The error body the gateway sends with a 4xx. */
export interface GatewayErrorBody {
  RequestId: string;
  HostId: string;
  Code: string;
  Message: string;
  Recommend: string;
}

/** Builds the gateway error JSON for `error`. */
export function gatewayErrorBody(error: GatewayError, requestId: string): GatewayErrorBody {
  const q = encodeURIComponent(error.code);
  return {
    RequestId: requestId,
    HostId: HOST_ID,
    Code: error.code,
    Message: error.message,
    Recommend: `https://api.aliyun.com/troubleshoot?q=${q}&product=Cloudauth&requestId=${requestId}`,
  };
}
