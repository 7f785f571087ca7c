/**
 * Reading the verification result that the hosted certify page appends to the merchant's
 * ReturnUrl as `response=<url-encoded JSON>`. The browser result is for reference only: the
 * merchant server must confirm it with DescribeFaceVerify. Nothing here throws. This module
 * ships on the return page (budget 1.5 KB with the code texts).
 */
import { checkVerifyPayload, dropUnsafeKeys } from './guard.js';
import { PENDING_KEY, type PendingStorage } from './pending.js';
import type { ParseError, ParseOutcome, VerifyRouting } from './verify-result.js';

export type { ParseError, ParseOutcome, VerifyResult, VerifyRouting } from './verify-result.js';

/** Raw `response` values longer than this (8 KB) are refused as `too-large` before any decoding. */
export const MAX_RESPONSE_LENGTH = 8192;

/** Default for `consumeVerifyResult`'s `maxAgeMs`: a CertifyUrl is valid for 30 minutes. */
export const PENDING_MAX_AGE_MS = 1_800_000;

const fail = (error: ParseError): ParseOutcome => ({ ok: false, error });

/**
 * Decodes a raw `response` value that carries 0–3 levels of URL encoding. Text that already parses
 * as JSON is used as is (so a literal `%` or `+` in `reason` survives); otherwise one level is
 * peeled at a time, `+` read as a space as in form encoding. `null` (e.g. from
 * `URLSearchParams#get`) is `absent`. `routing` is copied into the result.
 */
export function decodeVerifyResponse(
  raw: string | null | undefined,
  routing: VerifyRouting = 'history',
): ParseOutcome {
  if (typeof raw !== 'string') return fail('absent');
  if (raw.length > MAX_RESPONSE_LENGTH) return fail('too-large');
  for (let level = 0; level < 4; level++) {
    // JSON text never starts with `%`: skipping the parse there changes no verdict, and spares the
    // thrown SyntaxError that was most of the cost of decoding an encoded value.
    if (!/^\s*%/.test(raw))
      try {
        const result = checkVerifyPayload(JSON.parse(raw, dropUnsafeKeys), routing);
        return result ? { ok: true, result } : fail('invalid');
      } catch {
        // Not JSON yet: peel one level below.
      }
    try {
      raw = decodeURIComponent(raw.replace(/\+/g, ' '));
    } catch {
      break;
    }
  }
  return fail('malformed');
}

/**
 * `response` after the path: in the query first, then anywhere in the hash (`#/route?response=`,
 * `#response=`). The lazy middle makes the first occurrence win, and the query precedes the hash.
 * `[0]` runs from the start of the href to the end of the value; `[2]` is the raw value.
 */
