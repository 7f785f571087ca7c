import type { DescribeResponse, InitRequest, Locale } from '@aliyun-face-verify/core';
import type { FaceVerifyLogger } from './logger.js';
import type { RateLimitedAction } from './rate-limit.js';
import type { HandoffStore } from './handoff.js';
import type { SafClient } from './saf.js';
import type { CloudauthClient } from './sdk.js';
import type { TicketFlow } from './ticket.js';

/** The person to verify (ProductCode ID_PRO). */
export interface FaceVerifyIdentity {
  /** 姓名 as on the identity card. */
  certName: string;
  /** 18-character resident identity number. */
  certNo: string;
  /** Optional merchant user id (UserId); required by LR_FR, generated from the order when absent. */
  userId?: string;
}

/** The init body after validation: the element's fields plus any `initData` it merged in. */
export type InitBody = InitRequest & Record<string, unknown>;

/** The identity an init used, as `onInit` sees it: the ID number masked. */
export interface MaskedIdentity {
  certName: string;
  /** The ID number with all but its first 3 and last 4 characters replaced by `*`. */
  certNoMasked: string;
  userId?: string;
}

/** What `onInit` receives after each successful InitFaceVerify. */
export interface FaceVerifyInitInfo {
  certifyId: string;
  outerOrderNo: string;
  requestId?: string;
  /** The flow the ticket was issued for. */
  flow: TicketFlow;
  /** Who started it: `owner(request)`, when the handlers have an `owner` hook. */
  owner?: string;
  /** The identity sent to the cloud (ID_PRO), so certifyId → person can be recorded. */
  identity?: MaskedIdentity;
}

/** A DescribeFaceVerify result, with what stays on the server. */
export interface FaceVerifyDescribedResult extends DescribeResponse {
  /** `MaterialInfo` JSON string (face picture URLs and scores): never sent to the browser. */
  materialInfo?: string;
  requestId?: string;
}

/**
 * @deprecated Renamed {@link FaceVerifyDescribedResult}: it is a DescribeFaceVerify result, not
 * the element's `face-verify-result` event (the browser's word).
 */
export type FaceVerifyResultEvent = FaceVerifyDescribedResult;

/**
 * The result of a verification the cloud notified CallbackUrl about: the token was checked, then
 * DescribeFaceVerify was asked, so `passed` and `subCode` are the authoritative ones, never the
 * notification's. The same result may arrive more than once (the cloud retries): act idempotently.
 */
export interface FaceVerifyCallbackEvent extends FaceVerifyDescribedResult {
  /** What the notification itself claimed; only for diagnostics. */
  notified: { passed?: boolean; subCode?: string };
}

/**
 * The Alipay H5 scheme (SAF `ExecuteRequest`, `Service=fin_face_verify`): what init with
 * `flow: 'alipay'` uses. Credentials are the handlers' own.
 */
export interface AlipayConfig {
  /** SceneId of the scene the Alipay path uses (it may differ from the web scene's). */
  sceneId: string | number;
  /** SAF endpoint. Default `saf.cn-shanghai.aliyuncs.com`; the emulator's is its `host:port`. */
  endpoint?: string;
  /** Default the handlers' `protocol`; `http` only for a loopback endpoint. */
  protocol?: 'https' | 'http';
  /** A ready SAF client instead of pop-core (tests, unusual deployments). */
  client?: SafClient;
}

/** A refusal from a `rateLimit` hook that says when to come back. */
export interface RateLimitRefusal {
  retryAfterSeconds: number;
}

