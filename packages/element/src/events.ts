/**
 * The events `<aliyun-face-verify>` fires. Each is its own `Event` subclass with a readonly, typed
 * `detail`, so listeners get the payload type from `addEventListener` without casts.
 */
import type {
  AlipayVerifyOutcome,
  CompatReport,
  Correlation,
  DescribeResponse,
  FaceVerifyErrorCode,
  MerchantErrorCode,
  VerifyResult,
} from '@aliyun-face-verify/core';

/** Payload of {@link FaceVerifyRedirectEvent}: where the browser is about to go. */
export interface FaceVerifyRedirectDetail {
  /** The CertifyId of this verification. */
  readonly certifyId: string;
  /** The CertifyUrl, already checked against the allowlist. */
  readonly certifyUrl: string;
  /**
   * `iframe` when the page asked for iframe mode but this browser cannot embed the certify page
   * reliably (an in-app view): the redirect flow runs instead.
   */
  readonly fallbackFrom?: 'iframe';
}

/**
 * Why a result cannot be matched to the verification this tab started: `forged` when the returned
 * certifyId differs from the one we started, `stale` when the start is older than 30 minutes,
 * `unmatched` when this tab started none (no pending record with a certifyId: another tab or
 * browser, or a link someone sent). None of them is ever described.
 */
export type FaceVerifySuspicion = 'forged' | 'stale' | 'unmatched';

/** Payload of {@link FaceVerifyResultEvent}: the browser's word, for reference only. */
export type FaceVerifyResultDetail =
  | {
      /** Read from `response` on the return page. */
      readonly source: 'return';
      readonly result: Readonly<VerifyResult>;
      /**
       * How the result relates to the verification this tab started. Without the merchant's
       * ticket: events get logged and posted, and the ticket only ever goes back to describe.
       */
      readonly correlation: Readonly<Omit<Correlation, 'ticket'>>;
      /** Set when the result must not be trusted even as a hint. */
      readonly suspicion?: FaceVerifySuspicion;
    }
  | {
      /** Posted by the certify page in a frame of this page (iframe mode). */
      readonly source: 'iframe';
      readonly result: Readonly<VerifyResult>;
      /** The certifyId this element started in the frame. */
      readonly certifyId: string;
      /** `forged` when the posted certifyId is another one: never described. */
      readonly suspicion?: 'forged';
    }
  | {
      /** Reported by the Alipay in-app bridge. */
      readonly source: 'alipay';
      readonly certifyId: string;
      readonly outcome: Readonly<AlipayVerifyOutcome>;
    };

/** Where in the flow an error happened. */
export type FaceVerifyErrorStage =
  'iframe' | 'script' | 'init' | 'redirect' | 'alipay' | 'result' | 'describe';

/** How a request to the merchant server failed. */
export type FaceVerifyRequestFailure = 'network' | 'timeout' | 'http' | 'malformed';

/**
 * Codes of {@link FaceVerifyErrorEvent}: core's codes, plus two of the return page (stage
 * `result`): `result-unreadable` for a garbled `response`, and `result-unmatched` for a result this
 * tab did not start (no pending record with a certifyId), which is shown but never described; and
 * `not-configured` (stage `init`) for a page with neither `init-url` nor an `init` function.
 */
export type FaceVerifyEventErrorCode =
  FaceVerifyErrorCode | 'result-unreadable' | 'result-unmatched' | 'not-configured';

/** Payload of {@link FaceVerifyErrorEvent}: plain data, no `Error` or `cause` (safe to log or post). */
export interface FaceVerifyErrorDetail {
  /** Stable, machine-readable code. */
  readonly code: FaceVerifyEventErrorCode;
  readonly stage: FaceVerifyErrorStage;
  /** The message shown to the user, in the element's language. */
  readonly message: string;
  /** For merchant requests: how the request failed. */
  readonly failure?: FaceVerifyRequestFailure;
  /** HTTP status of the merchant endpoint, when it answered. */
  readonly status?: number;
  /** `error.code` of the merchant server's error body. */
  readonly serverCode?: MerchantErrorCode;
  /** The cloud's Code (e.g. `'401'`) when the merchant server passed it on. */
  readonly upstreamCode?: string;
  /** Request id for support, when the merchant server sent one. */
  readonly requestId?: string;
}

/**
 * Base of the element's events: they bubble and are composed (they leave the shadow root), and
 * carry a frozen copy of their payload, so one listener cannot change what the next one sees.
 */
export abstract class FaceVerifyEvent<T> extends Event {
  /** The payload. */
  readonly detail: Readonly<T>;

  constructor(type: keyof FaceVerifyEventMap, detail: T, cancelable = false) {
    super(type, { bubbles: true, composed: true, cancelable });
    this.detail = Object.freeze({ ...detail });
  }
}

/** Fired before navigating to the CertifyUrl; `preventDefault()` to navigate yourself (SPA). */
export class FaceVerifyRedirectEvent extends FaceVerifyEvent<FaceVerifyRedirectDetail> {
  constructor(detail: FaceVerifyRedirectDetail) {
    super('face-verify-redirect', detail, true);
  }
}

/** Fired once when a result arrives from the browser side (return page or Alipay bridge). */
export class FaceVerifyResultEvent extends FaceVerifyEvent<FaceVerifyResultDetail> {
  constructor(detail: FaceVerifyResultDetail) {
    super('face-verify-result', detail);
  }
}

/** Fired when the merchant server returned the authoritative DescribeFaceVerify result. */
export class FaceVerifyDescribedEvent extends FaceVerifyEvent<DescribeResponse> {
  constructor(detail: DescribeResponse) {
    super('face-verify-described', detail);
  }
}

/** Fired on every failure the user sees; the element offers a retry. */
export class FaceVerifyErrorEvent extends FaceVerifyEvent<FaceVerifyErrorDetail> {
  constructor(detail: FaceVerifyErrorDetail) {
    super('face-verify-error', detail);
  }
}

/** Fired on connect when this browser cannot complete the verification (guard or open-in-browser). */
export class FaceVerifyUnsupportedEvent extends FaceVerifyEvent<CompatReport> {
  constructor(detail: CompatReport) {
    super('face-verify-unsupported', detail);
  }
}

/** The element's events by name. */
export interface FaceVerifyEventMap {
  'face-verify-redirect': FaceVerifyRedirectEvent;
  'face-verify-result': FaceVerifyResultEvent;
  'face-verify-described': FaceVerifyDescribedEvent;
  'face-verify-error': FaceVerifyErrorEvent;
  'face-verify-unsupported': FaceVerifyUnsupportedEvent;
}

/** Every event the element fires (the keys of {@link FaceVerifyEventMap}), for code that listens to all. */
export const FACE_VERIFY_EVENT_NAMES = [
  'face-verify-redirect',
  'face-verify-result',
  'face-verify-described',
  'face-verify-error',
  'face-verify-unsupported',
] as const satisfies readonly (keyof FaceVerifyEventMap)[];

/** One of the element's event names. */
export type FaceVerifyEventName = (typeof FACE_VERIFY_EVENT_NAMES)[number];

declare global {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type -- merges the map into the DOM's
  interface GlobalEventHandlersEventMap extends FaceVerifyEventMap {}
}
