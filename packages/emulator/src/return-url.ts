import type { Outcome } from './outcomes.js';

/** The JSON the service appends to ReturnUrl as `response`. */
export interface VerifyResponsePayload {
  /** A JSON number, as real returns carry it. */
  code: number;
  subCode?: string;
  reason: string;
  extInfo: { certifyId: string };
}

/** The `response` payload for an outcome. */
export function responsePayload(outcome: Outcome, certifyId: string): VerifyResponsePayload {
  return {
    code: outcome.code,
    ...(outcome.subCode !== undefined ? { subCode: outcome.subCode } : {}),
    reason: outcome.reason,
    extInfo: { certifyId },
  };
}

/**
 * ReturnUrl plus `response`, the way the seeds say a page must decode it: a history-routed URL (no
 * `#`) gets the JSON percent-encoded once in its query; a hash-routed URL gets it inside the hash,
 * encoded twice, because the SPA router decodes the hash once before the page sees its query.
 */
export function appendResponse(returnUrl: string, payload: VerifyResponsePayload): string {
  const json = JSON.stringify(payload);
  const hashAt = returnUrl.indexOf('#');
  if (hashAt === -1) {
    return `${returnUrl}${separator(returnUrl)}response=${encodeURIComponent(json)}`;
  }
  const hash = returnUrl.slice(hashAt + 1);
  return `${returnUrl}${separator(hash)}response=${encodeURIComponent(encodeURIComponent(json))}`;
}

/** What goes between `part` and one more query parameter. */
function separator(part: string): string {
  if (!part.includes('?')) return '?';
  return part.endsWith('?') || part.endsWith('&') ? '' : '&';
}
