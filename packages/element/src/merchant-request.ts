import {
  parseDescribeResponse,
  parseInitResponse,
  type DescribeResponse,
  type InitResponse,
  type MerchantErrorBody,
} from '@aliyun-face-verify/core';
import type { FaceVerifyRequestFailure } from './events.js';

type MerchantError = MerchantErrorBody['error'];

/** A failed call to a merchant endpoint: how it failed and what the server said, if anything. */
export class MerchantRequestError extends Error {
  constructor(
    /** Network, timeout, HTTP error status or an unreadable reply. */
    readonly failure: FaceVerifyRequestFailure,
    /** HTTP status; 0 when the server did not answer. */
    readonly status = 0,
    /** The `error` of a well-formed {@link MerchantErrorBody}. */
    readonly body?: MerchantError,
    cause?: unknown,
  ) {
    // Only ever read as the `cause` of a FaceVerifyError, which names the trip: the failure says the rest.
    super(failure, { cause });
  }
}

type Json = Record<string, unknown>;

/** A non-empty string. */
const str = (value: unknown): value is string => typeof value === 'string' && value !== '';

/** `value` when it is a plain JSON object (not an array, not null). */
const obj = (value: unknown): Json | undefined =>
  value && typeof value === 'object' && !Array.isArray(value) ? (value as Json) : undefined;

/**
 * POSTs JSON and returns the parsed reply. Rejects with {@link MerchantRequestError}: `network`
 * when fetch fails, `timeout` after `timeoutMs` (reading the body included), `http` for a non-2xx
 * status, `malformed` for a 2xx reply that is not JSON. An abort by `signal` rejects with its reason.
 * `locale` goes out as Accept-Language, so the server's messages match the element's language.
 */
export async function postJson(
  url: string,
  body: unknown,
  signal: AbortSignal,
  timeoutMs: number,
  locale: string,
): Promise<unknown> {
  // One controller for the caller's abort and our timeout: `AbortSignal.any` is too new for the
  // iOS 14.3 WebViews this has to run in, and so is an abort `reason` (15.4): which of the two
  // aborted is read from `signal`. The listener stays on `signal`, which belongs to one run.
  const abort = new AbortController();
  const timer = setTimeout(() => abort.abort(), timeoutMs);
  signal.addEventListener('abort', () => abort.abort());
  let response: Response;
  let text: string;
  try {
    // Credentials: fetch's default, same-origin.
    response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'accept-language': locale },
      body: JSON.stringify(body),
      signal: abort.signal,
    });
    text = await response.text();
  } catch (error) {
    throw signal.aborted
      ? signal.reason
      : new MerchantRequestError(abort.signal.aborted ? 'timeout' : 'network', 0, undefined, error);
  } finally {
    clearTimeout(timer);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    if (response.ok) throw new MerchantRequestError('malformed', response.status, undefined, error);
  }
  if (response.ok) return json;
  const error = obj(obj(json)?.['error']);
  throw new MerchantRequestError(
    'http',
    response.status,
    str(error?.['code']) ? (error as MerchantError) : undefined,
  );
}

/**
 * `json` as an {@link InitResponse} (core's {@link parseInitResponse}), or a `malformed` error:
 * the server's reply is checked, not trusted. An unusable `ticket` makes the reply malformed,
 * before the user scans a face that describe could then not confirm.
 */
export function toInitResponse(json: unknown): InitResponse {
  const reply = parseInitResponse(json);
  if (reply) return reply;
  throw new MerchantRequestError('malformed');
}

/**
 * `json` as a {@link DescribeResponse} (core's {@link parseDescribeResponse}) about `certifyId`,
 * the one asked about, or a `malformed` error: a verdict on another verification is no answer to
 * this one.
 */
export function toDescribeResponse(json: unknown, certifyId: string): DescribeResponse {
  const reply = parseDescribeResponse(json);
  if (reply?.certifyId === certifyId) return reply;
  throw new MerchantRequestError('malformed');
}
