/**
 * Reading the result that the hosted certify page posts to its parent in iframe mode
 * (InitFaceVerify with `ReturnUrl: "iframe"`). The payload's form is not documented, so any form
 * the redirect's `response` could take is accepted: an object, a JSON string, or one url-encoded
 * once or twice. Like the redirect result it is for reference only, and nothing here throws.
 */
import { FaceVerifyError } from './errors.js';
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

/** Options of {@link waitForVerifyMessage}. */
export interface WaitForVerifyMessageOptions {
  /** The frame showing the CertifyUrl (its window is the only accepted sender). */
  frame: Pick<HTMLIFrameElement, 'contentWindow'>;
  /** The CertifyUrl in the frame: its origin is the only accepted origin. */
  certifyUrl: string;
  /** Stops waiting: rejects with `aborted`. */
  signal?: AbortSignal;
  /** Gives up after this many ms with `verification-timeout`. Default 30 minutes, a CertifyUrl's life. */
  timeoutMs?: number;
  /** Where messages arrive. Default: this window. */
  target?: Pick<Window, 'addEventListener' | 'removeEventListener'>;
}

/**
 * Waits for the result a framed certify page posts (iframe mode) and resolves with the first
 * {@link ParseOutcome} from that frame's window and the CertifyUrl's origin; everything else on
 * the channel is ignored (see {@link parseVerifyMessage}). The result is the browser's word: the
 * server must still confirm it.
 */
export function waitForVerifyMessage(options: WaitForVerifyMessageOptions): Promise<ParseOutcome> {
  const { frame, certifyUrl, signal, timeoutMs = 1_800_000 } = options;
  return new Promise((resolve, reject) => {
    const target = options.target ?? (typeof window === 'undefined' ? undefined : window);
    if (!target) throw new FaceVerifyError('not-browser');
    let origin: string;
    try {
      origin = new URL(certifyUrl).origin;
    } catch (cause) {
      throw new FaceVerifyError('invalid-certify-url', undefined, { cause });
    }
    const stop = (): void => {
      clearTimeout(timer);
      target.removeEventListener('message', onMessage as EventListener);
      signal?.removeEventListener('abort', onAbort);
    };
    const onMessage = (event: MessageEvent): void => {
      // The frame's window is read at each message: it changes when the frame navigates.
      const outcome = parseVerifyMessage(event, { origin, source: frame.contentWindow });
      if (outcome) {
        stop();
        resolve(outcome);
      }
    };
    const onAbort = (): void => {
      stop();
      reject(new FaceVerifyError('aborted'));
    };
    const timer = setTimeout(() => {
      stop();
      reject(new FaceVerifyError('verification-timeout'));
    }, timeoutMs);
    if (signal?.aborted) return onAbort();
    target.addEventListener('message', onMessage as EventListener);
    signal?.addEventListener('abort', onAbort);
  });
}
