import type { DescribeResponse, InitRequest, Locale } from '@aliyun-face-verify/core';
import type { FaceVerifyLogger } from './logger.js';
import type { CloudauthClient } from './sdk.js';

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

/** What the cloud reported to CallbackUrl, after the token check. */
export interface FaceVerifyCallbackEvent {
  certifyId: string;
  /** `passed === 'T'` in the notification; confirm with DescribeFaceVerify before acting on it. */
  passed: boolean;
  subCode: string;
}

/** A DescribeFaceVerify result, with what stays on the server. */
export interface FaceVerifyResultEvent extends DescribeResponse {
  /** `MaterialInfo` JSON string (face picture URLs and scores): never sent to the browser. */
  materialInfo?: string;
  requestId?: string;
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
  /** Liveness model (`Model`), e.g. `LIVENESS` or `PHOTINUS_LIVENESS`. */
  model?: string;
  /**
   * Origins the ReturnUrl may point at, e.g. `['https://shop.example.com']`. Anything else is
   * refused with 400: the certify page redirects there, so an open list is an open redirect.
   */
  allowedReturnOrigins: readonly string[];
  /**
   * Supplies the identity from the merchant's own records (recommended: the browser is then
   * not trusted with it). Without a resolver, or when it returns undefined, `certName` and
   * `certNo` from the request body are used.
   */
  resolveIdentity?: (
    request: Request,
    body: InitBody,
  ) => FaceVerifyIdentity | undefined | Promise<FaceVerifyIdentity | undefined>;
  /** Hosts the returned CertifyUrl must be on (core's `isAllowedCertifyUrl` rules). Default: no check. */
  allowedCertifyHosts?: readonly string[];
  /** CallbackUrl sent with InitFaceVerify (https, or http on loopback for the emulator). */
  callbackUrl?: string;
  /** CallbackToken: the shared secret the callback handler checks. Required with `callbackUrl`. */
  callbackToken?: string;
  /** Called once per certifyId for each verified notification. Throwing makes the reply 500 (the cloud retries). */
  onCallback?: (event: FaceVerifyCallbackEvent) => void | Promise<void>;
  /** Called after each successful InitFaceVerify, e.g. to store certifyId with the order. */
  onInit?: (
    info: { certifyId: string; outerOrderNo: string; requestId?: string },
    request: Request,
  ) => void | Promise<void>;
  /** Called with every authoritative result (including MaterialInfo, which the browser never sees). */
  onResult?: (result: FaceVerifyResultEvent, request: Request) => void | Promise<void>;
  /**
   * Decides whether this request may read the result of `certifyId` (e.g. it belongs to the
   * logged-in user). Default: allowed. A false answer is 403.
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
