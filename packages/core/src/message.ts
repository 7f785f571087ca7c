/**
 * Reading the result that the hosted certify page posts to its parent in iframe mode
 * (InitFaceVerify with `ReturnUrl: "iframe"`). The payload's form is not documented, so any form
 * the redirect's `response` could take is accepted: an object, a JSON string, or one url-encoded
 * once or twice. Like the redirect result it is for reference only, and nothing here throws.
 */
import { dropUnsafeKeys } from './guard.js';
import { MAX_RESPONSE_LENGTH, decodeVerifyResponse, type ParseOutcome } from './result.js';

/** The parts of a `message` event that matter (a `MessageEvent` fits). */
export interface VerifyMessageEvent {
  data: unknown;
  origin: string;
  source: unknown;
}

/** The frame a verification runs in: its CertifyUrl's origin and its `contentWindow`. */
export interface VerifyMessageFrame {
  origin: string;
  source: unknown;
}

/**
 * The verification result carried by a `message` event, with `routing: 'iframe'`, or `undefined`
 * when the event is not this frame's result: another origin or window (or none), or chatter
 * without a `code` (`'ready'`, `{type: 'resize'}`). Otherwise the outcome `decodeVerifyResponse`
 * gives for the same JSON; over 8 KB (an object measured as JSON) it is `too-large` when the text
 * mentions `code` at all.
 */
export function parseVerifyMessage(
  event: VerifyMessageEvent,
  frame: VerifyMessageFrame,
): ParseOutcome | undefined {
  try {
    if (event.origin !== frame.origin || event.source !== frame.source || !frame.source) return;
    const { data } = event;
    // Structured clone keeps an own `__proto__` key; the JSON round trip below drops it. For size,
    // what JSON cannot carry ends in the catch below: stringify throws on a cycle or a BigInt, and
    // returns undefined for `undefined` or a function, whose `length` then throws.
    let text = typeof data === 'string' ? data : JSON.stringify(data);
    // Too long to decode, so whether it is a result is a guess: standard url-encoding leaves
    // letters alone, so text that never mentions `code` is taken for chatter.
    if (text.length > MAX_RESPONSE_LENGTH)
      return /code/.test(text) ? { ok: false, error: 'too-large' } : undefined;
    // The same peeling as decodeVerifyResponse, to tell chatter (text that never parses, or JSON
    // without a `code`) from a result; decodeVerifyResponse would call those malformed / invalid.
    for (let level = 0; level < 4; level++) {
      try {
        const payload = JSON.parse(text, dropUnsafeKeys) as { code?: unknown } | null;
        // `text` is JSON now, so decodeVerifyResponse reads it as is: the very same verdict.
        return payload?.code === undefined ? undefined : decodeVerifyResponse(text, 'iframe');
      } catch {
        // Not JSON yet: peel one level (a bad escape throws on to the outer catch).
        text = decodeURIComponent(text.replace(/\+/g, ' '));
      }
    }
  } catch {
    // A throwing getter, or text that is not valid percent-encoding: not a result we can read.
  }
  return undefined;
}