const RESPONSE = /^[^?#]*[?#]([^]*?[?&#])??response=([^&#]*)/;

/** Hash routing when a `#` comes before the value (the value itself cannot contain one). */
const routingOf = (match: RegExpExecArray): VerifyRouting =>
  match[0].includes('#') ? 'hash' : 'history';

/** Finds and decodes `response` in a URL (query first, then the hash). */
export function parseVerifyResult(url: string | URL | Location): ParseOutcome {
  // Concatenation turns a URL or Location into its href and cannot throw for these types.
  const match = RESPONSE.exec('' + url);
  return match ? decodeVerifyResponse(match[2], routingOf(match)) : fail('absent');
}

/** Injectable environment of `consumeVerifyResult`; each defaults to the live browser. */
export interface ConsumeOptions {
  location?: Pick<Location, 'href'>;
  history?: Pick<History, 'state' | 'replaceState'>;
  /** Where the pending record lives; `null` ignores it. Default `sessionStorage`. */
  storage?: PendingStorage | null;
  /** Current time, ms since the epoch. Default `Date.now()`. */
  now?: number;
  /** Older pending records are reported `stale`. Default {@link PENDING_MAX_AGE_MS}. */
  maxAgeMs?: number;
}

/**
 * How the result relates to the pending record `startVerification` wrote. Mismatches are
 * reported here, never hidden or turned into a failed outcome: the caller decides.
 */
export interface Correlation {
  /** A pending record of ours was found. */
  pending: boolean;
  /** Present when both the record and the result carry a certifyId: whether they are equal. */
  certifyIdMatches?: boolean;
  /** The certifyId this tab started (from the record), if it recorded one. */
  certifyId?: string;
  /** The merchant server's ticket this tab recorded with that certifyId, if any. */
  ticket?: string;
  /** Present with a record: older than `maxAgeMs`, or started in the future (clock changed). */
  stale?: boolean;
  /** Present with a record: ms since `startVerification`. */
  ageMs?: number;
  /** The route recorded by `startVerification`, if any. */
  returnPath?: string;
}

/** A {@link ParseOutcome} plus its correlation with the pending record. */
export type ConsumeOutcome = ParseOutcome & { correlation: Correlation };

/** Raw values this document has handed out: one-shot even where `replaceState` fails. */
const consumed = new Set<string>();

/**
 * One-shot read of the result on the return page: strips `response` from the address bar with
 * `history.replaceState` (other parameters, the hash route and `history.state` stay), correlates
 * it with the pending record and clears that. A second call returns `absent`. Without a
 * `response` the record is reported but kept, so an unrelated visit does not lose it.
 */
export function consumeVerifyResult({
  location = globalThis.location as Location | undefined,
  history = globalThis.history as History | undefined,
  storage,
  now = Date.now(),
  maxAgeMs = PENDING_MAX_AGE_MS,
}: ConsumeOptions = {}): ConsumeOutcome {
  const href = location?.href ?? '';
  const match = RESPONSE.exec(href);
  const raw = match?.[2];
  const fresh = raw !== undefined && !consumed.has(raw);
  // Filled in below; the outcome holds it by reference.
  const correlation: Correlation = { pending: false };
  const outcome: ConsumeOutcome = {
    ...(fresh ? decodeVerifyResponse(raw, routingOf(match as RegExpExecArray)) : fail('absent')),
    correlation,
  };
  if (match) {
    consumed.add(raw as string);
    // `at` is the separator before `response=` (one character, then the name, then the value);
    // after `?` or `#` keep it for the parameter that follows, after `&` drop it.
    const end = match[0].length;
    const at = end - (raw as string).length - '?response='.length;
    const keep = +(href[at] !== '&' && href[end] === '&');
    try {
      history?.replaceState(history.state, '', href.slice(0, at + keep) + href.slice(end + keep));
    } catch {
      // Safari throttles replaceState; `consumed` still keeps the read one-shot.
    }
  }
  try {
    // Touching sessionStorage throws in sandboxed iframes; a missing record or a foreign value
    // throws below as well. Every such case simply means: no pending record.
    const store = storage === undefined ? sessionStorage : storage;
    const { v, startedAt, certifyId, ticket, returnPath } = JSON.parse(
      store?.getItem(PENDING_KEY) ?? '',
    ) as Record<string, unknown>;
    if (v === 1 && typeof startedAt === 'number') {
      const ageMs = now - startedAt;
      const resultId = outcome.ok && outcome.result.certifyId;
      correlation.pending = true;
      correlation.ageMs = ageMs;
      correlation.stale = ageMs < 0 || ageMs > maxAgeMs;
      if (typeof returnPath === 'string') correlation.returnPath = returnPath;
      if (typeof certifyId === 'string' && certifyId) correlation.certifyId = certifyId;
      if (typeof ticket === 'string' && ticket) correlation.ticket = ticket;
      if (certifyId && resultId) correlation.certifyIdMatches = certifyId === resultId;
      if (fresh) store?.removeItem(PENDING_KEY);
    }
  } catch {
    // No usable record (see above), or removeItem refused: nothing else to do.
  }
  return outcome;
}
