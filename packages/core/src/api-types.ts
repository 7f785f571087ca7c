/**
 * The JSON exchanged between the element (browser) and the merchant server (packages/server).
 * Types only, zero runtime bytes; `core/zod` holds the matching schemas.
 */

/** POST body of the merchant's init endpoint. Extra fields from the element's `initData` are merged in. */
export interface InitRequest {
  metaInfo: string;
  /**
   * Where the certify page returns to. Required unless `mode` is `iframe`; with `flow: 'alipay'` it
   * is left out inside Alipay (the bridge reports the end) and sent for the out-of-app launch.
   */
  returnUrl?: string;
  certName?: string;
  certNo?: string;
  /** `alipay` asks for the Alipay H5 scheme (SAF `fin_face_verify`); default `web`. */
  flow?: 'web' | 'alipay';
  /**
   * `iframe` embeds the certify page in the merchant's page (InitFaceVerify with `ReturnUrl:
   * "iframe"`, `CertifyUrlStyle: "L"`); default `redirect`.
   */
  mode?: 'redirect' | 'iframe';
  /**
   * A handoff token (from the first browser's link): the verification is started for the owner
   * who asked for the link, in a browser without their session.
   */
  handoff?: string;
}

/** POST body of the merchant's handoff endpoint: the page the other browser should open. */
export interface HandoffRequest {
  pageUrl: string;
}

/** Handoff endpoint reply: the link (with the token in its fragment) and when the token expires. */
export interface HandoffResponse {
  /** Opaque; also inside `url`. The first browser keeps it to ask for the status. */
  token: string;
  url: string;
  /** Epoch ms. */
  expiresAt: number;
}

/** POST body of the merchant's status endpoint. */
export interface HandoffStatusRequest {
  handoff: string;
}

/** Status endpoint reply: nothing started yet, started, or finished with the authoritative result. */
export type HandoffStatusResponse =
  | { state: 'waiting' }
  | { state: 'in-progress'; certifyId: string }
  | { state: 'finished'; result: DescribeResponse };

/**
 * Init endpoint reply: a web CertifyUrl, or an Alipay flow (certify URL opened by the Alipay
 * bridge). `ticket` is the merchant server's opaque, signed proof of who started `certifyId`: the
 * browser keeps it and sends it back with describe, it never reads it.
 */
export type InitResponse =
  | { flow?: 'web'; certifyId: string; certifyUrl: string; ticket?: string }
  | { flow: 'alipay'; certifyId: string; url: string; ticket?: string };

/** POST body of the merchant's describe endpoint: the certifyId and the ticket init returned with it. */
export interface DescribeRequest {
  certifyId: string;
  ticket?: string;
}

/** The authoritative result, from DescribeFaceVerify on the server. */
export interface DescribeResponse {
  certifyId: string;
  passed: boolean;
  subCode: string;
  message: string;
}

/** Every non-2xx reply of the merchant endpoints. `upstreamCode` is the cloud's Code (e.g. '401', '424'). */
export interface MerchantErrorBody {
  error: { code: MerchantErrorCode; message: string; upstreamCode?: string; requestId?: string };
}

/** Stable codes of {@link MerchantErrorBody}. */
export type MerchantErrorCode =
  | 'bad-request'
  | 'return-url-not-allowed'
  | 'identity-required'
  | 'upstream-error'
  | 'not-found'
  | 'not-ready'
  | 'rate-limited'
  | 'unauthorized'
  | 'internal';