/** Configuration of {@link createFaceVerifyHandlers}. */
export interface FaceVerifyServerConfig {
  /** AccessKey ID. Required unless `client` is given. */
  accessKeyId?: string;
  /** AccessKey secret. Required unless `client` is given; never logged, never returned. */
  accessKeySecret?: string;
  /** A ready client instead of credentials (the official SDK's Client, or a test double). */
  client?: CloudauthClient;
  /** Service endpoint. Default `cloudauth.aliyuncs.com`; the emulator's is e.g. `127.0.0.1:8787`. */
  endpoint?: string;
  /** Default `https`. `http` is accepted only for a loopback endpoint (the emulator). */
  protocol?: 'https' | 'http';
  /** The SDK's signing: ACS3-HMAC-SHA256 (default) or `v2` (the classic HMAC-SHA1 RPC signature). */
  signatureAlgorithm?: 'ACS3-HMAC-SHA256' | 'v2';
  /** Connect and read timeout of each call. Default 10 s. */
  timeoutMs?: number;
  /** 认证场景 SceneId from the console. */
  sceneId: string | number;
  /** `ID_PRO` (default: face against the identity) or `LR_FR` (liveness only). */
  productCode?: 'ID_PRO' | 'LR_FR';
  /** `H5` (default, mobile browsers) or `WEB` (desktop). */
  certifyUrlType?: 'WEB' | 'H5';
  /**
   * Enables `flow: 'alipay'` (the Alipay H5 scheme on SAF, always with bizCode `FACE`): which
   * SceneId and endpoint it uses. Without it such an init is refused with 400.
   */
  alipay?: AlipayConfig;
  /** Liveness model (`Model`), e.g. `LIVENESS` or `PHOTINUS_LIVENESS`. */
  model?: string;
  /**
   * Origins the ReturnUrl may point at, e.g. `['https://shop.example.com']`. Anything else is
   * refused with 400: the certify page redirects there, so an open list is an open redirect.
   */
  allowedReturnOrigins: readonly string[];
  /**
   * Who the merchant's session says the caller is (a user id), or undefined for no session.
   * Init then refuses callers without one (401), and describe answers only the owner who
   * started the verification (403 otherwise). Either this or `authorizeDescribe` is required.
   */
  owner?: (request: Request) => string | undefined | Promise<string | undefined>;
  /**
   * Key of the tickets, a string of at least 32 characters, the same on every instance.
   * Default: a key derived (HKDF-SHA256) from `accessKeySecret`, so instances that share the
   * AccessKey already share it, and rotating the AccessKey secret ends the outstanding tickets.
   * Required when a `client` is injected without `accessKeySecret`.
   */
  ticketSecret?: string;
  /** How long a ticket lets its owner read the result, in ms. Default 1 hour (a CertifyUrl lives 30 minutes). */
  ticketTtlMs?: number;
  /** How long a handoff link can start a verification, in ms. Default 10 minutes. */
  handoffTtlMs?: number;
  /**
   * Where handoff statuses are kept between the other browser's init and the first browser's
   * status requests. Default: in memory (one instance); give a shared store on several instances.
   */
  handoffStore?: HandoffStore;
  /**
   * Supplies the identity from the merchant's own records. Required for ID_PRO unless
   * `identityFromRequest` is true: otherwise the browser would choose whose identity is verified.
   */
  resolveIdentity?: (
    request: Request,
    body: InitBody,
    /** The owner the verification is for: the session's, or a handoff token's in another browser. */
    context: { owner: string | undefined },
  ) => FaceVerifyIdentity | undefined | Promise<FaceVerifyIdentity | undefined>;
  /**
   * Accepts `certName` and `certNo` from the request body when `resolveIdentity` is absent or
   * returns undefined. Off by default: turn it on only where the user types their own identity
   * (e.g. a sign-up form) and nothing is granted to an account on the strength of the result alone.
   */
  identityFromRequest?: boolean;
  /**
   * Decides whether a request may go on (true), or is refused with 429 `rate-limited` (false,
   * with `Retry-After: 60`, or a {@link RateLimitRefusal}). Default: in memory, per owner (see
   * `DEFAULT_RATE_LIMITS`); give a hook on a shared store when the server runs on several
   * instances, or `false` to switch limiting off.
   */
  rateLimit?:
    | ((
        request: Request,
        action: RateLimitedAction,
        context: { owner: string | undefined },
      ) => boolean | RateLimitRefusal | Promise<boolean | RateLimitRefusal>)
    | false;
  /** Hosts the returned CertifyUrl must be on (core's `isAllowedCertifyUrl` rules). Default: no check. */
  allowedCertifyHosts?: readonly string[];
  /** CallbackUrl sent with InitFaceVerify (https, or http on loopback for the emulator). */
  callbackUrl?: string;
  /** CallbackToken: the shared secret the callback handler checks. Required with `callbackUrl`. */
  callbackToken?: string;
  /**
   * Called with the authoritative result (DescribeFaceVerify, not the notification) for each
   * notification with the right token. It may run more than once per certifyId: make it
   * idempotent. Throwing makes the reply 500 (the cloud retries).
   */
  onCallback?: (event: FaceVerifyCallbackEvent) => void | Promise<void>;
  /** Called after each successful InitFaceVerify, e.g. to store certifyId with the order and the person. */
  onInit?: (info: FaceVerifyInitInfo, request: Request) => void | Promise<void>;
  /**
   * Called with every authoritative result (including MaterialInfo, which the browser never sees);
   * `result.owner` is the owner recorded at init (the same the request's session names).
   */
  onResult?: (
    result: FaceVerifyDescribedResult & { owner?: string; flow: TicketFlow },
    request: Request,
  ) => void | Promise<void>;
  /**
   * An extra check of whether this request may read the result of `certifyId`, after the ticket
   * check. Required when there is no `owner` hook; `() => true` runs describe open on purpose
   * (anyone who knows a certifyId can read its result). A false answer is 403.
   */
  authorizeDescribe?: (request: Request, certifyId: string) => boolean | Promise<boolean>;
  /** Up to 8 letters or digits in front of generated OuterOrderNos. */
  outerOrderNoPrefix?: string;
  /** Message language: a fixed locale, or `auto` (Accept-Language, else zh-CN). Default `auto`. */
  locale?: Locale | 'auto';
  /** Largest request body accepted. Default 64 KB. */
  maxBodyBytes?: number;
  /** Where events go. Default: nowhere. Lines carry ids and codes, never names, ID numbers or secrets. */
  logger?: FaceVerifyLogger;
  /** Clock (epoch ms), for tests. */
  now?: () => number;
}
