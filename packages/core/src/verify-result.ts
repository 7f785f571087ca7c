/**
 * The shape of a decoded browser result (types only). Its own module so that the decoder
 * (`result.ts`) and the payload guard (`guard.ts`) both depend on it instead of on each other.
 */

/** Where the result was found: the query (history routing), inside the hash (hash routing), or in a framed certify page's message (iframe mode). */
export type VerifyRouting = 'history' | 'hash' | 'iframe';

/** The browser-side verification result, decoded and validated. Reference only. */
export interface VerifyResult {
  /** Browser code: 1000 success, 1001, 1003, 2002, 2003, 2006 (see `describeVerifyCode`). */
  code: number;
  subCode?: string;
  reason?: string;
  /** Free-form extras; keys that could reach a prototype are removed at every depth. */
  extInfo: Record<string, unknown>;
  /** From `extInfo.certifyId`. */
  certifyId?: string;
  /** `code === 1000`; the server must still confirm. */
  passed: boolean;
  routing: VerifyRouting;
}

/** Why there is no result: no parameter, text that never parses, JSON that is not a result, over the size cap. */
export type ParseError = 'absent' | 'malformed' | 'invalid' | 'too-large';

/** The result of reading `response`: a result, or the reason there is none. */
export type ParseOutcome = { ok: true; result: VerifyResult } | { ok: false; error: ParseError };
