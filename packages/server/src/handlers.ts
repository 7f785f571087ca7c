import {
  isAllowedCertifyUrl,
  type DescribeResponse,
  type InitResponse,
  type Locale,
} from '@aliyun-face-verify/core';
import {
  DESCRIBE_SUB_CODES,
  describeServiceCode,
  describeSubCode,
  initFailureOf,
} from '@aliyun-face-verify/core/tables';
import { describeRequestSchema, initRequestSchema } from '@aliyun-face-verify/core/zod';
import { z } from 'zod';
import type {
  FaceVerifyCallbackEvent,
  FaceVerifyIdentity,
  FaceVerifyDescribedResult,
  FaceVerifyServerConfig,
  InitBody,
  MaskedIdentity,
} from './config.js';
import {
  MESSAGES,
  MerchantError,
  jsonResponse,
  negotiateLocale,
  readJsonObject,
  readText,
} from './http.js';
import { isValidCertName, isValidCertNo } from '@aliyun-face-verify/core/identity';
import { silentLogger, type FaceVerifyLogger, type LogFields } from './logger.js';
import {
  createHandoffSealer,
  createMemoryHandoffStore,
  handoffLink,
  type HandoffClaims,
  type HandoffSealer,
  type HandoffStore,
} from './handoff.js';
import { generateOuterOrderNo } from './order-no.js';
import {
  DEFAULT_RATE_LIMITS,
  createMemoryRateLimiter,
  type RateLimitedAction,
} from './rate-limit.js';
import {
  DescribeFaceVerifyRequest,
  InitFaceVerifyRequest,
  classifyUpstreamError,
  createSdkClient,
  type CloudauthClient,
  type UpstreamFailure,
} from './sdk.js';
import {
  SAF_DEFAULT_ENDPOINT,
  SAF_MESSAGES,
  classifySafError,
  createSafClient,
  readSafReply,
  safCodeMessage,
  type SafClient,
  type SafReply,
} from './saf.js';
import { createTicketSigner, sameSecret, type TicketFlow, type TicketSigner } from './ticket.js';

/** The merchant endpoints, as Fetch handlers. */
export interface FaceVerifyHandlers {
  /** `POST {base}/init`: `{metaInfo, returnUrl, certName?, certNo?}` → `{certifyId, certifyUrl, ticket}`. */
  init(request: Request): Promise<Response>;
  /** `POST {base}/describe`: `{certifyId, ticket}` → `{certifyId, passed, subCode, message}`, for the ticket's owner only. */
  describe(request: Request): Promise<Response>;
  /** `GET|POST {base}/callback`: the cloud's notification, token-checked, then confirmed with DescribeFaceVerify. */
  callback(request: Request): Promise<Response>;
  /** `POST {base}/handoff`: `{pageUrl}` → `{token, url, expiresAt}`, a link to continue elsewhere as the session's owner. */
  handoff(request: Request): Promise<Response>;
  /** `POST {base}/status`: `{handoff}` → waiting / in progress / finished with the result, for the handoff's owner. */
  status(request: Request): Promise<Response>;
}

/** Hosts that may be reached over plain http: only this machine (the emulator). */
function isLoopback(hostname: string): boolean {
  const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return host === 'localhost' || host === '::1' || /^127(\.\d{1,3}){3}$/.test(host);
}

const CERTIFY_ID = /^[A-Za-z0-9_-]{1,64}$/;
const CALLBACK_TOKEN = /^[A-Za-z0-9_-]{16,128}$/;

/** Validated, normalised configuration. */
interface Settings {
  client: CloudauthClient;
  sceneId: string;
  productCode: 'ID_PRO' | 'LR_FR';
  certifyUrlType: 'WEB' | 'H5';
  model: string | undefined;
  returnOrigins: ReadonlySet<string>;
  callbackUrl: string | undefined;
  callbackToken: string | undefined;
  locale: Locale | 'auto';
  maxBodyBytes: number;
  logger: FaceVerifyLogger;
  now: () => number;
  tickets: TicketSigner;
  handoffs: HandoffSealer;
  handoffStore: HandoffStore;
  /** The Alipay path, when configured. */
  alipay: { client: SafClient; sceneId: string } | undefined;
}

function fail(message: string): never {
  throw new TypeError(`createFaceVerifyHandlers: ${message}`);
}

