import Cloudauth, {
  DescribeFaceVerifyRequest,
  InitFaceVerifyRequest,
} from '@alicloud/cloudauth20190307';
import { $OpenApiUtil } from '@alicloud/openapi-core';

export { DescribeFaceVerifyRequest, InitFaceVerifyRequest };

/** The parts of an InitFaceVerify reply the handlers read (the SDK's response satisfies it). */
export interface InitFaceVerifyReply {
  body?: {
    code?: string;
    message?: string;
    requestId?: string;
    resultObject?: { certifyId?: string; certifyUrl?: string };
  };
}

/** The parts of a DescribeFaceVerify reply the handlers read (the SDK's response satisfies it). */
export interface DescribeFaceVerifyReply {
  body?: {
    code?: string;
    message?: string;
    requestId?: string;
    resultObject?: { passed?: string; subCode?: string; materialInfo?: string };
  };
}

/**
 * What the handlers need from a cloudauth client: the official `@alicloud/cloudauth20190307`
 * Client fits as is; tests and unusual deployments may inject their own.
 */
export interface CloudauthClient {
  initFaceVerify(request: InitFaceVerifyRequest): Promise<InitFaceVerifyReply>;
  describeFaceVerify(request: DescribeFaceVerifyRequest): Promise<DescribeFaceVerifyReply>;
}

/** How to reach the service with the official SDK. */
export interface SdkOptions {
  accessKeyId: string;
  accessKeySecret: string;
  endpoint: string;
  protocol: 'https' | 'http';
  signatureAlgorithm?: 'ACS3-HMAC-SHA256' | 'v2' | undefined;
  timeoutMs: number;
}

/**
 * The SDK's client class. The package is CommonJS with `exports.default = Client`: bundlers and
 * TypeScript hand over the class, Node's ESM loader the whole `exports` object. Both are accepted.
 */
function clientClass(): typeof Cloudauth {
  const imported: unknown = Cloudauth;
  if (typeof imported === 'function') return Cloudauth;
  if (typeof imported === 'object' && imported !== null && 'default' in imported) {
    const inner = (imported as { default: unknown }).default;
    if (typeof inner === 'function') return inner as typeof Cloudauth;
  }
  throw new TypeError('@alicloud/cloudauth20190307 does not export its Client as expected');
}

/** An official SDK client. No retries: a repeated InitFaceVerify would create a second CertifyId. */
export function createSdkClient(options: SdkOptions): CloudauthClient {
  const Client = clientClass();
  const config = new $OpenApiUtil.Config({
    accessKeyId: options.accessKeyId,
    accessKeySecret: options.accessKeySecret,
    endpoint: options.endpoint,
    protocol: options.protocol,
    readTimeout: options.timeoutMs,
    connectTimeout: options.timeoutMs,
    ...(options.signatureAlgorithm !== undefined
      ? { signatureAlgorithm: options.signatureAlgorithm }
      : {}),
  });
  return new Client(config);
}

/** What a thrown SDK error says, reduced to parts that are safe to log and to return. */
export interface UpstreamFailure {
  kind: 'rejected' | 'throttled' | 'unreachable' | 'timeout' | 'unknown';
  /** The gateway's `Code` (e.g. `InvalidAccessKeyId.NotFound`), when it is a plain identifier. */
  code?: string;
  requestId?: string;
  statusCode?: number;
}

function field(error: object, name: string): unknown {
  return name in error ? (error as Record<string, unknown>)[name] : undefined;
}

/**
 * Classifies an error the SDK threw. Its `message` and `data` are never used: for a signature
 * mismatch the gateway echoes the whole string to sign, which contains CertName and CertNo.
 */
export function classifyUpstreamError(error: unknown): UpstreamFailure {
  if (typeof error !== 'object' || error === null) return { kind: 'unknown' };
  const name = field(error, 'name');
  const code = field(error, 'code');
  const requestId = field(error, 'requestId');
  const statusCode = field(error, 'statusCode');
  const safe: Omit<UpstreamFailure, 'kind'> = {
    ...(typeof code === 'string' && /^[A-Za-z][\w.-]{0,63}$/.test(code) ? { code } : {}),
    ...(typeof requestId === 'string' && /^[\w-]{1,64}$/.test(requestId) ? { requestId } : {}),
    ...(typeof statusCode === 'number' ? { statusCode } : {}),
  };
  if (name === 'ThrottlingError') return { kind: 'throttled', ...safe };
  if (name === 'ClientError' || name === 'ServerError') return { kind: 'rejected', ...safe };
  const text = `${typeof name === 'string' ? name : ''} ${typeof code === 'string' ? code : ''}`;
  if (/Timeout|ETIMEDOUT|ESOCKETTIMEDOUT/i.test(text)) return { kind: 'timeout', ...safe };
  if (/ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|EHOSTUNREACH|ENETUNREACH|EPIPE/.test(text)) {
    return { kind: 'unreachable', ...safe };
  }
  return { kind: 'unknown', ...safe };
}
