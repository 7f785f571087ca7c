import type {
  DescribeResponse,
  InitResponse,
  MerchantErrorBody,
  MerchantErrorCode,
} from '@aliyun-face-verify/core';
import type { FaceVerifyRequestFailure } from '../events.js';

type MerchantError = MerchantErrorBody['error'];

/** A failed call to a merchant endpoint: how it failed and what the server said, if anything. */
export class MerchantRequestError extends Error {
  /** Network, timeout, HTTP error status or an unreadable body. */
  readonly failure: FaceVerifyRequestFailure;
  /** HTTP status, when the server answered. */
  readonly status: number | undefined;
  /** The server's error body, when it sent a well-formed one. */
  readonly body: MerchantError | undefined;

  constructor(
    failure: FaceVerifyRequestFailure,
    status?: number,
    body?: MerchantError,
    cause?: unknown,
  ) {
    super(`merchant request failed: ${failure}${status ? ` (HTTP ${status})` : ''}`, { cause });
    this.name = 'MerchantRequestError';
    this.failure = failure;
    this.status = status;
    this.body = body;
  }
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

const str = (value: unknown): value is string => typeof value === 'string' && value !== '';

/** The `error` member of a {@link MerchantErrorBody}, when `json` is one. */
function errorOf(json: unknown): MerchantError | undefined {
  const error = isObject(json) ? json['error'] : undefined;
  if (!isObject(error) || !str(error['code'])) return undefined;
  const out: MerchantError = {
    code: error['code'] as MerchantErrorCode,
    message: typeof error['message'] === 'string' ? error['message'] : '',
  };
  if (str(error['upstreamCode'])) out.upstreamCode = error['upstreamCode'];
  if (str(error['requestId'])) out.requestId = error['requestId'];
  return out;
}

/**
 * POSTs JSON and returns the parsed reply. Rejects with {@link MerchantRequestError}: `network`
 * when fetch fails, `timeout` after `timeoutMs` (covering the body too), `http` for a non-2xx
 * status, `malformed` for a 2xx body that is not JSON. An abort by `signal` rejects with its reason.
 */
export async function postJson(
  url: string,
  body: unknown,
  signal: AbortSignal,
  timeoutMs: number,
): Promise<unknown> {
  // One controller for both the caller's abort and our timeout; `AbortSignal.any` is too new for
  // the WebViews this has to run in (iOS 14.3+).
  const abort = new AbortController();
  const timedOut = new MerchantRequestError('timeout');
  const timer = setTimeout(() => abort.abort(timedOut), timeoutMs);
  const forward = (): void => abort.abort(signal.reason);
  signal.addEventListener('abort', forward, { once: true });
  let response: Response;
  let text: string;
  try {
    signal.throwIfAborted();
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify(body),
      credentials: 'same-origin',
      signal: abort.signal,
    });
    text = await response.text();
  } catch (error) {
    if (signal.aborted) throw signal.reason;
    throw abort.signal.reason === timedOut
      ? timedOut
      : new MerchantRequestError('network', 0, undefined, error);
  } finally {
    clearTimeout(timer);
    signal.removeEventListener('abort', forward);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    if (response.ok) throw new MerchantRequestError('malformed', response.status, undefined, error);
  }
  if (!response.ok) throw new MerchantRequestError('http', response.status, errorOf(json));
  return json;
}

/** `json` as an {@link InitResponse}, or a `malformed` error: the server's reply is not trusted blindly. */
export function toInitResponse(json: unknown): InitResponse {
  if (isObject(json) && str(json['certifyId'])) {
    const { certifyId, flow } = json;
    if (flow === 'alipay' && str(json['url'])) return { flow, certifyId, url: json['url'] };
    if ((flow === undefined || flow === 'web') && str(json['certifyUrl']))
      return { certifyId, certifyUrl: json['certifyUrl'] };
  }
  throw new MerchantRequestError('malformed');
}

/** `json` as a {@link DescribeResponse}, or a `malformed` error. */
export function toDescribeResponse(json: unknown): DescribeResponse {
  if (
    isObject(json) &&
    str(json['certifyId']) &&
    typeof json['passed'] === 'boolean' &&
    typeof json['subCode'] === 'string' &&
    typeof json['message'] === 'string'
  ) {
    const { certifyId, passed, subCode, message } = json;
    return { certifyId, passed, subCode, message };
  }
  throw new MerchantRequestError('malformed');
}