function settingsFrom(config: FaceVerifyServerConfig): Settings {
  const sceneId = String(config.sceneId);
  // The SDK types SceneId as a number, so it must survive the trip through one exactly.
  if (!/^[1-9]\d*$/.test(sceneId) || !Number.isSafeInteger(Number(sceneId))) {
    fail('sceneId must be the numeric SceneId from the console');
  }
  const endpoint = config.endpoint ?? 'cloudauth.aliyuncs.com';
  const protocol = config.protocol ?? 'https';
  let client = config.client;
  if (client === undefined) {
    const { accessKeyId, accessKeySecret } = config;
    if (!accessKeyId || !accessKeySecret)
      fail('accessKeyId and accessKeySecret (or client) are required');
    let host: string;
    try {
      host = new URL(`http://${endpoint}`).hostname;
    } catch {
      fail('endpoint must be a host or host:port');
    }
    // Plain http would carry names and ID numbers in clear text; only the local emulator may use it.
    if (protocol === 'http' && !isLoopback(host))
      fail('protocol http is only allowed for a loopback endpoint');
    client = createSdkClient({
      accessKeyId,
      accessKeySecret,
      endpoint,
      protocol,
      signatureAlgorithm: config.signatureAlgorithm,
      timeoutMs: config.timeoutMs ?? 10_000,
    });
  }
  if (config.allowedReturnOrigins.length === 0)
    fail('allowedReturnOrigins must list at least one origin');
  const returnOrigins = new Set<string>();
  for (const entry of config.allowedReturnOrigins) {
    let url: URL;
    try {
      url = new URL(entry);
    } catch {
      fail(`allowedReturnOrigins entry "${entry}" is not a URL`);
    }
    if (url.protocol !== 'https:' && url.protocol !== 'http:') fail(`"${entry}" is not http(s)`);
    returnOrigins.add(url.origin);
  }
  if (config.callbackUrl !== undefined) {
    let url: URL;
    try {
      url = new URL(config.callbackUrl);
    } catch {
      fail('callbackUrl is not a URL');
    }
    // The seeds require https; http is tolerated on loopback so the emulator can call back.
    if (url.protocol !== 'https:' && !(url.protocol === 'http:' && isLoopback(url.hostname))) {
      fail('callbackUrl must be https (or http on loopback)');
    }
    if (config.callbackToken === undefined) fail('callbackUrl needs a callbackToken');
  }
  if (
    config.outerOrderNoPrefix !== undefined &&
    !/^[A-Za-z0-9]{0,8}$/.test(config.outerOrderNoPrefix)
  ) {
    fail('outerOrderNoPrefix must be at most 8 letters or digits');
  }
  if (config.callbackToken !== undefined && !CALLBACK_TOKEN.test(config.callbackToken)) {
    fail('callbackToken must be 16–128 characters of [A-Za-z0-9_-]');
  }
  // Secure by default: without these, anyone who knows a certifyId reads its result, and the
  // browser chooses whose identity is verified. Running open takes an explicit line of code.
  if (config.owner === undefined && config.authorizeDescribe === undefined) {
    fail(
      'give owner (who the session says the caller is) or authorizeDescribe; to let anyone read any result, write authorizeDescribe: () => true',
    );
  }
  const productCode = config.productCode ?? 'ID_PRO';
  if (
    productCode === 'ID_PRO' &&
    config.resolveIdentity === undefined &&
    config.identityFromRequest !== true
  ) {
    fail(
      'ID_PRO needs resolveIdentity, or identityFromRequest: true to take the identity from the browser',
    );
  }
  const ticketSecret = config.ticketSecret ?? config.accessKeySecret;
  if (config.ticketSecret !== undefined && config.ticketSecret.length < 32) {
    fail('ticketSecret must have at least 32 characters');
  }
  if (!ticketSecret)
    fail('ticketSecret is required when a client is given without accessKeySecret');
  const ticketTtlMs = config.ticketTtlMs ?? 3_600_000;
  if (!Number.isFinite(ticketTtlMs) || ticketTtlMs < 60_000) {
    fail('ticketTtlMs must be at least one minute');
  }
  const handoffTtlMs = config.handoffTtlMs ?? 600_000;
  if (!Number.isFinite(handoffTtlMs) || handoffTtlMs < 60_000 || handoffTtlMs > 3_600_000) {
    fail('handoffTtlMs must be between one minute and one hour');
  }
  const now = config.now ?? Date.now;
  let alipay: Settings['alipay'];
  if (config.alipay !== undefined) {
    const sceneId = String(config.alipay.sceneId);
    if (!/^[1-9]\d{0,18}$/.test(sceneId)) fail('alipay.sceneId must be the numeric SceneId');
    let safClient = config.alipay.client;
    if (safClient === undefined) {
      const { accessKeyId, accessKeySecret } = config;
      if (!accessKeyId || !accessKeySecret) fail('alipay needs accessKeyId and accessKeySecret');
      const safEndpoint = config.alipay.endpoint ?? SAF_DEFAULT_ENDPOINT;
      const safProtocol = config.alipay.protocol ?? protocol;
      let safHost: string;
      try {
        safHost = new URL(`http://${safEndpoint}`).hostname;
      } catch {
        fail('alipay.endpoint must be a host or host:port');
      }
      if (safProtocol === 'http' && !isLoopback(safHost))
        fail('alipay.protocol http is only allowed for a loopback endpoint');
      safClient = createSafClient({
        accessKeyId,
        accessKeySecret,
        endpoint: safEndpoint,
        protocol: safProtocol,
        timeoutMs: config.timeoutMs ?? 10_000,
      });
    }
    alipay = { client: safClient, sceneId };
  }
  return {
    alipay,
    client,
    sceneId,
    productCode,
    certifyUrlType: config.certifyUrlType ?? 'H5',
    model: config.model,
    returnOrigins,
    callbackUrl: config.callbackUrl,
    callbackToken: config.callbackToken,
    locale: config.locale ?? 'auto',
    maxBodyBytes: config.maxBodyBytes ?? 64 * 1024,
    logger: config.logger ?? silentLogger,
    now,
    tickets: createTicketSigner(ticketSecret, ticketTtlMs, now),
    handoffs: createHandoffSealer(ticketSecret, handoffTtlMs, now),
    handoffStore: config.handoffStore ?? createMemoryHandoffStore(now),
  };
}

/** The callback URL of the Alipay path: the configured one with `flow=alipay` added. */
function withFlow(callbackUrl: string): string {
  const url = new URL(callbackUrl);
  url.searchParams.set('flow', 'alipay');
  return url.href;
}

/** The ID number as `onInit` sees it: the first 3 and last 4 characters, `*` between. */
function maskCertNo(certNo: string): string {
  return certNo.slice(0, 3) + '*'.repeat(Math.max(0, certNo.length - 7)) + certNo.slice(-4);
}

/** How describe answers a DescribeFaceVerify Code other than 200 (merchant error and status). */
function describeErrorFor(code: string): {
  error: 'bad-request' | 'not-found' | 'not-ready' | 'upstream-error';
  status: number;
} {
  switch (code) {
    case '401':
      return { error: 'bad-request', status: 400 };
    case '406':
      return { error: 'not-found', status: 404 };
    case '403': // not complete
    case '424': // no record yet: the user has not finished (or abandoned) the certify page
      return { error: 'not-ready', status: 409 };
    default:
      return { error: 'upstream-error', status: 502 };
  }
}

/** The notification's fields: only certifyId is needed; passed and subCode are just what it claims. */
const callbackSchema = z.object({
  certifyId: z.string().regex(CERTIFY_ID),
  passed: z.enum(['T', 'F']).optional(),
  subCode: z
    .string()
    .regex(/^\d{3}$/)
    .optional(),
});

/** Why describe refused a request, for the log line (the reply says only `unauthorized`). */
type DescribeRefusal =
  | 'no-ticket'
  | 'ticket-malformed'
  | 'ticket-bad-signature'
  | 'ticket-expired'
  | 'ticket-other-certify-id'
  | 'no-owner'
  | 'other-owner'
  | 'not-authorized';

/**
 * Creates the merchant endpoints on the official `@alicloud/cloudauth20190307` SDK: `init` calls
 * InitFaceVerify, `describe` DescribeFaceVerify, `callback` receives the result notification.
 * Input is validated before any upstream call; every failure is a typed {@link MerchantErrorBody}.
 * Throws `TypeError` at once for an unusable configuration.
 */
export function createFaceVerifyHandlers(config: FaceVerifyServerConfig): FaceVerifyHandlers {
  const s = settingsFrom(config);
  const limiter = createMemoryRateLimiter(s.now);

  function localeOf(request: Request): Locale {
    return s.locale === 'auto' ? negotiateLocale(request, 'zh-CN') : s.locale;
  }

  /** Turns anything a handler throws into a reply; unexpected errors are logged by name only. */
  async function guard(
    name: string,
    request: Request,
    run: (locale: Locale) => Promise<Response>,
  ): Promise<Response> {
    const locale = localeOf(request);
    try {
      return await run(locale);
    } catch (error) {
      if (error instanceof MerchantError) {
        s.logger.warn(`${name}.refused`, {
          code: error.code,
          status: error.status,
          upstreamCode: error.upstreamCode,
          requestId: error.requestId,
        });
        return error.toResponse();
      }
      s.logger.error(`${name}.crashed`, {
        error: error instanceof Error ? error.name : typeof error,
      });
      return new MerchantError('internal', MESSAGES.internal[locale]).toResponse();
    }
  }

  /** Maps a classified SDK failure to a merchant error; nothing of its message is kept. */
  function upstreamThrown(failure: UpstreamFailure, locale: Locale): MerchantError {
    // Only the gateway's answer carries a cloud Code; a socket error's code (ECONNREFUSED) is not one.
    const answered = failure.kind === 'throttled' || failure.kind === 'rejected';
    const extra = {
      upstreamCode: answered ? failure.code : undefined,
      requestId: failure.requestId,
    };
    switch (failure.kind) {
      case 'throttled':
        return new MerchantError('rate-limited', MESSAGES.upstreamThrottled[locale], extra);
      case 'rejected':
        return new MerchantError('upstream-error', MESSAGES.upstreamRejected[locale], extra);
      case 'timeout':
        return new MerchantError('upstream-error', MESSAGES.timeout[locale], {
          ...extra,
          status: 504,
        });
      case 'unreachable':
        return new MerchantError('upstream-error', MESSAGES.unreachable[locale], extra);
      default:
        return new MerchantError('upstream-error', MESSAGES.unreachable[locale], extra);
    }
  }

  /**
   * One call to the service: a thrown SDK error or a Code other than 200 becomes a typed
   * {@link MerchantError} with the seeds' text, logged with `ids` only.
   */
  async function callService<B extends { code?: string; requestId?: string }>(
    api: 'InitFaceVerify' | 'DescribeFaceVerify',
    ids: LogFields,
    locale: Locale,
    call: () => Promise<{ body?: B }>,
  ): Promise<{ body: B | undefined; requestId: string | undefined }> {
    const event = api === 'InitFaceVerify' ? 'init' : 'describe';
    let reply: { body?: B };
    try {
      reply = await call();
    } catch (error) {
      const classified = classifyUpstreamError(error);
      const failure = upstreamThrown(classified, locale);
      s.logger.error(`${event}.upstream-failed`, {
        ...ids,
        kind: classified.kind,
        upstreamCode: failure.upstreamCode,
        requestId: failure.requestId,
      });
      throw failure;
    }
    const code = String(reply.body?.code ?? '');
    const requestId = reply.body?.requestId;
    if (code !== '200') {
      // core/tables' one table of what a failed InitFaceVerify is (shared with the element).
      const mapped = api === 'InitFaceVerify' ? initFailureOf(code) : describeErrorFor(code);
      s.logger.warn(`${event}.upstream-code`, { ...ids, upstreamCode: code, requestId });
      throw new MerchantError(mapped.error, describeServiceCode(api, code, locale), {
        status: mapped.status,
        upstreamCode: code,
        requestId,
      });
    }
    return { body: reply.body, requestId };
  }

  /**
   * One SAF `ExecuteRequest` of `fin_face_verify` (the Alipay path): a throw or an unreadable reply
   * becomes a typed {@link MerchantError}, logged with `ids` only. Codes other than 200 are returned
   * for the caller to map, since init and query read them differently.
   */
  async function callSaf(
    method: 'init' | 'query',
    ids: LogFields,
    locale: Locale,
    parameters: Record<string, string>,
  ): Promise<SafReply> {
    const event = method === 'init' ? 'init' : 'describe';
    const client = s.alipay?.client;
    if (client === undefined)
      throw new MerchantError('bad-request', MESSAGES.alipayDisabled[locale]);
    let json: unknown;
    try {
      json = await client.executeRequest({
        Service: 'fin_face_verify',
        ServiceParameters: JSON.stringify({ method, ...parameters }),
      });
    } catch (error) {
      const classified = classifySafError(error);
      const failure = upstreamThrown(classified, locale);
      s.logger.error(`${event}.upstream-failed`, {
        ...ids,
        api: 'ExecuteRequest',
        kind: classified.kind,
        upstreamCode: failure.upstreamCode,
        requestId: failure.requestId,
      });
      throw failure;
    }
    const reply = readSafReply(json);
    if (reply === undefined) {
      s.logger.error(`${event}.upstream-malformed`, { ...ids, api: 'ExecuteRequest' });
      throw new MerchantError('upstream-error', MESSAGES.upstreamMalformed[locale]);
    }
    if (reply.code !== '200') {
      s.logger.warn(`${event}.upstream-code`, {
        ...ids,
        api: 'ExecuteRequest',
        upstreamCode: reply.code,
        requestId: reply.requestId,
      });
    }
    return reply;
  }

  function checkReturnUrl(value: string, locale: Locale): string {
    let url: URL;
    try {
      url = new URL(value);
    } catch {
      throw new MerchantError('bad-request', MESSAGES.badReturnUrl[locale]);
    }
    // Userinfo, whitespace and backslashes are how allowlists get fooled; none belongs in a ReturnUrl.
    if (
      value.length > 2048 ||
      url.username !== '' ||
      url.password !== '' ||
      /[\s\\\p{Cc}\p{Cf}]/u.test(value)
    ) {
      throw new MerchantError('bad-request', MESSAGES.badReturnUrl[locale]);
    }
    if (!s.returnOrigins.has(url.origin)) {
      throw new MerchantError('return-url-not-allowed', MESSAGES.returnUrlNotAllowed[locale]);
    }
    return url.href;
  }

  /** `owner(request)`, when the handlers have an owner hook; an empty or non-string answer is no owner. */
  async function ownerOf(request: Request): Promise<string | undefined> {
    if (config.owner === undefined) return undefined;
    const owner: unknown = await config.owner(request);
    return typeof owner === 'string' && owner !== '' ? owner : undefined;
  }

  /** Refuses with 429 and Retry-After when the rate limit (hook or in-memory default) says so. */
  async function checkRateLimit(
    request: Request,
    action: RateLimitedAction,
    owner: string | undefined,
    locale: Locale,
  ): Promise<void> {
    if (config.rateLimit === false) return;
    let retryAfter: number;
    if (config.rateLimit === undefined) {
      const kind = config.owner === undefined ? 'anonymous' : 'owner';
      retryAfter = limiter.take(owner ?? '', action, DEFAULT_RATE_LIMITS[kind][action]);
    } else {
      const verdict = await config.rateLimit(request, action, { owner });
      retryAfter =
        verdict === true
          ? 0
          : verdict === false
            ? 60
            : Math.max(1, Math.ceil(verdict.retryAfterSeconds));
    }
    if (retryAfter > 0) {
      s.logger.warn(`${action}.rate-limited`, { retryAfter });
      throw new MerchantError('rate-limited', MESSAGES.tooManyRequests[locale], {
        headers: { 'retry-after': String(retryAfter) },
      });
    }
  }

  async function identityFor(
    request: Request,
    body: InitBody,
    owner: string | undefined,
    locale: Locale,
  ): Promise<FaceVerifyIdentity | undefined> {
    const resolved = config.resolveIdentity
      ? await config.resolveIdentity(request, body, { owner })
      : undefined;
    // The body's identity counts only where the merchant opted in: otherwise the browser would
    // choose whose face is compared with whose record.
    const fromBody =
      config.identityFromRequest === true &&
      (body.certName !== undefined || body.certNo !== undefined)
        ? { certName: body.certName ?? '', certNo: body.certNo ?? '' }
        : undefined;
    const identity: FaceVerifyIdentity | undefined = resolved ?? fromBody;
    if (identity === undefined) {
      if (s.productCode === 'ID_PRO') {
        throw new MerchantError('identity-required', MESSAGES.identityRequired[locale]);
      }
      return undefined;
    }
    if (!identity.certName || !identity.certNo) {
      throw new MerchantError('identity-required', MESSAGES.identityRequired[locale]);
    }
    const certName = identity.certName.trim();
    const certNo = identity.certNo.trim().toUpperCase();
    if (!isValidCertName(certName))
      throw new MerchantError('bad-request', MESSAGES.badCertName[locale]);
    if (!isValidCertNo(certNo, s.now()))
      throw new MerchantError('bad-request', MESSAGES.badCertNo[locale]);
    return identity.userId !== undefined
      ? { certName, certNo, userId: identity.userId }
      : { certName, certNo };
  }

  /** What a started verification needs from either API. */
  interface Started {
    certifyId: string;
    certifyUrl: string;
    requestId: string | undefined;
  }

  /** InitFaceVerify (the web flow). */
  async function initWeb(
    body: InitBody,
    identity: FaceVerifyIdentity | undefined,
    returnUrl: string,
    outerOrderNo: string,
    locale: Locale,
  ): Promise<Started> {
    // LR_FR requires a UserId; the order number is unique, so it serves when the merchant has none.
    const userId = identity?.userId ?? (s.productCode === 'LR_FR' ? outerOrderNo : undefined);
    const { body: replyBody, requestId } = await callService(
      'InitFaceVerify',
      { outerOrderNo },
      locale,
      () =>
        s.client.initFaceVerify(
          new InitFaceVerifyRequest({
            sceneId: Number(s.sceneId),
            outerOrderNo,
            productCode: s.productCode,
            certifyUrlType: s.certifyUrlType,
            returnUrl,
            // The long form is the one that can be embedded (official "iframe 内嵌接入").
            ...(returnUrl === 'iframe' ? { certifyUrlStyle: 'L' } : {}),
            metaInfo: body.metaInfo,
            ...(identity !== undefined
              ? {
                  certType: 'IDENTITY_CARD',
                  certName: identity.certName,
                  certNo: identity.certNo,
                }
              : {}),
            ...(userId !== undefined ? { userId } : {}),
            ...(s.model !== undefined ? { model: s.model } : {}),
            ...(s.callbackUrl !== undefined
              ? { callbackUrl: s.callbackUrl, callbackToken: s.callbackToken }
              : {}),
          }),
        ),
    );
    return {
      certifyId: replyBody?.resultObject?.certifyId ?? '',
      certifyUrl: replyBody?.resultObject?.certifyUrl ?? '',
      requestId,
    };
  }

  /**
   * SAF `fin_face_verify` init (the Alipay H5 scheme): always bizCode `FACE` (the web's; `FACE_SDK`
   * is for the iOS and Android SDKs), always an identity. The callback, when configured, is the
   * same endpoint with `flow=alipay`, so it asks SAF rather than DescribeFaceVerify.
   */
  async function initAlipay(
    identity: FaceVerifyIdentity | undefined,
    returnUrl: string,
    outerOrderNo: string,
    locale: Locale,
  ): Promise<Started> {
    if (identity === undefined) {
      throw new MerchantError('identity-required', MESSAGES.identityRequired[locale]);
    }
    const reply = await callSaf('init', { outerOrderNo }, locale, {
      sceneId: s.alipay?.sceneId ?? '',
      outerOrderNo,
      bizCode: 'FACE',
      identityType: 'CERT_INFO',
      certType: 'IDENTITY_CARD',
      certNo: identity.certNo,
      certName: identity.certName,
      returnUrl,
      ...(s.callbackUrl !== undefined && s.callbackToken !== undefined
        ? { callbackUrl: withFlow(s.callbackUrl), callbackToken: s.callbackToken }
        : {}),
    });
    if (reply.code !== '200') {
      throw new MerchantError(
        reply.code === '402' ? 'rate-limited' : 'upstream-error',
        safCodeMessage(reply.code, locale),
        {
          status: reply.code === '402' ? 429 : 502,
          upstreamCode: reply.code,
          requestId: reply.requestId,
        },
      );
    }
    const certifyId = reply.data?.['certifyId'];
    const certifyUrl = reply.data?.['certifyUrl'];
    return {
      certifyId: typeof certifyId === 'string' ? certifyId : '',
      certifyUrl: typeof certifyUrl === 'string' ? certifyUrl : '',
      requestId: reply.requestId,
    };
  }

  async function init(request: Request): Promise<Response> {
    return guard('init', request, async (locale) => {
      const json = await readJsonObject(request, s.maxBodyBytes, locale);
      const handoff = openHandoff(json['handoff'], locale);
      const sessionOwner = await ownerOf(request);
      // A handoff token stands in for the session of the browser that asked for it; a different
      // signed-in user in this browser is a contradiction, not an upgrade.
      if (handoff !== undefined && sessionOwner !== undefined && sessionOwner !== handoff.owner) {
        throw new MerchantError('unauthorized', MESSAGES.handoffInvalid[locale], { status: 403 });
      }
      const owner = handoff?.owner ?? sessionOwner;
      if (config.owner !== undefined && owner === undefined) {
        throw new MerchantError('unauthorized', MESSAGES.signInRequired[locale]);
      }
      await checkRateLimit(request, 'init', owner, locale);
      // A form left blank sends '' for the identity: that is a missing identity, not a malformed one.
      const raw = Object.fromEntries(
        Object.entries(json).filter(
          ([key, value]) => !((key === 'certName' || key === 'certNo') && value === ''),
        ),
      );
      const parsed = initRequestSchema.safeParse(raw);
      if (!parsed.success) {
        const field = parsed.error.issues[0]?.path[0];
        const message =
          field === 'metaInfo'
            ? MESSAGES.badMetaInfo[locale]
            : field === 'returnUrl'
              ? MESSAGES.badReturnUrl[locale]
              : MESSAGES.badRequest[locale];
        throw new MerchantError('bad-request', message);
      }
      const body: InitBody = parsed.data;
      const flow: TicketFlow = body.flow === 'alipay' ? 'alipay' : 'web';
      if (flow === 'alipay' && s.alipay === undefined) {
        throw new MerchantError('bad-request', MESSAGES.alipayDisabled[locale]);
      }
      const iframe = body.mode === 'iframe';
      if (iframe && flow === 'alipay') {
        throw new MerchantError('bad-request', MESSAGES.badRequest[locale]);
      }
      // In iframe mode the certify page posts its result to the parent page: no ReturnUrl.
      const returnUrl = iframe
        ? 'iframe'
        : flow === 'alipay' && body.returnUrl === undefined
          ? '' // Inside Alipay: the bridge reports the end, the page goes nowhere.
          : checkReturnUrl(body.returnUrl ?? '', locale);
      const identity = await identityFor(request, body, owner, locale);
      const outerOrderNo = generateOuterOrderNo(config.outerOrderNoPrefix, s.now());

      const started = s.now();
      const { certifyId, certifyUrl, requestId } =
        flow === 'alipay'
          ? await initAlipay(identity, returnUrl, outerOrderNo, locale)
          : await initWeb(body, identity, returnUrl, outerOrderNo, locale);
      const urlOk = config.allowedCertifyHosts
        ? isAllowedCertifyUrl(certifyUrl, config.allowedCertifyHosts)
        : /^https?:\/\/[^\s\\]+$/i.test(certifyUrl);
      if (!CERTIFY_ID.test(certifyId) || !urlOk) {
        s.logger.error('init.upstream-malformed', { outerOrderNo, requestId });
        throw new MerchantError('upstream-error', MESSAGES.upstreamMalformed[locale], {
          requestId,
        });
      }
      s.logger.info('init.ok', {
        outerOrderNo,
        certifyId,
        flow,
        requestId,
        ms: s.now() - started,
      });
      const masked: MaskedIdentity | undefined =
        identity === undefined
          ? undefined
          : {
              certName: identity.certName,
              certNoMasked: maskCertNo(identity.certNo),
              ...(identity.userId !== undefined ? { userId: identity.userId } : {}),
            };
      await config.onInit?.(
        {
          certifyId,
          outerOrderNo,
          flow,
          ...(requestId !== undefined ? { requestId } : {}),
          ...(owner !== undefined ? { owner } : {}),
          ...(masked !== undefined ? { identity: masked } : {}),
        },
        request,
      );
      if (handoff !== undefined && owner !== undefined) {
        await s.handoffStore.set(handoff.id, {
          ownerDigest: s.tickets.ownerDigest(owner),
          certifyId,
          flow,
          startedAt: s.now(),
        });
      }
      const ticket = s.tickets.issue({ certifyId, flow, owner });
      const response: InitResponse =
        flow === 'alipay'
          ? { flow, certifyId, url: certifyUrl, ticket }
          : { certifyId, certifyUrl, ticket };
      return jsonResponse(200, response);
    });
  }

  /**
   * DescribeFaceVerify, checked: a reply without a T/F Passed and a three-digit SubCode is
   * refused. The result of record for both describe and the callback.
   */
  async function describeUpstream(
    certifyId: string,
    flow: TicketFlow,
    locale: Locale,
  ): Promise<FaceVerifyDescribedResult> {
    if (flow === 'alipay') return queryAlipay(certifyId, locale);
    const { body: replyBody, requestId } = await callService(
      'DescribeFaceVerify',
      { certifyId },
      locale,
      () =>
        s.client.describeFaceVerify(
          new DescribeFaceVerifyRequest({ sceneId: Number(s.sceneId), certifyId }),
        ),
    );
    const result = replyBody?.resultObject;
    const passedFlag = result?.passed;
    const subCode = result?.subCode ?? '';
    if ((passedFlag !== 'T' && passedFlag !== 'F') || !/^\d{3}$/.test(subCode)) {
      s.logger.error('describe.upstream-malformed', { certifyId, requestId });
      throw new MerchantError('upstream-error', MESSAGES.upstreamMalformed[locale], {
        requestId,
      });
    }
    // Passed is the field of record (the seeds say so); a SubCode that disagrees is only logged.
    const passed = passedFlag === 'T';
    const known = Object.hasOwn(DESCRIBE_SUB_CODES, subCode)
      ? DESCRIBE_SUB_CODES[subCode]
      : undefined;
    if (known !== undefined && known.passed !== passed) {
      s.logger.warn('describe.inconsistent', { certifyId, subCode, passed, requestId });
    }
    return {
      certifyId,
      passed,
      subCode,
      message: describeSubCode(subCode, locale),
      ...(result?.materialInfo !== undefined ? { materialInfo: result.materialInfo } : {}),
      ...(requestId !== undefined ? { requestId } : {}),
    };
  }

  /**
   * SAF `query` (the Alipay path): `passed` T or F; there is no SubCode, so `subCode` is `''` and
   * the message says passed or not. A certifyId SAF does not know (400, or 406 in the older
   * table) is not-found, like DescribeFaceVerify's 406.
   */
  async function queryAlipay(
    certifyId: string,
    locale: Locale,
  ): Promise<FaceVerifyDescribedResult> {
    const reply = await callSaf('query', { certifyId }, locale, {
      sceneId: s.alipay?.sceneId ?? '',
      certifyId,
    });
    const { requestId } = reply;
    if (reply.code === '400' || reply.code === '406') {
      throw new MerchantError('not-found', MESSAGES.notFound[locale], {
        upstreamCode: reply.code,
        requestId,
      });
    }
    if (reply.code !== '200') {
      throw new MerchantError('upstream-error', safCodeMessage(reply.code, locale), {
        status: reply.code === '402' ? 429 : 502,
        upstreamCode: reply.code,
        requestId,
      });
    }
    const passedFlag = reply.data?.['passed'];
    if (passedFlag !== 'T' && passedFlag !== 'F') {
      s.logger.error('describe.upstream-malformed', {
        certifyId,
        api: 'ExecuteRequest',
        requestId,
      });
      throw new MerchantError('upstream-error', MESSAGES.upstreamMalformed[locale], { requestId });
    }
    const passed = passedFlag === 'T';
    const materialInfo = reply.data?.['materialInfo'];
    return {
      certifyId,
      passed,
      subCode: '',
      message: (passed ? SAF_MESSAGES.passed : SAF_MESSAGES.notPassed)[locale],
      ...(typeof materialInfo === 'string' && materialInfo !== '' ? { materialInfo } : {}),
      ...(requestId !== undefined ? { requestId } : {}),
    };
  }

  /**
   * Whether this request may read `certifyId`'s result: the ticket init issued for it, unexpired,
   * and the owner the session names now equal to the one at init; then `authorizeDescribe`. Every
   * refusal is the same 403 to the caller; the log says which check failed.
   */
  async function authorize(
    request: Request,
    certifyId: string,
    ticket: string | undefined,
    locale: Locale,
  ): Promise<{ owner: string | undefined; flow: TicketFlow }> {
    const refuse = (reason: DescribeRefusal): never => {
      s.logger.warn('describe.unauthorized', { certifyId, reason });
      throw new MerchantError('unauthorized', MESSAGES.forbidden[locale], { status: 403 });
    };
    let owner: string | undefined;
    let flow: TicketFlow = 'web';
    if (ticket === undefined) {
      // Only a merchant without an owner hook may describe without a ticket (authorizeDescribe decides).
      if (config.owner !== undefined) refuse('no-ticket');
    } else {
      const checked = s.tickets.verify(ticket);
      if (!checked.ok) refuse(`ticket-${checked.reason}`);
      else {
        const { claims } = checked;
        if (claims.certifyId !== certifyId) refuse('ticket-other-certify-id');
        flow = claims.flow;
        if (config.owner !== undefined) {
          owner = await ownerOf(request);
          if (owner === undefined) refuse('no-owner');
          else if (
            claims.ownerDigest === undefined ||
            !sameSecret(claims.ownerDigest, s.tickets.ownerDigest(owner))
          ) {
            refuse('other-owner');
          }
        }
      }
    }
    if (config.authorizeDescribe && !(await config.authorizeDescribe(request, certifyId))) {
      refuse('not-authorized');
    }
    return { owner, flow };
  }

  async function describe(request: Request): Promise<Response> {
    return guard('describe', request, async (locale) => {
      const raw = await readJsonObject(request, s.maxBodyBytes, locale);
      const parsed = describeRequestSchema.safeParse(raw);
      if (!parsed.success || !CERTIFY_ID.test(parsed.data.certifyId)) {
        throw new MerchantError('bad-request', MESSAGES.badCertifyId[locale]);
      }
      const { certifyId, ticket } = parsed.data;
      const { owner, flow } = await authorize(request, certifyId, ticket, locale);
      await checkRateLimit(request, 'describe', owner, locale);
      const result = await describeUpstream(certifyId, flow, locale);
      const response: DescribeResponse = {
        certifyId,
        passed: result.passed,
        subCode: result.subCode,
        message: result.message,
      };
      s.logger.info('describe.ok', {
        certifyId,
        passed: result.passed,
        subCode: result.subCode,
        requestId: result.requestId,
      });
      await config.onResult?.(
        { ...result, flow, ...(owner !== undefined ? { owner } : {}) },
        request,
      );
      return jsonResponse(200, response);
    });
  }

  async function readCallbackParams(request: Request, locale: Locale): Promise<URLSearchParams> {
    if (request.method === 'GET') return new URL(request.url).searchParams;
    if (request.method !== 'POST') {
      throw new MerchantError('bad-request', MESSAGES.methodNotAllowed[locale], {
        status: 405,
        headers: { allow: 'GET, POST' },
      });
    }
    const type = request.headers.get('content-type') ?? '';
    if (/^application\/json\s*(;|$)/i.test(type)) {
      const body = await readJsonObject(request, s.maxBodyBytes, locale);
      const params = new URLSearchParams();
      for (const [key, value] of Object.entries(body)) {
        if (typeof value === 'string' || typeof value === 'number') params.set(key, String(value));
      }
      return params;
    }
    // A form body, with the query as a fallback for notifications that keep the appended fields there.
    const form = new URLSearchParams(await readText(request, s.maxBodyBytes, locale));
    for (const [key, value] of new URL(request.url).searchParams)
      if (!form.has(key)) form.set(key, value);
    return form;
  }

  async function callback(request: Request): Promise<Response> {
    return guard('callback', request, async (locale) => {
      const expected = s.callbackToken;
      if (expected === undefined) {
        throw new MerchantError('not-found', MESSAGES.callbackDisabled[locale]);
      }
      const params = await readCallbackParams(request, locale);
      const token = params.get('callbackToken') ?? params.get('CallbackToken') ?? '';
      if (!sameSecret(token, expected)) {
        throw new MerchantError('unauthorized', MESSAGES.badCallbackToken[locale]);
      }
      const parsed = callbackSchema.safeParse({
        certifyId: params.get('certifyId') ?? params.get('CertifyId') ?? undefined,
        passed: params.get('passed') ?? params.get('Passed') ?? undefined,
        subCode:
          params.get('subcode') ?? params.get('subCode') ?? params.get('SubCode') ?? undefined,
      });
      if (!parsed.success) throw new MerchantError('bad-request', MESSAGES.badRequest[locale]);
      const { certifyId } = parsed.data;
      // The Alipay path's CallbackUrl carries flow=alipay (see initAlipay): ask SAF, not cloudauth.
      const flow: TicketFlow = params.get('flow') === 'alipay' ? 'alipay' : 'web';
      const notified = {
        ...(parsed.data.passed !== undefined ? { passed: parsed.data.passed === 'T' } : {}),
        ...(parsed.data.subCode !== undefined ? { subCode: parsed.data.subCode } : {}),
      };
      // The token is one static secret that travels in query strings and so lands in logs: the
      // notification only says "look now". The verdict is DescribeFaceVerify's, asked every time
      // (no "first one wins": a forged early notification must not shadow the real one).
      let result: FaceVerifyDescribedResult;
      try {
        result = await describeUpstream(certifyId, flow, locale);
      } catch (error) {
        if (error instanceof MerchantError && error.code === 'not-ready') {
          // Not finished yet: 503 makes the cloud retry later.
          throw new MerchantError('not-ready', MESSAGES.callbackNotReady[locale], {
            status: 503,
            upstreamCode: error.upstreamCode,
            requestId: error.requestId,
            headers: { 'retry-after': '30' },
          });
        }
        throw error;
      }
      if (
        (notified.passed !== undefined && notified.passed !== result.passed) ||
        (notified.subCode !== undefined && notified.subCode !== result.subCode)
      ) {
        s.logger.warn('callback.disagrees', { certifyId, passed: result.passed });
      }
      const event: FaceVerifyCallbackEvent = { ...result, notified };
      await config.onCallback?.(event);
      s.logger.info('callback.ok', {
        certifyId,
        passed: result.passed,
        subCode: result.subCode,
        requestId: result.requestId,
      });
      return jsonResponse(200, { ok: true });
    });
  }

  /**
   * The claims of a handoff token sent to init, which must be genuine and unexpired (403
   * otherwise); undefined when none was sent. Handoff needs an owner hook: without one it is off.
   */
  function openHandoff(value: unknown, locale: Locale): HandoffClaims | undefined {
    if (value === undefined) return undefined;
    const claims =
      typeof value === 'string' && value.length <= 1024 && config.owner !== undefined
        ? s.handoffs.open(value)
        : undefined;
    if (claims === undefined || Math.floor(s.now() / 1000) >= claims.expiresAt) {
      s.logger.warn('init.handoff-refused', {
        reason: claims === undefined ? 'not-genuine' : 'expired',
      });
      throw new MerchantError('unauthorized', MESSAGES.handoffInvalid[locale], { status: 403 });
    }
    return claims;
  }

  async function handoff(request: Request): Promise<Response> {
    return guard('handoff', request, async (locale) => {
      if (config.owner === undefined) {
        throw new MerchantError('not-found', MESSAGES.handoffDisabled[locale]);
      }
      const json = await readJsonObject(request, s.maxBodyBytes, locale);
      const owner = await ownerOf(request);
      if (owner === undefined) {
        throw new MerchantError('unauthorized', MESSAGES.signInRequired[locale]);
      }
      await checkRateLimit(request, 'handoff', owner, locale);
      const pageUrl = new URL(
        checkReturnUrl(typeof json['pageUrl'] === 'string' ? json['pageUrl'] : '', locale),
      );
      const { token, claims } = s.handoffs.seal(owner);
      s.logger.info('handoff.issued', { expiresAt: claims.expiresAt });
      return jsonResponse(200, {
        token,
        url: handoffLink(pageUrl, token),
        expiresAt: claims.expiresAt * 1000,
      });
    });
  }

  /** Handoffs whose verification was asked about last, and when: DescribeFaceVerify at most every 3 s each. */
  const lastAsked = new Map<string, number>();

  async function status(request: Request): Promise<Response> {
    return guard('status', request, async (locale) => {
      const json = await readJsonObject(request, s.maxBodyBytes, locale);
      const owner = await ownerOf(request);
      const token = json['handoff'];
      // Expired tokens still lead to their status: only starting a verification needs a fresh one.
      const claims =
        typeof token === 'string' && token.length <= 1024 ? s.handoffs.open(token) : undefined;
      if (owner === undefined || claims === undefined || claims.owner !== owner) {
        s.logger.warn('status.unauthorized', {
          reason:
            owner === undefined ? 'no-owner' : claims === undefined ? 'not-genuine' : 'other-owner',
        });
        throw new MerchantError('unauthorized', MESSAGES.forbidden[locale], { status: 403 });
      }
      await checkRateLimit(request, 'status', owner, locale);
      const entry = await s.handoffStore.get(claims.id);
      if (entry === undefined || !sameSecret(entry.ownerDigest, s.tickets.ownerDigest(owner))) {
        return jsonResponse(200, { state: 'waiting' });
      }
      if (entry.result !== undefined) {
        return jsonResponse(200, { state: 'finished', result: entry.result });
      }
      const asked = lastAsked.get(claims.id);
      if (asked !== undefined && s.now() - asked < 3_000) {
        return jsonResponse(200, { state: 'in-progress', certifyId: entry.certifyId });
      }
      lastAsked.set(claims.id, s.now());
      if (lastAsked.size > 10_000) {
        const oldest = lastAsked.keys().next();
        if (!oldest.done) lastAsked.delete(oldest.value);
      }
      let result: FaceVerifyDescribedResult;
      try {
        result = await describeUpstream(entry.certifyId, entry.flow, locale);
      } catch (error) {
        if (error instanceof MerchantError && error.code === 'not-ready') {
          return jsonResponse(200, { state: 'in-progress', certifyId: entry.certifyId });
        }
        throw error;
      }
      const reply: DescribeResponse = {
        certifyId: result.certifyId,
        passed: result.passed,
        subCode: result.subCode,
        message: result.message,
      };
      await s.handoffStore.set(claims.id, { ...entry, result: reply });
      lastAsked.delete(claims.id);
      s.logger.info('status.finished', { certifyId: entry.certifyId, passed: result.passed });
      await config.onResult?.({ ...result, flow: entry.flow, owner }, request);
      return jsonResponse(200, { state: 'finished', result: reply });
    });
  }

  return { init, describe, callback, handoff, status };
}
